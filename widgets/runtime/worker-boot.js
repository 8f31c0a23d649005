// Which way Python boots on this visit (used by worker.js only; the page never loads this module).
//
// A memory snapshot (Python with the models imported) makes a cold start about three times faster,
// but the build's copy is 6.2 MB on the wire: below about 30 Mbit/s it costs more time than it saves,
// and on a shared school line it costs the whole class. So, per visit:
//   1. a snapshot of this exact runtime kept by an earlier visit: restore it (no download);
//   2. a fast line (over FAST_MBIT, measured on Pyodide's first big file): fetch the build's snapshot;
//   3. otherwise boot the ordinary way, and let Pyodide snapshot itself once the models are imported.
// Cases 2 and 3 keep their snapshot in Cache Storage, keyed by the exact runtime (Pyodide's version,
// the standard library zip and the models): a new build changes the key, so a stale one never loads.
import { FILES } from "./contract.js";

const CACHE = "bx-python-snapshot";
const PYTHON_STDLIB = FILES.pythonStdlib.split("/").pop(); // beside pyodide.asm.mjs (explainers/stdlib.py)
// One reader's break-even is about 30 Mbit/s (6.2 MB against 1.5-2 s of CPU); twice that leaves room for
// a line shared with classmates and for the estimate, which the page's own downloads pull down (on the
// benchmark's 50 Mbit/s line it read 14-41 Mbit/s; on loopback 91-336).
const FAST_MBIT = 60;

async function sha256hex(...parts) {
  const bytes = await new Blob(parts).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The cache address of the snapshot for this runtime (never fetched from the network). */
async function snapshotKey(indexURL, version, models, stdlib) {
  return new URL(`kept-snapshot-${await sha256hex(version, models, stdlib)}.bin`, indexURL).href;
}

async function cachedSnapshot(indexURL, version, models) {
  if (typeof caches === "undefined" || !(await caches.has(CACHE))) return null; // a first visit: no wait
  const stdlib = await fetch(indexURL + PYTHON_STDLIB).then((r) => (r.ok ? r.arrayBuffer() : null));
  if (!stdlib) return null;
  const cache = await caches.open(CACHE);
  const hit = await cache.match(await snapshotKey(indexURL, version, await models, stdlib));
  return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
}

/** Mbit/s of a download just made, from Resource Timing (null when unknown or from a cache). */
function lineSpeed(url) {
  const entry = performance.getEntriesByName(url).at(-1);
  if (!entry?.encodedBodySize || !entry.transferSize) return null;
  return (entry.encodedBodySize * 8) / Math.max(entry.responseEnd - entry.responseStart, 1) / 1000;
}

/**
 * Options for loadPyodide on this visit, where they came from, and `keep(pyodide, models)`: call it
 * once the models are imported (before any other Python call) so the next visit starts from memory.
 * `fetchBuildSnapshot()` resolves to the build's snapshot (the memory, gunzipped).
 */
export async function chooseBoot(indexURL, version, models, fetchBuildSnapshot) {
  try {
    const snapshot = await cachedSnapshot(indexURL, version, models);
    if (snapshot) return { options: { _loadSnapshot: snapshot }, source: "kept snapshot", keep: () => {} };
  } catch (error) {
    // Cache Storage unavailable (private mode, a quota) or a damaged entry: choose as on a first visit.
  }
  // Pyodide's loader, imported here (it would be anyway) to time the line before choosing.
  const loader = indexURL + "pyodide.asm.mjs";
  const createPyodideModule = (await import(loader)).default;
  const mbit = lineSpeed(loader);
  if (mbit !== null && mbit >= FAST_MBIT) {
    const fetched = fetchBuildSnapshot();
    fetched.catch(() => {}); // the caller falls back to the ordinary boot
    return {
      options: { createPyodideModule, _loadSnapshot: fetched },
      source: `build snapshot (${Math.round(mbit)} Mbit/s)`,
      keep: (pyodide, modelsBytes) => fetched.then((memory) => later(() => store(indexURL, version, modelsBytes, pyodide, memory))),
    };
  }
  return {
    options: { createPyodideModule, _makeSnapshot: true },
    source: mbit === null ? "plain boot" : `plain boot (${Math.round(mbit)} Mbit/s)`,
    keep(pyodide, modelsBytes) {
      let memory;
      try {
        memory = pyodide.makeMemorySnapshot();
      } catch (error) {
        return; // a snapshot is an optimisation for the next visit, never a reason to fail this one
      }
      later(() => store(indexURL, version, modelsBytes, pyodide, memory));
    },
  };
}

// After the reader's first answers: writing 31 MB to disk is not their first slider move's business.
const later = (task) => setTimeout(() => task().catch(() => {}), 2_000);

// Kept as it is, not gzipped: 31 MB of disk instead of 6, but gunzipping it would cost every revisit
// about 300 ms (measured here), a fifth of a revisit's boot.
async function store(indexURL, version, models, pyodide, memory) {
  if (typeof caches === "undefined") return;
  const zip = pyodide.FS.readdir("/lib").find((name) => /^python\d+\.zip$/.test(name));
  const key = await snapshotKey(indexURL, version, models, pyodide.FS.readFile(`/lib/${zip}`));
  await caches.delete(CACHE); // one snapshot: the one for the runtime this site serves now
  const cache = await caches.open(CACHE);
  await cache.put(key, new Response(memory, { headers: { "Content-Type": "application/octet-stream" } }));
}
