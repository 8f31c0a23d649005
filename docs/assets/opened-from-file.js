// A page of the classroom pack opened as a file (double-clicked) rather than served: browsers run no
// module scripts and no Python from file://, so every widget would sit on "needs JavaScript", which is not
// the reason. A classic script still runs there: it says what is wrong and how to start the pack.
(() => {
  if (location.protocol !== "file:") return;
  const how =
    "This page was opened as a file, so its widgets and tools cannot run: browsers do not run them from files. " +
    "Start the classroom pack instead: in the folder that holds the busan-explainer folder, run " +
    "python3 start-classroom.py (on Windows: py start-classroom.py), then open the address it prints.";
  function say() {
    const content = document.querySelector(".md-content__inner");
    if (content && !content.querySelector(".bx-file-note")) {
      const note = document.createElement("p");
      note.className = "bx-file-note admonition warning";
      note.setAttribute("role", "note");
      note.textContent = how;
      content.prepend(note);
    }
    const waiting = document.querySelectorAll(
      ".bx-status, .bx-builder-nojs, .bx-assign-nojs, .bx-results-nojs",
    );
    for (const element of waiting) element.textContent = how;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", say);
  else say();
})();
