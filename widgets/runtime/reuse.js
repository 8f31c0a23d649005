// "Reuse this work" in the browser (explainers/download_menu.py and cite.py write the menus and citations):
// - a widget's downloads are made from what the model returned for the reader's scenario (CSV with the
//   baseline beside it, metadata JSON with the settings), and its pictures from the live Vega view;
//   until the model has answered, the links keep the build's files of the starting scenario;
// - "Cite this scenario" follows the sliders; every citation has a copy button;
// - a link made with an older model version says so, in one line, with what changed.
// Static charts need none of this: their menus are plain links to files the build wrote.

import { linkVersion, versionedUrl, versionNotice } from "./link-version.js";
import { pageData } from "./page-data.js";
import { scenarioUrl } from "./scenario-url.js";
import { t } from "./words.js";

const BOM = "\ufeff";
const SCENARIO = "scenario";

/** Mirrors explainers/download_csv.py plain_number: no separators, at most six decimals, no "-0" (the shared
 *  cases in tests/cases/contract_cases.json hold the two together). */
/** @param {unknown} value */
export function plainNumber(value) {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value !== "number") return String(value);
  return String(Number(value.toFixed(6)) + 0);
}

/** @param {string} text */
const field = (text) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** CSV with a byte order mark (spreadsheets then read it as UTF-8) and CRLF line ends, as download_csv.py writes it.
 *  @param {string[]} header  @param {unknown[][]} rows */
export function csvText(header, rows) {
  const lines = [
    header.map(field).join(","),
    ...rows.map((row) => row.map((v) => field(plainNumber(v))).join(",")),
  ];
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

const today = () => new Date().toLocaleDateString("en-CA"); // YYYY-MM-DD, the reader's own day
/** @param {string} name */
const scenarioName = (name) => name.replace(/-\d{4}-\d{2}-\d{2}\.(\w+)$/, `-your-scenario-${today()}.$1`);

/** @param {Blob} blob  @param {string} name */
function save(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob); // blob: addresses are the page's own; the policy needs nothing more
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** @param {ReuseData["tables"][number]} table  @param {Record<string, unknown>[]} rows */
function tableCsv(table, rows) {
  const keys = table.columns.map(([key]) => key);
  const labelled = !keys.includes(SCENARIO); // the models name each row's scenario ("Baseline", "Your scenario")
  const header = [...(labelled ? ["Scenario"] : []), ...table.columns.map(([, heading]) => heading)];
  const body = rows.map((row) => [
    ...(labelled ? [row[SCENARIO] ?? "Your scenario"] : []),
    ...keys.map((key) => row[key] ?? ""),
  ]);
  return csvText(header, body);
}

/** @param {import("vega").View} view  @param {string} kind  "svg" or "png"
 *  @returns {Promise<Blob>} */
async function picture(view, kind) {
  // On the page's own background, so that a dark-mode picture stays readable in a document.
  const previous = view.background();
  view.background(getComputedStyle(document.body).backgroundColor || "#ffffff");
  try {
    if (kind === "svg") return new Blob([await view.toSVG()], { type: "image/svg+xml" });
    const canvas = await view.toCanvas(2);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no picture"))), "image/png"),
    );
  } finally {
    view.background(previous);
    await view.runAsync();
  }
}

/** @param {Element} section  a citation block (explainers/cite.py) */
function mountCitation(section) {
  const note = /** @type {HTMLElement} */ (section.querySelector(".bx-copy-note"));
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (
    section.querySelectorAll("button.bx-copy")
  )) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const target = /** @type {Element} */ (section.querySelector(`[data-cite="${button.dataset.copy}"]`));
      try {
        await navigator.clipboard.writeText(target.textContent ?? "");
        note.textContent = button.dataset.copy === "apa" ? t("APA citation copied.") : t("BibTeX copied.");
      } catch {
        getSelection()?.selectAllChildren(target);
        note.textContent = t("Press Ctrl+C (⌘C on a Mac) to copy the selected citation.");
      }
    });
  }
}

// The rows' own label for the reader's scenario: the data keep the models' English keys (widgets/model.py).
const SCENARIO_ROWS = "Your scenario";

/** @param {HTMLElement} figure */
function mountWidgetReuse(figure) {
  /** @type {ReuseData} */
  const reuse = pageData(figure, "bx-reuse");
  /** @type {WidgetMeta} */
  const meta = pageData(figure, "bx-meta");
  const key = figure.id.replace(/^widget-/, "");
  const tables = new Map(reuse.tables.map((t) => [t.dataset, t]));
  const canonical = reuse.metadata.scenario_link;
  /** @type {{ result: import("./contract.js").RunReply | import("./contract.js").EditedReply, edited: boolean } | null} */
  let latest = null; // the model's latest answer for the reader's scenario

  // A link made with another version of the model: one line, before the sliders move (which rewrites the address).
  const notice = versionNotice(figure);
  if (notice) {
    const line = document.createElement("p");
    line.className = "bx-version-note";
    line.setAttribute("role", "note");
    line.textContent = `${notice.text} `;
    const more = document.createElement("a");
    more.href = `${reuse.changesPage}${notice.anchor ? `#${notice.anchor}` : ""}`;
    more.textContent = t("Model versions and changes");
    line.append(more, ".");
    figure.querySelector(".bx-link-note")?.before(line);
    figure.dataset.linkVersion = String(linkVersion(figure));
  }

  // An assignment page (assign.js) may hide settings and withhold results until the student predicts: the notes
  // name every setting and the menu holds the results, so neither stays there (CSS hides them without scripts).
  if (document.querySelector(`section.bx-assignment[data-for="${figure.id}"]`)) {
    for (const part of figure.querySelectorAll(".bx-know, .bx-reuse")) part.remove();
    return;
  }

  const values = () =>
    Object.fromEntries(
      [.../** @type {NodeListOf<HTMLInputElement>} */ (figure.querySelectorAll('input[type="range"]'))].map(
        (input) => [input.name, Number(input.value)],
      ),
    );
  const link = () => versionedUrl(figure, scenarioUrl(key, meta.params, values(), meta.start, canonical));

  // "Cite this scenario": the build's citation, with the scenario's address in place of the page's.
  const section = /** @type {Element} */ (figure.querySelector(".bx-cite"));
  const originals = [...section.querySelectorAll("[data-cite]")].map(
    (el) => /** @type {const} */ ([el, el.textContent ?? ""]),
  );
  const citeScenario = () => {
    const address = link();
    for (const [element, text] of originals) element.textContent = text.replaceAll(canonical, address);
  };
  mountCitation(section);
  figure.addEventListener("input", citeScenario);
  figure.addEventListener("click", (event) => {
    if (/** @type {Element} */ (event.target).closest("button")) setTimeout(citeScenario, 0);
  });

  const note = /** @type {HTMLElement} */ (figure.querySelector(".bx-reuse-note"));
  figure.addEventListener("bx:result", ({ detail }) => {
    const { result } = detail;
    if (!result.ok) return;
    latest = { ...detail, result };
    citeScenario();
    const baseline = result.baseline || reuse.metadata.baseline;
    note.textContent = detail.edited
      ? t(
          "These files hold the scenario you set (rows marked “{yours}”) beside the baseline, {baseline}; " +
            "computed by your edited version of the model. They are dated today; the pictures are the charts as shown.",
          { yours: SCENARIO_ROWS, baseline },
        )
      : t(
          "These files hold the scenario you set (rows marked “{yours}”) beside the baseline, {baseline}. " +
            "They are dated today; the pictures are the charts as shown.",
          { yours: SCENARIO_ROWS, baseline },
        );
  });

  const metadata = () => ({
    ...reuse.metadata,
    scenario: "Your scenario",
    baseline: latest?.result.baseline || reuse.metadata.baseline,
    scenario_link: link(),
    citation: section.querySelector('[data-cite="apa"]')?.textContent,
    generated: new Date().toISOString(),
    edited_model: Boolean(latest?.edited),
    parameters: meta.params.map((p) => ({
      ...Object.fromEntries(reuse.parameterFields.map((field) => [field, p[field]])),
      value: values()[p.name],
    })),
  });

  for (const anchor of /** @type {NodeListOf<HTMLAnchorElement>} */ (
    figure.querySelectorAll(".bx-reuse a[data-download]")
  )) {
    anchor.addEventListener("click", async (event) => {
      const kind = anchor.dataset.download ?? "";
      const dataset = anchor.dataset.dataset ?? "";
      const name = scenarioName(anchor.getAttribute("download") ?? "");
      if (kind === "csv" || kind === "json") {
        if (!latest) return; // no answer yet: the build's file holds the starting scenario
        event.preventDefault();
        const text =
          kind === "json"
            ? `${JSON.stringify(metadata(), null, 2)}\n`
            : tableCsv(
                /** @type {ReuseData["tables"][number]} */ (tables.get(dataset)),
                latest.result.data[dataset] ?? [],
              );
        save(
          new Blob([text], { type: kind === "json" ? "application/json" : "text/csv;charset=utf-8" }),
          name,
        );
        return;
      }
      event.preventDefault();
      try {
        const handles = (await figure.bxViews) ?? [];
        const view = handles[Number(anchor.dataset.view)]?.vegaView?.();
        if (!view) throw new Error("no live view");
        save(await picture(view, kind), name);
      } catch {
        location.assign(anchor.href); // no live view: the build's picture of the starting scenario
      }
    });
  }
}

/** Every widget's reuse menu and every citation on the page; before the widgets mount (see the notice). */
/** @param {ParentNode} [root] */
export function mountReuse(root = document) {
  for (const figure of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("figure.bx-widget")))
    mountWidgetReuse(figure);
  for (const section of root.querySelectorAll(".bx-cite")) {
    if (!section.closest("figure.bx-widget")) mountCitation(section);
  }
}
