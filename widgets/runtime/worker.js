// Pyodide in a Web Worker: boots from the site's own copy, unpacks the `widgets` package (the same
// files pytest checks) and answers calls. Messages that arrive during boot wait for it.
// A reader's edited model also runs here, never on the page: if it loops forever, the page is
// untouched and python.js replaces this worker.
const here = (path) => new URL(path, import.meta.url).href;
const status = (text) => postMessage({ type: "status", text });

async function fetchModels() {
  const response = await fetch(here("./widgets.zip"));
  if (!response.ok) throw new Error(`the models could not be downloaded (HTTP ${response.status})`);
  return response.arrayBuffer();
}

async function boot() {
  status("Loading Python in your browser (a few seconds, once per visit)…");
  const models = fetchModels(); // in parallel with Python's own download
  models.catch(() => {}); // awaited below; this only avoids an early "unhandled rejection"
  const { loadPyodide } = await import(here("../vendor/pyodide/pyodide.mjs"));
  const pyodide = await loadPyodide({ indexURL: here("../vendor/pyodide/") });
  status("Loading the models…");
  pyodide.unpackArchive(await models, "zip", { extractDir: "/home/pyodide/bx" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/bx')");
  const registry = pyodide.pyimport("widgets.registry");
  const sandbox = pyodide.pyimport("widgets.sandbox");
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
