// Pyodide in a Web Worker: boots from the site's own copy, unpacks the `widgets` package (the same
// files pytest checks) and answers calls. Messages that arrive during boot wait for it.
// A reader's edited model also runs here, never on the page: if it loops forever, the page is
// untouched and python.js replaces this worker.
//
// The page starts this module from a `blob:` bootstrap (python.js), so the worker runs under the page's
// own Content-Security-Policy (a blob: worker inherits it; a worker from a URL would take the policy of
// its own response, and static hosts send none): edited code can reach no host but the site's.
// Message types, calls, file names and the boot steps are the build's (contract.js, explainers/contract.py).
import { BOOT_PYTHON, CALLS, FILES, MESSAGES, MODELS_DIR, site } from "./contract.js";
import { DOWNLOAD_BYTES, SNAPSHOT_BYTES } from "./python-size.js";
import { chooseBoot } from "./worker-boot.js";

// Everything below is one block, so that a copy of this file cut short anywhere (a mangled download
// with a matching length) fails to parse, which the page reports at once; a prefix
// that parsed would run, start nothing and say nothing, and the page would wait for its watchdog.
{
  /** @typedef {import("./contract.js").WorkerMessage} WorkerMessage */
  /** @typedef {import("./worker-boot.js").Sample} Sample */
  /** The worker's calls: text arguments in, JSON text out (widgets/wire.py says which).
   *  @typedef {Record<keyof typeof CALLS, (...args: string[]) => string>} Calls */

  /** Everything the worker tells the page goes through here, in the shapes contract.d.ts declares.
   *  @param {WorkerMessage} message */
  const post = (message) => postMessage(message);
  /** @param {string} text */
  const status = (text) => post({ type: MESSAGES.STATUS, text });
  /** Marks the worker's fixed words for extraction (babel.cfg): the worker writes them in English, and the
   *  page, which knows its language, translates them as they arrive (python.js).
   *  @param {string} text */
  const N_ = (text) => text;
  /** @param {string} name */
  const pyodideFile = (name) => site(FILES.pyodide + name);
  const MAX_ARGUMENT_CHARS = 1_000_000; // a model's source is a few kB; anything near this is not an edit

  // Without the Worker constructor, code run here cannot start a worker from a same-origin URL, which
  // would run under no policy at all (its response carries none). Nothing here needs a nested worker.
  for (const name of ["Worker", "SharedWorker"])
    delete (/** @type {Record<string, unknown>} */ (/** @type {unknown} */ (self))[name]);

  // Every download of the start goes through here: Pyodide's own (the WebAssembly, the standard library,
  // its package list) and ours (the snapshot, the models). Each arriving chunk is reported, for the page's
  // status line and its watchdog; a required file that fails ends the start at once, with its name
  // (Pyodide itself would wait for ever on some of these failures).
  const nativeFetch = self.fetch;
  let arrived = 0;
  let expected = DOWNLOAD_BYTES; // grows by the snapshot's size only if this visit fetches it (fetchSnapshot)
  let reportedAt = 0;
  // What a silence means, for the page's watchdog: while a download is under way, or before Python's
  // WebAssembly is requested (the loader modules are still arriving), the line may have stopped; after
  // that, with no download under way, the worker is compiling and starting Python, and its thread can be
  // busy for many seconds without a word (WebKit: 12-25 s after the last byte on a busy 2-core machine).
  let downloads = 0; // under way
  // Pyodide's loader modules come by import(), which no counted download sees: until both are in, a silence
  // may be a stalled line (the WebAssembly and the standard library are fetched at once, beside them).
  let loaderArrived = false;
  // The page learns the answer from each progress message, so every change of it sends one: a download
  // that ends without a body (an optional snapshot that failed) or the loader arriving after the last
  // byte, each followed by a plain boot's silent seconds, would otherwise be timed as a stalled line
  // ("nothing arrived for 30 seconds"; test_python_start_failures.py keeps the thread busy after one).
  const awaitingBytes = () => downloads > 0 || !loaderArrived;
  function progress(force = false) {
    const now = performance.now();
    if (!force && now - reportedAt < 200) return;
    reportedAt = now;
    post({ type: MESSAGES.PROGRESS, loaded: arrived, total: expected, downloading: awaitingBytes() });
  }
  // While the worker computes, a heartbeat each second its thread is free; the page allows a longer
  // silence (python.js DEADLINES.startMs) for the stretches when it is not.
  const heartbeat = setInterval(() => {
    if (!awaitingBytes()) post({ type: MESSAGES.HEARTBEAT });
  }, 1_000);

  /** The response's body, counted as it arrives; the download is under way until the body ends in any way.
   *  @param {Response & { body: ReadableStream<Uint8Array> }} response  @param {Headers} headers */
  function counted(response, headers) {
    const reader = response.body.getReader();
    let ended = false;
    const end = () => {
      if (!ended) {
        ended = true;
        downloads -= 1;
        progress(true);
      }
    };
    const body = new ReadableStream({
      async pull(controller) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch (error) {
          end();
          controller.error(error);
          return;
        }
        if (chunk.done) {
          end();
          controller.close();
          return;
        }
        arrived += chunk.value.byteLength;
        progress();
        controller.enqueue(chunk.value);
      },
      cancel(why) {
        end();
        return reader.cancel(why);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  }

  /** @param {RequestInfo | URL} input  @param {RequestInit} [init]  @param {boolean} [required]
   *  @returns {Promise<Response>} */
  async function download(input, init, required = true) {
    const url = String(input instanceof Request ? input.url : input);
    const file = (url.split("?")[0] ?? url).split("/").pop() ?? url;
    downloads += 1;
    progress(true); // a download that never answers is a stalled line too
    let response;
    try {
      response = await nativeFetch(input, init);
    } catch (error) {
      downloads -= 1;
      progress(true);
      if (required) bootFailed(`${file} could not be downloaded (the connection failed)`);
      throw error;
    }
    if (!response.ok || !response.body) {
      downloads -= 1; // its body is never read as Python's
      progress(true);
    }
    if (!response.ok && required) {
      bootFailed(`${file} could not be downloaded (HTTP ${response.status})`);
      // Never hand Pyodide the error page: it would start from it ("Fatal Python error" on the console,
      // seen under load before the page discards this worker). It waits instead, and the page ends it.
      return new Promise(() => {});
    }
    if (!response.ok || !response.body) return response;
    const body = /** @type {Response & { body: ReadableStream<Uint8Array> }} */ (response);
    const headers = new Headers(response.headers);
    // A host that does not know the .wasm extension sends it as text or octet-stream, which
    // WebAssembly's streaming compiler refuses; the bytes are the site's own, so their type is known.
    if (file.endsWith(".wasm")) headers.set("Content-Type", "application/wasm");
    return counted(body, headers);
  }
  // Fetched at once, before Pyodide asks for them: the standard library (Pyodide then gets the same
  // bytes) and the WebAssembly, compiled as it arrives (Pyodide then instantiates the compiled module).
  // Every boot needs both, so their downloads time the line (worker-boot.js) before the boot is chosen,
  // and the compile waits neither for Pyodide's loader nor for a snapshot.
  const STDLIB = site(FILES.pythonStdlib);
  const WASM = pyodideFile("pyodide.asm.wasm");
  /** @type {Map<string, Promise<ArrayBuffer>>} */
  const fetched = new Map(); // address -> Promise of its bytes
  /** @type {WeakSet<Response>} */
  const compiled = new WeakSet(); // the stand-ins handed to Pyodide for the WebAssembly compiled here
  /** @type {Promise<WebAssembly.Module> | null} */
  let wasmModule = null;
  /** @type {typeof fetch} */
  const countingFetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url === WASM && wasmModule) {
      const standIn = new Response(null);
      compiled.add(standIn);
      return standIn;
    }
    const early = fetched.get(url);
    return early ? new Response(await early) : download(input, init);
  };

  /** The response, with a record of how it arrived (worker-boot.js lineSpeed() times the line from it):
   *  when it was asked for, when its last chunk was read here, the bytes read, and its size on the wire
   *  as the host declared it when it compressed the file. `read` is called once its last chunk is read.
   *  @param {Response} response  @param {string} url  @param {number} asked  @param {Sample[]} samples
   *  @param {() => void} [read] */
  function sampled(response, url, asked, samples, read = () => {}) {
    /** @type {Sample} */
    const sample = {
      url,
      asked,
      last: 0,
      bytes: 0,
      encoded: response.headers.has("Content-Encoding"),
      length: Number(response.headers.get("Content-Length") ?? NaN),
    };
    samples.push(sample);
    /** @type {TransformStream<Uint8Array, Uint8Array>} */
    const timer = new TransformStream({
      transform(chunk, controller) {
        sample.last = performance.now();
        sample.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      flush: read,
    });
    return new Response(response.body?.pipeThrough(timer), {
      status: response.status,
      headers: response.headers,
    });
  }

  function prefetch() {
    /** @type {Sample[]} */
    const samples = [];
    // The WebAssembly's last chunk read (its module resolves only once compiled; the standard library's
    // bytes resolve as they are read).
    let wasmRead = () => {};
    const wasmArrived = new Promise((done) => {
      wasmRead = () => done(0);
    });
    const asked = performance.now();
    const stdlib = download(STDLIB)
      .then((response) => sampled(response, STDLIB, asked, samples).arrayBuffer())
      .catch((error) => {
        bootFailed(`${FILES.pythonStdlib.split("/").pop()} could not be downloaded (the connection failed)`);
        throw error;
      });
    fetched.set(STDLIB, stdlib);
    const module = download(WASM)
      .then((response) =>
        nativeWasm.compileStreaming.call(WebAssembly, sampled(response, WASM, asked, samples, wasmRead)),
      )
      .catch((error) => {
        bootFailed(N_("Python (pyodide.asm.wasm) arrived damaged and could not be started"));
        throw error;
      });
    wasmModule = module;
    // The line is timed once both have arrived, not once the WebAssembly has compiled: the boot choice, and
    // with it the snapshot's download, then overlaps the compile's last part and the loader's import
    // (measured in Firefox at 100 Mbit/s: the snapshot was asked for 200-600 ms after the line fell idle).
    // A download that fails before it is read settles it too (as a failure, reported above).
    const arrivedBoth = Promise.all([stdlib, Promise.race([wasmArrived, module])]).then(() => samples);
    for (const early of [stdlib, module, arrivedBoth]) early.catch(() => {}); // reported above
    return { stdlib, arrivedBoth };
  }

  // Pyodide reports a WebAssembly module that does not compile (a truncated or mangled file) only as a
  // console warning, and then waits; seen here, it ends the start.
  const nativeWasm = {
    instantiate: WebAssembly.instantiate,
    instantiateStreaming: WebAssembly.instantiateStreaming,
    compileStreaming: WebAssembly.compileStreaming,
  };
  /** @type {typeof WebAssembly.instantiateStreaming} */
  async function instantiateCompiled(source, imports) {
    const response = await source;
    if (!compiled.has(response) || !wasmModule)
      return nativeWasm.instantiateStreaming.call(WebAssembly, response, imports);
    const module = await wasmModule;
    return { module, instance: await nativeWasm.instantiate.call(WebAssembly, module, imports) };
  }
  /** @type {Record<string, (...args: any[]) => Promise<unknown>>} */
  const wasmCalls = { ...nativeWasm, instantiateStreaming: instantiateCompiled };
  const watchedWasm = Object.fromEntries(
    Object.entries(wasmCalls).map(([name, original]) => [
      name,
      (/** @type {unknown[]} */ ...args) =>
        original.apply(WebAssembly, args).catch((error) => {
          bootFailed(N_("Python (pyodide.asm.wasm) arrived damaged and could not be started"));
          throw error;
        }),
    ]),
  );

  async function fetchModels() {
    let response;
    try {
      response = await download(site(FILES.widgets), undefined, false);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      const why = response ? /** @type {Error} */ (error).message : "the connection failed";
      bootFailed(`the models could not be downloaded (${why})`); // at once, not after Python's own start
      throw error;
    }
    return response.arrayBuffer();
  }

  // Python's memory as the build left it after booting and importing the models (explainers/snapshot.py):
  // restoring it skips most of a cold boot. Gzipped on disk; a host that already decoded it sends raw bytes.
  // Optional: without it, Python boots the ordinary way.
  async function fetchSnapshot() {
    expected += SNAPSHOT_BYTES;
    const response = await download(site(FILES.snapshot), undefined, false);
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    const { head, body } = await opening(response.body, 2);
    // Gunzipped as it arrives: inflating 31 MB takes ~100 ms, which then overlaps the download.
    const gzipped = head[0] === 0x1f && head[1] === 0x8b;
    // (TypeScript's DOM types accept only BufferSource into a DecompressionStream; chunks are Uint8Arrays.)
    const inflate = /** @type {TransformStream<Uint8Array, Uint8Array>} */ (
      /** @type {unknown} */ (new DecompressionStream("gzip"))
    );
    const memory = gzipped ? body.pipeThrough(inflate) : body;
    return new Uint8Array(await new Response(memory).arrayBuffer());
  }

  /** A stream's first `count` bytes (fewer if it is shorter), and the whole stream again, from its start.
   *  @param {ReadableStream<Uint8Array>} stream  @param {number} count */
  async function opening(stream, count) {
    const reader = stream.getReader();
    /** @type {Uint8Array[]} */
    const read = [];
    let length = 0;
    while (length < count) {
      const { done, value } = await reader.read();
      if (done) break;
      read.push(value);
      length += value.byteLength;
    }
    const head = new Uint8Array(count);
    let at = 0;
    for (const chunk of read) {
      head.set(chunk.subarray(0, count - at), at);
      at = Math.min(count, at + chunk.byteLength);
    }
    /** @type {ReadableStream<Uint8Array>} */
    const body = new ReadableStream({
      start(controller) {
        for (const chunk of read) controller.enqueue(chunk);
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (why) => reader.cancel(why),
    });
    return { head, body };
  }

  // Which boot this visit gets (a snapshot kept by an earlier visit, the build's, or the ordinary one) is
  // chosen in worker-boot.js; `keep` saves a snapshot for the next visit once the models are imported.
  /** @param {Promise<ArrayBuffer>} models
   *  @param {ReturnType<typeof prefetch>} early  the standard library, and the downloads that time the line */
  async function startPyodide(models, { stdlib, arrivedBoth }) {
    // Asked for now, not after the package list: in Firefox a worker's import waits for the page's
    // main thread, busy with the page's own start.
    const loader = import(pyodideFile("pyodide.asm.mjs"));
    loader.catch(() => {}); // awaited below
    /** @type {typeof import("pyodide")} */
    let module;
    try {
      module = await import(pyodideFile("pyodide.mjs")); // loaded already, by the worker's bootstrap
    } catch {
      throw new Error(N_("Python's loader could not be downloaded"));
    }
    const { loadPyodide, version } = module;
    const indexURL = pyodideFile("");
    // Pyodide's own reading of its package list fails in a promise nobody catches; read here, it fails
    // plainly (and is read once for both attempts below).
    const lockFileContents = download(pyodideFile("pyodide-lock.json"))
      .then((response) => response.json())
      .catch((error) => {
        bootFailed(N_("pyodide-lock.json could not be read"));
        throw error;
      });
    lockFileContents.catch(() => {}); // awaited by Pyodide; reported above
    /** @type {Record<string, unknown>} loadPyodide's options, some of them its private ones (worker-boot.js) */
    const options = { indexURL, packageBaseUrl: indexURL, lockFileContents };
    // Chosen while the loader arrives: a fast line's snapshot download need not wait for the loader.
    const choosing = chooseBoot(indexURL, version, models, stdlib, arrivedBoth, fetchSnapshot);
    choosing.catch(() => {}); // awaited below
    try {
      await loader; // the same module chooseBoot imports, fetched once
    } catch {
      throw new Error(N_("Python's loader (pyodide.asm.mjs) could not be downloaded"));
    }
    loaderArrived = true;
    progress(true);
    let choice;
    try {
      choice = await choosing;
    } catch {
      throw new Error(N_("Python's loader (pyodide.asm.mjs) could not be downloaded"));
    }
    const fromSnapshot = "_loadSnapshot" in choice.options;
    if (!fromSnapshot) status(N_("Starting Python…")); // seconds of work, once the files are here
    try {
      return {
        pyodide: await loadPyodide({ ...options, ...choice.options }),
        fromSnapshot,
        source: choice.source,
        keep: choice.keep,
      };
    } catch (error) {
      if (!fromSnapshot) throw error;
      // A missing or unusable snapshot costs time, not the widget: boot the ordinary way.
      status(N_("Starting Python without its snapshot (slower)…"));
      const why = /** @type {Error} */ (error)?.message ?? String(error);
      return {
        pyodide: await loadPyodide(options),
        fromSnapshot: false,
        source: "plain boot",
        why,
        keep: () => {},
      };
    }
  }

  async function boot() {
    status(N_("Loading Python in your browser (a few seconds, once per visit)…"));
    self.fetch = countingFetch;
    Object.assign(WebAssembly, watchedWasm);
    const models = fetchModels(); // in parallel with Python's own download
    models.catch(() => {}); // awaited below; this only avoids an early "unhandled rejection"
    const early = prefetch();
    const { pyodide, fromSnapshot, source, why, keep } = await startPyodide(models, early);
    post({ type: MESSAGES.BOOT, fromSnapshot, source, why: why ?? "" });
    status(N_("Loading the models…"));
    // The snapshot holds the imported models but no files: the source files are unpacked either way
    // ("look inside" reads them), then imported (at once from a snapshot: they are already in memory).
    pyodide.unpackArchive(await models, "zip", { extractDir: MODELS_DIR });
    endWatching(); // the downloads are done; nothing else is counted
    pyodide.runPython(BOOT_PYTHON); // as make_snapshot.mjs does
    keep(pyodide, await models, readerPaused); // before any other call: the next visit restores this memory
    const registry = pyodide.pyimport("widgets.registry");
    const sandbox = pyodide.pyimport("widgets.sandbox");
    registry.warm_up(); // before "ready": compiling the models' code paths is not the reader's first slider move
    // Each call takes and returns strings (JSON).
    /** @type {Calls} */
    const calls = {
      run: (widget, values) => registry.run_json(widget, values),
      run_edited: (widget, code, values) => sandbox.run_edited(widget, code, values),
      // The page's language and its words, after the snapshot's restore: the snapshot holds no language, so
      // one snapshot serves them all (widgets/registry.py set_language).
      language: (code, catalog) => registry.set_language(code, catalog),
      standalone: (code) => {
        /** @type {import("./contract.js").TextReply} */
        const reply = { ok: true, text: sandbox.standalone(code) };
        return JSON.stringify(reply);
      },
    };
    rehearse(JSON.parse(registry.rehearsal()), calls.run); // through the reader's own call
    return calls;
  }

  // When the reader last called (a slider move): work for later waits for a pause in them.
  let lastCallAt = performance.now();
  const PAUSE_MS = 2_000;
  const LONGEST_WAIT_MS = 60_000; // a reader who never pauses still gets the snapshot kept
  async function readerPaused() {
    const since = performance.now();
    for (;;) {
      const left = Math.max(lastCallAt, since) + PAUSE_MS - performance.now();
      if (left <= 0 || performance.now() - since > LONGEST_WAIT_MS) return;
      await new Promise((resolve) => setTimeout(resolve, left));
    }
  }

  /** After "ready", one rehearsed call per task (a reader's call waits for one at most, ~5 ms): the first
   *  slider moves then find Pyodide's call path optimised (measured: the first move's worker time fell from
   *  15 to 11 ms, the second's from 16 to 7; from the eighth on they are alike).
   *  @param {[string, string][]} requests  @param {(widget: string, values: string) => string} run */
  function rehearse(requests, run) {
    const next = () => {
      const request = requests.shift();
      if (!request) return;
      try {
        run(...request);
      } catch {
        return; // a rehearsal only saves time; the reader's own call reports any failure
      }
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  }

  /** @param {unknown} error */
  function reason(error) {
    const message = /** @type {Error | undefined} */ (error)?.message;
    return (typeof message === "string" ? message : String(error)).slice(0, 300);
  }

  function endWatching() {
    self.fetch = nativeFetch;
    Object.assign(WebAssembly, nativeWasm);
  }

  // Pyodide's loader does not always reject when a download fails: parts of it fail in promises nobody
  // awaits, and the boot would then wait for ever. Any such failure during the boot ends it, with a reason
  // (the first one: later ones are its consequences).
  let booting = true;
  let failed = false;
  /** @param {unknown} error */
  function bootFailed(error) {
    if (!booting || failed) return;
    failed = true;
    post({ type: MESSAGES.BOOT_ERROR, text: reason(error) });
  }
  // After a failed start the page discards this worker: what still fails meanwhile is a consequence.
  const failing = () => booting || failed;
  self.addEventListener("unhandledrejection", (event) => {
    if (!failing()) return;
    event.preventDefault();
    bootFailed(event.reason);
  });
  self.addEventListener("error", (event) => {
    if (!failing()) return;
    event.preventDefault();
    bootFailed(event.error ?? event.message);
  });

  const ready = boot().then(
    (calls) => {
      booting = false;
      clearInterval(heartbeat);
      if (!failed) post({ type: MESSAGES.READY });
      return calls;
    },
    (error) => {
      endWatching();
      clearInterval(heartbeat);
      bootFailed(error);
      booting = false;
      throw error;
    },
  );
  ready.catch(() => {}); // reported above; keeps the console free of an unhandled rejection

  // A message is a call only if it has this exact shape; anything else gets an answer saying so (with
  // the id, when it has a usable one), never an exception that would leave the page waiting.
  /** @param {unknown} data  @returns {{ call: keyof typeof CALLS, args: string[] }} */
  function request(data) {
    if (typeof data !== "object" || data === null) throw new Error("a message must be an object");
    const { call, args } = /** @type {{ call?: unknown, args?: unknown }} */ (data);
    if (typeof call !== "string" || !Object.hasOwn(CALLS, call))
      throw new Error(`there is no call named ${JSON.stringify(String(call)).slice(0, 60)}`);
    const name = /** @type {keyof typeof CALLS} */ (call);
    if (
      !Array.isArray(args) ||
      args.length !== CALLS[name] ||
      !args.every((arg) => typeof arg === "string")
    ) {
      throw new Error(`${call} takes ${CALLS[name]} text arguments`);
    }
    if (args.reduce((sum, arg) => sum + arg.length, 0) > MAX_ARGUMENT_CHARS)
      throw new Error("the message is too large");
    return { call: name, args };
  }

  self.onmessage = async ({ data }) => {
    const id = Number.isSafeInteger(data?.id) ? data.id : null;
    lastCallAt = performance.now();
    let payload;
    try {
      const { call, args } = request(data);
      const calls = await ready;
      payload = calls[call](...args);
      if (typeof payload !== "string") throw new Error("the model gave no answer");
    } catch (error) {
      payload = JSON.stringify({ ok: false, error: `Python failed unexpectedly: ${reason(error)}` });
    }
    post({ type: MESSAGES.RESULT, id, payload });
  };
}
