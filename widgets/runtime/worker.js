// Pyodide in a Web Worker: boots from the site's own copy, unpacks the `widgets` package (the same
// files pytest checks) and answers calls. Messages that arrive during boot wait for it.
// A reader's edited model also runs here, never on the page: if it loops forever, the page is
// untouched and python.js replaces this worker.
//
// The page starts this module from a `blob:` bootstrap (python.js), so the worker runs under the page's
// own Content-Security-Policy (a blob: worker inherits it; a worker from a URL would take the policy of
// its own response, and static hosts send none): edited code can reach no host but the site's.
import { DOWNLOAD_BYTES } from "./python-size.js";

const here = (path) => new URL(path, import.meta.url).href;
const status = (text) => postMessage({ type: "status", text });
const MODELS_DIR = "/home/pyodide/bx"; // where the `widgets` package is unpacked (make_snapshot.mjs uses it too)
const CALLS = { run: 2, run_edited: 3, standalone: 1 }; // the only calls the page can make, and their arity
const MAX_ARGUMENT_CHARS = 1_000_000; // a model's source is a few kB; anything near this is not an edit

// Without the Worker constructor, code run here cannot start a worker from a same-origin URL, which
// would run under no policy at all (its response carries none). Nothing here needs a nested worker.
for (const name of ["Worker", "SharedWorker"]) delete self[name];

// Progress for the page's status line and its watchdog: every byte of Pyodide's own downloads (the
// WebAssembly, the standard library, the snapshot) and ours is counted as it arrives, while booting.
const nativeFetch = self.fetch;
let arrived = 0;
let reportedAt = 0;
function progress(force = false) {
  const now = performance.now();
  if (!force && now - reportedAt < 200) return;
  reportedAt = now;
  postMessage({ type: "progress", loaded: arrived, total: DOWNLOAD_BYTES });
}
async function countingFetch(input, init) {
  const response = await nativeFetch(input, init);
  if (!response.body) return response;
  const counter = new TransformStream({
    transform(chunk, controller) { arrived += chunk.byteLength; progress(); controller.enqueue(chunk); },
    flush() { progress(true); },
  });
  return new Response(response.body.pipeThrough(counter), {
    status: response.status, statusText: response.statusText, headers: response.headers,
  });
}

async function fetchModels() {
  const response = await fetch(here("./widgets.zip"));
  if (!response.ok) throw new Error(`the models could not be downloaded (HTTP ${response.status})`);
  return response.arrayBuffer();
}

// Python's memory as the build left it after booting and importing the models (explainers/snapshot.py):
// restoring it skips most of a cold boot. Gzipped on disk; a host that already decoded it sends raw bytes.
async function fetchSnapshot() {
  const response = await fetch(here("../vendor/pyodide/snapshot.bin.gz"));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function startPyodide() {
  let module;
  try {
    module = await import(here("../vendor/pyodide/pyodide.mjs"));
  } catch {
    throw new Error("Python's loader could not be downloaded");
  }
  const { loadPyodide } = module;
  const indexURL = here("../vendor/pyodide/");
  const snapshot = fetchSnapshot();
  snapshot.catch(() => {}); // handled below, by the ordinary boot; not an "unhandled rejection"
  try {
    return { pyodide: await loadPyodide({ indexURL, _loadSnapshot: snapshot }), fromSnapshot: true };
  } catch (error) {
    // A missing or unusable snapshot costs time, not the widget: boot the ordinary way.
    status("Starting Python without its snapshot (slower)…");
    return { pyodide: await loadPyodide({ indexURL }), fromSnapshot: false, why: error?.message ?? String(error) };
  }
}

async function boot() {
  status("Loading Python in your browser (a few seconds, once per visit)…");
  self.fetch = countingFetch;
  const models = fetchModels(); // in parallel with Python's own download
  models.catch(() => {}); // awaited below; this only avoids an early "unhandled rejection"
  const { pyodide, fromSnapshot, why } = await startPyodide();
  postMessage({ type: "boot", fromSnapshot, why });
  status("Loading the models…");
  // The snapshot holds the imported models but no files: the source files are unpacked either way
  // ("look inside" reads them), then imported (at once from a snapshot: they are already in memory).
  pyodide.unpackArchive(await models, "zip", { extractDir: MODELS_DIR });
  self.fetch = nativeFetch; // the downloads are done; nothing else is counted
  pyodide.runPython(`import sys; '${MODELS_DIR}' in sys.path or sys.path.insert(0, '${MODELS_DIR}')`);
  const registry = pyodide.pyimport("widgets.registry");
  const sandbox = pyodide.pyimport("widgets.sandbox");
  registry.warm_up(); // before "ready": compiling the models' code paths is not the reader's first slider move
  // Each call takes and returns strings (JSON).
  return {
    run: (widget, values) => registry.run_json(widget, values),
    run_edited: (widget, code, values) => sandbox.run_edited(widget, code, values),
    standalone: (code) => JSON.stringify({ ok: true, text: sandbox.standalone(code) }),
  };
}

const reason = (error) => (typeof error?.message === "string" ? error.message : String(error)).slice(0, 300);

// Pyodide's loader does not always reject when a download fails: parts of it fail in promises nobody
// awaits, and the boot would then wait forever. Any such failure during the boot ends it, with a reason.
let booting = true;
const bootFailed = (error) => postMessage({ type: "boot-error", text: reason(error) });
self.addEventListener("unhandledrejection", (event) => {
  if (!booting) return;
  event.preventDefault();
  bootFailed(event.reason);
});
self.addEventListener("error", (event) => {
  if (!booting) return;
  event.preventDefault();
  bootFailed(event.error ?? event.message);
});

const ready = boot().then(
  (calls) => { booting = false; postMessage({ type: "ready" }); return calls; },
  (error) => { booting = false; self.fetch = nativeFetch; bootFailed(error); throw error; },
);
ready.catch(() => {}); // reported above; keeps the console free of an unhandled rejection

// A message is a call only if it has this exact shape; anything else gets an answer saying so (with
// the id, when it has a usable one), never an exception that would leave the page waiting.
function request(data) {
  if (typeof data !== "object" || data === null) throw new Error("a message must be an object");
  const { call, args } = data;
  if (typeof call !== "string" || !Object.hasOwn(CALLS, call)) throw new Error(`there is no call named ${JSON.stringify(String(call)).slice(0, 60)}`);
  if (!Array.isArray(args) || args.length !== CALLS[call] || !args.every((arg) => typeof arg === "string")) {
    throw new Error(`${call} takes ${CALLS[call]} text arguments`);
  }
  if (args.reduce((sum, arg) => sum + arg.length, 0) > MAX_ARGUMENT_CHARS) throw new Error("the message is too large");
  return { call, args };
}

self.onmessage = async ({ data }) => {
  const id = Number.isSafeInteger(data?.id) ? data.id : null;
  let payload;
  try {
    const { call, args } = request(data);
    const calls = await ready;
    payload = calls[call](...args);
    if (typeof payload !== "string") throw new Error("the model gave no answer");
  } catch (error) {
    payload = JSON.stringify({ ok: false, error: `Python failed unexpectedly: ${reason(error)}` });
  }
  postMessage({ type: "result", id, payload });
};
