// The site's service worker: after one visit to a widget page, every page and widget works offline.
// Built into the site root as sw.js (explainers/offline.py), after a first line that sets MANIFEST:
// every file of this build with its content hash. The browser compares sw.js byte for byte on each
// visit, so a new build (any changed hash) is a new service worker, which fetches only what changed.
//   - runtime (assets/: Pyodide, Vega, the models, Material's scripts and styles): cache first, from
//     the cache of this build; never a request while it is there.
//   - pages and everything else (HTML, the search index, the sitemap): network first, so corrections
//     reach readers; the cached copy when the network fails.
/* global MANIFEST */
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const PREFIX = "bx-site-";
const CACHE = PREFIX + MANIFEST.version;
const SCOPE = new URL(sw.registration.scope);
const HASH_HEADER = "X-Bx-Hash";
const PARALLEL = 4; // downloads at once while precaching: leave the line to the reader's page
// The reader first: while they move a control, the copy waits (offline.js tells this worker of each input, at
// most every half second). On a fast line the copy's hashing and writing took a core from the slider's
// redraws on a two-core laptop (15 ms of CPU per slider move, measured). Waits 2 s after the last input, and
// 60 s in all at most, so the copy always ends.
const READER_BUSY = "bx-reader-busy"; // the message offline.js posts
const READER_QUIET_MS = 2_000;
const MOST_WAITED_MS = 60_000;
let readerBusyUntil = 0;
let waitedMs = 0;
sw.addEventListener("message", (event) => {
  if (event.data?.type === READER_BUSY) readerBusyUntil = Date.now() + READER_QUIET_MS;
});
async function readerQuiet() {
  for (let wait = readerBusyUntil - Date.now(); wait > 0 && waitedMs < MOST_WAITED_MS; ) {
    waitedMs += wait;
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = readerBusyUntil - Date.now();
  }
}

/** Site path (as in MANIFEST) -> the address the browser asks for (pages by their directory). */
/** @param {string} path */
const addressOf = (path) => new URL(path.replace(/(^|\/)index\.html$/, "$1"), SCOPE).href;
/** @param {URL} url */
const sitePath = (url) => {
  const path = decodeURIComponent(url.pathname.slice(SCOPE.pathname.length));
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
};
/** @param {string} path */
const isRuntime = (path) => path.startsWith("assets/");
// The reader's edition, from the page that registered this worker (offline.js: `sw.js?edition=ru/`, "" for
// the root's): its pages and the shared runtime are copied, not every language's pages (a school line pays
// for one edition). A page of another edition registers again with its own; the copy goes to the same cache,
// so files already there are not fetched twice, and every edition visited stays offline.
const EDITION = new URL(sw.location.href).searchParams.get("edition") ?? "";
const SHARED = ["assets/runtime/", "assets/vendor/"]; // what every edition's pages load from the root
/** @param {string} path */
const inEdition = (path) =>
  EDITION
    ? path.startsWith(EDITION) || SHARED.some((folder) => path.startsWith(folder))
    : !MANIFEST.editions.some((prefix) => path.startsWith(prefix));

/** @param {ArrayBuffer} buffer */
async function sha256hex(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0"))
    .join("")
    .slice(0, MANIFEST.hashLength);
}

/** A response holding exactly the bytes the manifest names, or an error (stale CDN, broken deploy).
 *  @param {string} path  @param {string} hash */
async function download(path, hash) {
  for (const cache of /** @type {RequestCache[]} */ (["default", "reload"])) {
    // the HTTP cache first (no bytes on the wire), then the host
    const response = await fetch(addressOf(path), { cache });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const body = await response.arrayBuffer();
    if ((await sha256hex(body)) === hash) return stamped(response, body, hash);
  }
  throw new Error(`${path}: the host serves other bytes than this build's`);
}

/** @param {Response} response  @param {ArrayBuffer} body  @param {string} hash */
function stamped(response, body, hash) {
  const headers = new Headers(response.headers);
  headers.set(HASH_HEADER, hash);
  headers.delete("Content-Encoding"); // the body is decoded already
  headers.delete("Content-Length");
  return new Response(body, { status: 200, statusText: "OK", headers });
}

/** An identical file kept by an earlier build's cache: copied, not downloaded again.
 *  @param {string} path  @param {string} hash */
async function kept(path, hash) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const response = await (await caches.open(name)).match(addressOf(path));
    if (response?.headers.get(HASH_HEADER) === hash) return response;
  }
  return null;
}

async function precache() {
  const cache = await caches.open(CACHE);
  const queue = Object.entries(MANIFEST.files).filter(([path]) => inEdition(path));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await readerQuiet();
      const [path, hash] = next;
      if ((await cache.match(addressOf(path)))?.headers.get(HASH_HEADER) === hash) continue;
      await cache.put(addressOf(path), (await kept(path, hash)) ?? (await download(path, hash)));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

sw.addEventListener("install", (event) => {
  // All or nothing: if any file fails, this build's worker is not installed and the last one stays.
  event.waitUntil(precache().then(() => sw.skipWaiting()));
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await sw.clients.claim(); // this page and its Python worker: offline from now on
    })(),
  );
});

/** @param {Request} request  @param {string} path */
async function cacheFirst(request, path) {
  const cache = await caches.open(CACHE);
  return (await cache.match(addressOf(path))) ?? fetch(request);
}

/** @param {Request} request  @param {string} path */
async function networkFirst(request, path) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && path in MANIFEST.files) {
      const copy = response.clone();
      cache.put(addressOf(path), copy).catch(() => {}); // a correction replaces the offline copy
    }
    return response;
  } catch (offline) {
    const cached = await cache.match(addressOf(path));
    if (cached) return cached;
    if (request.mode === "navigate") return (await cache.match(addressOf("404.html"))) ?? Response.error();
    throw offline;
  }
}

// A page asked for with no mode of its own (no-cors) and no destination is the browser's own guess: Firefox
// prefetches the page each page's <link rel="next"> names (Material writes one). It is left to the browser:
// the reader did not ask for it, and Firefox reported a prefetch this worker answered, cancelled as its page
// closed, as a failed request in that page's console (seen in CI, December 2026).
/** @param {Request} request */
const isBrowsersGuess = (request) => request.mode === "no-cors" && request.destination === "";

sw.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (
    event.request.method !== "GET" ||
    isBrowsersGuess(event.request) ||
    url.origin !== SCOPE.origin ||
    !url.pathname.startsWith(SCOPE.pathname)
  )
    return;
  const path = sitePath(url);
  if (!(path in MANIFEST.files)) return; // not part of this build's offline copy: the browser's own way
  event.respondWith(isRuntime(path) ? cacheFirst(event.request, path) : networkFirst(event.request, path));
});
