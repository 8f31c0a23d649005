// The teachers' link builder: pick a widget, set its starting values, mark each slider free, locked or
// hidden and each result shown, shown after the prediction, or hidden; add a question and a prediction.
// It writes the assignment link (assignment-link.js), the <iframe> snippet and a printable card. Every
// name comes from the registry metadata the build wrote into the page (explainers/assign.py).

import { el } from "./assign.js";
import { assignmentLink, localOnly, ownChoice } from "./assignment-link.js";
import { GO_FOLDER } from "./contract.js";
import { pageData } from "./page-data.js";
import { qrCode } from "./qr.js";
import { shortCode } from "./short-link.js";

/** @typedef {import("./assignment-link.js").LinkChoices} LinkChoices */

/** @type {[string, string][]} */
const SLIDER = [
  ["free", "Free to move"],
  ["lock", "Locked (shown, set by you)"],
  ["hide", "Hidden"],
];
/** @type {[string, string][]} */
const RESULT = [
  ["shown", "Shown"],
  ["reveal", "After their prediction"],
  ["hide", "Hidden"],
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
    placeholder: "e.g. Lesson 1: Tariffs, step 3",
  });
  const question = el("textarea", { id: "bx-b-question", rows: "2", maxlength: "300" });
  const predict = el("select", { id: "bx-b-predict" });
  const kind = el(
    "select",
    { id: "bx-b-kind" },
    ...options(
      [
        ["number", "A number"],
        ["choice", "A choice between options"],
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
    el("label", { for: "bx-b-choices", text: "Options, one per line (two to six)" }),
    choiceText,
    el("p", {
      id: "bx-b-choices-help",
      class: "bx-builder-help",
      text: "Students pick one; the page then shows their choice beside the model's value.",
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
    text: "Open it as a student",
  });
  const copyLink = el("button", {
    type: "button",
    class: "md-button md-button--primary",
    text: "Copy the link",
  });
  const copySnippet = el("button", { type: "button", class: "md-button", text: "Copy the snippet" });
  const printCard = el("button", { type: "button", class: "md-button", text: "Print the card" });
  const projectCard = el("button", {
    type: "button",
    class: "md-button",
    text: "Show the card full screen (for a projector)",
  });
  const copied = el("p", { class: "bx-builder-status", role: "status" });
  const card = el("div", { class: "bx-card", "aria-label": "Printable card" });

  const form = el(
    "form",
    { class: "bx-builder-form", "aria-label": "Assignment builder" },
    el(
      "fieldset",
      {},
      el("legend", { text: "1. Widget and lesson" }),
      el(
        "div",
        { class: "bx-builder-field" },
        el("label", { for: "bx-b-widget", text: "Widget" }),
        widgetSelect,
      ),
      el(
        "div",
        { class: "bx-builder-field" },
        el("label", { for: "bx-b-preset", text: "Start from" }),
        presetSelect,
      ),
      el(
        "div",
        { class: "bx-builder-field" },
        el("label", {
          for: "bx-b-lesson",
          text: "Lesson or assignment name (names the student's worksheet file)",
        }),
        lesson,
      ),
    ),
    el(
      "fieldset",
      {},
      el("legend", { text: "2. Starting values, and what students may do with each slider" }),
      choiceTable(["Slider", "Starting value", "Students see it"], sliderBody),
    ),
    el(
      "fieldset",
      {},
      el("legend", { text: "3. Results and charts" }),
      el("p", {
        class: "bx-builder-help",
        text:
          "“After their prediction”: left out of the page until the student has entered a prediction. " +
          "While any result is withheld, the data table is too.",
      }),
      choiceTable(["Result", "Students see it"], resultBody),
    ),
    el(
      "fieldset",
      {},
      el("legend", { text: "4. Question and prediction (optional)" }),
      el(
        "div",
        { class: "bx-builder-field" },
        el("label", { for: "bx-b-question", text: "Question for the students" }),
        question,
      ),
      el(
        "div",
        { class: "bx-builder-field" },
        el("label", { for: "bx-b-predict", text: "Students first predict" }),
        predict,
      ),
      el(
        "div",
        { class: "bx-builder-field" },
        el("label", { for: "bx-b-kind", text: "Their prediction is" }),
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
    el("h2", { id: "bx-b-out-title", text: "Your assignment" }),
    el(
      "div",
      { class: "bx-builder-field" },
      el("label", { for: "bx-b-link", text: "Link for your students" }),
      linkField,
    ),
    shortBox,
    hostWarning,
    el("div", {}, copyLink, openLink),
    el(
      "div",
      { class: "bx-builder-field" },
      el("label", { for: "bx-b-snippet", text: "To embed it in a course page (<iframe>)" }),
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
    const code = await shortCode(link, base);
    return code && new URL(`${GO_FOLDER}/#${code}`, base).href;
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
          ? "Short link, to type from the board (works while the classroom pack is running)"
          : "Shorter link, to type (it holds the whole assignment: a long question makes it long)";
      shortBox.hidden = false;
      card.querySelector(".bx-card-short")?.replaceChildren(`Or type: ${shortField.value}`);
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
      ...options([["", "Its default settings"], ...current.presets.map((p) => [p.key, p.label])], ""),
    );
    sliderBody.replaceChildren();
    resultBody.replaceChildren();
    selects.sliders.clear();
    selects.results.clear();
    numbers.clear();
    for (const param of current.params) {
      const unit = param.unit ? ` (${param.unit})` : "";
      const number = el("input", {
        type: "number",
        min: param.minimum,
        max: param.maximum,
        step: param.step,
        value: param.default,
        "aria-label": `${param.label}: starting value${unit}`,
        "data-param": param.name,
      });
      const mode = el(
        "select",
        { "aria-label": `${param.label}: what students may do`, "data-slider": param.name },
        ...options(SLIDER, "free"),
      );
      numbers.set(param.name, number);
      selects.sliders.set(param.name, mode);
      sliderBody.append(
        el(
          "tr",
          {},
          el("th", { scope: "row", text: `${param.label}${unit}` }),
          el("td", {}, number),
          el("td", {}, mode),
        ),
      );
    }
    const results = [
      ...current.figures.map((f) => ({ key: f.key, label: `${f.label} (read-out)` })),
      ...current.charts.map((c) => ({ key: c.name, label: `Chart: ${c.title}` })),
    ];
    for (const { key, label } of results) {
      const mode = el(
        "select",
        { "aria-label": `${label}: what students see`, "data-result": key },
        ...options(RESULT, "shown"),
      );
      selects.results.set(key, mode);
      resultBody.append(el("tr", {}, el("th", { scope: "row", text: label }), el("td", {}, mode)));
    }
    predict.replaceChildren(
      ...options([["", "Nothing: no prediction"], ...current.figures.map((f) => [f.key, f.label])], ""),
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
          `${param.label} must be between ${param.minimum} and ${param.maximum}; ${value} was changed to ${clamped}.`,
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
      notes.push("A choice needs two to six options.");
    if (predict.value && kind.value === "choice" && list.some((c) => c !== ownChoice(c))) {
      notes.push("In the link, “|” separates the options, so an option's “|” is written as “/”.");
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
    const link = assignmentLink(current, made, base);
    const title = made.lesson || `Assignment: ${current.title}`;
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
      ? `Students could work out their prediction from a read-out you left shown: ${telling.join("; ")}. ` +
        "Consider “After their prediction” or “Hidden” for it."
      : "";
    hostWarning.textContent = localOnly(base)
      ? `This link starts with ${base.host}, which means “this computer”: students' ` +
        "devices cannot open it. Start the classroom pack with its start script (see “For teachers”) and open this builder at the " +
        "network address the script prints; links made there work for every device on the school network."
      : "";
    status.textContent = [
      ...made.notes,
      openCharts
        ? "The charts may show the answer to the prediction: consider “After their prediction” for them."
        : "",
    ]
      .filter(Boolean)
      .join(" ");
    card.replaceChildren(
      el("h3", { text: title }),
      ...(made.question ? [el("p", { text: made.question })] : []),
      ...(predicted ? [el("p", { text: `You will first predict: ${predicted.label}.` })] : []),
      el(
        "div",
        { class: "bx-card-qr" },
        qrCode(link, `QR code of the assignment link: ${link}`),
        el(
          "div",
          {},
          el("p", { text: "Scan the code with a phone or tablet camera, or open this link in a browser:" }),
          el("p", { class: "bx-card-link", text: link }),
          el("p", { class: "bx-card-short", text: shortFor === link ? `Or type: ${shortField.value}` : "" }),
        ),
      ),
      el("p", {
        text: "Fill in the worksheet at the bottom of the page, then print it or download it and hand it in.",
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

  /** @param {string} text  @param {HTMLInputElement | HTMLTextAreaElement} field  @param {string} what */
  const copy = async (text, field, what) => {
    try {
      await navigator.clipboard.writeText(text);
      copied.textContent = `${what} copied.`;
    } catch {
      field.select();
      copied.textContent = `Copy the selected ${what.toLowerCase()} (Ctrl+C or ⌘C).`;
    }
  };
  copyLink.addEventListener("click", () => copy(linkField.value, linkField, "Link"));
  copySnippet.addEventListener("click", () => copy(snippetField.value, snippetField, "Snippet"));
  printCard.addEventListener("click", () => window.print());
  projectCard.addEventListener("click", () => card.requestFullscreen?.().catch(() => {}));
  setWidget(first.widget);
}
