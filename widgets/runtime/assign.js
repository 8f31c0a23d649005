// The student's side of an assignment: a teacher's link (read by assignment-link.js), made with the
// builder (builder.js) or by hand, opens a widget's assignment page (assign/<widget>/) with some sliders
// locked or hidden and some results withheld until the student has made a prediction; then the page sets
// the prediction beside the model, and keeps a worksheet the student prints or downloads. Nothing leaves
// the device. A withheld result is not in the page at all until it is revealed (not merely styled
// hidden): not its read-out, its chart (picture, live view, labels) or the data table.

import { readAnswer } from "./answers.js";
import { ASSIGNMENT_KEYS, cleanText, readAssignment, slug } from "./assignment-link.js";
import { createView, loadVega } from "./charts.js";
import { describe } from "./format.js";
import { pageData } from "./page-data.js";
import { onStatus } from "./python.js";
import { scenarioPicture } from "./scenario-picture.js";
import { t, tn } from "./words.js";
import { answerText, WORKSHEET } from "./worksheet.js";

const STORE = "bx-assignment:"; // localStorage prefix: this device only, one entry per assignment

/** @typedef {import("./assignment-link.js").AssignmentPlan} AssignmentPlan */
/** A run the assignment reads (an assignment page has no "look inside", so never an edited model's).
 *  @typedef {import("./contract.js").RunReply | import("./contract.js").EditedReply} RunReply */
/** @typedef {import("./charts.js").ViewHandle} ViewHandle */
/** @typedef {import("./worksheet.js").Prediction} Prediction */
/** @typedef {import("./worksheet.js").ModelAtPrediction} ModelAtPrediction */
/** @typedef {import("./worksheet.js").WorksheetRecord} WorksheetRecord */
/** What this device keeps of one assignment (localStorage).
 *  @typedef {{ start?: Record<string, number>, prediction?: Prediction | null, model?: ModelAtPrediction | null,
 *    name?: string, answer?: string }} Saved */
/** @typedef {"shown" | "hidden" | "reveal"} Status */

/** @param {AssignmentPlan} plan  @param {string} name  @returns {Status} */
const statusOf = (plan, name) => plan.results.get(name) ?? "shown";

/** @param {AssignmentPlan} plan  @returns {Status} */
function tableStatus(plan) {
  const all = [...plan.results.values()];
  return all.includes("hidden") ? "hidden" : all.includes("reveal") ? "reveal" : "shown";
}

/** A translated sentence with elements in it: each {name} of `nodes` in `text` replaced by its element,
 *  wherever the translation puts it.
 *  @param {string} text  @param {Record<string, Node>} nodes
 *  @returns {(string | Node)[]} */
function placed(text, nodes) {
  return text
    .split(/(\{\w+\})/)
    .filter(Boolean)
    .map((part) => nodes[part.slice(1, -1)] ?? part);
}

/** An element with attributes (`text` sets its text, never HTML) and children; the builder uses it too.
 *  @template {keyof HTMLElementTagNameMap} Tag
 *  @param {Tag} tag
 *  @param {Record<string, string | number | boolean | null | undefined>} [attributes]
 *  @param {...(Node | string | null | undefined | false)} children
 *  @returns {HTMLElementTagNameMap[Tag]} */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = String(value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

const today = (date = new Date()) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;

/** @param {string} unit */
function unitWords(unit) {
  if (unit === "year") return "";
  if (unit === "$") return ` ${t("(in dollars)")}`;
  return unit ? ` (${unit})` : "";
}

/** @param {number} gap  @param {string} unit */
function gapText(gap, unit) {
  if (unit === "%" || unit.startsWith("% "))
    return tn("{count} percentage point", "{count} percentage points", gap, { count: describe(gap, "") });
  if (unit === "year") return tn("{count} year", "{count} years", gap, { count: describe(gap, "") });
  return describe(gap, unit);
}

// Not in every browser (Firefox on a desktop has no share sheet), whatever the DOM's types say.
const canShare = () => typeof navigator.share === "function";

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  } // blocked (private mode, some iframes)
}

/** Called by widget.js once its inputs are known and before its views are drawn. Returns null when
 *  the page is not an assignment page; otherwise the assignment, applied to the figure.
 *  @param {HTMLElement} figure
 *  @param {WidgetMeta} meta
 *  @param {HTMLInputElement[]} inputs  the widget's sliders
 *  @returns {Assignment | null} */
export function assignmentFor(figure, meta, inputs) {
  /** @type {HTMLElement | null} */
  const section = document.querySelector(`section.bx-assignment[data-for="${figure.id}"]`);
  if (!section) return null;
  /** @type {AssignMeta} */
  const info = pageData(section, "bx-assign-meta");
  const key = figure.id.replace(/^widget-/, "");
  const plan = readAssignment(
    key,
    { params: meta.params, figures: info.figures, charts: info.charts },
    location.search,
  );
  section.querySelector(".bx-assign-nojs")?.remove();
  if (!plan.active) {
    figure.dataset.assignment = "none";
    section.append(
      el("p", {
        class: "bx-assign-intro",
        text: t(
          "This link holds no assignment, so the widget works as usual. " +
            "Teachers make assignments (with locked or hidden controls and a prediction to make first) with the builder under “For teachers”.",
        ),
      }),
    );
    return null;
  }
  return new Assignment({ figure, section, plan, info, meta, inputs, key });
}

class Assignment {
  /** @param {{ figure: HTMLElement, section: HTMLElement, plan: AssignmentPlan, info: AssignMeta, meta: WidgetMeta,
   *    inputs: HTMLInputElement[], key: string }} parts */
  constructor({ figure, section, plan, info, meta, inputs, key }) {
    this.figure = figure;
    this.section = section;
    this.plan = plan;
    this.info = info;
    this.meta = meta;
    this.inputs = inputs;
    this.key = key;
    this.params = new Map(meta.params.map((p) => [p.name, p]));
    /** @type {(() => Promise<void>)[]} */
    this.pending = []; // charts waiting for the prediction
    /** @type {RunReply | null} */
    this.latest = null; // the latest good model result
    /** @type {Prediction | null} */
    this.prediction = null;
    /** @type {ModelAtPrediction | null} */
    this.model = null; // the predicted read-out, as the model gave it when the prediction was made
    this.revealed = false;
    this.awaiting = false;
    this.link = location.href; // the link as opened (the widget rewrites the scenario part as sliders move)
    /** @type {Record<string, number>} */
    this.start = {}; // the teacher's starting values (set when the widget has mounted)
    /** @type {(() => void) | null} */
    this.rerun = null; // runs the model again (set when the widget has mounted)
    /** @type {(() => void) | null} */
    this.speak = null; // lets the model's words be said (set when the widget has mounted)
    /** @type {"choice" | "number" | "words"} */
    this.kind = "words";
    /** @type {HTMLFormElement | null} */
    this.form = null;
    /** @type {HTMLElement | null} */
    this.revealPanel = null;
    /** @type {HTMLElement | null} */
    this.whyLine = null;
    /** @type {HTMLElement | null} */
    this.whyText = null;
    /** @type {HTMLTableElement[]} */
    this.tables = [];
    /** @type {HTMLElement | null} */
    this.tableNote = null;
    /** @type {Status} */
    this.tableStatus = "shown";
    this.needsPrediction = false;
    // The worksheet's parts (renderWorksheet), when the page has one.
    /** @type {HTMLInputElement | null} */
    this.nameField = null;
    /** @type {HTMLTextAreaElement | null} */
    this.answerField = null;
    /** @type {HTMLTextAreaElement | null} */
    this.handText = null;
    /** @type {HTMLElement | null} */
    this.sheet = null;
    /** @type {HTMLElement | null} */
    this.wsStatus = null;
    /** @type {HTMLElement | null} */
    this.qr = null;
    /** @type {HTMLElement | null} */
    this.picture = null; // the student's chart, as it stands (scenario-picture.js), made with the worksheet
    this.storeKey = STORE + this.identity();
    this.saved = this.load();
    this.withhold();
    this.renderTask();
    /** @type {HTMLElement | null} */
    this.worksheet = document.querySelector(`section.bx-worksheet[data-for="${figure.id}"]`);
    this.renderWorksheet();
    figure.addEventListener("bx:result", ({ detail }) => this.onResult(detail.result));
    figure.dataset.assignment = "applied";
  }

  /** One assignment, whatever the student has moved since: its keys and the values it fixes. */
  identity() {
    const query = new URLSearchParams(location.search);
    const fixed = [...this.plan.locked, ...this.plan.hidden]
      .sort()
      .map((n) => `${n}=${query.get(`${this.key}.${n}`) ?? ""}`);
    const keys = ASSIGNMENT_KEYS.map((k) => `${k}=${query.get(`${this.key}.${k}`) ?? ""}`);
    return `${location.pathname}|${this.key}|${keys.join("&")}|${fixed.join("&")}`;
  }

  /** What this device kept of the assignment: only what it wrote itself (a damaged entry is none).
   *  @returns {Saved} */
  load() {
    try {
      const saved = JSON.parse(storage()?.getItem(this.storeKey) ?? "null");
      return typeof saved === "object" && saved !== null ? saved : {};
    } catch {
      return {};
    }
  }

  save() {
    const state = {
      start: this.start,
      prediction: this.prediction,
      model: this.model,
      name: this.nameField?.value ?? "",
      answer: this.answerField?.value ?? "",
    };
    try {
      storage()?.setItem(this.storeKey, JSON.stringify(state));
    } catch {
      /* full or blocked: the page still works */
    }
  }

  /** @param {string} name */
  status(name) {
    return statusOf(this.plan, name);
  }

  // ---- What the link takes out of the page, before anything is drawn ----
  withhold() {
    const { figure, plan } = this;
    for (const input of this.inputs) {
      if (plan.hidden.has(input.name)) {
        // Out of the page; the input itself stays with the widget, which still sends its value to the model.
        input.closest(".bx-control")?.remove();
        const help = document.getElementById(`${input.id}-help`);
        if (help?.previousElementSibling?.tagName === "DT") help.previousElementSibling.remove();
        help?.remove();
      } else if (plan.locked.has(input.name)) {
        input.disabled = true;
        const reason = el("p", {
          class: "bx-locked",
          id: `${input.id}-locked`,
          text: t("Set by your teacher."),
        });
        input.closest(".bx-control")?.append(reason);
        input.setAttribute(
          "aria-describedby",
          `${reason.id} ${input.getAttribute("aria-describedby") ?? ""}`.trim(),
        );
      }
    }
    for (const dd of /** @type {NodeListOf<HTMLElement>} */ (figure.querySelectorAll("dd[data-figure]"))) {
      const name = dd.dataset.figure ?? "";
      if (this.status(name) === "hidden") dd.parentElement?.remove();
      else if (this.status(name) === "reveal") {
        dd.removeAttribute("data-figure"); // the widget fills read-outs by this attribute: not this one, yet
        dd.dataset.withheld = name;
        dd.textContent = t("after your prediction");
      }
    }
    const panel = figure.querySelector("details.bx-data");
    this.tableStatus = tableStatus(plan);
    if (panel && this.tableStatus !== "shown") {
      this.tables = [
        .../** @type {NodeListOf<HTMLTableElement>} */ (panel.querySelectorAll("table.bx-table")),
      ];
      for (const table of this.tables) table.remove();
      this.tableNote = el("p", {
        class: "bx-withheld-note",
        text:
          this.tableStatus === "hidden"
            ? t("The data table is not part of this assignment.")
            : t("The data table appears after your prediction."),
      });
      panel.append(this.tableNote);
    }
    figure.querySelector(".bx-inside")?.remove(); // its comparison table would show the model's figures
    if (plan.locked.size || plan.hidden.size) {
      for (const button of figure.querySelectorAll("button.bx-preset")) button.remove(); // presets move every slider
    }
  }

  /** widget.js draws its views through this: a withheld chart is not drawn (and not in the page).
   *  @param {HTMLElement} element  @param {ViewSpec} spec  @param {number} index
   *  @returns {Promise<ViewHandle>} */
  view(element, spec, index) {
    const name = this.info.charts[index]?.name;
    const status = name ? this.status(name) : "reveal";
    if (status === "shown") return createView(element, spec);
    /** @type {ViewHandle | null} */
    let handle = null;
    /** @type {Record<string, unknown> | null} */
    let latest = null;
    /** @type {ViewHandle} */
    const stand_in = {
      async update(datasets) {
        latest = datasets;
        if (handle) await handle.update(datasets);
      },
      data: (set) => (handle ? handle.data(set) : []),
      datasetNames: () => spec.datasets,
      vegaView: () => handle?.vegaView?.(), // none until revealed: the worksheet's picture waits for it too
    };
    if (status === "hidden") {
      element.remove();
      return Promise.resolve(stand_in);
    }
    loadVega().catch(() => {}); // fetched now, so the chart draws at once when revealed
    const title = this.info.charts[index]?.title ?? t("chart"); // not inside t(): Babel would miss it
    element.replaceChildren(
      el("p", {
        class: "bx-withheld-note",
        text: t("This chart ({title}) appears after your prediction.", { title }),
      }),
    );
    this.pending.push(async () => {
      element.replaceChildren();
      const real = await createView(element, spec);
      if (latest) await real.update(latest);
      handle = real;
    });
    return Promise.resolve(stand_in);
  }

  /** widget.js calls this when it has mounted: `setAll` moves sliders, `rerun` runs the model again,
   *  `speak` lets the model's words be said.
   *  @param {{ setAll: (settings: Record<string, number>) => void, rerun: () => void, speak: () => void }} widget */
  mounted({ setAll, rerun, speak }) {
    this.rerun = rerun;
    this.speak = speak;
    if (!this.plan.results.size) speak(); // nothing withheld
    const locked = this.inputs.filter((input) => this.plan.locked.has(input.name));
    // The widget enables every control when Python is ready; a locked one stays locked.
    const unsubscribe = onStatus(() => {
      if (!this.figure.isConnected) {
        unsubscribe?.();
        return;
      }
      for (const input of locked) input.disabled = true;
    });
    this.start =
      this.saved.start ?? Object.fromEntries(this.inputs.map((input) => [input.name, Number(input.value)]));
    const reset = this.figure.querySelector("button.bx-reset");
    if (reset) {
      // Reset returns to the teacher's starting values, never to the widget's defaults
      const fresh = /** @type {HTMLButtonElement} */ (reset.cloneNode(true));
      fresh.setAttribute("aria-label", t("Reset to your teacher's starting values"));
      reset.replaceWith(fresh);
      fresh.addEventListener("click", () => setAll(this.start));
    }
    if (this.saved.prediction) {
      // the same assignment, opened again on this device
      this.prediction = this.saved.prediction;
      this.model = this.saved.model ?? null; // the model's answer when the prediction was made
      this.showPredictionMade();
      this.awaiting = true;
    }
    this.save();
    rerun(); // the first run: read-outs, charts and worksheet follow the link's scenario
  }

  /** @param {ResultDetail["result"]} result */
  onResult(result) {
    if (!result.ok) return;
    this.latest = result;
    if (this.awaiting && this.prediction) {
      this.awaiting = false;
      this.reveal();
    }
    this.renderWhy();
    this.renderSheet();
  }

  /** The model's "why, in one line" (Python, widgets/<model>.py in_one_line) for the scenario on screen.
   *  Left out while anything is hidden: its numbers would name a hidden setting or result. */
  renderWhy() {
    if (!this.whyLine || !this.whyText) return;
    const line = this.latest && "in_one_line" in this.latest ? this.latest.in_one_line : "";
    const anyHidden = this.plan.hidden.size > 0 || [...this.plan.results.values()].includes("hidden");
    this.whyLine.hidden = !line || anyHidden;
    this.whyText.textContent = anyHidden ? "" : line;
  }

  /** @param {string} key */
  figureNow(key) {
    return this.latest?.figures.find((f) => f.key === key) ?? null;
  }

  /** @returns {Record<string, number>} */
  values() {
    return Object.fromEntries(this.inputs.map((input) => [input.name, Number(input.value)]));
  }

  // ---- The task: question, prediction, then the model ----
  renderTask() {
    const { plan, section, key } = this;
    /** @param {string} part */
    const id = (part) => `bx-${key}-${part}`;
    /** @type {HTMLElement[]} */
    const parts = [];
    if (plan.lesson)
      parts.push(
        el("p", { class: "bx-assign-lesson" }, el("strong", { text: t("Lesson:") }), " ", plan.lesson),
      );
    if (plan.question) parts.push(el("p", { class: "bx-assign-question", text: plan.question }));
    const how = [];
    if (plan.locked.size) how.push(t("Some sliders are set by your teacher and cannot be moved."));
    if (plan.hidden.size || [...plan.results.values()].includes("hidden"))
      how.push(t("Some settings or results are left out on purpose."));
    this.needsPrediction = [...plan.results.values()].includes("reveal");
    if (this.needsPrediction)
      how.push(t("Results marked “after your prediction” appear once you have made your prediction."));
    if (how.length) parts.push(el("p", { class: "bx-assign-how", text: how.join(" ") }));
    parts.push(
      el("p", {
        class: "bx-assign-note",
        role: "status",
        text: plan.notes.length
          ? t("Some parts of this link were ignored: {notes}", { notes: plan.notes.join(" ") })
          : "",
      }),
    );
    if (this.needsPrediction) parts.push(this.predictionForm(id));
    this.revealPanel = el(
      "div",
      { class: "bx-reveal", hidden: true, "aria-labelledby": id("reveal-title") },
      el("h3", { id: id("reveal-title"), tabindex: "-1", text: t("Your prediction and the model") }),
    );
    parts.push(this.revealPanel);
    section.append(...parts);
  }

  /** @param {(part: string) => string} id */
  predictionForm(id) {
    const { plan } = this;
    const target = plan.predict;
    const form = el(
      "form",
      { class: "bx-predict", "aria-labelledby": id("predict-title") },
      el("h3", { id: id("predict-title"), text: t("Your prediction") }),
    );
    const what = target ? `${target.label}${unitWords(target.unit)}` : "";
    if (plan.choices.length) {
      const fieldset = el(
        "fieldset",
        {},
        el("legend", {
          text: target ? t("What do you predict for: {what}?", { what }) : t("What do you predict?"),
        }),
      );
      plan.choices.forEach((choice, i) => {
        fieldset.append(
          el(
            "div",
            { class: "bx-predict-option" },
            el("input", { type: "radio", name: id("choice"), id: id(`choice-${i}`), value: choice }),
            el("label", { for: id(`choice-${i}`), text: choice }),
          ),
        );
      });
      form.append(fieldset);
      this.kind = "choice";
    } else if (target) {
      form.append(
        el("label", { for: id("number"), text: t("Predict: {what}", { what }) }),
        el("input", {
          type: "text",
          id: id("number"),
          class: "bx-predict-number",
          inputmode: "decimal",
          autocomplete: "off",
          "aria-describedby": id("predict-feedback"),
        }),
      );
      this.kind = "number";
    } else {
      form.append(
        el("label", {
          for: id("words"),
          text: t("Write your prediction in a sentence: what will the results show?"),
        }),
        el("textarea", {
          id: id("words"),
          class: "bx-predict-words",
          rows: "3",
          maxlength: "500",
          "aria-describedby": id("predict-feedback"),
        }),
      );
      this.kind = "words";
    }
    form.append(
      el("button", {
        type: "submit",
        class: "md-button md-button--primary bx-predict-submit",
        text: t("Lock in my prediction"),
      }),
      el("p", { class: "bx-predict-feedback", id: id("predict-feedback"), role: "status" }),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.predict(form);
    });
    this.form = form;
    return form;
  }

  /** @param {HTMLFormElement} form */
  predict(form) {
    /** @param {string} selector */
    const field = (selector) => /** @type {HTMLInputElement} */ (form.querySelector(selector));
    const feedback = field(".bx-predict-feedback");
    /** @type {{ text: string, value?: number }} */
    let given;
    if (this.kind === "choice") {
      const chosen = field("input[type=radio]:checked");
      if (!chosen) {
        feedback.textContent = t("Choose one of the options first.");
        return;
      }
      given = { text: chosen.value };
    } else if (this.kind === "number" && this.plan.predict) {
      const number = field(".bx-predict-number");
      const value = readAnswer(number.value);
      if (value === null) {
        feedback.textContent = t("Type a number first (for example 42).");
        number.focus();
        return;
      }
      given = { value, text: describe(value, this.plan.predict.unit) };
    } else {
      const text = cleanText(field(".bx-predict-words").value, 500);
      if (!text) {
        feedback.textContent = t("Write your prediction first.");
        return;
      }
      given = { text };
    }
    this.prediction = {
      kind: this.kind,
      of: this.plan.predict?.key ?? null,
      ...given,
      made: new Date().toISOString(),
    };
    this.showPredictionMade();
    this.save();
    this.awaiting = true;
    this.rerun?.(); // reveal with the model's answer for exactly the scenario on screen now
  }

  showPredictionMade() {
    const { form, prediction } = this;
    if (!form || !prediction) return;
    for (const control of /** @type {NodeListOf<HTMLInputElement>} */ (
      form.querySelectorAll("input, textarea, button")
    )) {
      control.disabled = true;
    }
    /** @type {HTMLInputElement | null} */
    const field = form.querySelector(".bx-predict-number, .bx-predict-words");
    if (field && !field.value) field.value = prediction.text;
    const radios = /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("input[type=radio]"));
    const radio = [...radios].find((r) => r.value === prediction.text);
    if (radio) radio.checked = true;
    this.sayPredictionState();
  }

  /** Honest about the wait: before Python's first answer there are no results to show yet. */
  sayPredictionState() {
    /** @type {HTMLElement | null | undefined} */
    const feedback = this.form?.querySelector(".bx-predict-feedback");
    if (!feedback || !this.prediction) return;
    const saved = { prediction: this.prediction.text };
    feedback.textContent = this.revealed
      ? t("Prediction saved: {prediction}. The model's answer is below.", saved)
      : this.latest
        ? t("Prediction saved: {prediction}. The model's results follow.", saved)
        : t(
            "Prediction saved: {prediction}. Waiting for the model: Python is still starting in this browser " +
              "(the first time can take a minute on a school network); its answer appears here by itself.",
            saved,
          );
    feedback.dataset.state = this.revealed || this.latest ? "ready" : "waiting";
  }

  reveal() {
    if (this.revealed) return;
    this.revealed = true;
    const target = this.plan.predict;
    if (!this.model) {
      const now = target ? this.figureNow(target.key) : null;
      this.model = {
        scenario: this.visibleValues(),
        figure: now && { key: now.key, label: now.label, value: now.value, unit: now.unit, text: now.text },
      };
      this.save();
    }
    for (const dd of /** @type {NodeListOf<HTMLElement>} */ (
      this.figure.querySelectorAll("dd[data-withheld]")
    )) {
      const name = dd.dataset.withheld ?? "";
      dd.dataset.figure = name;
      dd.removeAttribute("data-withheld");
      dd.textContent = this.figureNow(name)?.text ?? "";
    }
    if (this.tableStatus === "reveal" && this.tableNote) {
      this.tableNote.replaceWith(...this.tables);
    }
    for (const draw of this.pending.splice(0)) draw().catch(() => {}); // a chart that fails still leaves the read-outs
    this.renderReveal();
    // Once revealed, the model's words say nothing the student has not seen, unless a result stays hidden.
    if (![...this.plan.results.values()].includes("hidden")) this.speak?.();
    this.rerun?.(); // fill the revealed read-outs, charts and table with the current scenario
  }

  renderReveal() {
    const { revealPanel: panel, prediction, model } = this;
    if (!panel || !prediction) return;
    const lines = [];
    const said =
      prediction.kind === "choice"
        ? t("You chose “{prediction}”.", { prediction: prediction.text })
        : prediction.kind === "words"
          ? t("You predicted “{prediction}”.", { prediction: prediction.text })
          : t("You predicted {prediction}.", { prediction: prediction.text });
    lines.push(el("p", { class: "bx-reveal-prediction", text: said }));
    if (model?.figure) {
      lines.push(
        el(
          "p",
          { class: "bx-reveal-model" },
          ...placed(
            t("The model gives {value} ({result}) for the settings you had then.", {
              result: model.figure.label,
            }),
            {
              value: el("strong", { text: model.figure.text }),
            },
          ),
        ),
      );
      if (prediction.kind === "number" && prediction.value !== undefined) {
        const gap = prediction.value - model.figure.value;
        const close =
          describe(prediction.value, model.figure.unit) === describe(model.figure.value, model.figure.unit);
        lines.push(
          el("p", {
            class: "bx-reveal-gap",
            text: close
              ? t("Your prediction matches the model.")
              : gap > 0
                ? t("Your prediction was {gap} above the model's.", {
                    gap: gapText(Math.abs(gap), model.figure.unit),
                  })
                : t("Your prediction was {gap} below the model's.", {
                    gap: gapText(Math.abs(gap), model.figure.unit),
                  }),
          }),
        );
      }
    } else {
      lines.push(el("p", { text: t("Compare it with the results now shown under the chart.") }));
    }
    this.whyText = el("span");
    this.whyLine = el(
      "p",
      { class: "bx-reveal-why", hidden: true },
      el("strong", { text: t("Why, in one line: ") }),
      this.whyText,
    );
    lines.push(this.whyLine);
    lines.push(
      el("p", {
        class: "bx-reveal-next",
        text: t(
          "Read how the model works below, then move the sliders you are free to move and watch what changes (the line above follows them).",
        ),
      }),
    );
    /** @type {HTMLElement | null} */
    const method = document.querySelector(".bx-assign-method");
    panel.append(...lines);
    if (method) {
      method.hidden = false;
      panel.append(method);
    }
    panel.hidden = false;
    this.renderWhy();
    this.sayPredictionState();
    if (this.form?.contains(document.activeElement) || document.activeElement === document.body) {
      panel.querySelector("h3")?.focus();
    }
  }

  /** The scenario without the hidden settings: hidden means absent, also from the worksheet. */
  visibleValues() {
    return Object.fromEntries(Object.entries(this.values()).filter(([name]) => !this.plan.hidden.has(name)));
  }

  // ---- The worksheet: shown, printed and downloaded; stored only on this device ----
  renderWorksheet() {
    const ws = this.worksheet;
    if (!ws) return;
    /** @param {string} part */
    const id = (part) => `bx-${this.key}-ws-${part}`;
    this.nameField = el("input", { id: id("name"), type: "text", autocomplete: "name", maxlength: "80" });
    this.answerField = el("textarea", { id: id("answer"), rows: "5", maxlength: "4000" });
    this.nameField.value = this.saved.name ?? "";
    this.answerField.value = this.saved.answer ?? "";
    for (const field of [this.nameField, this.answerField])
      field.addEventListener("input", () => {
        this.save();
        this.renderSheet();
      });
    this.sheet = el("div", { class: "bx-ws-sheet" });
    this.wsStatus = el("p", { class: "bx-ws-status", role: "status" });
    const print = el("button", {
      type: "button",
      class: "md-button bx-ws-print",
      text: t("Print or save as PDF"),
    });
    const download = el("button", {
      type: "button",
      class: "md-button md-button--primary bx-ws-download",
      text: t("Download worksheet (.json)"),
    });
    print.addEventListener("click", () => window.print());
    download.addEventListener("click", () => this.download());
    // From a phone, a file is hard to hand over: a short text to share (messages, mail, the class's
    // platform) or copy does the same; the teacher pastes it into the class results page.
    this.handText = el("textarea", { id: id("text"), class: "bx-ws-text", rows: "6", readonly: true });
    const share = el("button", {
      type: "button",
      class: "md-button bx-ws-share",
      text: canShare() ? t("Share my answer text") : t("Copy my answer text"),
    });
    share.addEventListener("click", () => this.shareText());
    const handIn = el(
      "details",
      { class: "bx-ws-handin" },
      el("summary", { text: t("On a phone? Hand in a short answer text instead") }),
      el("p", {
        text: t(
          "Share or copy this text and send it to your teacher as they asked (message, e-mail, class platform): " +
            "it holds your name, prediction, the model's answer and your answer. Send it whole: its last line checks that nothing was cut.",
        ),
      }),
      el("label", { for: id("text"), text: t("Your answer text") }),
      this.handText,
      el("div", { class: "bx-ws-buttons" }, share),
    );
    ws.append(
      el("p", {
        class: "bx-ws-intro",
        text: t(
          "Your worksheet stays in this browser on this device: nothing is sent anywhere. " +
            "To hand it in, print it (or save it as PDF) or download it, and give the file to your teacher.",
        ),
      }),
      el(
        "div",
        { class: "bx-ws-fields" },
        el("label", { for: id("name"), text: t("Your name (optional)") }),
        this.nameField,
        el("label", {
          for: id("answer"),
          text: this.plan.question
            ? t("Your answer to the question, and why")
            : t("Your answer: what did you find, and why?"),
        }),
        this.answerField,
      ),
      el("div", { class: "bx-ws-buttons" }, print, download),
      handIn,
      this.wsStatus,
      this.sheet,
    );
    ws.hidden = false;
    this.renderSheet();
  }

  /** @returns {WorksheetRecord} */
  record() {
    /** @param {string} name */
    const param = (name) => /** @type {Param} */ (this.params.get(name));
    const shownFigures = (this.latest?.figures ?? []).filter(
      (f) => this.status(f.key) === "shown" || (this.revealed && this.status(f.key) === "reveal"),
    );
    return {
      ...WORKSHEET, // format and version: the class results page (results.js) checks both
      lesson: this.plan.lesson || this.info.title,
      widget: this.info.widget,
      date: today(),
      link: this.link,
      name: this.nameField?.value.trim() ?? "",
      question: this.plan.question,
      prediction: this.prediction,
      model_at_prediction: this.revealed ? this.model : null,
      saved: new Date().toISOString(),
      answer: this.answerField?.value.trim() ?? "",
      final_scenario: Object.entries(this.visibleValues()).map(([name, value]) => ({
        setting: name,
        label: param(name).label,
        value,
        text: describe(value, param(name).unit),
        locked: this.plan.locked.has(name),
      })),
      results: shownFigures.map((f) => ({ key: f.key, label: f.label, value: f.value, text: f.text })),
    };
  }

  async shareText() {
    const { handText, wsStatus } = this;
    if (!handText || !wsStatus) return;
    const text = handText.value;
    try {
      if (canShare()) {
        await navigator.share({ title: t("My answer"), text });
        wsStatus.textContent = t("Shared.");
        return;
      }
      await navigator.clipboard.writeText(text);
      wsStatus.textContent = t("Answer text copied: paste it into a message to your teacher.");
    } catch (error) {
      if (/** @type {Error} */ (error)?.name === "AbortError") return; // the student closed the share sheet
      handText.select();
      wsStatus.textContent = t("Copy the selected text (Ctrl+C, ⌘C, or hold and choose Copy).");
    }
  }

  renderSheet() {
    if (!this.sheet) return;
    const r = this.record();
    if (this.handText) this.handText.value = answerText(r);
    /** @param {string} term  @param {string | null | undefined} value  @param {string} [css] */
    const row = (term, value, css) =>
      value ? [el("dt", { text: term }), el("dd", { text: value, class: css })] : [];
    const model = r.model_at_prediction?.figure;
    const list = el(
      "dl",
      { class: "bx-ws-list" },
      ...row(t("Name"), r.name || "—"),
      ...row(t("Date"), r.date),
      ...row(t("Assignment"), r.link, "bx-ws-link"),
      ...row(t("Question"), r.question),
      ...row(
        t("Your prediction"),
        r.prediction && `${r.prediction.text}${this.plan.predict ? ` (${this.plan.predict.label})` : ""}`,
      ),
      ...row(t("The model, at your prediction"), model && `${model.text} (${model.label})`),
      ...row(t("Your answer"), r.answer || "—"),
    );
    /** @param {string} caption  @param {string[]} heads  @param {string[][]} rows */
    const table = (caption, heads, rows) =>
      el(
        "table",
        { class: "bx-ws-table" },
        el("caption", { text: caption }),
        el("thead", {}, el("tr", {}, ...heads.map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, ...rows.map((cells) => el("tr", {}, ...cells.map((c) => el("td", { text: c }))))),
      );
    // The link as opened, as a QR code (it does not change); its encoder loads only on assignment pages.
    if (!this.qr) {
      const qr = el("div", { class: "bx-ws-qr" });
      import("./qr.js")
        .then(({ qrCode }) =>
          qr.append(qrCode(r.link, t("QR code of this assignment's link: {link}", { link: r.link }))),
        )
        .catch(() => qr.remove()); // the link is written out beside it anyway
      this.qr = qr;
    }
    this.picture ??= scenarioPicture(this.figure); // the student's chart, as it stands (scenario-picture.js)
    this.sheet.replaceChildren(
      el("div", { class: "bx-ws-head" }, el("h3", { text: r.lesson }), this.qr),
      list,
      this.picture,
      table(
        t("Your final scenario"),
        [t("Setting"), t("Value")],
        r.final_scenario.map((s) => [s.label + (s.locked ? ` ${t("(set by your teacher)")}` : ""), s.text]),
      ),
      ...(r.results.length
        ? [
            table(
              t("Results for your final scenario"),
              [t("Result"), t("Value")],
              r.results.map((f) => [f.label, f.text]),
            ),
          ]
        : []),
    );
  }

  download() {
    const r = this.record();
    const name = `${slug(this.plan.lesson || this.info.widget)}-${r.date}.json`;
    const link = el("a", {
      href: URL.createObjectURL(new Blob([JSON.stringify(r, null, 2)], { type: "application/json" })),
      download: name,
    });
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
    if (this.wsStatus)
      this.wsStatus.textContent = t(
        "Downloaded {file}: give this file to your teacher. It is a plain text file any computer can open.",
        { file: name },
      );
  }
}
