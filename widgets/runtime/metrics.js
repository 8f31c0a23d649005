// Timings of what a reader waits for, read by the benchmark and the tests through
// window.busanExplainer.metrics (performance marks would do, but these carry a payload).
const metrics = [];
export function track(name, detail = {}) {
  metrics.push({ name, t: performance.now(), url: location.pathname, ...detail });
}
window.busanExplainer = Object.assign(window.busanExplainer ?? {}, { metrics });
