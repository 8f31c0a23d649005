// Quizzes: instant feedback that says why an answer is right or wrong. Plain JavaScript, no Python;
// the answers are in the page too (a <details>), for readers without JavaScript.
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
      const given = Number(number.value.replace(/[,%\s]/g, ""));
      if (number.value.trim() === "" || !Number.isFinite(given)) { say("Type a number first (for example 42).", false); return; }
      const answer = Number(number.dataset.answer);
      const right = Math.abs(given - answer) <= Number(number.dataset.tolerance);
      say(`${right ? "Right." : `Not quite: the answer is ${answer}.`} ${number.dataset.why}`, right);
      return;
    }
    const chosen = form.querySelector("input[type=radio]:checked");
    if (!chosen) { say("Choose an answer first.", false); return; }
    const right = chosen.dataset.correct === "true";
    say(`${right ? "Right." : "Not quite."} ${chosen.dataset.why}`, right);
  });
}
