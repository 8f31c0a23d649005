// Timings of what a reader waits for, read by the benchmark and the tests through
// window.busanExplainer.metrics (performance marks would do, but these carry a payload).
/** @type {{ name: string, t: number, url: string, [detail: string]: unknown }[]} */
const metrics = [];

/** @param {string} name  @param {Record<string, unknown>} [detail] */
export function track(name, detail = {}) {
  metrics.push({ name, t: performance.now(), url: location.pathname, ...detail });
}
window.busanExplainer = Object.assign(window.busanExplainer ?? {}, { metrics });
