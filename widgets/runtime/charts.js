// Vega views: load the self-hosted Vega bundles once, embed specs, theme them from Material's
// palette (light or dark), and update their data in place.
import { track } from "./metrics.js";

const vendor = (name) => new URL(`../vendor/${name}`, import.meta.url).href;
let vegaLoaded = null;
const views = new Set(); // every live view on the current page: { element, spec, datasets, result }

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = false; // download in parallel, execute in order (vega, then vega-lite, then embed)
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

export function loadVega() {
  vegaLoaded ??= Promise.all(
    ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"].map((name) => loadScript(vendor(name))),
  );
  return vegaLoaded;
}

const PALETTES = {
  // Okabe–Ito hues, ordered and shaded so each passes 3:1 against Material's light or slate background.
  light: ["#0072b2", "#c85200", "#007a5a", "#b4467f", "#6f5a00", "#3d3d9e"],
  dark: ["#56b4e9", "#f0a35e", "#35c49a", "#e28fbd", "#e6c84f", "#a9a9ff"],
};

function themeConfig() {
  const style = getComputedStyle(document.body);
  const css = (name) => style.getPropertyValue(name).trim();
  const dark = document.body.getAttribute("data-md-color-scheme") === "slate";
  const text = css("--md-default-fg-color") || (dark ? "#e2e4e9" : "#000000de");
  const muted = css("--md-default-fg-color--light") || text;
  const grid = css("--md-default-fg-color--lightest") || "#0000001f";
  const axis = { labelColor: muted, titleColor: text, gridColor: grid, domainColor: muted, tickColor: muted,
                 labelFontSize: 12, titleFontSize: 12 };
  return {
    background: "transparent",
    font: style.fontFamily,
    axis,
    legend: { labelColor: text, titleColor: text, labelFontSize: 12, titleFontSize: 12, labelLimit: 320 },
    title: { color: text, subtitleColor: muted, fontSize: 14, anchor: "start" },
    view: { stroke: "transparent" },
    range: { category: dark ? PALETTES.dark : PALETTES.light },
    bar: { fill: dark ? PALETTES.dark[0] : PALETTES.light[0] },
    line: { strokeWidth: 2.5 },
  };
}

async function embed(entry) {
  await loadVega();
  const spec = structuredClone(entry.spec);
  if (entry.datasets) spec.datasets = { ...spec.datasets, ...entry.datasets };
  entry.result?.finalize();
  // SVG prints cleanly; `ast: true` evaluates expressions with Vega's interpreter (no `new Function`,
  // so a strict Content-Security-Policy holds); no actions menu (it links to an external editor).
  entry.result = await window.vegaEmbed(entry.element, spec, {
    renderer: "svg", actions: false, ast: true, defaultStyle: false, config: themeConfig(),
  });
  return entry;
}

/** Embed one spec into one element; resolves to a handle with update() and data(). */
export async function createView(element, spec) {
  const entry = { element, spec, datasets: null, result: null };
  views.add(entry);
  await embed(entry);
  track("view-drawn", { id: element.closest("figure")?.id });
  return {
    /** Replace named data sets in place (no re-embed) and wait for the redraw. */
    async update(datasets) {
      entry.datasets = { ...entry.datasets, ...datasets };
      const view = entry.result.view;
      for (const [name, rows] of Object.entries(datasets)) view.data(name, rows);
      await view.runAsync();
    },
    data: (name) => entry.result.view.data(name),
    datasetNames: () => Object.keys(entry.spec.datasets ?? {}),
  };
}

export function mountChart(figure) {
  const specs = JSON.parse(figure.querySelector(".bx-specs").textContent);
  const handles = specs.map((spec, i) => createView(figure.querySelector(`.bx-view[data-view="${i}"]`), spec));
  figure.bxViews = Promise.all(handles);
  figure.bxViews.catch((error) => {
    const note = document.createElement("p");
    note.className = "bx-error";
    note.textContent = `The chart could not be drawn (${error.message}); its data is in the table below.`;
    figure.prepend(note);
  });
  return figure.bxViews;
}

export function unmountAll() {
  for (const entry of views) entry.result?.finalize();
  views.clear();
}

// Re-theme every view when the reader toggles light/dark; the current data is kept.
new MutationObserver(() => views.forEach((entry) => embed(entry))).observe(document.body, {
  attributes: true, attributeFilter: ["data-md-color-scheme"],
});
