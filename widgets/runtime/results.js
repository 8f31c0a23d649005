// The class results page: the teacher opens the class's worksheet files (picked or dropped) and pastes
// the answer texts sent from phones; the page shows one table of the class, a chart of the predictions
// against the model, and a CSV to download. Files are read by this browser (File.text()); nothing is
// uploaded or stored. Reading and checking are in worksheet.js.
import { el } from "./assign.js";
import { createView } from "./charts.js";
import { pageData } from "./page-data.js";
import { t, tn } from "./words.js";
import {
  ANSWER_HEADER,
  addToClass,
  byName,
  classCsv,
  columns,
  readAnswerTexts,
  readWorksheetFile,
} from "./worksheet.js";

// The words an answer text starts with: the format's own, in English in every edition.
const answerStart = ANSWER_HEADER.slice(0, ANSWER_HEADER.indexOf(","));

/** A message with English words in its {placeholder}, marked lang="en" (read out as English, and not taken
 *  for a translation left undone).
 *  @param {string} message  @param {string} name  @param {string} english  @returns {(string | HTMLElement)[]} */
function withEnglish(message, name, english) {
  const [before = "", after = ""] = message.split(`{${name}}`);
  return [before, el("span", { lang: "en", text: english }), after];
}

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
    el("label", { for: "bx-r-files", text: t("Choose the worksheet files (.json)") }),
    picker,
    el("p", { text: t("or drop them here. They are read by this browser only: nothing is uploaded.") }),
  );
  const paste = el("textarea", { id: "bx-r-paste", rows: "5", "aria-describedby": "bx-r-paste-help" });
  const readPaste = el("button", { type: "button", class: "md-button", text: t("Add the pasted answers") });
  const clear = el("button", {
    type: "button",
    class: "md-button",
    text: t("Start again (clear the class)"),
  });
  const csv = el("button", {
    type: "button",
    class: "md-button md-button--primary",
    text: t("Download the class as CSV"),
    disabled: true,
  });
  const status = el("p", { class: "bx-results-status", role: "status" });
  const problems = el("ul", { class: "bx-results-problems" });
  // Focusable, so a keyboard can scroll a wide class table on a narrow screen.
  const tableBox = el("div", {
    class: "bx-results-scroll",
    tabindex: "0",
    role: "region",
    "aria-label": t("The class, one row per student"),
  });
  const groupSelect = el("select", { id: "bx-r-group" });
  const groupField = el(
    "div",
    { class: "bx-builder-field", hidden: true },
    el("label", { for: "bx-r-group", text: t("Chart of") }),
    groupSelect,
  );
  const chartBox = el("div", { class: "bx-results-chart" });
  const chartNote = el("p", { class: "bx-results-chart-note" });

  root.append(
    el(
      "section",
      { "aria-labelledby": "bx-r-in" },
      el("h2", { id: "bx-r-in", text: t("1. Open the class's work") }),
      drop,
      el("label", { for: "bx-r-paste", text: t("Answer texts sent from phones (paste one or many)") }),
      paste,
      el(
        "p",
        { id: "bx-r-paste-help", class: "bx-builder-help" },
        ...withEnglish(t("Each starts with “{start}” and ends with a “Check:” line."), "start", answerStart),
      ),
      el("div", { class: "bx-results-buttons" }, readPaste, clear),
      status,
      problems,
    ),
    el(
      "section",
      { "aria-labelledby": "bx-r-table" },
      el("h2", { id: "bx-r-table", text: t("2. The class") }),
      tableBox,
      csv,
    ),
    el(
      "section",
      { "aria-labelledby": "bx-r-chart" },
      el("h2", { id: "bx-r-chart", text: t("3. Predictions against the model") }),
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
      ? tn(
          "{count} numeric prediction; the model's answer is for each student's own settings when they predicted.",
          "{count} numeric predictions; the model's answer is for each student's own settings when they predicted.",
          list.length,
        )
      : t("No numeric predictions yet: the chart shows once worksheets with a number predicted are loaded.");
    /** @type {Map<string, number>} */
    const names = new Map();
    const rows = list.flatMap((item) => {
      const base = item.name || t("(no name)");
      const seen = (names.get(base) ?? 0) + 1;
      names.set(base, seen);
      const student = seen > 1 ? `${base} (${seen})` : base;
      // The kinds in the page's language: the chart's legend lists them so (explainers/class_results.py KINDS).
      return [
        { student, kind: t("Prediction"), value: item.predictionValue, text: item.prediction },
        { student, kind: t("Model"), value: item.modelValue, text: item.modelText },
      ];
    });
    chartBox.hidden = !rows.length;
    if (!rows.length) return;
    view ??= await createView(chartBox, { vega: spec.vega, datasets: spec.datasets });
    await view.update({ [spec.datasets[0] ?? ""]: rows });
    chartBox.dataset.rows = String(rows.length / 2); // for tests and for anyone inspecting the page
  }

  function render() {
    const COLUMNS = columns();
    const heads = COLUMNS.map(([name]) => name);
    tableBox.replaceChildren(
      items.length
        ? el(
            "table",
            { class: "bx-ws-table bx-results-table" },
            el("caption", { text: tn("{count} student", "{count} students", items.length) }),
            el("thead", {}, el("tr", {}, ...heads.map((h) => el("th", { scope: "col", text: h })))),
            el(
              "tbody",
              {},
              ...items.map((item) =>
                el(
                  "tr",
                  {},
                  ...COLUMNS.map(([, value], i) =>
                    i === 0
                      ? el("th", { scope: "row", text: value(item) })
                      : el("td", { text: value(item) || "—" }),
                  ),
                ),
              ),
            ),
          )
        : el("p", { text: t("No work loaded yet.") }),
    );
    problems.replaceChildren(
      ...skipped.map(({ source, problem }) =>
        el("li", {}, el("strong", { text: source }), t(": {problem}. Skipped.", { problem })),
      ),
    );
    csv.disabled = !items.length;
    drawChart().catch((error) => {
      chartNote.textContent = t("The chart could not be drawn ({reason}); the table above has every value.", {
        reason: error.message,
      });
    });
  }

  /** @param {ReadResult[]} results  @param {string} what  where they came from, for the status line */
  function add(results, what) {
    const before = items.length;
    const found = addToClass(items, results);
    items.sort(byName);
    skipped.push(...found);
    const added = items.length - before;
    const counts = found.length
      ? t("{added} added, {skipped} skipped (listed below)", { added, skipped: found.length })
      : t("{added} added", { added });
    status.textContent = t("{what}: {counts}. {total} in the class.", { what, counts, total: items.length });
    render();
  }

  /** @param {FileList} fileList */
  async function openFiles(fileList) {
    const files = [...fileList].slice(0, MAX_FILES);
    /** @type {ReadResult[]} */
    const results = await Promise.all(
      files.map(async (file) => {
        if (file.size > 1_000_000)
          return { problem: t("too large to be a worksheet from this site"), source: file.name };
        try {
          const read = readWorksheetFile(await file.text(), file.name);
          return { ...read, source: file.name };
        } catch {
          return { problem: t("could not be read"), source: file.name };
        }
      }),
    );
    if (fileList.length > MAX_FILES)
      results.push({
        problem: t("only the first {count} files were read", { count: MAX_FILES }),
        source: tn("{count} file", "{count} files", fileList.length),
      });
    add(results, tn("{count} file", "{count} files", files.length));
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
    add(readAnswerTexts(paste.value), t("Pasted text"));
    paste.value = "";
  });
  clear.addEventListener("click", () => {
    items.length = 0;
    skipped.length = 0;
    status.textContent = t("Cleared.");
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
