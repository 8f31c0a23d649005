// Pyodide in a Web Worker: boots from the site's own copy, unpacks the `widgets` package (the same
// files pytest checks) and answers model runs. Messages that arrive during boot wait for it.
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
  return pyodide.pyimport("widgets.registry").run_json;
}

const ready = boot().then(
  (runJson) => { postMessage({ type: "ready" }); return runJson; },
  (error) => { postMessage({ type: "boot-error", text: error?.message ?? String(error) }); throw error; },
);
ready.catch(() => {}); // reported above; keeps the console free of an unhandled rejection

self.onmessage = async ({ data }) => {
  const runJson = await ready;
  postMessage({ type: "result", id: data.id, payload: runJson(data.widget, JSON.stringify(data.values)) });
};
