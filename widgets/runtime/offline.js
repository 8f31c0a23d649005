// Offline after one visit: once Python is ready on a widget page (so the offline copy never competes
// with the reader's first download), register the site's service worker (sw.js at the site root,
// explainers/offline.py). It then copies the site in idle time; a revisit needs no network.
let offered = false;

export function offerOffline() {
  if (offered || !("serviceWorker" in navigator)) return; // e.g. plain http on a LAN: not a secure context
  offered = true;
  const worker = new URL("../../sw.js", import.meta.url); // assets/runtime/ -> the site root
  navigator.serviceWorker.register(worker, { type: "classic" }).catch(() => {
    // No offline copy (a browser setting, a host that blocks it): the site works online as before.
  });
}
