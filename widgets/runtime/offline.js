// Offline after one visit: a few seconds after Python is ready on a widget page (so the offline copy
// competes neither with the reader's first download nor with their first slider moves), register the
// site's service worker (sw.js at the site root, explainers/offline.py). It copies the site in idle
// time; a revisit needs no network.
const AFTER_READY_MS = 3_000;
let offered = false;

export function offerOffline() {
  if (offered || !("serviceWorker" in navigator)) return; // e.g. plain http on a LAN: not a secure context
  offered = true;
  const worker = new URL("../../sw.js", import.meta.url); // assets/runtime/ -> the site root
  // The page's edition (explainers/languages.py: English at the root, another language in its own folder):
  // the worker copies that edition's pages for offline use.
  const language = document.documentElement.lang || "en";
  worker.searchParams.set("edition", language === "en" ? "" : `${language}/`);
  const register = () =>
    navigator.serviceWorker.register(worker, { type: "classic" }).catch(() => {
      // No offline copy (a browser setting, a host that blocks it): the site works online as before.
    });
  const idle = window.requestIdleCallback ?? ((/** @type {() => void} */ task) => setTimeout(task, 0));
  setTimeout(() => idle(register, { timeout: 2_000 }), AFTER_READY_MS);
}
