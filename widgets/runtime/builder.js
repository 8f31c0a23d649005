// The teachers' link builder: pick a widget, set its starting values, mark each slider free, locked or
// hidden and each result shown, shown after the prediction, or hidden; add a question and a prediction.
// It writes the assignment link (assignment-link.js), the <iframe> snippet and a printable card. Every
// name comes from the registry metadata the build wrote into the page (explainers/assign.py).

import { el } from "./assign.js";
import { assignmentLink, localOnly, ownChoice } from "./assignment-link.js";
import { GO_FOLDER } from "./contract.js";
import { editionRoot } from "./edition.js";
import { number } from "./format.js";
import { pageData } from "./page-data.js";
import { qrCode } from "./qr.js";
import { shortCode } from "./short-link.js";
import { t } from "./words.js";

/** @typedef {import("./assignment-link.js").LinkChoices} LinkChoices */

// Functions, not constants: the words are looked up once the page's catalog is read (main.js mounts the
// builder after loadWords()). The values are link words, never translated.
/** @returns {[string, string][]} */
const SLIDER = () => [
  ["free", t("Free to move")],
  ["lock", t("Locked (shown, set by you)")],
  ["hide", t("Hidden")],
];
/** @returns {[string, string][]} */
const RESULT = () => [
  ["shown", t("Shown")],
  ["reveal", t("After their prediction")],
  ["hide", t("Hidden")],
];

/** @param {string} text */
const escapeHtml = (text) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** @param {string[][]} pairs  [value, label] each  @param {string} selected */
const options = (pairs, selected) =>
  pairs.map(([value, label]) => el("option", { value, text: label, selected: value === selected }));

/** One of the builder's tables (a row per slider or result), scrolling inside its own box on a phone.
 *  @param {string[]} heads  the column headings  @param {HTMLElement} body  its tbody */
const choiceTable = (heads, body) =>
  el(
    "div",
    { class: "bx-builder-scroll" },
    el(
      "table",
      { class: "bx-builder-table" },
      el("thead", {}, el("tr", {}, ...heads.map((text) => el("th", { scope: "col", text })))),
      body,
    ),
  );

/** Whether this page came from the classroom pack's start script, which keeps short links
 *  (explainers/classroom_start.py says so in a Server-Timing entry: no request needed to find out). */
const packKeepsShortLinks = () =>
  /** @type {PerformanceNavigationTiming | undefined} */ (
    performance.getEntriesByType("navigation")[0]
  )?.serverTiming?.some((entry) => entry.name === "classroom-pack") ?? false;

/** @param {HTMLElement} root  the builder's place on its page (explainers/assign.py) */
export function mountBuilder(root) {
  /** @type {{ widgets: BuilderWidget[] }} */
  const { widgets } = pageData(root, "bx-builder-meta");
  const first = widgets[0];
  if (!first) return; // a site without widgets has nothing to assign
  const base = new URL("../../", import.meta.url); // the site's root, wherever it is served
  // The students' page in the builder's own edition (assign/… in English, as links already shared;
  // ru/assign/… in Russian), with the same query: names, keys and values are never translated.
  const edition = editionRoot(base);
  root.querySelector(".bx-builder-nojs")?.remove();
  const byName = new Map(widgets.map((w) => [w.widget, w]));

  const widgetSelect = el(
    "select",
    { id: "bx-b-widget" },
    ...options(
      widgets.map((w) => [w.widget, w.title]),
      first.widget,
    ),
  );
  const presetSelect = el("select", { id: "bx-b-preset" });
  const lesson = el("input", {
    id: "bx-b-lesson",
    type: "text",
    maxlength: "80",
    placeholder: t("e.g. Lesson 1: Tariffs, step 3"),
  });
  const question = el("textarea", { id: "bx-b-question", rows: "2", maxlength: "300" });
  const predict = el("select", { id: "bx-b-predict" });
  const kind = el(
    "select",
    { id: "bx-b-kind" },
    ...options(
      [
        ["number", t("A number")],
        ["choice", t("A choice between options")],
      ],
      "number",
    ),
  );
  const choiceText = el("textarea", {
    id: "bx-b-choices",
    rows: "3",
    "aria-describedby": "bx-b-choices-help",
  });
  const choiceField = el(
    "div",
    { class: "bx-builder-field", hidden: true },
    el("label", { for: "bx-b-choices", text: t("Options, one per line (two to six)") }),
    choiceText,
    el("p", {
      id: "bx-b-choices-help",
      class: "bx-builder-help",
      text: t("Students pick one; the page then shows their choice beside the model's value."),
    }),
  );
  const sliderBody = el("tbody");
  const resultBody = el("tbody");
  const status = el("p", { class: "bx-builder-status", role: "status" });
  const giveaway = el("p", { class: "bx-builder-warning", role: "status" });
  const hostWarning = el("p", { class: "bx-builder-warning bx-builder-host", role: "status" });

  const linkField = el("input", { id: "bx-b-link", type: "url", readonly: true });
  const shortField = el("input", { id: "bx-b-short", type: "url", readonly: true });
  const shortLabel = el("label", { for: "bx-b-short" });
  const shortBox = el("div", { class: "bx-builder-field", hidden: true }, shortLabel, shortField);
  const snippetField = el("textarea", { id: "bx-b-snippet", rows: "3", readonly: true });
  const openLink = el("a", {
    class: "md-button",
    target: "_blank",
    rel: "noopener",
    text: t("Open it as a student"),
  });
  const copyLink = el("button", {
    type: "button",
    class: "md-button md-button--primary",
    text: t("Copy the link"),
  });
  const copySnippet = el("button", { type: "button", class: "md-button", text: t("Copy the snippet") });
  const printCard = el("button", { type: "button", class: "md-button", text: t("Print the card") });
  const projectCard = el("button", {
    type: "button",
    class: "md-button",
    text: t("Show the card full screen (for a projector)"),
  });
  const copied = el("p", { class: "bx-builder-status", role: "status" });
  const card = el("div", { class: "bx-card", "aria-label": t("Printable card") });

  const form = el(
    "form",
    { class: "bx-builder-form", "aria-label": t("Assignment builder") },
    el(
      "fieldset",
      {},
      el("legend", { text: t("1. Widget and lesson") }),
      el(
        "div",
        { class: "bx-builder-field" },
        el("label", { for: "bx-b-widget", text: t("Widget") }),
        widgetSelect,
      ),
      el(
        "div",
        { class: "bx-builder-field" },
        el("label", { for: "bx-b-preset", text: t("Start from") }),
        presetSelect,
      ),
      el(
        "div",
        { class: "bx-builder-field" },
        el("label", {
          for: "bx-b-lesson",
          text: t("Lesson or assignment name (names the student's worksheet file)"),
        }),
        lesson,
      ),
    ),
    el(
      "fieldset",
      {},
      el("legend", { text: t("2. Starting values, and what students may do with each slider") }),
      choiceTable([t("Slider"), t("Starting value"), t("Students see it")], sliderBody),
    ),
    el(
      "fieldset",
      {},
      el("legend", { text: t("3. Results and charts") }),
      el("p", {
        class: "bx-builder-help",
        text: t(
          "“After their prediction”: left out of the page until the student has entered a prediction. While any result is withheld, the data table is too.",
        ),
      }),
      choiceTable([t("Result"), t("Students see it")], resultBody),
    ),
    el(
      "fieldset",
      {},
      el("legend", { text: t("4. Question and prediction (optional)") }),
      el(
        "div",
        { class: "bx-builder-field" },
        el("label", { for: "bx-b-question", text: t("Question for the students") }),
        question,
      ),
      el(
        "div",
        { class: "bx-builder-field" },
        el("label", { for: "bx-b-predict", text: t("Students first predict") }),
        predict,
      ),
      el(
        "div",
        { class: "bx-builder-field" },
        el("label", { for: "bx-b-kind", text: t("Their prediction is") }),
        kind,
      ),
      choiceField,
    ),
    giveaway,
    status,
  );
  form.addEventListener("submit", (event) => event.preventDefault());
  const out = el(
    "section",
    { class: "bx-builder-out", "aria-labelledby": "bx-b-out-title" },
    el("h2", { id: "bx-b-out-title", text: t("Your assignment") }),
    el(
      "div",
      { class: "bx-builder-field" },
      el("label", { for: "bx-b-link", text: t("Link for your students") }),
      linkField,
    ),
    shortBox,
    hostWarning,
    el("div", {}, copyLink, openLink),
    el(
      "div",
      { class: "bx-builder-field" },
      el("label", { for: "bx-b-snippet", text: t("To embed it in a course page (<iframe>)") }),
      snippetField,
    ),
    el("div", {}, copySnippet, printCard, projectCard),
    copied,
    card,
  );
  root.append(form, out);

  let current = first;
  /** @type {string | null} */
  let shortFor = null; // the link the short link shown stands for
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let asking;
  // The shortest form of the link: the classroom pack's /s/<n> while it runs, else the go/ page's short
  // code (short-link.js), which works on any copy of the site; none when neither is shorter.
  /** @param {string} link  @returns {Promise<string | null>} */
  async function packLink(link) {
    if (!packKeepsShortLinks() || localOnly(base)) return null;
    const target = new URL(link);
    const answer = await fetch(new URL("short-link", base), {
      method: "POST",
      body: target.pathname + target.search,
    });
    return new URL((await answer.json()).path, base).href;
  }
  /** @param {string} link  @returns {Promise<string | null>} */
  async function codeLink(link) {
    // The same code in every edition (it holds the assignment, not the language); the edition's own go/
    // page opens it in that edition (go.js).
    const code = await shortCode(link, edition);
    return code && new URL(`${GO_FOLDER}/#${code}`, edition).href;
  }
  /** @param {string} link */
  async function askShortLink(link) {
    clearTimeout(asking);
    asking = setTimeout(async () => {
      const found = await Promise.all([packLink(link), codeLink(link)].map((made) => made.catch(() => null)));
      const [pack] = found;
      const shortest = found
        .filter(/** @returns {href is string} */ (href) => !!href && href.length < link.length)
        .sort((a, b) => a.length - b.length)[0];
      if (!shortest || linkField.value !== link) return; // the teacher changed something meanwhile
      shortFor = link;
      shortField.value = shortest;
      shortLabel.textContent =
        shortest === pack
          ? t("Short link, to type from the board (works while the classroom pack is running)")
          : t("Shorter link, to type (it holds the whole assignment: a long question makes it long)");
      shortBox.hidden = false;
      card.querySelector(".bx-card-short")?.replaceChildren(t("Or type: {link}", { link: shortField.value }));
    }, 300);
  }
  /** @type {{ sliders: Map<string, HTMLSelectElement>, results: Map<string, HTMLSelectElement> }} */
  const selects = { sliders: new Map(), results: new Map() };
  /** @type {Map<string, HTMLInputElement>} */
  const numbers = new Map();

  /** @param {string} name */
  function setWidget(name) {
    current = byName.get(name) ?? current;
    presetSelect.replaceChildren(
      ...options([["", t("Its default settings")], ...current.presets.map((p) => [p.key, p.label])], ""),
    );
    sliderBody.replaceChildren();
    resultBody.replaceChildren();
    selects.sliders.clear();
    selects.results.clear();
    numbers.clear();
    for (const param of current.params) {
      // The label and the unit's words are in the page's language (explainers/assign.py); the name is not.
      const heading = param.unitText
        ? t("{setting} ({unit})", { setting: param.label, unit: param.unitText })
        : param.label;
      const number = el("input", {
        type: "number",
        min: param.minimum,
        max: param.maximum,
        step: param.step,
        value: param.default,
        "aria-label": t("{setting}: starting value", { setting: heading }),
        "data-param": param.name,
      });
      const mode = el(
        "select",
        {
          "aria-label": t("{setting}: what students may do", { setting: param.label }),
          "data-slider": param.name,
        },
        ...options(SLIDER(), "free"),
      );
      numbers.set(param.name, number);
      selects.sliders.set(param.name, mode);
      sliderBody.append(
        el("tr", {}, el("th", { scope: "row", text: heading }), el("td", {}, number), el("td", {}, mode)),
      );
    }
    const results = [
      ...current.figures.map((f) => ({ key: f.key, label: t("{readout} (read-out)", { readout: f.label }) })),
      ...current.charts.map((c) => ({ key: c.name, label: t("Chart: {title}", { title: c.title }) })),
    ];
    for (const { key, label } of results) {
      const mode = el(
        "select",
        { "aria-label": t("{result}: what students see", { result: label }), "data-result": key },
        ...options(RESULT(), "shown"),
      );
      selects.results.set(key, mode);
      resultBody.append(el("tr", {}, el("th", { scope: "row", text: label }), el("td", {}, mode)));
    }
    predict.replaceChildren(
      ...options([["", t("Nothing: no prediction")], ...current.figures.map((f) => [f.key, f.label])], ""),
    );
    update();
  }

  /** @returns {LinkChoices & { notes: string[] }} */
  function choices() {
    /** @type {Record<string, number>} */
    const values = {};
    /** @type {string[]} */
    const notes = [];
    for (const param of current.params) {
      const field = /** @type {HTMLInputElement} */ (numbers.get(param.name));
      let value = field.value === "" ? param.default : Number(field.value);
      if (!Number.isFinite(value)) value = param.default;
      const clamped = Math.min(Math.max(value, param.minimum), param.maximum);
      if (clamped !== value) {
        notes.push(
          t("{setting} must be between {minimum} and {maximum}; {value} was changed to {clamped}.", {
            setting: param.label,
            minimum: number(param.minimum),
            maximum: number(param.maximum),
            value: number(value),
            clamped: number(clamped),
          }),
        );
        field.value = String(clamped);
      }
      values[param.name] = clamped;
    }
    // The selects offer only these values (SLIDER, RESULT).
    const sliders = /** @type {LinkChoices["sliders"]} */ (
      Object.fromEntries([...selects.sliders].map(([name, select]) => [name, select.value]))
    );
    const results = /** @type {LinkChoices["results"]} */ (
      Object.fromEntries([...selects.results].map(([name, select]) => [name, select.value]))
    );
    if (predict.value) results[predict.value] = "reveal"; // the page withholds what is predicted in any case
    const list = [
      ...new Set(
        choiceText.value
          .split("\n")
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ];
    if (predict.value && kind.value === "choice" && (list.length < 2 || list.length > 6))
      notes.push(t("A choice needs two to six options."));
    if (predict.value && kind.value === "choice" && list.some((c) => c !== ownChoice(c))) {
      notes.push(t("In the link, “|” separates the options, so an option's “|” is written as “/”."));
    }
    return {
      values,
      sliders,
      results,
      predict: predict.value,
      kind: kind.value === "choice" ? "choice" : "number",
      choices: list.slice(0, 6),
      question: question.value.trim(),
      lesson: lesson.value.trim(),
      notes,
    };
  }

  function update() {
    const made = choices();
    const link = assignmentLink(current, made, edition);
    const title = made.lesson || t("Assignment: {title}", { title: current.title });
    linkField.value = link;
    openLink.href = link;
    if (shortFor !== link) {
      shortBox.hidden = true;
      askShortLink(link);
    }
    snippetField.value = `<iframe src="${escapeHtml(link)}" title="${escapeHtml(title)}" width="100%" height="1400" style="border:0"></iframe>`;
    const predicted = current.figures.find((f) => f.key === made.predict);
    const openCharts = predicted && current.charts.some((c) => made.results[c.name] === "shown");
    // A read-out left on screen from which the predicted value follows at once (explainers/assign.py).
    const telling = (current.givesAway[made.predict] ?? [])
      .filter((key) => made.results[key] === "shown")
      .map((key) => current.figures.find((f) => f.key === key)?.label)
      .filter(Boolean);
    giveaway.textContent = telling.length
      ? t(
          "Students could work out their prediction from a read-out you left shown: {readouts}. Consider “After their prediction” or “Hidden” for it.",
          { readouts: telling.join("; ") },
        )
      : "";
    hostWarning.textContent = localOnly(base)
      ? t(
          "This link starts with {host}, which means “this computer”: students' devices cannot open it. Start the classroom pack with its start script (see “For teachers”) and open this builder at the network address the script prints; links made there work for every device on the school network.",
          { host: base.host },
        )
      : "";
    status.textContent = [
      ...made.notes,
      openCharts
        ? t("The charts may show the answer to the prediction: consider “After their prediction” for them.")
        : "",
    ]
      .filter(Boolean)
      .join(" ");
    card.replaceChildren(
      el("h3", { text: title }),
      ...(made.question ? [el("p", { text: made.question })] : []),
      ...(predicted
        ? [el("p", { text: t("You will first predict: {readout}.", { readout: predicted.label }) })]
        : []),
      el(
        "div",
        { class: "bx-card-qr" },
        qrCode(link, t("QR code of the assignment link: {link}", { link })),
        el(
          "div",
          {},
          el("p", {
            text: t("Scan the code with a phone or tablet camera, or open this link in a browser:"),
          }),
          el("p", { class: "bx-card-link", text: link }),
          el("p", {
            class: "bx-card-short",
            text: shortFor === link ? t("Or type: {link}", { link: shortField.value }) : "",
          }),
        ),
      ),
      el("p", {
        text: t(
          "Fill in the worksheet at the bottom of the page, then print it or download it and hand it in.",
        ),
      }),
    );
  }

  widgetSelect.addEventListener("change", () => setWidget(widgetSelect.value));
  presetSelect.addEventListener("change", () => {
    const preset = current.presets.find((p) => p.key === presetSelect.value);
    for (const param of current.params) {
      /** @type {HTMLInputElement} */ (numbers.get(param.name)).value = String(
        preset ? preset.values[param.name] : param.default,
      );
    }
    update();
  });
  predict.addEventListener("change", () => {
    /** @param {string} name */
    const select = (name) => /** @type {HTMLSelectElement} */ (selects.results.get(name));
    if (predict.value) {
      select(predict.value).value = "reveal";
      for (const chart of current.charts)
        if (select(chart.name).value === "shown") select(chart.name).value = "reveal";
    }
    update();
  });
  kind.addEventListener("change", () => {
    choiceField.hidden = kind.value !== "choice";
    update();
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);

  // Whole sentences per thing copied: a translation declines "link" and "snippet" as its grammar needs.
  /** @param {HTMLInputElement | HTMLTextAreaElement} field  @param {string} done  @param {string} select */
  const copy = async (field, done, select) => {
    try {
      await navigator.clipboard.writeText(field.value);
      copied.textContent = done;
    } catch {
      field.select();
      copied.textContent = select;
    }
  };
  copyLink.addEventListener("click", () =>
    copy(linkField, t("Link copied."), t("Copy the selected link (Ctrl+C or ⌘C).")),
  );
  copySnippet.addEventListener("click", () =>
    copy(snippetField, t("Snippet copied."), t("Copy the selected snippet (Ctrl+C or ⌘C).")),
  );
  printCard.addEventListener("click", () => window.print());
  projectCard.addEventListener("click", () => card.requestFullscreen?.().catch(() => {}));
  setWidget(first.widget);
}
