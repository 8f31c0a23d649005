// The class results page: the teacher opens the class's worksheet files (picked or dropped) and pastes
// the answer texts sent from phones; the page shows one table of the class, a chart of the predictions
// against the model, and a CSV to download. Files are read by this browser (File.text()); nothing is
// uploaded or stored. Reading and checking are in worksheet.js.
import { el } from "./assign.js";
import { createView } from "./charts.js";
import { pageData } from "./page-data.js";
import {
  addToClass,
  byName,
  COLUMNS,
  classCsv,
  gapWords,
  readAnswerTexts,
  readWorksheetFile,
} from "./worksheet.js";

const MAX_FILES = 200; // a class, or a few; more at once is a folder picked by mistake

/** @typedef {import("./worksheet.js").ClassItem} ClassItem */
/** @typedef {import("./worksheet.js").ReadResult} ReadResult */

/** @param {HTMLElement} root  the page's place for the class (explainers/class_results.py) */
export function mountResults(root) {
  /** @type {ResultsSpec} */
  const spec = pageData(root, "bx-results-spec");
  root.querySelector(".bx-results-nojs")?.remove();
  /** @type {ClassItem[]} */
  const items = [];
  /** @type {{ source: string, problem: string }[]} */
  const skipped = [];

  const picker = el("input", {
    type: "file",
    id: "bx-r-files",
    multiple: true,
    accept: ".json,.txt,application/json,text/plain",
  });
  const drop = el(
    "div",
    { class: "bx-results-drop" },
    el("label", { for: "bx-r-files", text: "Choose the worksheet files (.json)" }),
    picker,
    el("p", { text: "or drop them here. They are read by this browser only: nothing is uploaded." }),
  );
  const paste = el("textarea", { id: "bx-r-paste", rows: "5", "aria-describedby": "bx-r-paste-help" });
  const readPaste = el("button", { type: "button", class: "md-button", text: "Add the pasted answers" });
  const clear = el("button", { type: "button", class: "md-button", text: "Start again (clear the class)" });
  const csv = el("button", {
    type: "button",
    class: "md-button md-button--primary",
    text: "Download the class as CSV",
    disabled: true,
  });
  const status = el("p", { class: "bx-results-status", role: "status" });
  const problems = el("ul", { class: "bx-results-problems" });
  // Focusable, so a keyboard can scroll a wide class table on a narrow screen.
  const tableBox = el("div", {
    class: "bx-results-scroll",
    tabindex: "0",
    role: "region",
    "aria-label": "The class, one row per student",
  });
  const groupSelect = el("select", { id: "bx-r-group" });
  const groupField = el(
    "div",
    { class: "bx-builder-field", hidden: true },
    el("label", { for: "bx-r-group", text: "Chart of" }),
    groupSelect,
  );
  const chartBox = el("div", { class: "bx-results-chart" });
  const chartNote = el("p", { class: "bx-results-chart-note" });

  root.append(
    el(
      "section",
      { "aria-labelledby": "bx-r-in" },
      el("h2", { id: "bx-r-in", text: "1. Open the class's work" }),
      drop,
      el("label", { for: "bx-r-paste", text: "Answer texts sent from phones (paste one or many)" }),
      paste,
      el("p", {
        id: "bx-r-paste-help",
        class: "bx-builder-help",
        text: "Each starts with “Busan truce explainer answer” and ends with a “Check:” line.",
      }),
      el("div", { class: "bx-results-buttons" }, readPaste, clear),
      status,
      problems,
    ),
    el(
      "section",
      { "aria-labelledby": "bx-r-table" },
      el("h2", { id: "bx-r-table", text: "2. The class" }),
      tableBox,
      csv,
    ),
    el(
      "section",
      { "aria-labelledby": "bx-r-chart" },
      el("h2", { id: "bx-r-chart", text: "3. Predictions against the model" }),
      groupField,
      chartNote,
      chartBox,
    ),
  );

  /** @type {import("./charts.js").ViewHandle | null} */
  let view = null;
  const groups = () => {
    /** @type {Map<string, ClassItem[]>} */
    const found = new Map();
    for (const item of items) {
      if (item.predictionValue === null || item.modelValue === null) continue;
      const key = `${item.lesson} — ${item.of || item.widget}`;
      found.set(key, [...(found.get(key) ?? []), item]);
    }
    return found;
  };

  async function drawChart() {
    const found = groups();
    const keys = [...found.keys()];
    const chosen = keys.includes(groupSelect.value) ? groupSelect.value : keys[0];
    groupSelect.replaceChildren(
      ...keys.map((key) => el("option", { value: key, text: key, selected: key === chosen })),
    );
    groupField.hidden = keys.length < 2;
    const list = found.get(chosen ?? "") ?? [];
    chartNote.textContent = list.length
      ? `${list.length} numeric prediction${list.length === 1 ? "" : "s"}; the model's answer is for each student's own settings when they predicted.`
      : "No numeric predictions yet: the chart shows once worksheets with a number predicted are loaded.";
    /** @type {Map<string, number>} */
    const names = new Map();
    const rows = list.flatMap((item) => {
      const base = item.name || "(no name)";
      const seen = (names.get(base) ?? 0) + 1;
      names.set(base, seen);
      const student = seen > 1 ? `${base} (${seen})` : base;
      return [
        { student, kind: "Prediction", value: item.predictionValue, text: item.prediction },
        { student, kind: "Model", value: item.modelValue, text: item.modelText },
      ];
    });
    chartBox.hidden = !rows.length;
    if (!rows.length) return;
    view ??= await createView(chartBox, { vega: spec.vega, datasets: spec.datasets });
    await view.update({ [spec.datasets[0] ?? ""]: rows });
    chartBox.dataset.rows = String(rows.length / 2); // for tests and for anyone inspecting the page
  }

  function render() {
    const heads = [...COLUMNS.map(([name]) => name)];
    tableBox.replaceChildren(
      items.length
        ? el(
            "table",
            { class: "bx-ws-table bx-results-table" },
            el("caption", { text: `${items.length} student${items.length === 1 ? "" : "s"}` }),
            el("thead", {}, el("tr", {}, ...heads.map((h) => el("th", { scope: "col", text: h })))),
            el(
              "tbody",
              {},
              ...items.map((item) =>
                el(
                  "tr",
                  {},
                  ...COLUMNS.map(([name, value], i) =>
                    i === 0
                      ? el("th", { scope: "row", text: value(item) })
                      : el("td", {
                          text: name === "How far off" ? gapWords(item) || "—" : value(item) || "—",
                        }),
                  ),
                ),
              ),
            ),
          )
        : el("p", { text: "No work loaded yet." }),
    );
    problems.replaceChildren(
      ...skipped.map(({ source, problem }) =>
        el("li", {}, el("strong", { text: source }), `: ${problem}. Skipped.`),
      ),
    );
    csv.disabled = !items.length;
    drawChart().catch((error) => {
      chartNote.textContent = `The chart could not be drawn (${error.message}); the table above has every value.`;
    });
  }

  /** @param {ReadResult[]} results  @param {string} what  where they came from, for the status line */
  function add(results, what) {
    const before = items.length;
    const found = addToClass(items, results);
    items.sort(byName);
    skipped.push(...found);
    const added = items.length - before;
    status.textContent = `${what}: ${added} added${found.length ? `, ${found.length} skipped (listed below)` : ""}. ${items.length} in the class.`;
    render();
  }

  /** @param {FileList} fileList */
  async function openFiles(fileList) {
    const files = [...fileList].slice(0, MAX_FILES);
    /** @type {ReadResult[]} */
    const results = await Promise.all(
      files.map(async (file) => {
        if (file.size > 1_000_000)
          return { problem: "too large to be a worksheet from this site", source: file.name };
        try {
          const read = readWorksheetFile(await file.text(), file.name);
          return { ...read, source: file.name };
        } catch {
          return { problem: "could not be read", source: file.name };
        }
      }),
    );
    if (fileList.length > MAX_FILES)
      results.push({
        problem: `only the first ${MAX_FILES} files were read`,
        source: `${fileList.length} files`,
      });
    add(results, `${files.length} file${files.length === 1 ? "" : "s"}`);
  }

  picker.addEventListener("change", () => {
    if (picker.files) openFiles(picker.files);
    picker.value = "";
  });
  for (const type of ["dragenter", "dragover"])
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add("bx-results-drop--over");
    });
  drop.addEventListener("dragleave", () => drop.classList.remove("bx-results-drop--over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("bx-results-drop--over");
    if (event.dataTransfer?.files?.length) openFiles(event.dataTransfer.files);
  });
  readPaste.addEventListener("click", () => {
    add(readAnswerTexts(paste.value), "Pasted text");
    paste.value = "";
  });
  clear.addEventListener("click", () => {
    items.length = 0;
    skipped.length = 0;
    status.textContent = "Cleared.";
    render();
  });
  groupSelect.addEventListener("change", () => drawChart().catch(() => {}));
  csv.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([classCsv(items)], { type: "text/csv" }));
    const link = el("a", { href: url, download: "class-results.csv", hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  });
  render();
}
