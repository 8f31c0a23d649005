// A number as a reader types it as an answer: in a quiz (quiz.js), or as an assignment's prediction
// (assign.js). Read as explainers/quiz.py reads it, with the same affixes (contract.js), and held to it
// by the shared cases in tests/cases/contract_cases.json. No page needed: node --test runs it.
import { ANSWER_AFFIXES, ANSWER_SPACES } from "./contract.js";
import { plainNumber } from "./format.js";

const SPACES = new RegExp(`^[${ANSWER_SPACES}]+|[${ANSWER_SPACES}]+$`, "g"); // as Python's str.strip(ANSWER_SPACES)
const AFFIXES = new RegExp(ANSWER_AFFIXES, "g"); // as quiz.py's re.sub: both ends, once each

/** @typedef {"empty" | "not a number" | "right" | "wrong"} Verdict */

/** A typed answer as a finite number, or null: thousands separators, a currency sign, "%" or a unit word
 *  are allowed ("$148", "1,200 t", "16 years"); otherwise the number is read by the site's one grammar,
 *  so "0x45" or "Infinity" are not numbers.
 *  @param {string} text
 *  @returns {number | null} */
export function readAnswer(text) {
  return plainNumber(text.replaceAll(",", "").replace(SPACES, "").replace(AFFIXES, "").replace(SPACES, ""));
}

/** A reader's numeric answer judged as explainers/quiz.py check_number judges it.
 *  @param {string} given
 *  @param {number} answer
 *  @param {number} tolerance
 *  @returns {Verdict} */
export function checkNumber(given, answer, tolerance) {
  if (given.replace(SPACES, "") === "") return "empty";
  const value = readAnswer(given);
  if (value === null) return "not a number";
  return Math.abs(value - answer) <= tolerance ? "right" : "wrong";
}
