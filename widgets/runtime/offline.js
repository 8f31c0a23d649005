// Offline after one visit: a few seconds after Python is ready on a widget page (so the offline copy
// competes neither with the reader's first download nor with their first slider moves), register the
// site's service worker (sw.js at the site root, explainers/offline.py). It copies the site in idle
// time, and waits while the reader moves a control; a revisit needs no network.
import { editionFolder } from "./edition.js";

const AFTER_READY_MS = 3_000;
let offered = false;

export function offerOffline() {
  if (offered || !("serviceWorker" in navigator)) return; // e.g. plain http on a LAN: not a secure context
  offered = true;
  watchTheReader();
  const worker = new URL("../../sw.js", import.meta.url); // assets/runtime/ -> the site root
  // The page's edition (edition.js): the worker copies that edition's pages for offline use.
  worker.searchParams.set("edition", editionFolder());
  const register = () =>
    navigator.serviceWorker.register(worker, { type: "classic" }).then(tellWhileCopying, () => {
      // No offline copy (a browser setting, a host that blocks it): the site works online as before.
    });
  const idle = window.requestIdleCallback ?? ((/** @type {() => void} */ task) => setTimeout(task, 0));
  setTimeout(() => idle(register, { timeout: 2_000 }), AFTER_READY_MS);
}

// While a service worker copies the site (installing), the reader's inputs tell it to wait (sw.js
// READER_BUSY): the copy must not slow the redraws the reader is watching. Inputs are watched from the
// offer on, so a worker is told at once if the reader was busy as it started.
const READER_BUSY = "bx-reader-busy";
const READER_QUIET_MS = 2_000; // as sw.js: how long after an input the reader counts as busy
const TELL_EVERY_MS = 500;
let lastInput = -Infinity;
/** @type {ServiceWorker | null} */
let copying = null;
let told = -Infinity;
function readerInput() {
  lastInput = performance.now();
  if (copying && lastInput - told >= TELL_EVERY_MS) {
    told = lastInput;
    copying.postMessage({ type: READER_BUSY });
  }
}
const watching = new AbortController();
function watchTheReader() {
  for (const type of ["input", "keydown", "pointerdown"])
    document.addEventListener(type, readerInput, { capture: true, passive: true, signal: watching.signal });
}

/** @param {ServiceWorkerRegistration} registration */
function tellWhileCopying(registration) {
  copying = registration.installing;
  if (!copying) return watching.abort(); // this build's copy is made already
  if (performance.now() - lastInput < READER_QUIET_MS) readerInput();
  copying.addEventListener("statechange", () => {
    if (copying?.state !== "installing") {
      copying = null;
      watching.abort();
    }
  });
}
