// The one Python (Pyodide) worker of the visit: started by the first widget, kept across instant
// navigation, restarted if a model run hangs. The main thread never runs Python.
//
// Every start ends, in bounded time, in "ready" or "unavailable": a watchdog fails the start when the
// worker is silent for too long (each word from it resets the watchdog), and in any case after limitMs.
// How long is too long depends on what the worker said last: waiting for bytes, a silence of stallMs
// means the line has stopped; compiling the WebAssembly and starting Python, its thread may be busy
// without a word for many seconds (WebKit, on a busy 2-core machine: 12-25 s), so startMs applies.
// What the worker says is untrusted (a reader's edited code runs there): each message is checked for
// its shape, and nothing from it is ever inserted as HTML.
import { MESSAGES } from "./contract.js";
import { track } from "./metrics.js";

// A 10 Mbit/s school line brings Python's 10.6 MB in under 10 s, with chunks arriving all the time: only
// a download that stops, a start that stops, or a start that takes longer than any real one, ends in
// "unavailable". startMs is three times the longest silence seen after the last byte: WebKit's ordinary
// boot, 62 s on this 2-core machine at a load average of 10-16 (12-25 s on a quieter one).
const DEADLINES = { stallMs: 30_000, startMs: 180_000, limitMs: 300_000 };
const RUN_TIMEOUT_MS = 8_000; // a model run takes milliseconds; longer means something is stuck
const EDITED_TIMEOUT_MS = 4_000; // a reader's edit that loops forever is stopped sooner
const MAX_TEXT = 300; // characters of a worker's status or error text shown to the reader

let worker = null;
let state = { phase: "idle", text: "" };
let booted = null; // resolves when Python is ready, rejects if it cannot load
const listeners = new Set();
const pending = new Map(); // request id -> { resolve, reject, timer, check }
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

function rejectPending(text) {
  for (const { reject, timer } of pending.values()) {
    clearTimeout(timer);
    reject(new Error(text));
  }
  pending.clear();
}

/** The worker, started from a blob: bootstrap so that it runs under this page's policy (see worker.js).
 *  The same few lines run from the inline script in <head> on widget pages (runtime_assets.py). */
function newWorker() {
  const script = new URL("./worker.js", import.meta.url).href;
  const bootstrap = URL.createObjectURL(new Blob([`import ${JSON.stringify(script)};`], { type: "text/javascript" }));
  return { worker: new Worker(bootstrap, { type: "module" }), bootstrap };
}

const text = (value, fallback) => (typeof value === "string" && value ? value.slice(0, MAX_TEXT) : fallback);
const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

/** Start the worker once; later calls return the same promise. */
export function startPython() {
  if (booted) return booted;
  const { stallMs, startMs, limitMs } = { ...DEADLINES, ...window.busanExplainer?.pythonDeadlines };
  const timers = { stall: 0, limit: 0 };
  booted = new Promise((resolve, reject) => {
    let settled = false;
    let phaseText = "Loading Python in your browser (a few seconds, once per visit)…";
    const end = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timers.stall);
      clearTimeout(timers.limit);
      if (error) reject(error); else resolve();
    };
    const seconds = (ms) => Math.round(ms / 1000);
    const silences = {
      download: [stallMs, `Python stopped loading: nothing arrived for ${seconds(stallMs)} seconds`],
      start: [startMs, `Python stopped starting: no word from it for ${seconds(startMs)} seconds`],
    };
    let waiting = "download"; // what the worker does now, as it said last
    const alive = (now = waiting) => {
      waiting = now;
      const [ms, why] = silences[now];
      clearTimeout(timers.stall);
      timers.stall = setTimeout(() => end(new Error(why)), ms);
    };
    timers.limit = setTimeout(() => end(new Error(
      `Python took longer than ${Math.round(limitMs / 1000)} seconds to load`)), limitMs);
    alive();
    setState("loading", phaseText);

    // A widget page starts the worker from an inline script in <head> (explainers/runtime_assets.py),
    // once per page load; it is adopted here with the messages it has sent so far.
    const early = window.busanExplainer?.earlyWorker;
    if (early) delete window.busanExplainer.earlyWorker;
    let started;
    try {
      started = early ?? newWorker();
    } catch (error) {
      end(new Error(`the Python worker could not be started (${text(error?.message, "refused")})`));
      return;
    }
    worker = started.worker;
    const forget = () => { if (started.bootstrap) URL.revokeObjectURL(started.bootstrap); started.bootstrap = null; };
    const receive = (data) => {
      forget(); // the worker has loaded its bootstrap
      if (typeof data !== "object" || data === null) return;
      if (data.type === MESSAGES.RESULT) { settle(data.id, data.payload); return; }
      if (settled) {
        // After the start, only a crash matters (edited code may post anything it likes).
        return;
      }
      if (data.type === MESSAGES.STATUS) {
        alive();
        phaseText = text(data.text, phaseText);
        setState("loading", phaseText);
      } else if (data.type === MESSAGES.PROGRESS) {
        const loaded = Number(data.loaded);
        const total = Number(data.total);
        if (!Number.isFinite(loaded) || loaded < 0) return;
        alive(data.downloading === false ? "start" : "download");
        if (loaded === 0) return; // the first download has begun: the first status stays
        const of = Number.isFinite(total) && total > 0 ? ` of ${megabytes(Math.max(total, loaded))}` : "";
        // As short as the first status, so the line keeps its height (a jump scrolls the page).
        setState("loading", waiting === "start" ? `Starting Python (${megabytes(loaded)} MB arrived, once per visit)…`
          : `Loading Python: ${megabytes(loaded)}${of} MB (once per visit)…`);
      } else if (data.type === MESSAGES.HEARTBEAT) {
        alive("start");
      } else if (data.type === MESSAGES.BOOT) {
        track("python-boot", { fromSnapshot: data.fromSnapshot === true, source: text(data.source, ""), why: text(data.why, "") });
      } else if (data.type === MESSAGES.READY) {
        end();
      } else if (data.type === MESSAGES.BOOT_ERROR) {
        end(new Error(text(data.text, "Python could not start")));
      }
    };
    worker.onmessage = ({ data }) => receive(data);
    worker.onmessageerror = () => {}; // a message that cannot be read is no message
    worker.onerror = (event) => {
      event.preventDefault();
      forget();
      if (!settled) end(new Error("the Python worker failed to start"));
      else if (worker === started.worker) restart("Python stopped unexpectedly and is restarting.");
    };
    early?.queued.forEach(receive);
  });
  booted.then(() => setState("ready", "Ready"), (error) => {
    worker?.terminate();
    worker = null;
    rejectPending(error.message);
    setState("unavailable", `Interactive mode is unavailable: ${error.message}.`);
  });
  return booted;
}

/** After "unavailable": try once more from the start (a new worker, everything downloaded again). */
export function retryPython() {
  if (state.phase !== "unavailable") return booted;
  booted = null;
  return startPython();
}

// What each call's answer must look like before a widget reads it.
const isRows = (rows) => Array.isArray(rows) && rows.every((row) => typeof row === "object" && row !== null);
const modelReply = (reply) => !reply.ok ? typeof reply.error === "string" :
  Array.isArray(reply.figures) && reply.figures.every((f) => typeof f?.key === "string" && typeof f?.text === "string") &&
  typeof reply.data === "object" && reply.data !== null && Object.values(reply.data).every(isRows);
const editedReply = (reply) => modelReply(reply) && (!reply.ok || (Array.isArray(reply.original) &&
  reply.original.every((f) => typeof f?.text === "string")));
const textReply = (reply) => (reply.ok ? typeof reply.text === "string" : typeof reply.error === "string");

function settle(id, payload) {
  const request = pending.get(id);
  if (!request) return; // an answer nobody waits for (its widget is gone, or it was never asked)
  clearTimeout(request.timer);
  pending.delete(id);
  let reply = null;
  try {
    reply = typeof payload === "string" ? JSON.parse(payload) : null;
  } catch {
    reply = null;
  }
  const readable = typeof reply === "object" && reply !== null && typeof reply.ok === "boolean" && request.check(reply);
  request.resolve(readable ? reply : { ok: false, error: "Python's answer could not be read." });
}

function restart(reason) {
  worker?.terminate();
  worker = null;
  booted = null;
  rejectPending(reason);
  setState("restarting", reason);
  return startPython();
}

async function call(name, args, check, timeoutMs = RUN_TIMEOUT_MS) {
  await startPython();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const seconds = Math.round(timeoutMs / 1000);
      const why = `The model ran for more than ${seconds} seconds and was stopped (an endless loop?). Python is restarting.`;
      pending.delete(id);
      reject(new Error(why));
      restart(why).catch(() => {}); // a failed restart is reported through onStatus
    }, timeoutMs);
    pending.set(id, { resolve, reject, timer, check });
    worker.postMessage({ id, call: name, args });
  });
}

/** Run a model in the worker: resolves to {ok, data, figures} or {ok: false, error}. */
export const runModel = (widget, values) => call("run", [widget, JSON.stringify(values)], modelReply);

/** Run a reader's edited model: as runModel, plus the original's figures; stopped after a few seconds. */
export const runEdited = (widget, code, values) =>
  call("run_edited", [widget, code, JSON.stringify(values)], editedReply, EDITED_TIMEOUT_MS);

/** One .py file with the edited model and its helpers, for plain CPython. */
export const standalone = (code) => call("standalone", [code], textReply);

