// Pyodide in a Web Worker: boots from the site's own copy, unpacks the `widgets` package (the same
// files pytest checks) and answers calls. Messages that arrive during boot wait for it.
// A reader's edited model also runs here, never on the page: if it loops forever, the page is
// untouched and python.js replaces this worker.
import { chooseBoot } from "./worker-boot.js";

const here = (path) => new URL(path, import.meta.url).href;
const status = (text) => postMessage({ type: "status", text });
const MODELS_DIR = "/home/pyodide/bx"; // where the `widgets` package is unpacked (make_snapshot.mjs uses it too)

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

// Which boot this visit gets (a snapshot kept by an earlier visit, the build's, or the ordinary one)
// is chosen in worker-boot.js; `keep` saves a snapshot for the next visit once the models are imported.
async function startPyodide(models) {
  const { loadPyodide, version } = await import(here("../vendor/pyodide/pyodide.mjs"));
  const indexURL = here("../vendor/pyodide/");
  const choice = await chooseBoot(indexURL, version, models, fetchSnapshot);
  const fromSnapshot = "_loadSnapshot" in choice.options;
  try {
    return { pyodide: await loadPyodide({ indexURL, ...choice.options }), fromSnapshot, source: choice.source, keep: choice.keep };
  } catch (error) {
    if (!fromSnapshot) throw error;
    // A missing or unusable snapshot costs time, not the widget: boot the ordinary way.
    const why = error?.message ?? String(error);
    return { pyodide: await loadPyodide({ indexURL }), fromSnapshot: false, source: "plain boot", why, keep: () => {} };
  }
}

async function boot() {
  status("Loading Python in your browser (a few seconds, once per visit)…");
  const models = fetchModels(); // in parallel with Python's own download
  models.catch(() => {}); // awaited below; this only avoids an early "unhandled rejection"
  const { pyodide, fromSnapshot, source, why, keep } = await startPyodide(models);
  postMessage({ type: "boot", fromSnapshot, source, why });
  status("Loading the models…");
  // The snapshot holds the imported models but no files: the source files are unpacked either way
  // ("look inside" reads them), then imported (at once from a snapshot: they are already in memory).
  pyodide.unpackArchive(await models, "zip", { extractDir: MODELS_DIR });
  pyodide.runPython(`import sys; '${MODELS_DIR}' in sys.path or sys.path.insert(0, '${MODELS_DIR}')`);
  pyodide.runPython("import widgets.registry, widgets.sandbox"); // as make_snapshot.mjs does
  keep(pyodide, await models); // before any other call: the next visit restores this memory
  const registry = pyodide.pyimport("widgets.registry");
  const sandbox = pyodide.pyimport("widgets.sandbox");
  registry.warm_up(); // before "ready": compiling the models' code paths is not the reader's first slider move
  // The only calls the page can make; each takes and returns strings (JSON).
  return {
    run: (widget, values) => registry.run_json(widget, values),
    run_edited: (widget, code, values) => sandbox.run_edited(widget, code, values),
    standalone: (code) => JSON.stringify({ ok: true, text: sandbox.standalone(code) }),
  };
}

const ready = boot().then(
  (calls) => { postMessage({ type: "ready" }); return calls; },
  (error) => { postMessage({ type: "boot-error", text: error?.message ?? String(error) }); throw error; },
);
ready.catch(() => {}); // reported above; keeps the console free of an unhandled rejection

self.onmessage = async ({ data }) => {
  const calls = await ready;
  let payload;
  try {
    payload = calls[data.call](...data.args);
  } catch (error) {
    payload = JSON.stringify({ ok: false, error: `Python failed unexpectedly: ${error.message}` });
  }
  postMessage({ type: "result", id: data.id, payload });
};
