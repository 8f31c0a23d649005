// The one Python (Pyodide) worker of the visit: started by the first widget, kept across instant
// navigation, restarted if a model run hangs. The main thread never runs Python.
//
// Every start ends, in bounded time, in "ready" or "unavailable": a watchdog fails the start when the
// worker is silent for too long (each word from it resets the watchdog), and in any case after limitMs.
// How long is too long depends on what the worker said last: waiting for bytes, a silence of stallMs
// means the line has stopped; compiling the WebAssembly and starting Python, its thread may be busy
// without a word for many seconds (WebKit, on a busy 2-core machine: 12-25 s), so startMs applies.
// The worker's messages and replies have the shapes explainers/contract.py declares from the Python
// side (contract.d.ts: widgets/wire.py, explainers/runtime_assets.py), which tsc checks this module
// against. A reader's edited code also runs in the worker and could post anything, so what the worker
// says is still checked as it arrives: a message is read only as far as the page needs it, a reply is
// checked for the shape its type declares before a widget reads it, and nothing from either is ever
// inserted as HTML.
import { MESSAGES, site, WORKER_MODULES } from "./contract.js";
import { number } from "./format.js";
import { track } from "./metrics.js";
import { t, tn, wordsForPython } from "./words.js";

/** @typedef {import("./contract.js").ModelReply} ModelReply */
/** @typedef {import("./contract.js").EditedModelReply} EditedModelReply */
/** @typedef {import("./contract.js").StandaloneReply} StandaloneReply */
/** @typedef {import("./contract.js").WorkerMessage} WorkerMessage */
/** @typedef {import("./contract.js").Call} Call */
/** @typedef {"idle" | "loading" | "ready" | "unavailable" | "restarting"} Phase */
/** @typedef {{ phase: Phase, text: string }} PythonState */
/** @typedef {(state: PythonState) => void} StatusListener */
/** A call waiting for its answer, and the check that its answer is the reply it expects.
 *  @typedef {{ resolve: (reply: any) => void, reject: (error: Error) => void, timer: ReturnType<typeof setTimeout>,
 *    check: (reply: any) => boolean }} Pending */

// A 10 Mbit/s school line brings Python's 10.6 MB in under 10 s, with chunks arriving all the time: only
// a download that stops, a start that stops, or a start that takes longer than any real one, ends in
// "unavailable". startMs is three times the longest silence seen after the last byte: WebKit's ordinary
// boot, 62 s on this 2-core machine at a load average of 10-16 (12-25 s on a quieter one).
const DEADLINES = { stallMs: 30_000, startMs: 180_000, limitMs: 300_000 };
const RUN_TIMEOUT_MS = 8_000; // a model run takes milliseconds; longer means something is stuck
const EDITED_TIMEOUT_MS = 4_000; // a reader's edit that loops forever is stopped sooner
const MAX_TEXT = 300; // characters of a worker's status or error text shown to the reader

/** @type {Worker | null} */
let worker = null;
/** @type {PythonState} */
let state = { phase: "idle", text: "" };
/** @type {Promise<void> | null} */
let booted = null; // resolves when Python is ready, rejects if it cannot load
/** @type {Set<StatusListener>} */
const listeners = new Set();
/** @type {Map<number, Pending>} */
const pending = new Map(); // request id -> the call waiting for it
let nextId = 1;

/** @param {Phase} phase  @param {string} text */
function setState(phase, text) {
  state = { phase, text };
  track(`python-${phase}`);
  for (const listener of listeners) listener(state);
}

/** Subscribe to the worker's phase ("loading", "ready", "unavailable", "restarting"); returns an unsubscribe.
 *  @param {StatusListener} listener
 *  @returns {() => void} */
export function onStatus(listener) {
  listeners.add(listener);
  listener(state);
  return () => {
    listeners.delete(listener);
  };
}

/** @param {string} text */
function rejectPending(text) {
  for (const { reject, timer } of pending.values()) {
    clearTimeout(timer);
    reject(new Error(text));
  }
  pending.clear();
}

/** The worker, started from a blob: bootstrap so that it runs under this page's policy (see worker.js).
 *  The same few lines run from the inline script in <head> on widget pages (runtime_assets.py). The
 *  bootstrap imports all the worker's modules and Pyodide's loader, so that they download at once
 *  (runtime_assets.py worker_bootstrap(): Firefox and WebKit load a worker's modules only as the page's
 *  busy thread allows). */
function newWorker() {
  const imports = WORKER_MODULES.map((path) => `import ${JSON.stringify(site(path))};`).join("");
  const bootstrap = URL.createObjectURL(new Blob([imports], { type: "text/javascript" }));
  return { worker: new Worker(bootstrap, { type: "module" }), bootstrap };
}

/** @param {unknown} value  @param {string} fallback */
const text = (value, fallback) => (typeof value === "string" && value ? value.slice(0, MAX_TEXT) : fallback);
/** @param {number} bytes */
const megabytes = (bytes) => number(bytes / 1e6, 1); // "10.6" / "10,6": in the page's language

/** Start the worker once; later calls return the same promise.
 *  @returns {Promise<void>} */
export function startPython() {
  if (booted) return booted;
  const { stallMs, startMs, limitMs } = { ...DEADLINES, ...window.busanExplainer?.pythonDeadlines };
  /** @type {{ stall?: ReturnType<typeof setTimeout>, limit?: ReturnType<typeof setTimeout> }} */
  const timers = {};
  booted = new Promise((/** @type {(value?: void) => void} */ resolve, reject) => {
    let settled = false;
    let phaseText = t("Loading Python in your browser (a few seconds, once per visit)…");
    /** @param {Error} [error] */
    const end = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timers.stall);
      clearTimeout(timers.limit);
      if (error) reject(error);
      else resolve();
    };
    /** @param {number} ms */
    const seconds = (ms) => Math.round(ms / 1000);
    /** @type {Record<"download" | "start", [number, string]>} */
    const silences = {
      download: [
        stallMs,
        tn(
          "Python stopped loading: nothing arrived for {count} second",
          "Python stopped loading: nothing arrived for {count} seconds",
          seconds(stallMs),
        ),
      ],
      start: [
        startMs,
        tn(
          "Python stopped starting: no word from it for {count} second",
          "Python stopped starting: no word from it for {count} seconds",
          seconds(startMs),
        ),
      ],
    };
    /** @type {"download" | "start"} */
    let waiting = "download"; // what the worker does now, as it said last
    const alive = (now = waiting) => {
      waiting = now;
      const [ms, why] = silences[now];
      clearTimeout(timers.stall);
      timers.stall = setTimeout(() => end(new Error(why)), ms);
    };
    timers.limit = setTimeout(
      () =>
        end(
          new Error(
            tn(
              "Python took longer than {count} second to load",
              "Python took longer than {count} seconds to load",
              Math.round(limitMs / 1000),
            ),
          ),
        ),
      limitMs,
    );
    alive();
    setState("loading", phaseText);

    // A widget page starts the worker from an inline script in <head> (explainers/runtime_assets.py),
    // once per page load; it is adopted here with the messages it has sent so far.
    const early = window.busanExplainer?.earlyWorker;
    if (early) delete window.busanExplainer?.earlyWorker;
    /** @type {{ worker: Worker, bootstrap: string | null }} */
    let started;
    try {
      started = early ?? newWorker();
    } catch (error) {
      end(
        new Error(
          `the Python worker could not be started (${text(/** @type {Error} */ (error)?.message, "refused")})`,
        ),
      );
      return;
    }
    worker = started.worker;
    const forget = () => {
      if (started.bootstrap) URL.revokeObjectURL(started.bootstrap);
      started.bootstrap = null;
    };
    /** @param {unknown} message  one of the worker's messages, or anything edited code posted */
    const receive = (message) => {
      forget(); // the worker has loaded its bootstrap
      if (typeof message !== "object" || message === null) return;
      const data = /** @type {WorkerMessage} */ (message);
      if (data.type === MESSAGES.RESULT) {
        settle(data.id, data.payload);
        return;
      }
      if (settled) {
        // After the start, only a crash matters (edited code may post anything it likes).
        return;
      }
      if (data.type === MESSAGES.STATUS) {
        alive();
        phaseText = text(t(String(data.text ?? "")), phaseText); // the worker's words are English (worker.js)
        setState("loading", phaseText);
      } else if (data.type === MESSAGES.PROGRESS) {
        const loaded = Number(data.loaded);
        const total = Number(data.total);
        if (!Number.isFinite(loaded) || loaded < 0) return;
        alive(data.downloading === false ? "start" : "download");
        if (loaded === 0) return; // the first download has begun: the first status stays
        const whole = Number.isFinite(total) && total > 0 ? megabytes(Math.max(total, loaded)) : "";
        // As short as the first status, so the line keeps its height (a jump scrolls the page).
        setState(
          "loading",
          waiting === "start"
            ? t("Starting Python ({loaded} MB arrived, once per visit)…", { loaded: megabytes(loaded) })
            : whole
              ? t("Loading Python: {loaded} of {total} MB (once per visit)…", {
                  loaded: megabytes(loaded),
                  total: whole,
                })
              : t("Loading Python: {loaded} MB (once per visit)…", { loaded: megabytes(loaded) }),
        );
      } else if (data.type === MESSAGES.HEARTBEAT) {
        alive("start");
      } else if (data.type === MESSAGES.BOOT) {
        track("python-boot", {
          fromSnapshot: data.fromSnapshot === true,
          source: text(data.source, ""),
          why: text(data.why, ""),
        });
      } else if (data.type === MESSAGES.READY) {
        end();
      } else if (data.type === MESSAGES.BOOT_ERROR) {
        end(new Error(text(t(String(data.text ?? "")), t("Python could not start"))));
      }
    };
    worker.onmessage = ({ data }) => receive(data);
    worker.onmessageerror = () => {}; // a message that cannot be read is no message
    worker.onerror = (event) => {
      event.preventDefault();
      forget();
      if (!settled) end(new Error(t("the Python worker failed to start")));
      else if (worker === started.worker) restart(t("Python stopped unexpectedly and is restarting."));
    };
    early?.queued.forEach(receive);
  });
  booted.then(
    () => setState("ready", t("Ready")),
    (/** @type {Error} */ error) => {
      worker?.terminate();
      worker = null;
      rejectPending(error.message);
      setState("unavailable", t("Interactive mode is unavailable: {why}.", { why: error.message }));
    },
  );
  return booted;
}

/** After "unavailable": try once more from the start (a new worker, everything downloaded again). */
export function retryPython() {
  if (state.phase !== "unavailable") return startPython(); // the start under way, or the one that worked
  booted = null;
  return startPython();
}

// What each call's answer must look like before a widget reads it: as its type says, as far as the page
// reads it. The fields are named as contract.d.ts declares them (a field renamed on the Python side fails
// tsc here too); their values are what is checked.
/** @typedef {import("./contract.js").RunReply} RunReply */
/** @typedef {import("./contract.js").EditedReply} EditedReply */
/** @typedef {import("./contract.js").TextReply} TextReply */
/** @typedef {import("./contract.js").Failure} Failure */
/** A parsed answer: any reply's fields, each still to be checked.
 *  @typedef {{ [K in keyof RunReply | keyof EditedReply | keyof TextReply | keyof Failure]?: unknown }} Parsed */
/** @typedef {{ [K in keyof import("./contract.js").FigureReply]?: unknown }} ParsedFigure */

/** @param {unknown} rows */
const isRows = (rows) => Array.isArray(rows) && rows.every((row) => typeof row === "object" && row !== null);
/** @param {unknown} figures  @param {(keyof ParsedFigure)[]} texts  the fields the page reads as text */
const isFigures = (figures, texts) =>
  Array.isArray(figures) &&
  figures.every((/** @type {ParsedFigure | null} */ f) =>
    texts.every((field) => typeof f?.[field] === "string"),
  );
/** @param {Parsed} reply  @returns {reply is Failure} */
const failure = (reply) => reply.ok === false && typeof reply.error === "string";
/** @param {Parsed} reply  a run's read-outs and data sets */
const result = (reply) =>
  reply.ok === true &&
  isFigures(reply.figures, ["key", "text"]) &&
  typeof reply.data === "object" &&
  reply.data !== null &&
  Object.values(reply.data).every(isRows);
/** @param {Parsed} reply  @returns {reply is ModelReply} */
const modelReply = (reply) => failure(reply) || result(reply);
/** @param {Parsed} reply  @returns {reply is EditedModelReply} */
const editedReply = (reply) => failure(reply) || (result(reply) && isFigures(reply.original, ["text"]));
/** @param {Parsed} reply  @returns {reply is StandaloneReply} */
const textReply = (reply) => failure(reply) || (reply.ok === true && typeof reply.text === "string");

/** A call's answer: the reply its check accepts, or a failure that says it could not be read.
 *  @param {number | null} id
 *  @param {string} payload */
function settle(id, payload) {
  const request = id === null ? undefined : pending.get(id);
  if (!request || id === null) return; // an answer nobody waits for (its widget is gone, or it was never asked)
  clearTimeout(request.timer);
  pending.delete(id);
  let reply = null;
  try {
    reply = typeof payload === "string" ? JSON.parse(payload) : null;
  } catch {
    reply = null;
  }
  const readable =
    typeof reply === "object" && reply !== null && typeof reply.ok === "boolean" && request.check(reply);
  request.resolve(readable ? reply : { ok: false, error: t("Python's answer could not be read.") });
}

/** @param {string} reason */
function restart(reason) {
  worker?.terminate();
  worker = null;
  booted = null;
  rejectPending(reason);
  setState("restarting", reason);
  return startPython();
}

/**
 * @template Reply
 * @param {keyof typeof import("./contract.js").CALLS} name
 * @param {string[]} args
 * @param {(reply: any) => reply is Reply} check
 * @param {number} [timeoutMs]
 * @returns {Promise<Reply>}
 */
async function call(name, args, check, timeoutMs = RUN_TIMEOUT_MS) {
  await startPython();
  speakPageLanguage();
  return send(name, args, check, timeoutMs);
}

/**
 * One call posted to the running worker; its answer, or a rejection after `timeoutMs`.
 * @template Reply
 * @param {keyof typeof import("./contract.js").CALLS} name
 * @param {string[]} args
 * @param {(reply: any) => reply is Reply} check
 * @param {number} timeoutMs
 * @returns {Promise<Reply>}
 */
function send(name, args, check, timeoutMs) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const seconds = Math.round(timeoutMs / 1000);
      const why = tn(
        "The model ran for more than {count} second and was stopped (an endless loop?). Python is restarting.",
        "The model ran for more than {count} seconds and was stopped (an endless loop?). Python is restarting.",
        seconds,
      );
      pending.delete(id);
      reject(new Error(why));
      restart(why).catch(() => {}); // a failed restart is reported through onStatus
    }, timeoutMs);
    pending.set(id, { resolve, reject, timer, check });
    /** @type {Call} */
    const message = { id, call: name, args };
    worker?.postMessage(message);
  });
}

/** @type {{ worker: Worker | null, language: string }} */
const spoken = { worker: null, language: "en" }; // the language the worker's Python writes in now

/** Before a call, Python is told the page's language if it writes in another: a new worker starts in
 *  English (its snapshot holds no language), and a worker kept across pages may have served another
 *  edition. Messages reach the worker in order, so the run that follows is already in this language. */
function speakPageLanguage() {
  const { language, text } = wordsForPython();
  if (spoken.worker === worker && spoken.language === language) return;
  spoken.worker = worker;
  spoken.language = language;
  send("language", [language, text], okReply, RUN_TIMEOUT_MS).catch(() => {}); // a failure: English words
}

/** @param {any} reply  @returns {reply is { ok: true }} */
const okReply = (reply) => reply?.ok === true;

/** What a widget asks of its model (widgets/registry.py read_request).
 *  @typedef {{ settings: Record<string, number>, baseline: string | null, previous: Record<string, number> | null }} RunRequest */

/** Run a model in the worker.
 *  @param {string} widget  @param {RunRequest} request
 *  @returns {Promise<ModelReply>} */
export const runModel = (widget, request) => call("run", [widget, JSON.stringify(request)], modelReply);

/** Run a reader's edited model: as runModel, plus the original's figures; stopped after a few seconds.
 *  @param {string} widget  @param {string} code  @param {RunRequest} request
 *  @returns {Promise<EditedModelReply>} */
export const runEdited = (widget, code, request) =>
  call("run_edited", [widget, code, JSON.stringify(request)], editedReply, EDITED_TIMEOUT_MS);

/** One .py file with the edited model and its helpers, for plain CPython.
 *  @param {string} code
 *  @returns {Promise<StandaloneReply>} */
export const standalone = (code) => call("standalone", [code], textReply);
