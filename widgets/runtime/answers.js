// A number as a reader types it as an answer: in a quiz (quiz.js), or as an assignment's prediction
// (assign.js). Read as explainers/quiz.py reads it, with the same affixes (contract.js), and held to it
// by the shared cases in tests/cases/contract_cases.json. No page needed: node --test runs it.
import { ANSWER_AFFIXES, ANSWER_GROUP, ANSWER_SPACES, NUMBER_STYLES } from "./contract.js";
import { pageLanguage, plainNumber } from "./format.js";

const SPACES = new RegExp(`^[${ANSWER_SPACES}]+|[${ANSWER_SPACES}]+$`, "g"); // as Python's str.strip(ANSWER_SPACES)
const AFFIXES = new RegExp(ANSWER_AFFIXES, "g"); // as quiz.py's re.sub: both ends, once each
const GROUP = new RegExp(ANSWER_GROUP, "g"); // "270 000" on a page whose language writes "148,5"

/** Whether `language` writes a decimal comma (Russian "148,5"), so that a comma typed there is one.
 *  @param {string} language */
const decimalComma = (language) =>
  /** @type {Record<string, { decimal: string } | undefined>} */ (NUMBER_STYLES)[language]?.decimal === ",";

/** @typedef {"empty" | "not a number" | "right" | "wrong"} Verdict */

/** A typed answer as a finite number, or null: thousands separators, a currency sign, "%" or a unit word
 *  are allowed ("$148", "1,200 t", "16 years"; on a Russian page "148,5", "270 000 т", "12,5 %");
 *  otherwise the number is read by the site's one grammar, so "0x45" or "Infinity" are not numbers.
 *  @param {string} text
 *  @param {string} [language] the page's, unless named
 *  @returns {number | null} */
export function readAnswer(text, language = pageLanguage()) {
  const plain = decimalComma(language) ? plainText(text, language) : text.replaceAll(",", "");
  return plainNumber(plain.replace(SPACES, "").replace(AFFIXES, "").replace(SPACES, ""));
}

/** What a reader typed in a number's box (beside a slider), in the site's one grammar (dot decimal, no
 *  thousands separators) when the page's language writes a decimal comma: "12,5" and "1 500" as "12.5" and
 *  "1500". Anything else is left as typed, for the grammar to refuse.
 *  @param {string} text  @param {string} [language] */
export function plainText(text, language = pageLanguage()) {
  return decimalComma(language) ? text.replace(SPACES, "").replace(GROUP, "").replaceAll(",", ".") : text;
}

/** A reader's numeric answer judged as explainers/quiz.py check_number judges it.
 *  @param {string} given
 *  @param {number} answer
 *  @param {number} tolerance
 *  @param {string} [language] the page's, unless named
 *  @returns {Verdict} */
export function checkNumber(given, answer, tolerance, language = pageLanguage()) {
  if (given.replace(SPACES, "") === "") return "empty";
  const value = readAnswer(given, language);
  if (value === null) return "not a number";
  return Math.abs(value - answer) <= tolerance ? "right" : "wrong";
}
