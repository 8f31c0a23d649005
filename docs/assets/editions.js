// The language switcher (overrides/partials/alternate.html): a click opens the page the reader is on in the
// other edition, with the same query string (a scenario: ?tariff_stack.reciprocal=34) and hash. The links
// the build wrote are right for the page first loaded; instant navigation keeps the header, so the address
// is worked out again here, from the reader's address and the edition's root (Material's __md_scope).
// Captured before Material's own handler, which would send the reader to the other edition's home page.

/**
 * The same page in another edition.
 * @param {string} here the page's address (query and hash included)
 * @param {string} editionRoot the current edition's root address, ending in "/"
 * @param {string} current the current edition's folder under the site's root ("" or "ru/")
 * @param {string} target the other edition's folder ("" or "ru/")
 * @returns {string | null} null when the address is not under the edition's root
 */
export function otherEdition(here, editionRoot, current, target) {
  if (!here.startsWith(editionRoot) || !editionRoot.endsWith(current)) return null;
  const siteRoot = editionRoot.slice(0, editionRoot.length - current.length);
  return siteRoot + target + here.slice(editionRoot.length);
}

/** @param {MouseEvent} event */
function switchEdition(event) {
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  const link =
    event.target instanceof Element ? event.target.closest("a.md-select__link[data-bx-edition]") : null;
  const list = link?.closest("[data-bx-edition]:not(a)");
  if (!link || !list) return;
  const scope = /** @type {{ __md_scope?: URL }} */ (/** @type {unknown} */ (window)).__md_scope;
  if (!scope) return;
  const target = otherEdition(
    location.href,
    scope.href,
    list.getAttribute("data-bx-edition") ?? "",
    link.getAttribute("data-bx-edition") ?? "",
  );
  if (target === null) return;
  event.preventDefault();
  event.stopPropagation(); // Material's alternate handler listens on <body>
  location.assign(target);
}

/**
 * Material's search adds a trailing wildcard to every word of the query, and lunr does not stem a word with
 * a wildcard: in an edition whose search stems words (Russian: explainers/editions.py, SEARCH_PIPELINE),
 * «пошлинами» would find only words that begin so, never «пошлины». So each plain word is also given with a
 * neutral boost (`^1`), which Material leaves unstarred and lunr stems: the reader finds both. A query with
 * lunr's own syntax (quotes, +, -, fields, boosts) is left as the reader wrote it.
 * @param {string} query
 * @returns {string}
 */
export function stemmedToo(query) {
  if (/["+\-*~^:]/.test(query)) return query;
  return query
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word} ${word}^1`)
    .join(" ");
}

// Material's search worker takes a query as { type: 2, data: "words" } (Material 9.8, pinned; the browser test
// of Russian search fails if that changes). Our Python worker's messages carry no `type`.
const SEARCH_QUERY = 2;
if (
  typeof document !== "undefined" &&
  document.documentElement.lang !== "en" &&
  typeof Worker !== "undefined"
) {
  const post = Worker.prototype.postMessage;
  /** @type {(this: Worker, message: any, options?: any) => void} */
  const withStems = function (message, options) {
    if (message && message.type === SEARCH_QUERY && typeof message.data === "string") {
      message = { ...message, data: stemmedToo(message.data) };
    }
    post.call(this, message, options);
  };
  Worker.prototype.postMessage = withStems;
}

// Captured: before Material's handler on <body>. (Node.js, in the unit tests, has no document.)
if (typeof document !== "undefined") document.addEventListener("click", switchEdition, { capture: true });
