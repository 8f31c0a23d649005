// Entry point, loaded once per visit (extra_javascript). Material's instant navigation swaps the page
// body without reloading scripts, so figures are mounted on every `document$` emission, and the
// Python worker (python.js) lives on across pages.
import { mountChart, unmountAll } from "./charts.js";
import { offerOffline } from "./offline.js";
import { startPython } from "./python.js";
import { mountQuiz } from "./quiz.js";
import { mountReuse } from "./reuse.js";
import { mountWidget } from "./widget.js";
import { loadWords } from "./words.js";

// Python takes seconds to boot: on a page with a widget, start it before anything else.
if (document.querySelector("figure.bx-widget")) startPython().catch(() => {}); // reported via onStatus

/** @type {(() => void)[]} */
let unmountWidgets = []; // the widgets of the current page: their listeners outside the page end with it

function mountPage() {
  // After a widget page's Python is ready: the offline copy (offline.js). Also after instant navigation.
  if (document.querySelector("figure.bx-widget")) startPython().then(offerOffline, () => {});
  unmountAll(); // finalize the Vega views of the page being left
  for (const unmount of unmountWidgets) unmount();
  unmountWidgets = [];
  mountReuse(document); // downloads, citations, old-link notices: before the widgets rewrite the address
  for (const figure of /** @type {NodeListOf<HTMLElement>} */ (
    document.querySelectorAll("figure.bx-figure")
  )) {
    if (figure.classList.contains("bx-widget")) unmountWidgets.push(mountWidget(figure));
    else mountChart(figure);
  }
  for (const quiz of /** @type {NodeListOf<HTMLFormElement>} */ (document.querySelectorAll("form.bx-quiz")))
    mountQuiz(quiz);
  // The teachers' assignment builder, on its one page only (loaded when needed).
  /** @type {HTMLElement | null} */
  const builder = document.querySelector(".bx-builder");
  if (builder) import("./builder.js").then(({ mountBuilder }) => mountBuilder(builder));
  /** @type {HTMLElement | null} */
  const results = document.querySelector(".bx-results"); // the class results page
  if (results) import("./results.js").then(({ mountResults }) => mountResults(results));
  // Short addresses: the go/ page that opens a short code, and the lessons' short links (go.js).
  if (document.querySelector(".bx-go-open, a.bx-go-link"))
    import("./go.js").then(({ mountGo }) => mountGo(document));
}

// In a task of its own, not inside Material's page-change handler, which is already one of the longest
// tasks of a page load (the figures show their build-time pictures meanwhile).
// The page's words first (words.js: nothing to wait for in English, one small file in another language).
const mountSoon = () => setTimeout(() => loadWords().then(mountPage), 0);

if (window.document$) {
  window.document$.subscribe(mountSoon);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountSoon, { once: true });
} else {
  mountSoon();
}
