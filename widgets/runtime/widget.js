// One widget: labelled sliders and presets -> the Python model in the worker -> its Vega views,
// read-outs and data table updated in place. A failed run keeps the last good chart.

import { plainText } from "./answers.js";
import { assignmentFor } from "./assign.js";
import { createView } from "./charts.js";
import { mountDescription, mountLoadingNews } from "./describe.js";
import { cell, describe, editable } from "./format.js";
import { mountInside } from "./inside.js";
import { versionedUrl } from "./link-version.js";
import { track } from "./metrics.js";
import { pageData } from "./page-data.js";
import { onStatus, retryPython, runEdited, runModel, startPython } from "./python.js";
import { readScenario, readSetting, scenarioUrl, stepNote } from "./scenario-url.js";
import { t } from "./words.js";

/** @typedef {import("./contract.js").ModelReply} ModelReply */

const ADDRESS_DELAY_MS = 250;

/** @param {HTMLTableElement} table  @param {Record<string, unknown>[]} rows */
function fillTable(table, rows) {
  /** @type {[string, number | null][]} */
  const columns = JSON.parse(table.dataset.columns ?? "[]");
  const body = document.createElement("tbody");
  for (const row of rows) {
    const tr = body.insertRow();
    for (const [key, digits] of columns) {
      // Text is the model's English label ("Baseline", a layer's name), shown in the page's language, as
      // the build's table shows it (explainers/figures.py, cell)
      const value = row[key] ?? "";
      tr.insertCell().textContent = cell(typeof value === "string" ? t(value) : value, digits);
    }
  }
  table.tBodies[0]?.replaceWith(body);
}

/** Mount one widget figure; returns its unmount (instant navigation calls it when the page is left).
 *  @param {HTMLElement} figure
 *  @returns {() => void} */
export function mountWidget(figure) {
  const lifetime = new AbortController(); // listeners outside the figure end with it
  /** @type {WidgetMeta} */
  const meta = pageData(figure, "bx-meta");
  /** @type {ViewSpec[]} */
  const specs = pageData(figure, "bx-specs");
  /** @param {string} name */
  const param = (name) => /** @type {Param} */ (meta.params.find((p) => p.name === name));
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (figure.querySelector(selector));
  /** @param {string} id */
  const byId = (id) => /** @type {HTMLElement | null} */ (document.getElementById(id));
  const inputs = [
    .../** @type {NodeListOf<HTMLInputElement>} */ (figure.querySelectorAll('input[type="range"]')),
  ];
  const buttons = [...figure.querySelectorAll("button")];
  const statusLine = part(".bx-status");
  const errorLine = part(".bx-error");
  const assignment = assignmentFor(figure, meta, inputs); // a teacher's assignment link (assign.js), or null
  // The model's words (describe.js). In an assignment only once nothing is withheld any more (assign.js
  // calls speak() at the reveal): before, they would say the results the student is asked to predict.
  let speech = assignment ? null : mountDescription(figure, meta);
  // The charts' summaries, too: set aside (not merely hidden) until then.
  const summaries = [...figure.querySelectorAll(".bx-chart-summary")].map(
    (summary) => /** @type {const} */ ([summary, document.createComment("summary")]),
  );
  const described = [...figure.querySelectorAll(".bx-view[aria-describedby]")].map(
    (v) => /** @type {const} */ ([v, v.getAttribute("aria-describedby") ?? ""]),
  );
  if (assignment) {
    for (const [summary, place] of summaries) summary.replaceWith(place);
    for (const [v] of described) v.removeAttribute("aria-describedby");
  }
  const speak = () => {
    if (speech) return;
    speech = mountDescription(figure, meta);
    for (const [summary, place] of summaries) place.replaceWith(summary);
    for (const [v, ids] of described) v.setAttribute("aria-describedby", ids);
  };
  /** @param {HTMLElement} element  @param {ViewSpec} spec  @param {number} i */
  const view = (element, spec, i) =>
    assignment ? assignment.view(element, spec, i) : createView(element, spec);
  const views = Promise.all(specs.map((spec, i) => view(part(`.bx-view[data-view="${i}"]`), spec, i)));
  figure.bxViews = views; // the tests read the live Vega data through this

  const values = () => Object.fromEntries(inputs.map((input) => [input.name, Number(input.value)]));
  // The baseline the read-outs and charts compare with: the start (defaults or the page's preset), or the
  // dated preset the reader last pressed. The model computes both; the page only names the preset.
  /** @type {string | null} */
  let baseline = meta.startBaseline ?? null;
  // `previous`: the settings the last spoken sentence described, so the next one says what changed since.
  /** @returns {import("./python.js").RunRequest} */
  const request = () => ({ settings: values(), baseline, previous: speech?.previous() ?? null });
  const baselineName = figure.querySelector(".bx-baseline strong");
  /** @param {Record<string, string>} inactive */
  const showInactive = (inactive) => {
    for (const input of inputs) {
      const note = byId(`${input.id}-inactive`);
      const why = inactive[input.name] ?? "";
      if (note && note.textContent !== why) {
        note.textContent = why;
        note.hidden = !why;
      }
    }
  };
  /** @param {HTMLInputElement} input */
  const showValue = (input) => {
    const text = describe(Number(input.value), param(input.name).unit);
    input.setAttribute("aria-valuetext", text);
    const output = figure.querySelector(`output[for="${input.id}"]`); // absent when an assignment hides the slider
    if (output) output.textContent = text;
    const field = /** @type {HTMLInputElement | null} */ (byId(`${input.id}-number`));
    if (field) field.value = editable(input.value); // "12,5" on a Russian page
  };
  /** @param {string} message */
  const showError = (message) => {
    errorLine.textContent = message;
    errorLine.hidden = !message;
  };
  /** @param {Error} error */
  const chartsUnavailable = (error) =>
    t(
      "The interactive chart could not be loaded ({why}), so the picture still shows the default scenario; " +
        "the figures above and the data table below follow your settings.",
      { why: error.message },
    );
  views.catch((error) => showError(chartsUnavailable(error))); // said at once, not at the first redraw
  const key = figure.id.replace(/^widget-/, "");
  const linkNote = part(".bx-link-note");

  // The data tables follow the latest result; while their panel is closed, there is nothing to redraw.
  const dataPanel = /** @type {HTMLDetailsElement} */ (part("details.bx-data"));
  /** @type {import("./contract.js").RunReply | import("./contract.js").EditedReply | null} */
  let latest = null;
  const fillTables = () => {
    if (!latest) return;
    for (const table of /** @type {NodeListOf<HTMLTableElement>} */ (
      dataPanel.querySelectorAll("table.bx-table")
    )) {
      fillTable(table, latest.data[table.dataset.dataset ?? ""] ?? []);
    }
  };
  dataPanel.addEventListener("toggle", () => {
    if (dataPanel.open) fillTables();
  });
  window.addEventListener("beforeprint", fillTables, { signal: lifetime.signal }); // a printout is current

  let running = false;
  let again = false;
  let lastInputAt = 0;
  /** @type {string | null} */
  let editedCode = null; // the reader's version of the model ("look inside"), or null for the original
  /** @template {keyof HTMLElementEventMap} Type
   *  @param {Type} type  @param {HTMLElementEventMap[Type] extends CustomEvent<infer Detail> ? Detail : never} detail */
  const tell = (type, detail) => figure.dispatchEvent(new CustomEvent(type, { detail }));

  async function redraw() {
    if (running) {
      again = true;
      return;
    } // coalesce: only the latest slider position matters
    running = true;
    const inputAt = lastInputAt;
    try {
      const edited = editedCode !== null;
      const sent = request();
      const result =
        editedCode !== null
          ? await runEdited(meta.widget, editedCode, sent)
          : await runModel(meta.widget, sent);
      const answeredAt = performance.now();
      if (lifetime.signal.aborted) return; // the page was left while Python answered
      tell("bx:result", { result, edited, settings: sent.settings });
      if (!result.ok) {
        showError(`${result.error} ${t("The chart still shows the last valid scenario.")}`);
      } else {
        for (const figureValue of result.figures) {
          const cell = figure.querySelector(`dd[data-figure="${figureValue.key}"]`);
          if (cell) cell.textContent = figureValue.text;
        }
        showInactive(result.inactive);
        // A live region: rewritten only when the baseline changes, or it repeats itself after every run.
        if (baselineName && result.baseline && baselineName.textContent !== result.baseline) {
          baselineName.textContent = result.baseline;
        }
        latest = result;
        if (dataPanel.open) fillTables(); // a closed table is filled when the reader opens it
        try {
          // In the same task as the read-outs: the reader never sees a frame where they disagree.
          const handles = await views;
          await Promise.all(
            handles.map((handle) =>
              handle.update(
                Object.fromEntries(handle.datasetNames().map((name) => [name, result.data[name]])),
              ),
            ),
          );
          showError("");
          // ms: from the reader's input to the updated chart; model: the part spent waiting for Python.
          track("redraw", { id: figure.id, ms: performance.now() - inputAt, model: answeredAt - inputAt });
        } catch (error) {
          showError(chartsUnavailable(/** @type {Error} */ (error))); // the read-outs and the table still follow the model
        }
      }
    } catch (caught) {
      const error = /** @type {Error} */ (caught);
      if (editedCode !== null) {
        editedCode = null;
        tell("bx:edited-stopped", { message: error.message });
      }
      showError(`${error.message} ${t("The chart still shows the last valid scenario.")}`);
    } finally {
      running = false;
      if (again) {
        again = false;
        redraw();
      }
    }
  }

  // The address follows the settings (a reload or a bookmark keeps them), written once the slider rests
  // (a reload within that quarter second keeps the settings before the last move): rewriting it on every
  // step would cost each step milliseconds before Python is even asked, and browsers throttle (then ignore)
  // a page that rewrites its address hundreds of times in a few seconds, as a long drag would.
  let addressTimer = 0;
  const writeAddress = () => {
    addressTimer = 0;
    if (!lifetime.signal.aborted)
      history.replaceState(
        history.state,
        "",
        versionedUrl(figure, scenarioUrl(key, meta.params, values(), meta.start, location.href)),
      );
  };
  lifetime.signal.addEventListener("abort", () => clearTimeout(addressTimer));
  const changed = () => {
    lastInputAt = performance.now();
    clearTimeout(addressTimer);
    addressTimer = setTimeout(writeAddress, ADDRESS_DELAY_MS);
    redraw();
  };
  /** @param {Record<string, number>} settings */
  const setAll = (settings) => {
    for (const input of inputs)
      if (input.name in settings) {
        input.value = String(settings[input.name]);
        showValue(input);
      }
    changed();
  };

  // The settings form never submits (Enter in a field would otherwise reload the page).
  const form = part("form.bx-controls");
  form.addEventListener("submit", (event) => event.preventDefault());
  // On a phone the result sticks at the top (widgets.css): a control the keyboard reaches under it is
  // brought out below it (the browser sees it on screen and would not scroll).
  const result = part(".bx-result");
  form.addEventListener("focusin", (event) => {
    const target = /** @type {Element} */ (event.target);
    if (getComputedStyle(result).position !== "sticky") return;
    const under =
      (target.closest(".bx-control") ?? target).getBoundingClientRect().top -
      result.getBoundingClientRect().bottom;
    if (under < 0) window.scrollBy({ top: under, behavior: "instant" }); // its label just below the result
  });
  for (const input of inputs) {
    input.addEventListener("input", () => {
      showValue(input);
      changed();
    });
    const field = /** @type {HTMLInputElement | null} */ (byId(`${input.id}-number`));
    if (!field) continue;
    // A typed value is read like a link's: clamped to the range, then moved to the slider's step, and the
    // same note says what changed. The field is usable exactly when its slider is (Python, a teacher's lock).
    new MutationObserver(() => {
      field.disabled = input.disabled;
    }).observe(input, { attributes: true, attributeFilter: ["disabled"] });
    const note = byId(`${field.id}-note`);
    const typed = () => {
      const setting = param(input.name);
      const { value, note: read } = readSetting(
        setting,
        plainText(field.value),
        Number(input.value),
        t("its value"),
      );
      if (value !== null) input.value = String(value);
      const said = [read, value === null ? "" : stepNote(setting, value, Number(input.value))]
        .filter(Boolean)
        .join(" ");
      if (note) note.textContent = said;
      showValue(input);
      changed();
    };
    // On Enter and when the field is left; a value already on the slider keeps its note.
    const commit = () => {
      if (plainText(field.value) !== input.value) typed();
    };
    field.addEventListener("change", commit);
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter") commit();
    });
  }
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (
    figure.querySelectorAll("button.bx-preset")
  )) {
    const preset = meta.presets.find((p) => p.key === button.dataset.preset);
    if (preset)
      button.addEventListener("click", () => {
        baseline = preset.key;
        setAll(preset.values);
      });
  }
  figure.querySelector("button.bx-reset")?.addEventListener("click", () => {
    baseline = meta.startBaseline ?? null;
    setAll(meta.start);
  });

  figure.querySelector("button.bx-copy-link")?.addEventListener("click", async () => {
    const link = versionedUrl(figure, scenarioUrl(key, meta.params, values(), meta.start, location.href)); // with the model's version
    const field = /** @type {HTMLInputElement} */ (part(".bx-link-field"));
    field.value = link;
    field.hidden = false;
    part(".bx-link-label").hidden = false;
    try {
      await navigator.clipboard.writeText(link);
      linkNote.textContent = t("Link copied: it opens this page with these exact settings.");
    } catch {
      field.select();
      linkNote.textContent = t("Copy the selected link below: it opens this page with these exact settings.");
    }
  });

  // A shared link: restore its settings (clamped, with a note saying what changed). The notes describe
  // what the sliders hold afterwards: a slider moves in steps, and a refused value keeps its start.
  const fromLink = readScenario(key, meta.params, location.search, meta.start);
  if (Object.keys(fromLink.values).length) setAll(fromLink.values);
  const stepped = inputs
    .filter((input) => input.name in fromLink.values)
    .map((input) =>
      stepNote(param(input.name), fromLink.values[input.name] ?? Number(input.value), Number(input.value)),
    )
    .filter(Boolean);
  const notes = [...fromLink.notes, ...stepped];
  if (notes.length)
    linkNote.textContent = t("Some settings in this link were changed: {notes}", { notes: notes.join(" ") });
  // A slider the reader moved before this code ran (the page's script still downloading on a slow line)
  // or that the browser restored on a reload or Back keeps its place: the read-outs and charts follow it.
  const moved = inputs.filter(
    (input) => !(input.name in fromLink.values) && Number(input.value) !== meta.start[input.name],
  );
  for (const input of moved) showValue(input);
  if (moved.length) changed();

  // When Python cannot start, the reader can try again (after a network hiccup, say) without reloading.
  const retry = document.createElement("button");
  retry.type = "button";
  retry.className = "md-button bx-retry";
  retry.textContent = t("Retry");
  retry.hidden = true;
  retry.addEventListener("click", () => retryPython().catch(() => {})); // reported through onStatus
  statusLine.after(retry);

  const startsFromDefaults = meta.params.every((p) => meta.start[p.name] === p.default);
  const unsubscribe = onStatus(({ phase, text }) => {
    figure.dataset.python = phase;
    const unavailable = phase === "unavailable";
    for (const control of [...inputs, ...buttons]) control.disabled = unavailable;
    retry.hidden = !unavailable;
    /** @type {Record<import("./python.js").Phase, string>} */
    const words = {
      idle: t("Starting…"),
      loading: `${text} ${t("You can already move the sliders; the chart follows when Python is ready.")}`,
      ready: t(
        "Interactive: move a slider (arrow keys work) or pick a dated preset; the charts redraw at once.",
      ),
      restarting: text,
      unavailable: `${text} ${
        startsFromDefaults
          ? t(
              "The chart shows the default scenario, and its data is in the table below. Retry tries to start Python again.",
            )
          : t(
              "The chart shows the starting scenario, and its data is in the table below. Retry tries to start Python again.",
            )
      }`,
    };
    statusLine.textContent = words[phase];
  });
  const quietLoading = mountLoadingNews(figure); // what a screen reader hears of the status line above
  startPython().catch(() => {}); // reported through onStatus
  /** @type {HTMLDetailsElement | null} */
  const inside = figure.querySelector(".bx-inside");
  if (inside) {
    mountInside(inside, {
      key,
      widget: meta.widget,
      useCode(code) {
        editedCode = code;
        changed();
      },
    });
  }
  assignment?.mounted({ setAll, rerun: changed, speak });
  track("widget-mounted", { id: figure.id });
  return () => {
    lifetime.abort();
    unsubscribe();
    quietLoading();
  };
}
