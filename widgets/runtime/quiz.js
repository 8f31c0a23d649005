// Quizzes: instant feedback that says why an answer is right or wrong. Plain JavaScript, no Python;
// the answers are in the page too (a <details>), for readers without JavaScript.
import { checkNumber } from "./answers.js";
import { inLanguage } from "./format.js";
import { t } from "./words.js";

const TRIES = 2; // a wrong answer gets one more try before the page gives the answer

/** An author's explanation without its own verdict ("Right: for goods…" -> "For goods…"): the page
 *  gives the verdict once, with its mark. */
/** @param {string} why */
export function reason(why) {
  const rest = why.replace(/^(?:right|correct|yes|no|not quite|wrong)\b[.:,;!]?\s*/i, "");
  return rest ? rest.charAt(0).toUpperCase() + rest.slice(1) : why;
}

/** @param {HTMLFormElement} form  a quiz the build wrote (explainers/quiz.py) */
export function mountQuiz(form) {
  const feedback = /** @type {HTMLElement} */ (form.querySelector(".bx-quiz__feedback"));
  let wrong = 0; // wrong answers so far
  /** One verdict: a mark (shape and colour), its word, and the reason. "hint" asks for another answer. */
  /** @param {"right" | "wrong" | "hint"} kind  @param {string} text */
  const say = (kind, text) => {
    const mark = { right: "✓", wrong: "✗", hint: "?" }[kind];
    const word = { right: t("Right."), wrong: t("Not quite."), hint: "" }[kind];
    const icon = Object.assign(document.createElement("span"), {
      className: "bx-quiz__mark",
      textContent: mark,
    });
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
    /** @type {HTMLInputElement | null} */
    const number = form.querySelector(".bx-quiz__number");
    if (number) {
      const answer = Number(number.dataset.answer); // written by the build (quiz.py), not by the reader
      const result = checkNumber(number.value, answer, Number(number.dataset.tolerance));
      if (result === "empty" || result === "not a number") {
        say("hint", t("Type a number first (for example 42 or $42)."));
        return;
      }
      const why = reason(number.dataset.why ?? "");
      if (result === "right") {
        say("right", why);
        return;
      }
      wrong += 1;
      say(
        "wrong",
        wrong < TRIES
          ? t("Have another go: check your working and try once more.")
          : `${t("The answer is {answer}.", { answer: inLanguage(answer.toLocaleString("en-US")) })} ${why}`,
      );
      return;
    }
    /** @type {HTMLInputElement | null} */
    const chosen = form.querySelector("input[type=radio]:checked");
    if (!chosen) {
      say("hint", t("Choose an answer first."));
      return;
    }
    const why = reason(chosen.dataset.why ?? "");
    if (chosen.dataset.correct === "true") {
      say("right", why);
      return;
    }
    wrong += 1;
    if (wrong < TRIES) {
      say("wrong", `${why} ${t("Try once more.")}`);
      return;
    }
    const right = /** @type {HTMLInputElement} */ (
      form.querySelector("input[type=radio][data-correct='true']")
    );
    const label = form.querySelector(`label[for="${right.id}"]`)?.textContent ?? "";
    say(
      "wrong",
      `${why} ${t("The answer is “{answer}”: {why}", { answer: label, why: reason(right.dataset.why ?? "") })}`,
    );
  });
}
