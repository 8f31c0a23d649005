// Quizzes: instant feedback that says why an answer is right or wrong. Plain JavaScript, no Python;
// the answers are in the page too (a <details>), for readers without JavaScript.
import { ANSWER_AFFIXES, ANSWER_SPACES } from "./contract.js";
import { plainNumber } from "./format.js";

const SPACES = new RegExp(`^[${ANSWER_SPACES}]+|[${ANSWER_SPACES}]+$`, "g"); // as Python's str.strip(ANSWER_SPACES)
const AFFIXES = new RegExp(ANSWER_AFFIXES, "g"); // as quiz.py's re.sub: both ends, once each
const TRIES = 2; // a wrong answer gets one more try before the page gives the answer

/** A reader's numeric answer judged as explainers/quiz.py check_number judges it: "empty", "not a number",
 *  "right" or "wrong". Thousands separators, a currency sign, "%" or a unit word are allowed ("$148",
 *  "16 years"); otherwise the number is read by the site's one grammar, so "0x45" or "Infinity" are not numbers. */
export function checkNumber(given, answer, tolerance) {
  if (given.replace(SPACES, "") === "") return "empty";
  const value = plainNumber(given.replaceAll(",", "").replace(SPACES, "").replace(AFFIXES, "").replace(SPACES, ""));
  if (value === null) return "not a number";
  return Math.abs(value - answer) <= tolerance ? "right" : "wrong";
}

/** An author's explanation without its own verdict ("Right: for goods…" -> "For goods…"): the page
 *  gives the verdict once, with its mark. */
export function reason(why) {
  const rest = why.replace(/^(?:right|correct|yes|no|not quite|wrong)\b[.:,;!]?\s*/i, "");
  return rest ? rest[0].toUpperCase() + rest.slice(1) : why;
}

export function mountQuiz(form) {
  const feedback = form.querySelector(".bx-quiz__feedback");
  let wrong = 0; // wrong answers so far
  /** One verdict: a mark (shape and colour), its word, and the reason. "hint" asks for another answer. */
  const say = (kind, text) => {
    const mark = { right: "✓", wrong: "✗", hint: "?" }[kind];
    const word = { right: "Right.", wrong: "Not quite.", hint: "" }[kind];
    const icon = Object.assign(document.createElement("span"), { className: "bx-quiz__mark", textContent: mark });
    icon.setAttribute("aria-hidden", "true"); // the word says it to a screen reader
    feedback.replaceChildren(
      icon,
      ...(word ? [Object.assign(document.createElement("strong"), { textContent: word }), " "] : []),
      text,
    );
    feedback.dataset.result = kind;
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const number = form.querySelector(".bx-quiz__number");
    if (number) {
      const answer = Number(number.dataset.answer); // written by the build (quiz.py), not by the reader
      const result = checkNumber(number.value, answer, Number(number.dataset.tolerance));
      if (result === "empty" || result === "not a number") { say("hint", "Type a number first (for example 42 or $42)."); return; }
      if (result === "right") { say("right", reason(number.dataset.why)); return; }
      wrong += 1;
      say("wrong", wrong < TRIES ? "Have another go: check your working and try once more."
        : `The answer is ${answer.toLocaleString("en-US")}. ${reason(number.dataset.why)}`);
      return;
    }
    const chosen = form.querySelector("input[type=radio]:checked");
    if (!chosen) { say("hint", "Choose an answer first."); return; }
    if (chosen.dataset.correct === "true") { say("right", reason(chosen.dataset.why)); return; }
    wrong += 1;
    if (wrong < TRIES) { say("wrong", `${reason(chosen.dataset.why)} Try once more.`); return; }
    const right = form.querySelector("input[type=radio][data-correct='true']");
    const label = form.querySelector(`label[for="${right.id}"]`)?.textContent ?? "";
    say("wrong", `${reason(chosen.dataset.why)} The answer is “${label}”: ${reason(right.dataset.why)}`);
  });
}
