// Vega writes a live chart's accessibility words itself, in English (vega-scenegraph: a title is read as
// "Title text '…'", a layer as "line mark container", a point as "symbol mark"): on a Russian page a screen
// reader would read them in English between the chart's Russian words. Here they are said in the page's
// language, from the catalog, whenever Vega writes them (first draw, redraw, resize). The chart's own words
// (titles, axis titles, tooltips' fields) were translated at build time.
import { pageLanguage, t } from "./words.js";

/** Vega's mark types, as a reader would name them. */
const MARK_NAMES = () => ({
  area: t("area"),
  line: t("line"),
  rect: t("bar"),
  rule: t("rule"),
  symbol: t("point"),
  text: t("text"),
  group: t("group"),
  path: t("shape"),
  image: t("image"),
  arc: t("arc"),
  trail: t("line"),
  shape: t("shape"),
});

/** Vega's English for one attribute, in the page's language; null when it is not Vega's own English.
 *  @param {string} name  @param {string} value  @returns {string | null} */
function spoken(name, value) {
  if (name === "aria-roledescription") {
    // (the names only here: every data point's aria-label passes through this function on each redraw)
    const marks = /** @type {Record<string, string>} */ (MARK_NAMES());
    const [, type = "", container] = /^(\w+) mark( container)?$/.exec(value) ?? [];
    const named = marks[type];
    if (named) return container ? t("layer of marks: {mark}", { mark: named }) : named;
    const guides = /** @type {Record<string, string>} */ ({
      title: t("title"),
      subtitle: t("subtitle"),
      axis: t("axis"),
      legend: t("legend"),
    });
    return guides[value] ?? null;
  }
  const title = /^(Title|Subtitle) text '([\s\S]*)'$/.exec(value);
  if (title) {
    const text = title[2] ?? "";
    return title[1] === "Title" ? t("Title: {text}", { text }) : t("Subtitle: {text}", { text });
  }
  return null;
}

/** @param {Element} element */
function translate(element) {
  for (const name of ["aria-roledescription", "aria-label"]) {
    const value = element.getAttribute(name);
    const words = value === null ? null : spoken(name, value);
    if (words !== null && words !== value) element.setAttribute(name, words);
  }
}

/** @param {Element} root  an element and everything in it */
function translateAll(root) {
  translate(root);
  for (const node of root.querySelectorAll("[aria-roledescription], [aria-label]")) translate(node);
}

/** Keep Vega's accessibility words in the page's language inside `element` (a live view's box, before Vega
 *  draws into it), as Vega adds or rewrites them; nothing to do on an English page.
 *  @param {HTMLElement} element */
export function speakChartsLanguage(element) {
  if (pageLanguage() === "en") return;
  translateAll(element);
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") translate(/** @type {Element} */ (record.target));
      for (const added of record.addedNodes) if (added instanceof Element) translateAll(added);
    }
  }).observe(element, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["aria-roledescription", "aria-label"],
  });
}
