// What a widget says to a reader who cannot see it (PhET's "interactive description"): after the reader
// pauses, one sentence from the model (widgets/describe.py) on what changed, in a polite live region; a
// brief / full / off setting, remembered; a button to hear the last change again; each chart's summary
// rewritten with every result; and Python's loading said at a few milestones, not at every chunk.
import { onStatus } from "./python.js";
import { t } from "./words.js";

const SETTING = "bx-description"; // localStorage: "brief", "full" or "off", for every widget of the site
const QUIET_MS = 500; // said this long after the last result: never on every step of a held arrow key
/** @typedef {"brief" | "full" | "off"} Mode */
/** @type {[Mode, string][]} */
const MODES = [
  ["brief", t("Brief")],
  ["full", t("In full")],
  ["off", t("Off")],
];

/** @returns {Mode} */
const readMode = () => {
  try {
    const mode = localStorage.getItem(SETTING);
    return MODES.find(([value]) => value === mode)?.[0] ?? "brief";
  } catch {
    return "brief"; // storage refused (private mode, a school's policy): the default, not remembered
  }
};

/**
 * @template {keyof HTMLElementTagNameMap} Tag
 * @param {Tag} tag
 * @param {Partial<HTMLElementTagNameMap[Tag]>} [props]
 * @param {(Node | string)[]} [children]
 * @returns {HTMLElementTagNameMap[Tag]}
 */
function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** Mount the description of one widget; returns previous(), the settings the last sentence described.
 *  @param {HTMLElement} figure
 *  @param {WidgetMeta} meta
 *  @returns {{ previous: () => Record<string, number> }} */
export function mountDescription(figure, meta) {
  const key = figure.id;
  const said = element("p", { className: "bx-said", id: `${key}-said` });
  said.setAttribute("role", "status"); // polite; changed only when there is something new to say
  const select = element(
    "select",
    { id: `${key}-describe` },
    MODES.map(([value, text]) => element("option", { value, text })),
  );
  select.value = readMode();
  const again = element("button", {
    type: "button",
    className: "md-button bx-say-again",
    textContent: t("Say the last change again"),
  });
  const panel = element("div", { className: "bx-speech" }, [
    element("label", { htmlFor: select.id, textContent: t("Describe each change: ") }),
    select,
    again,
  ]);
  // Under the result, not in it: on a phone the result sticks at the top of the screen (widgets.css).
  /** @type {Element} */ (figure.querySelector(".bx-result") ?? figure.querySelector(".bx-figures")).after(
    said,
    panel,
  );
  // The sentence says when the baseline changes: its own line no longer needs to (a preset press is one
  // announcement, not two).
  const baselineLine = figure.querySelector(".bx-baseline");
  baselineLine?.removeAttribute("role");
  let baseline = baselineLine?.querySelector("strong")?.textContent ?? "";

  /** @type {Record<string, number> | null} */
  let announced = null; // the settings the last sentence described: the next result is said against them
  /** @type {{ description: import("./contract.js").DescriptionReply, settings: Record<string, number>, baseline: string } | null} */
  let latest = null; // the newest result's words
  let acted = false; // a reader's change is waiting to be said (a shared link's restore is not said)
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let last = "";

  /** @param {Mode} mode */
  const text = (mode) => {
    if (mode === "off" || !latest) return "";
    const words = latest.description[mode === "full" ? "full" : "brief"];
    return latest.baseline === baseline
      ? words
      : `${t("New baseline: {baseline}.", { baseline: latest.baseline })} ${words}`;
  };
  /** @param {string} sentence */
  const say = (sentence) => {
    if (!sentence) return;
    last = sentence;
    said.textContent = sentence;
  };
  const speakSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!acted || !latest) return;
      acted = false;
      say(text(/** @type {Mode} */ (select.value)));
      announced = latest.settings;
      baseline = latest.baseline;
    }, QUIET_MS);
  };

  /** @param {Event} event */
  const act = (event) => {
    if (/** @type {Element} */ (event.target).closest?.(".bx-speech")) return; // the description's own controls change nothing
    acted = true;
    clearTimeout(timer); // wait for the result of this change
  };
  figure.addEventListener("input", act);
  figure.addEventListener("click", (event) => {
    if (/** @type {Element} */ (event.target).closest("button")) act(event);
  });

  figure.addEventListener("bx:result", ({ detail }) => {
    const { result, settings } = detail;
    if (!result.ok || !result.description) return;
    latest = { description: result.description, settings, baseline: result.baseline };
    for (const summary of /** @type {NodeListOf<HTMLElement>} */ (
      figure.querySelectorAll(".bx-chart-summary")
    )) {
      const words = result.description.charts[summary.dataset.chart ?? ""];
      if (words && summary.textContent !== words) summary.textContent = words; // not live: read when visited
    }
    if (!acted) {
      // not the reader's change: nothing to say, but later changes start here
      announced = settings;
      baseline = result.baseline;
    } else speakSoon();
  });

  select.addEventListener("change", () => {
    try {
      localStorage.setItem(SETTING, select.value);
    } catch {
      /* not remembered, still used */
    }
    for (const other of /** @type {NodeListOf<HTMLSelectElement>} */ (
      document.querySelectorAll(".bx-speech select")
    )) {
      other.value = select.value;
    }
    said.hidden = select.value === "off";
  });
  said.hidden = select.value === "off";
  again.addEventListener("click", () => {
    const mode = /** @type {Mode} */ (select.value);
    const sentence = last || text(mode === "off" ? "brief" : mode);
    if (!sentence) return;
    said.hidden = false;
    said.textContent = ""; // the same words again are only announced if the region changes
    setTimeout(() => {
      said.textContent = sentence;
    }, 100);
  });

  return { previous: () => announced ?? meta.start };
}

/** Python's loading, said in a status region of the page's first widget at a few milestones: the start, each
 *  quarter of the download, ready or unavailable. The visible status line still counts every megabyte.
 *  @param {HTMLElement} figure
 *  @returns {() => void} the unsubscribe */
export function mountLoadingNews(figure) {
  if (document.querySelector("figure.bx-widget") !== figure) return () => {}; // one voice per page
  const news = element("p", { className: "bx-visually-hidden bx-loading-news" });
  news.setAttribute("role", "status");
  /** @type {Element} */ (figure.querySelector(".bx-status")).after(news);
  let phase = "";
  let quarter = 0;
  return onStatus(({ phase: now, text }) => {
    // "Loading Python: 3.2 of 10.6 MB" in any language ("3,2 из 10,6 МБ" on a Russian page, python.js): the
    // two numbers before the unit.
    const progress = /([\d.,]+)\D+([\d.,]+)\s*(?:MB|МБ)/.exec(text ?? "");
    /** @param {string} written */
    const megabytes = (written) => Number(written.replace(",", "."));
    if (now === "loading" && phase === "loading") {
      const reached = progress
        ? Math.floor((4 * megabytes(progress[1] ?? "")) / megabytes(progress[2] ?? ""))
        : 0;
      if (reached <= quarter || reached >= 4) return;
      quarter = reached;
      news.textContent = t("Loading Python: {percent}%.", { percent: reached * 25 });
      return;
    }
    if (now === phase) return;
    phase = now;
    quarter = 0;
    /** @type {Partial<Record<import("./python.js").Phase, string>>} */
    const words = {
      loading: t("Loading Python for the interactive charts."),
      ready: t("Interactive charts ready."),
      restarting: text,
      unavailable: text,
    };
    news.textContent = words[now] ?? "";
  });
}
