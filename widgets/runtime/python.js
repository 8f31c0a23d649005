// The one Python (Pyodide) worker of the visit: started by the first widget, kept across instant
// navigation, restarted if a model run hangs. The main thread never runs Python.
import { track } from "./metrics.js";

const BOOT_TIMEOUT_MS = 90_000; // a slow school laptop on a busy network still gets its chance
const RUN_TIMEOUT_MS = 8_000; // a model run takes milliseconds; longer means something is stuck
const EDITED_TIMEOUT_MS = 4_000; // a reader's edit that loops forever is stopped sooner

let worker = null;
let state = { phase: "idle", text: "" };
let booted = null; // resolves when Python is ready, rejects if it cannot load
const listeners = new Set();
const pending = new Map(); // request id -> { resolve, reject, timer }
let nextId = 1;

function setState(phase, text) {
  state = { phase, text };
  track(`python-${phase}`);
  listeners.forEach((listener) => listener(state));
}

/** Subscribe to the worker's phase ("loading", "ready", "unavailable", "restarting"); returns an unsubscribe. */
export function onStatus(listener) {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

function fail(text) {
  for (const { reject, timer } of pending.values()) {
    clearTimeout(timer);
    reject(new Error(text));
  }
  pending.clear();
  setState("unavailable", text);
}

/** Start the worker once; later calls return the same promise. */
export function startPython() {
  if (booted) return booted;
  booted = new Promise((resolve, reject) => {
    setState("loading", "Loading Python in your browser (a few seconds, once per visit)…");
    // A widget page starts the worker from an inline script in <head> (explainers/runtime_assets.py),
    // once per page load; it is adopted here with the messages it has sent so far.
    const early = window.busanExplainer?.earlyWorker;
    if (early) delete window.busanExplainer.earlyWorker;
    worker = early?.worker ?? new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    const timer = setTimeout(() => reject(new Error("Python took too long to load")), BOOT_TIMEOUT_MS);
    const receive = (data) => {
      if (data.type === "status") setState("loading", data.text);
      else if (data.type === "boot") track("python-boot", { fromSnapshot: data.fromSnapshot, source: data.source, why: data.why });
      else if (data.type === "ready") { clearTimeout(timer); setState("ready", "Ready"); resolve(); }
      else if (data.type === "boot-error") { clearTimeout(timer); reject(new Error(data.text)); }
      else if (data.type === "result") settle(data.id, data.payload);
    };
    worker.onmessage = ({ data }) => receive(data);
    worker.onerror = (event) => { event.preventDefault(); receive({ type: "boot-error", text: "the Python worker failed to start" }); };
    early?.queued.forEach(receive);
  });
  booted.catch((error) => {
    worker?.terminate();
    fail(`Interactive mode is unavailable: ${error.message}.`);
  });
  return booted;
}

function settle(id, payload) {
  const request = pending.get(id);
  if (!request) return;
  clearTimeout(request.timer);
  pending.delete(id);
  request.resolve(JSON.parse(payload));
}

function restart(reason) {
  worker?.terminate();
  booted = null;
  for (const { reject, timer } of pending.values()) { clearTimeout(timer); reject(new Error(reason)); }
  pending.clear();
  setState("restarting", reason);
  return startPython();
}

async function call(name, args, timeoutMs = RUN_TIMEOUT_MS) {
  await startPython();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const seconds = Math.round(timeoutMs / 1000);
      const why = `The model ran for more than ${seconds} seconds and was stopped (an endless loop?). Python is restarting.`;
      pending.delete(id);
      reject(new Error(why));
      restart(why);
    }, timeoutMs);
    pending.set(id, { resolve, reject, timer });
    worker.postMessage({ id, call: name, args });
  });
}

/** Run a model in the worker: resolves to {ok, data, figures} or {ok: false, error}. */
export const runModel = (widget, values) => call("run", [widget, JSON.stringify(values)]);

/** Run a reader's edited model: as runModel, plus the original's figures; stopped after a few seconds. */
export const runEdited = (widget, code, values) =>
  call("run_edited", [widget, code, JSON.stringify(values)], EDITED_TIMEOUT_MS);

/** One .py file with the edited model and its helpers, for plain CPython. */
export const standalone = (code) => call("standalone", [code]);

export const pythonState = () => state;
