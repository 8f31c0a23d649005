// Quizzes: instant feedback that says why an answer is right or wrong. Plain JavaScript, no Python;
// the answers are in the page too (a <details>), for readers without JavaScript.
import { ANSWER_SPACES } from "./contract.js";
import { plainNumber } from "./format.js";

const SPACES = new RegExp(`^[${ANSWER_SPACES}]+|[${ANSWER_SPACES}]+$`, "g"); // as Python's str.strip(ANSWER_SPACES)

/** A reader's numeric answer judged as explainers/quiz.py check_number judges it: "empty", "not a number",
 *  "right" or "wrong". Thousands separators and a trailing "%" are allowed; otherwise the number is read
 *  by the site's one grammar, so "0x45" or "Infinity" are not numbers. */
export function checkNumber(given, answer, tolerance) {
  if (given.replace(SPACES, "") === "") return "empty";
  const value = plainNumber(given.replaceAll(",", "").replace(SPACES, "").replace(/%$/, ""));
  if (value === null) return "not a number";
  return Math.abs(value - answer) <= tolerance ? "right" : "wrong";
}

export function mountQuiz(form) {
  const feedback = form.querySelector(".bx-quiz__feedback");
  const say = (text, right) => {
    feedback.textContent = text;
    feedback.dataset.result = right ? "right" : "wrong";
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const number = form.querySelector(".bx-quiz__number");
    if (number) {
      const answer = Number(number.dataset.answer); // written by the build (quiz.py), not by the reader
      const result = checkNumber(number.value, answer, Number(number.dataset.tolerance));
      if (result === "empty" || result === "not a number") { say("Type a number first (for example 42).", false); return; }
      const right = result === "right";
      say(`${right ? "Right." : `Not quite: the answer is ${answer}.`} ${number.dataset.why}`, right);
      return;
    }
    const chosen = form.querySelector("input[type=radio]:checked");
    if (!chosen) { say("Choose an answer first.", false); return; }
    const right = chosen.dataset.correct === "true";
    say(`${right ? "Right." : "Not quite."} ${chosen.dataset.why}`, right);
  });
}
