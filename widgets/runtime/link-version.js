// Scenario links carry their model's version (?tariff_stack.fentanyl=13&tariff_stack.v=1), as En-ROADS
// links do, so a reader who opens a link made with an older model is told so, with what changed
// (explainers/versions.py writes the version and the changes; a link without a version was made before
// links carried one, that is with version 1). Nothing read from the address is inserted as HTML.
import { VERSION_KEY } from "./contract.js"; // ?tariff_stack.v=2: explainers/versions.py VERSION_KEY
import { pageData } from "./page-data.js";
import { t } from "./words.js";

/** @typedef {ReuseData["link"]} LinkData */
/** @type {WeakMap<Element, LinkData>} */
const linkData = new WeakMap(); // figure -> its `link` block

/** @param {Element} figure */
function linkOf(figure) {
  let link = linkData.get(figure);
  if (!link) {
    link = /** @type {ReuseData} */ (pageData(figure, "bx-reuse")).link;
    linkData.set(figure, link);
  }
  return link;
}

/** @param {Element} figure */
const keyOf = (figure) => figure.id.replace(/^widget-/, "");

/** The address with the model's version added when it holds any of this widget's settings (and without
 *  it when it holds none: a plain page address needs no version). */
/** @param {Element} figure  @param {string} href */
export function versionedUrl(figure, href) {
  const link = linkOf(figure);
  const key = keyOf(figure);
  const url = new URL(href);
  const name = `${key}.${VERSION_KEY}`;
  url.searchParams.delete(name);
  const settings = [...url.searchParams.keys()].some((k) => k.startsWith(`${key}.`));
  if (settings) url.searchParams.set(name, String(link.version));
  return url.href;
}

/** The version a link in `search` was made with: null if it holds none of this widget's settings. */
/** @param {Element} figure  @param {string} [search]
 *  @returns {number | null} */
export function linkVersion(figure, search = location.search) {
  const link = linkOf(figure);
  const key = keyOf(figure);
  const query = new URLSearchParams(search);
  if (![...query.keys()].some((k) => k.startsWith(`${key}.`))) return null;
  const raw = query.get(`${key}.${VERSION_KEY}`);
  return raw !== null && /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : link.unversioned;
}

/** One line for a link made with another version of the model, or null: { text, anchor } where anchor
 *  names the newest change on the corrections page. */
/** @param {Element} figure  @param {string} [search]
 *  @returns {{ text: string, anchor: string | null } | null} */
export function versionNotice(figure, search = location.search) {
  const link = linkOf(figure);
  const made = linkVersion(figure, search);
  if (made === null || made === link.version) return null;
  if (made > link.version) {
    return {
      text: t(
        "This link names version {made} of the model, but this page runs version {version}; " +
          "the settings it holds may mean something else here.",
        { made, version: link.version },
      ),
      anchor: null,
    };
  }
  const changes = link.changes.filter((c) => c.version > made);
  const what = changes
    .map((c) => t("version {version} ({date}): {what}", { version: c.version, date: c.date, what: c.what }))
    .join(" ");
  return {
    text: t(
      "This link was made with version {made} of the model; the page now runs version {version}, " +
        "so the same settings may give different results. What changed: {what}",
      { made, version: link.version, what },
    ),
    anchor: changes.at(-1)?.anchor ?? null,
  };
}
