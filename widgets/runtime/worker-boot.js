// Which way Python boots on this visit (used by worker.js only; the page never loads this module).
//
// A memory snapshot (Python with the models imported) makes a cold start about three times faster,
// but the build's copy is 6.2 MB on the wire: below about 30 Mbit/s it costs more time than it saves,
// and on a shared school line it costs the whole class. So, per visit:
//   1. a snapshot of this exact runtime kept by an earlier visit: restore it (no download);
//   2. a fast line (over FAST_MBIT, measured on the downloads every boot makes): fetch the build's snapshot;
//   3. otherwise boot the ordinary way, and let Pyodide snapshot itself once the models are imported.
// Cases 2 and 3 keep their snapshot in Cache Storage, keyed by the exact runtime (Pyodide's version,
// the standard library zip and the models): a new build changes the key, so a stale one never loads.
/** @typedef {import("pyodide").PyodideAPI} Pyodide */
/** Bytes as the worker has them.
 *  @typedef {Uint8Array<ArrayBuffer> | ArrayBuffer} Bytes */
/** worker.js's record of one download, as it arrived (worker.js sampled()).
 *  @typedef {{ url: string, asked: number, last: number, bytes: number, encoded: boolean, length: number }} Sample */
/**
 * One way to boot: loadPyodide's options (its own, and the snapshot options it keeps private), where they
 * came from, and `keep`, which saves a snapshot for the next visit.
 * @typedef {object} Boot
 * @property {Record<string, unknown>} options
 * @property {string} source
 * @property {(pyodide: Pyodide, models: ArrayBuffer, quiet: () => Promise<void>) => void} keep
 *   `quiet` resolves when the reader pauses: writing the snapshot (31 MB) holds the worker's thread for
 *   about 50 ms, which must not land between a slider move and its answer
 */

const CACHE = "bx-python-snapshot";
// One reader's break-even is about 30 Mbit/s (6.2 MB against 1.5-2 s of CPU). On the benchmark's
// simulated lines, on this busy 2-core machine, lineSpeed() read (7 December 2026, network times) 36-46 on a
// 50 Mbit/s line and 71-91 on a 100 in the three engines, 9-11 on a 10: it reads a little low, and the
// threshold sits a little below the break-even. (Timed by the chunks as the worker read them, it had read
// 18 on a 20 Mbit/s line.)
export const FAST_MBIT = 25;

/** @param {...BlobPart} parts */
async function sha256hex(...parts) {
  const bytes = await new Blob(parts).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The cache address of the snapshot for this runtime (never fetched from the network).
 *  @param {string} indexURL  @param {string} version  @param {Bytes} models  @param {Bytes} stdlib */
async function snapshotKey(indexURL, version, models, stdlib) {
  return new URL(`kept-snapshot-${await sha256hex(version, models, stdlib)}.bin`, indexURL).href;
}

/** @param {string} indexURL  @param {string} version  @param {Promise<Bytes>} models  @param {Promise<Bytes>} stdlib */
async function cachedSnapshot(indexURL, version, models, stdlib) {
  if (typeof caches === "undefined" || !(await caches.has(CACHE))) return null; // a first visit: no wait
  const cache = await caches.open(CACHE);
  const hit = await cache.match(await snapshotKey(indexURL, version, await models, await stdlib));
  return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
}

/** @param {number[]} values */
const sum = (values) => values.reduce((a, b) => a + b, 0);
/** @param {number} bytes  @param {number} ms */
const megabits = (bytes, ms) => (bytes * 8) / Math.max(ms, 1) / 1000;

/**
 * The line's speed in Mbit/s over downloads made at the same time (the standard library and the
 * WebAssembly, 4.4 MB on the wire: a small file says more about a request's round trip and the page's
 * own start than about the line), or null when unknown. Each sample is worker.js's record of one
 * download ({ url, asked, last, bytes, encoded, length }).
 * Times are the network's, from Resource Timing, where the engine gives them: the worker's thread, busy
 * importing Pyodide's loader, reads chunks late and then in a burst (timed from the first chunk read, a
 * 100 Mbit/s line read 800-3200 Mbit/s in WebKit; to the last, 35-49). Otherwise the worker's own, from
 * asking for the file to reading its last chunk, which a busy thread can only make read slower.
 * Sizes are the bytes on the wire: Resource Timing's where given (WebKit gives none inside a worker),
 * else the bytes read, or the Content-Length of a file the host compressed.
 * @param {Sample[]} samples
 * @returns {number | null}
 */
export function lineSpeed(samples) {
  const timed = samples.map((sample) => ({
    sample,
    entry: /** @type {PerformanceResourceTiming | undefined} */ (
      performance.getEntriesByName(sample.url).at(-1)
    ),
  }));
  if (timed.some(({ entry }) => entry?.encodedBodySize && !entry.transferSize)) return null; // from a cache
  /** @param {{ sample: Sample, entry: PerformanceResourceTiming | undefined }} download */
  const wireBytes = ({ sample, entry }) =>
    entry?.encodedBodySize || (sample.encoded ? sample.length : sample.bytes);
  // A compressed file of unknown size on the wire (gzipped on the fly, without a length) is left out: what
  // remains shared the line with it, so it reads low, and a low reading only means the ordinary boot.
  const known = timed.filter((download) => download.sample.bytes > 0 && wireBytes(download) > 0);
  if (!known.length) return null;
  const start = Math.min(...known.map(({ sample, entry }) => entry?.responseStart || sample.asked));
  const end = Math.max(...known.map(({ sample, entry }) => entry?.responseEnd || sample.last));
  return megabits(sum(known.map(wireBytes)), end - start);
}

/**
 * Options for loadPyodide on this visit, where they came from, and `keep(pyodide, models)`: call it
 * once the models are imported (before any other Python call) so the next visit starts from memory.
 * `stdlib` resolves to the standard library zip's bytes, `arrivedBoth` to lineSpeed()'s samples once it
 * and the WebAssembly have arrived (the WebAssembly perhaps still compiling); `fetchBuildSnapshot()`
 * resolves to the build's snapshot (gunzipped).
 * @param {string} indexURL
 * @param {string} version
 * @param {Promise<ArrayBuffer>} models
 * @param {Promise<ArrayBuffer>} stdlib
 * @param {Promise<Sample[]>} arrivedBoth
 * @param {() => Promise<Uint8Array<ArrayBuffer>>} fetchBuildSnapshot
 * @returns {Promise<Boot>}
 */
export async function chooseBoot(indexURL, version, models, stdlib, arrivedBoth, fetchBuildSnapshot) {
  try {
    const snapshot = await cachedSnapshot(indexURL, version, models, stdlib);
    if (snapshot) return { options: { _loadSnapshot: snapshot }, source: "kept snapshot", keep: () => {} };
  } catch {
    // Cache Storage unavailable (private mode, a quota) or a damaged entry: choose as on a first visit.
  }
  const mbit = lineSpeed(await arrivedBoth);
  // Asked for before anything else is awaited: the line is idle until it is.
  const fetched = mbit !== null && mbit >= FAST_MBIT ? fetchBuildSnapshot() : null;
  fetched?.catch(() => {}); // the caller falls back to the ordinary boot
  // Pyodide's loader (worker.js imports it at the same time; it is fetched once).
  const createPyodideModule = (await import(`${indexURL}pyodide.asm.mjs`)).default;
  const speed = mbit === null ? "" : ` (${Math.round(mbit)} Mbit/s)`;
  if (fetched) {
    return {
      options: { createPyodideModule, _loadSnapshot: fetched },
      source: `build snapshot${speed}`,
      keep: (pyodide, modelsBytes, quiet) => {
        fetched.then((memory) => later(quiet, () => store(indexURL, version, modelsBytes, pyodide, memory)));
      },
    };
  }
  return {
    options: { createPyodideModule, _makeSnapshot: true },
    source: `plain boot${speed}`,
    keep(pyodide, modelsBytes, quiet) {
      let memory;
      try {
        memory = pyodide.makeMemorySnapshot();
      } catch {
        return; // a snapshot is an optimisation for the next visit, never a reason to fail this one
      }
      later(quiet, () => store(indexURL, version, modelsBytes, pyodide, memory));
    },
  };
}

// When the reader pauses: writing 31 MB to disk is not a slider move's business.
/** @param {() => Promise<void>} quiet  @param {() => Promise<void>} task */
const later = (quiet, task) => {
  quiet()
    .then(task)
    .catch(() => {});
};

// Kept as it is, not gzipped: 31 MB of disk instead of 6, but gunzipping it would cost every revisit
// about 300 ms (measured here), a fifth of a revisit's boot.
/** @param {string} indexURL  @param {string} version  @param {ArrayBuffer} models  @param {Pyodide} pyodide
 *  @param {Uint8Array} memory  a copy of Python's memory (never shared) */
async function store(indexURL, version, models, pyodide, memory) {
  if (typeof caches === "undefined") return;
  const zip = pyodide.FS.readdir("/lib").find((/** @type {string} */ name) => /^python\d+\.zip$/.test(name));
  const key = await snapshotKey(indexURL, version, models, pyodide.FS.readFile(`/lib/${zip}`));
  await caches.delete(CACHE); // one snapshot: the one for the runtime this site serves now
  const cache = await caches.open(CACHE);
  await cache.put(
    key,
    new Response(/** @type {Uint8Array<ArrayBuffer>} */ (memory), {
      headers: { "Content-Type": "application/octet-stream" },
    }),
  );
}
