// Numbers as the reader sees them and types them, in the page's language. describe() writes what
// widgets/numbers.py format_value writes, so a slider's value shows at once, before Python has loaded;
// plainNumber() reads text by the grammar of params.NUMBER_TEXT. The constants and each language's
// separators, months and unit words (NUMBER_STYLES) come from the generated contract.js, and the shared
// cases in tests/cases/contract_cases.json and numbers_by_language.json run against both sides (tests/js,
// tests/test_contract.py, tests/test_numbers.py).
//
// The digits come from Intl.NumberFormat("en-US") (its rounding is the one Python copies) and only the
// separators are the language's, from the table Python uses: Intl's own "ru" data agrees today, but its
// month-year ("декабрь 2026 г.") does not, and a browser's locale data varies with its ICU version, which
// a school's old laptop would show as a different number than the build.
import { DEFAULT_DIGITS, MONEY_DIGITS, NUMBER_STYLES, NUMBER_TEXT } from "./contract.js";

const NUMBER = new RegExp(`^(?:${NUMBER_TEXT})$`); // the whole text, as Python's fullmatch

/** Plain decimal text ("12", " -3.5 ", "1e2") as a finite number, or null. Number() alone would also
 *  take "0x10", "0b11", "Infinity" or "" (which it reads as 0).
 *  @param {string} text
 *  @returns {number | null} */
export function plainNumber(text) {
  if (!NUMBER.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

// Made when the page is idle: building a number format loads locale data (tens of ms), which neither
// page start-up nor the reader's first slider move should wait for.
/** @type {Intl.NumberFormat | null} */
let shortest = null;
const numberFormat = () =>
  (shortest ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: DEFAULT_DIGITS }));
(globalThis.requestIdleCallback ?? setTimeout)(numberFormat); // made while idle, not on the first slider move

/** @typedef {{ decimal: string, group: string, percent: string, unit_space: string, money: string, months: readonly string[],
 *    months_of: readonly string[], short_months_of: readonly string[], date: string, month_year: string, no_year: string,
 *    units: Readonly<Record<string, readonly string[]>>, points: readonly string[], plurals: string }} NumberStyle */

/** The page's language (`<html lang>`, Material's theme.language), "en" outside a page (node tests). */
export const pageLanguage = () => (globalThis.document?.documentElement.lang || "en").split("-")[0] ?? "en";

/** How `language` writes numbers; a language without a style writes them in English.
 *  @param {string} language  @returns {NumberStyle} */
function styleOf(language) {
  /** @type {Record<string, NumberStyle>} */
  const styles = NUMBER_STYLES;
  return styles[language] ?? /** @type {NumberStyle} */ (styles.en);
}

/** English digits ("1,234.5") in the language's separators ("1 234,5"), in one pass.
 *  @param {string} english  @param {string} language */
function separators(english, language) {
  const { group, decimal } = styleOf(language);
  return english.replace(/[,.]/g, (mark) => (mark === "," ? group : decimal));
}

/** Which of a unit's forms follows the number written `text` (widgets/numbers.py Style.plural).
 *  @param {string} text  @param {NumberStyle} style */
function pluralForm(text, style) {
  if (style.plurals === "one") return text === "1" ? 0 : 1;
  const digits = text.replaceAll(style.group, "").replace(/^-/, "");
  if (!/^[0-9]+$/.test(digits)) return 1; // a fraction: "1,5 месяца"
  const n = Number(digits);
  if (n % 10 === 1 && n % 100 !== 11) return 0;
  if (n % 10 >= 2 && n % 10 <= 4 && !(n % 100 >= 12 && n % 100 <= 14)) return 1;
  return 2;
}

/** @param {readonly string[]} forms  @param {string} text  @param {NumberStyle} style */
const formFor = (forms, text, style) => forms[Math.min(pluralForm(text, style), forms.length - 1)] ?? "";

/** A number, with `digits` decimals or at most DEFAULT_DIGITS (trailing zeros dropped: 7.5, 10).
 *  @param {number} value  @param {number | null} [digits]  @param {string} [language] */
export function number(value, digits = null, language = pageLanguage()) {
  return separators(digits === null ? numberFormat().format(value) : fixed(value, digits), language);
}

/** A slider's value (its input's dot-decimal text, "12.5") in the box beside it, as a reader types it
 *  back: "12,5" on a Russian page (widgets/numbers.py editable()).
 *  @param {string} plain  @param {string} [language] */
export const editable = (plain, language = pageLanguage()) => plain.replace(".", styleOf(language).decimal);

/** A data table's cell, as explainers/figures.py cell() writes it: a number with its column's decimals in
 *  the page's language, anything else (or a column without decimals) as it is.
 *  @param {unknown} value  @param {number | null} digits  @param {string} [language] */
export function cell(value, digits, language = pageLanguage()) {
  return typeof value === "number" && digits !== null ? number(value, digits, language) : String(value);
}

/** A number written the English way ("1,234.5", as toLocaleString("en-US") writes it) in the language's
 *  separators ("1 234,5").
 *  @param {string} english  @param {string} [language] */
export const inLanguage = (english, language = pageLanguage()) => separators(english, language);

/** A written number and its unit, as the language places them: 12.5%, $1.5 bn, 1 month / 12,5 %, 1 месяц.
 *  @param {string} text  @param {string} unit  @param {string} [language] */
export function withUnit(text, unit, language = pageLanguage()) {
  const style = styleOf(language);
  const words = style.units[unit];
  const word = words ? formFor(words, text, style) : unit;
  if (words && !word.startsWith("%")) return `${text}${style.unit_space}${word}`; // "18 месяцев", "144 млн $"
  if (word === "×") return `${text}×`;
  if (word.startsWith("%")) return `${text}${style.percent}${word}`; // 12%, 10% per year / 12 %, 10 % в год
  if (word.startsWith("$ ")) return `$${text} ${word.slice(2)}`; // $1.5 bn (1,5 млрд $ is a word of its own)
  return word ? `${text}${style.unit_space}${word}` : text;
}

/** The value with its unit: 12.5%, $127.50, 18 months (12,5 %, 127,50 $, 18 месяцев on a Russian page);
 *  `digits` fixes the decimals, as in Python.
 *  @param {number} value
 *  @param {string} unit
 *  @param {number | null} [digits]
 *  @param {string} [language] */
export function describe(value, unit, digits = null, language = pageLanguage()) {
  if (unit === "$")
    return fill(styleOf(language).money, { number: separators(fixed(value, MONEY_DIGITS), language) });
  if (unit === "year") return value ? String(Math.floor(value + 0.5)) : styleOf(language).no_year;
  return withUnit(number(value, digits, language), unit, language);
}

/** A change in a percentage: "2.5 points" / "2,5 п. п.".
 *  @param {number} size  @param {number | null} [digits]  @param {string} [language] */
export function points(size, digits = null, language = pageLanguage()) {
  const style = styleOf(language);
  const text = number(size, digits, language);
  return `${text}${style.unit_space}${formFor(style.points, text, style)}`;
}

/** Two ends with one unit: 10–20%, 5–10 t / 10–20 %, 5–10 т.
 *  @param {number} low  @param {number} high  @param {string} [unit]  @param {number | null} [digits]
 *  @param {string} [language] */
export function numberRange(low, high, unit = "", digits = null, language = pageLanguage()) {
  return withUnit(`${number(low, digits, language)}\u2013${number(high, digits, language)}`, unit, language);
}

/** A day: "7 December 2026" / "7 декабря 2026 г." (`month` from 1).
 *  @param {number} year  @param {number} month  @param {number} day  @param {string} [language] */
export function dayText(year, month, day, language = pageLanguage()) {
  const style = styleOf(language);
  return fill(style.date, { day: String(day), month: style.months_of[month - 1] ?? "", year: String(year) });
}

/** A day in a table: "10 Nov 2025" / "10 нояб. 2025 г." (`month` from 1).
 *  @param {number} year  @param {number} month  @param {number} day  @param {string} [language] */
export function shortDayText(year, month, day, language = pageLanguage()) {
  const style = styleOf(language);
  return fill(style.date, {
    day: String(day),
    month: style.short_months_of[month - 1] ?? "",
    year: String(year),
  });
}

/** A month: "December 2026" / "декабрь 2026" (`month` from 1).
 *  @param {number} year  @param {number} month  @param {string} [language] */
export function monthYear(year, month, language = pageLanguage()) {
  const style = styleOf(language);
  return fill(style.month_year, { month: style.months[month - 1] ?? "", year: String(year) });
}

/** A pattern's {names} filled in, as Python's str.format fills them.
 *  @param {string} pattern  @param {Record<string, string>} values */
const fill = (pattern, values) => pattern.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");

/** @type {Map<number, Intl.NumberFormat>} */
const fixedFormats = new Map(); // one formatter per number of decimals: toLocaleString makes one per call

/** A number with exactly `digits` decimals (anything else, or no digits, as text).
 *  @param {unknown} value
 *  @param {number | null} digits */
export function fixed(value, digits) {
  if (typeof value !== "number" || digits === null) return String(value);
  let format = fixedFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    fixedFormats.set(digits, format);
  }
  return format.format(value);
}
