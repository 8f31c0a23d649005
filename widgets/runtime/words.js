// The runtime's own words in the page's language (document.documentElement.lang): t() and tn() look a
// message up in the language's catalog, compiled at build time from the same PO file as the Python's
// (explainers/catalogs.py writes assets/runtime/words/<code>.json), and return the English message, the
// code's own, when there is no translation. The same JSON goes to Python's worker (python.js), so the
// models' sentences come out in the page's language too.
//
// Placeholders are named, "{count} settings changed", and filled from `values`: a translation may put
// them in any order. Babel extracts t("…") and tn("…", "…", n) calls (babel.cfg): a message must be a
// string literal, never built at run time, or it cannot be looked up.
import { site } from "./contract.js";
import { pageLanguage } from "./format.js";

/** @typedef {{ language: string, messages: Record<string, string>, plurals: Record<string, string[]> }} Catalog */

const ORIGINAL = "en";

/** Which plural form a count takes: the rule of each language's Plural-Forms header (widgets/words.py
 *  holds the same rules; tests/test_catalogs.py checks both against the PO files).
 *  @type {Record<string, (n: number) => number>} */
const PLURAL_RULES = {
  en: (n) => (n === 1 ? 0 : 1),
  ru: (n) =>
    n % 10 === 1 && n % 100 !== 11
      ? 0
      : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20)
        ? 1
        : 2,
};

/** The form a count with decimals takes ("1.5 points", "1,5 пункта"): gettext's rules speak of integers.
 *  @type {Record<string, number>} */
const FRACTION_FORMS = { en: 1, ru: 1 };

/** @type {Catalog} */
let catalog = { language: ORIGINAL, messages: {}, plurals: {} };
let catalogText = "";
/** @type {Promise<void> | null} */
let loading = null;
let loadedFor = ORIGINAL;

// The page's language (<html lang>) is format.js's pageLanguage: one reading for words and numbers.
export { pageLanguage };

/** Read the page's catalog (once per language; English needs none). A catalog that cannot be read leaves
 *  the English words: a page in the wrong language is better than a page that does not work.
 *  @returns {Promise<void>} */
export function loadWords() {
  const language = pageLanguage();
  if (loading && loadedFor === language) return loading;
  loadedFor = language;
  if (language === ORIGINAL || !(language in PLURAL_RULES)) {
    useWords("");
    loading = Promise.resolve();
    return loading;
  }
  loading = fetch(site(`assets/runtime/words/${language}.json`))
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.text();
    })
    .then((text) => useWords(text))
    .catch(() => useWords(""));
  return loading;
}

/** Write in the language of `text`, a catalog as explainers/catalogs.py compiles it ("": English).
 *  @param {string} text */
export function useWords(text) {
  catalog = text
    ? /** @type {Catalog} */ (JSON.parse(text))
    : { language: ORIGINAL, messages: {}, plurals: {} };
  catalogText = text;
}

/** The language the words are in now, and its catalog as JSON text ("" for English): what Python's worker
 *  is given (widgets/words.py use_json). */
export const wordsForPython = () => ({ language: catalog.language, text: catalogText });

/** @param {string} text  @param {Record<string, string | number>} values */
function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** `message` in the page's language, its {placeholders} filled.
 *  @param {string} message  @param {Record<string, string | number>} [values] */
export function t(message, values = {}) {
  return fill(catalog.messages[message] || message, values);
}

/** The form of a message for `count` things ("1 month", "5 months"; Russian has three forms). `{count}` is
 *  filled with the count, as it is written (the caller may pass a formatted one in `values`).
 *  @param {string} singular  @param {string} plural  @param {number} count
 *  @param {Record<string, string | number>} [values] */
export function tn(singular, plural, count, values = {}) {
  const forms = catalog.plurals[singular];
  const rule = PLURAL_RULES[catalog.language] ?? PLURAL_RULES[ORIGINAL];
  const index = !Number.isInteger(count)
    ? (FRACTION_FORMS[catalog.language] ?? 1)
    : rule
      ? rule(Math.abs(count))
      : 0;
  const form = forms?.[index] || (count === 1 ? singular : plural);
  return fill(form, { count, ...values });
}

/** The plural form index for a count in a language (tests: the rule matches the catalog's header).
 *  @param {string} language  @param {number} count */
export const pluralIndex = (language, count) => (PLURAL_RULES[language] ?? (() => 0))(count);
