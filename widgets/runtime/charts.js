// Vega views: load the self-hosted Vega once, embed the Vega specs the build compiled, theme them
// from Material's palette (light or dark), and update their data in place.

import { speakChartsLanguage } from "./chart-aria.js";
import { CHART_SCRIPTS, NUMBER_STYLES, site } from "./contract.js";
import { pageLanguage } from "./format.js";
import { track } from "./metrics.js";
import { pageData } from "./page-data.js";
import { FONT, HUES } from "./theme.js";
import { t } from "./words.js";

/** One live view: where it is drawn, its spec, the data it was last given, and Vega-Embed's result.
 *  @typedef {{ element: HTMLElement, spec: VegaSpec, datasets: Record<string, unknown> | null,
 *    texts?: Record<string, string>, result: import("vega-embed").Result | null, updated?: boolean,
 *    scheme?: string }} Entry */
/** What a figure holds of one live view.
 *  @typedef {object} ViewHandle
 *  @property {(datasets: Record<string, unknown>) => Promise<void>} update
 *  @property {(name: string) => unknown[]} data
 *  @property {() => import("vega").View | undefined} [vegaView]  none for a chart withheld until the prediction (assign.js)
 *  @property {() => string[]} datasetNames */

/** @type {Promise<unknown> | null} */
let vegaLoaded = null;
/** @type {Set<Entry>} */
const views = new Set(); // every live view on the current page

/** @param {string} src */
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = false; // download in parallel, execute in order (vega, then vega-embed)
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

export function loadVega() {
  vegaLoaded ??= Promise.all([
    Promise.all(CHART_SCRIPTS.map((path) => loadScript(site(path)))), // explainers/runtime_assets.py CHART_SCRIPTS
    import("./vega-compiled.js").catch(() => null), // without it, every expression is interpreted (slower)
  ]).then(([, compiled]) => {
    expressions = evaluator(compiled);
  });
  return vegaLoaded;
}

// How Vega evaluates the charts' expressions. The site's policy refuses `new Function`, with which Vega
// compiles them, so Vega-Embed's AST interpreter runs them, several times slower: on a slider move, most
// of a widget's redraw went there. The build compiled the widgets' expressions with Vega's own code
// generator (explainers/vega_compiled.py): those are taken by key, bound as Vega binds its own, and
// anything else (another chart, an expression made at run time) is left to the interpreter.
/** Vega's expression evaluator: one function maker per kind of expression, and field access (codegen).
 *  @typedef {Record<"operator" | "parameter" | "event" | "handler" | "encode", (ctx: { functions?: object }, expr: object) => Function>
 *    & { codegen: object }} Evaluator */
/** @type {Evaluator | null} */
let expressions = null;
const expressionsUsed = { compiled: 0, interpreted: 0 }; // read by the benchmark and the tests
window.busanExplainer = Object.assign(window.busanExplainer ?? {}, { expressionsUsed });
/** @type {Evaluator | null} */
let interpreter = null; // Vega-Embed's own, which it does not export: taken from the first view it makes
/** @param {{ COMPILED: Map<string, Function>, key: (kind: string, expr: object) => string } | null} compiled
 *  @returns {Evaluator | null} */
function evaluator(compiled) {
  if (!compiled) return null;
  const { COMPILED, key } = compiled;
  /** @param {"operator" | "parameter" | "event" | "handler" | "encode"} kind */
  const pick = (kind) => (/** @type {{ functions?: object }} */ ctx, /** @type {object} */ expr) => {
    const fn = COMPILED.get(key(kind, expr));
    if (fn) {
      expressionsUsed.compiled += 1;
      return ctx?.functions ? fn.bind(ctx.functions) : fn;
    }
    expressionsUsed.interpreted += 1;
    return /** @type {Evaluator} */ (interpreter)[kind](ctx, expr);
  };
  return {
    operator: pick("operator"),
    parameter: pick("parameter"),
    event: pick("event"),
    handler: pick("handler"),
    encode: pick("encode"),
    get codegen() {
      return /** @type {Evaluator} */ (interpreter).codegen;
    }, // field access and comparison, without `new Function`
  };
}

/** Vega-Embed's locale options for the page's language: numbers and months on axes, legends and tooltips
 *  as the read-outs write them ("12,5 %", "декабрь 2026"), the same locales as the build's pictures
 *  (widgets/numbers.py vega_locale). None in English: Vega's own defaults, as before. */
function localeOptions() {
  /** @type {Record<string, { vega: { format: object, time: object } | null } | undefined>} */
  const styles = NUMBER_STYLES;
  const locale = styles[pageLanguage()]?.vega;
  return locale
    ? {
        formatLocale: /** @type {Record<string, unknown>} */ (locale.format),
        timeFormatLocale: /** @type {Record<string, unknown>} */ (locale.time),
      }
    : {};
}

/** Vega-Embed's option that hands Vega the evaluator above, once it is ready (else Vega-Embed's interpreter). */
const compiledExpressions = () =>
  interpreter && expressions
    ? {
        expr: /** @type {NonNullable<import("vega-embed").EmbedOptions["expr"]>} */ (
          /** @type {unknown} */ (expressions)
        ),
      }
    : {};

/** The colour scheme (Material's palette) that applies to an element, the page's by default: "slate" or "default".
 *  @param {Element} [within] */
const scheme = (within = document.body) =>
  within.closest("[data-md-color-scheme]")?.getAttribute("data-md-color-scheme") === "slate"
    ? "slate"
    : "default";

// The build compiled each spec with the site's theme (explainers/charts/theme.py), its colours and
// font left as `var(--…)` slots: they are filled here from the page and the reader's scheme, so a
// live view always matches the palette the reader picked.
// `within` is an element whose scheme (data-md-color-scheme) and font the colours are read from.
/** @param {VegaSpec} spec  @param {Element} [within]  @returns {VegaSpec} */
function themed(spec, within = document.body) {
  const style = getComputedStyle(within);
  /** @type {Record<string, string>} */
  const hues = HUES[scheme(within)];
  /** @param {string} text */
  const fill = (text) =>
    text.replace(/var\((--[\w-]+)\)/g, (slot, name) =>
      slot === FONT ? style.fontFamily : (hues[slot] ?? (style.getPropertyValue(name).trim() || slot)),
    );
  return JSON.parse(JSON.stringify(spec), (_key, value) => (typeof value === "string" ? fill(value) : value));
}

/** @param {Entry} entry */
async function embed(entry) {
  await loadVega();
  entry.scheme = scheme();
  const spec = themed(entry.spec);
  for (const data of spec.data ?? [])
    if (entry.datasets?.[data.name]) data.values = entry.datasets[data.name];
  entry.result?.finalize();
  if (expressions && !interpreter) {
    const probe = await window.vegaEmbed(
      document.createElement("div"),
      {},
      { mode: "vega", renderer: "none", actions: false, ast: true },
    );
    interpreter = /** @type {{ _runtime: { expr: Evaluator } }} */ (/** @type {unknown} */ (probe.view))
      ._runtime.expr;
    probe.finalize();
  }
  // SVG prints cleanly; `ast: true` with `expr` evaluates expressions without `new Function` (the build's
  // compiled ones, else Vega's interpreter), so a strict Content-Security-Policy holds; no actions menu
  // (it links to an external editor).
  entry.result = await window.vegaEmbed(entry.element, /** @type {import("vega").Spec} */ (spec), {
    mode: "vega",
    renderer: "svg",
    actions: false,
    ast: true,
    defaultStyle: false,
    ...localeOptions(),
    ...compiledExpressions(),
  });
  return entry;
}

// One view per task: Vega's parse and first render take tens of milliseconds per view, and a page
// has several; drawn in one go they would block reading and input for hundreds. Until its turn,
// each view shows its build-time picture.
/** @type {Promise<unknown>} */
let queue = Promise.resolve();
/** @param {Entry} entry */
function embedInTurn(entry) {
  const turn = queue.then(() => new Promise((resolve) => setTimeout(resolve, 0))).then(() => embed(entry));
  queue = turn.catch(() => {});
  return turn;
}

// A result's data set as text, to tell whether it changed: made once, though several views read it.
/** @type {WeakMap<object, string>} */
const texts = new WeakMap();
/** @param {unknown} rows */
const asText = (rows) => {
  if (typeof rows !== "object" || rows === null) return JSON.stringify(rows);
  let text = texts.get(rows);
  if (text === undefined) {
    text = JSON.stringify(rows);
    texts.set(rows, text);
  }
  return text;
};

// A live view's update, rehearsed while the page idles (Python is still starting): V8 optimises Vega's
// update path only after it has run several times, and before this the reader's first slider moves took
// two to four times as long as the eighth (measured in Chromium: the reply's handling 27 ms, then 21, 14 …
// 7). Each rehearsal gives the view a fresh copy of the rows it shows, so the picture does not change; they
// stop at the view's first real update.
const REHEARSALS = 4;
/** @param {Entry} entry  @param {string[]} names  the model's data sets the view reads */
function rehearse(entry, names) {
  if (!names.length || typeof requestIdleCallback !== "function") return; // Safari has no idle callbacks
  let left = REHEARSALS;
  const shown = (/** @type {string} */ name) =>
    entry.datasets?.[name] ?? entry.spec.data?.find((data) => data.name === name)?.values;
  const once = () => {
    if (entry.updated || !entry.result || !views.has(entry) || left <= 0) return;
    left -= 1;
    track("view-rehearsed", { id: entry.element.closest("figure")?.id });
    const view = entry.result.view;
    for (const name of names) {
      const rows = shown(name);
      if (Array.isArray(rows)) view.data(name, JSON.parse(JSON.stringify(rows))); // new rows: Vega marks what it ingests
    }
    view.runAsync().then(
      () => requestIdleCallback(once),
      () => {}, // a rehearsal only saves time
    );
  };
  requestIdleCallback(once);
}

/** Embed one view ({vega, datasets}) into one element; resolves to a handle with update() and data().
 *  @param {HTMLElement} element
 *  @param {{ vega: VegaSpec, datasets: string[] }} view
 *  @returns {Promise<ViewHandle>} */
export async function createView(element, { vega, datasets }) {
  /** @type {Entry} */
  const entry = { element, spec: vega, datasets: null, result: null };
  const live = () => /** @type {import("vega-embed").Result} */ (entry.result).view;
  views.add(entry);
  speakChartsLanguage(element);
  await embedInTurn(entry);
  track("view-drawn", { id: element.closest("figure")?.id });
  rehearse(entry, datasets);
  return {
    /** Replace named data sets in place (no re-embed) and wait for the redraw. Data sets that did not
     *  change are left alone: most sliders move one of a view's data sets, and Vega re-runs only what
     *  depends on the ones replaced. */
    async update(datasets) {
      const view = live();
      entry.updated = true; // no more rehearsals: the reader is here
      let changed = false;
      for (const [name, rows] of Object.entries(datasets)) {
        const text = asText(rows);
        if (entry.texts?.[name] === text) continue;
        entry.texts = { ...entry.texts, [name]: text };
        entry.datasets = { ...entry.datasets, [name]: rows };
        view.data(name, rows);
        changed = true;
      }
      if (changed) await view.runAsync();
    },
    data: (name) => live().data(name),
    vegaView: live, // the live view, for downloads of its picture (reuse.js)
    datasetNames: () => datasets, // the model's data sets this view reads
  };
}

/** One view drawn as a picture for paper, off screen: SVG text in the light scheme (paper is white, whatever
 *  the screen's scheme), `width` pixels wide, with the rows it shows now (`rows`: data set name -> rows).
 *  @param {ViewSpec} view  @param {Record<string, unknown>} rows  @param {number} width
 *  @returns {Promise<string>} */
export async function paperPicture({ vega }, rows, width) {
  await loadVega();
  const box = document.createElement("div"); // Material's light colours apply inside it, also on a dark page
  box.setAttribute("data-md-color-scheme", "default");
  box.setAttribute("aria-hidden", "true");
  box.style.cssText = `position: absolute; left: -10000px; top: 0; width: ${width}px;`;
  document.body.append(box);
  try {
    const spec = themed(vega, box);
    for (const data of spec.data ?? []) if (rows[data.name]) data.values = rows[data.name];
    const result = await window.vegaEmbed(box, spec, {
      mode: "vega",
      renderer: "none",
      actions: false,
      ast: true,
      defaultStyle: false,
      ...compiledExpressions(),
    });
    try {
      return await result.view.toSVG();
    } finally {
      result.finalize();
    }
  } finally {
    box.remove();
  }
}

/** @param {HTMLElement} figure  a static chart's figure */
export function mountChart(figure) {
  /** @type {ViewSpec[]} */
  const specs = pageData(figure, "bx-specs");
  const handles = specs.map((spec, i) =>
    createView(/** @type {HTMLElement} */ (figure.querySelector(`.bx-view[data-view="${i}"]`)), spec),
  );
  figure.bxViews = Promise.all(handles);
  figure.bxViews.catch((/** @type {Error} */ error) => {
    const note = document.createElement("p");
    note.className = "bx-error";
    note.textContent = t(
      "The interactive chart could not be loaded ({why}); the picture shows the same data, which is also in the table below.",
      { why: error.message },
    );
    figure.prepend(note);
  });
  return figure.bxViews;
}

export function unmountAll() {
  for (const entry of views) entry.result?.finalize();
  views.clear();
}

// Re-theme every view when the reader toggles light/dark; the current data is kept. Only a change counts:
// Material also sets the attribute, to the same value, as it starts, which could come after the first views.
new MutationObserver(() => {
  for (const entry of views) if (entry.scheme && entry.scheme !== scheme()) embedInTurn(entry);
}).observe(document.body, {
  attributes: true,
  attributeFilter: ["data-md-color-scheme"],
});
