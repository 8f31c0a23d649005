// What the page's modules find without importing it, for tsc only (`make check`; never shipped): the
// globals other scripts set, and the data the build writes into figures as JSON (<template> blocks read
// by page-data.js), with the Python that writes each. The worker's replies and messages are not here:
// explainers/contract.py generates them, with contract.js's exports.

/** A slider's setting (widgets/params.py Param.as_dict). */
interface Param {
  name: string;
  label: string;
  unit: string;
  minimum: number;
  maximum: number;
  step: number;
  default: number;
  source: string | null;
  assumption: string | null;
  help: string;
}

/** A dated preset (widgets/model.py Preset), as the page lists it. */
interface PresetData {
  key: string;
  label: string;
  values: Record<string, number>;
}

/** "bx-meta": one widget (explainers/figures.py widget_html). */
interface WidgetMeta {
  widget: string;
  params: Param[];
  presets: PresetData[];
  start: Record<string, number>; // what Reset returns to, and what a scenario link leaves out
  startBaseline: string | null; // the preset the widget starts from, or null for the defaults
}

/** One view of a figure, as the build compiled it ("bx-specs": explainers/figures.py views_html). */
interface ViewSpec {
  name?: string;
  vega: VegaSpec;
  datasets: string[]; // the model's data sets this view reads
}
/** A Vega spec (compiled at build: explainers/vega_build.py); read here only for its data. */
type VegaSpec = { data?: { name: string; values?: unknown }[] } & Record<string, unknown>;

/** "bx-assign-meta": the names an assignment may use (explainers/assign.py widget_summary). */
interface AssignMeta {
  widget: string;
  title: string;
  version: number;
  figures: { key: string; label: string; unit: string }[];
  charts: { name: string; title: string }[];
  givesAway: Record<string, string[]>;
}

/** "bx-go-meta": the widgets a short code may open (explainers/short_pages.py opener_markdown). */
interface GoMeta {
  widgets: string[];
}

/** "bx-builder-meta": every widget, for the builder (explainers/assign.py). */
interface BuilderWidget extends AssignMeta {
  page: string;
  params: (Param & { unitText: string })[]; // label and help in the page's language; unitText the unit's words
  presets: PresetData[];
}

/** One change of a model, for old links (explainers/versions.py). */
interface ModelChange {
  version: number;
  date: string;
  what: string;
  anchor: string;
}

/** "bx-reuse": a widget's downloads and citation (explainers/downloads.py widget_menu_html). */
interface ReuseData {
  metadata: Record<string, unknown> & { scenario_link: string; baseline: string };
  parameterFields: (keyof Param)[];
  tables: { dataset: string; columns: [string, string][] }[];
  link: { version: number; unversioned: number; changes: ModelChange[] };
  changesPage: string;
}

/** "bx-results-spec": the class results chart (explainers/class_results.py). */
interface ResultsSpec {
  vega: VegaSpec;
  datasets: string[];
}

/** The figure of a widget or chart, with what the page adds to it. */
interface HTMLElement {
  bxViews?: Promise<import("./charts.js").ViewHandle[]>; // the tests read the live Vega data through this
}

/** What a widget tells its figure after each run (widget.js), for the parts that follow it. */
interface ResultDetail {
  result: import("./contract.js").ModelReply | import("./contract.js").EditedModelReply;
  edited: boolean; // computed by the reader's edited model ("look inside")
  settings: Record<string, number>;
}

interface HTMLElementEventMap {
  "bx:result": CustomEvent<ResultDetail>;
  "bx:edited-stopped": CustomEvent<{ message: string }>; // the edited model failed: back to the original
}

interface Window {
  /** What the page keeps on `window`: the worker started early (runtime_assets.py), metrics, test hooks. */
  busanExplainer?: {
    earlyWorker?: { worker: Worker; queued: unknown[]; bootstrap: string | null };
    metrics?: { name: string; t: number; url: string; [detail: string]: unknown }[];
    pythonDeadlines?: { stallMs?: number; startMs?: number; limitMs?: number };
    expressionsUsed?: { compiled: number; interpreted: number }; // Vega's expressions: compiled at build, or interpreted (charts.js)
  };
  /** Material for MkDocs' page-change stream (instant navigation). */
  document$?: { subscribe(next: () => void): void };
  /** Vega-Embed, loaded as a classic script (charts.js loadVega). */
  vegaEmbed: typeof import("vega-embed").default;
}
