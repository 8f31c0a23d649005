"""A reader's browser session: opens pages of the served site and records what must never happen:
console errors, uncaught exceptions, and requests to any host but the site's own."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

PYTHON_READY_MS = 90_000  # Pyodide's boot on a busy 2-core machine; the UI says what is happening meanwhile


WATCH_WORKERS = """
window.__workers = [];
window.__workerMessages = [];
window.Worker = new Proxy(window.Worker, {
  construct(target, args) {
    const worker = Reflect.construct(target, args);
    window.__workers.push({ worker, url: String(args[0]) });
    worker.addEventListener("message", ({ data }) => {
      if (data?.type !== "result" || typeof data.id !== "number") window.__workerMessages.push(data);
    });
    return worker;
  },
});
"""

# What a page is doing, for a test that waited in vain: whether it is shown, whether it still draws frames
# (a headless page that stops rendering fires no animation frame, so no resize event and no Vega re-layout,
# while its timers and scripts go on), and the last things the page's own metrics recorded.
CONDITION = """async (figureId) => {
  const frame = await Promise.race([
    new Promise((r) => requestAnimationFrame(() => r("a frame came"))),
    new Promise((r) => setTimeout(() => r("no animation frame in 2 s"), 2000)),
  ]);
  const figure = figureId && document.getElementById(figureId);
  return {
    url: location.href, visibility: document.visibilityState, focus: document.hasFocus(), frame,
    python: figure ? figure.dataset.python : undefined,
    says: figure ? [...figure.querySelectorAll(".bx-error, .bx-status")].map((e) => e.textContent.trim()).join(" | ") : undefined,
    serviceWorker: navigator.serviceWorker?.controller?.state ?? "none",
    workers: (window.__workers ?? []).length,
    workerSaid: (window.__workerMessages ?? []).slice(-5).map((m) => m?.type + (m?.phase ? ":" + m.phase : "")),
    metrics: (window.busanExplainer?.metrics ?? []).slice(-12).map((m) => `${m.name}@${Math.round(m.t)}`),
    now: Math.round(performance.now()),
  };
}"""


@dataclass
class Reader:
    context: BrowserContext
    page: Page
    origin: str
    base: str
    problems: list[str] = field(default_factory=list)
    foreign: list[Any] = field(default_factory=list)  # requests to other hosts
    allowed_errors: tuple[str, ...] = ()

    @classmethod
    def open(cls, context: BrowserContext, base_url: str, allowed_errors: tuple[str, ...] = ()) -> Reader:
        page = context.new_page()
        # Content-Security-Policy violations, as the page itself sees them (not only on the console).
        page.add_init_script(
            "window.__cspViolations = [];"
            "document.addEventListener('securitypolicyviolation', e =>"
            " window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        # Every worker the page starts, and what each says (the tests talk to the real Python worker
        # the page holds, and read what it answers). Instrumentation of the test browser only.
        page.add_init_script(WATCH_WORKERS)
        parts = urlsplit(base_url)
        reader = cls(
            context, page, f"{parts.scheme}://{parts.netloc}", base_url, allowed_errors=allowed_errors
        )
        page.on("console", reader._console)
        page.on("pageerror", lambda error: reader.problems.append(f"uncaught: {error}"))
        context.on("request", reader._request)
        context.on("response", reader._response)
        return reader

    def _response(self, response: Any) -> None:
        # The console says only "404"; record which address failed, unless the test expects it.
        if response.status >= 400 and not self.allowed_errors:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message: Any) -> None:
        # an exception nobody handled (a worker's among them) never is allowed
        uncaught = "Uncaught" in message.text
        if message.type == "error" and (uncaught or not any(a in message.text for a in self.allowed_errors)):
            self.problems.append(f"console error: {message.text}")

    def _request(self, request: Any) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if not url.startswith(self.origin + "/"):
            self.foreign.append(request)

    def goto(self, path: str = "") -> Page:
        self.page.goto(self.base + path)
        return self.page

    def wait_python_ready(self, figure_id: str) -> None:
        try:
            self.page.wait_for_selector(f'#{figure_id}[data-python="ready"]', timeout=PYTHON_READY_MS)
        except PlaywrightTimeout as late:
            raise AssertionError(
                f"{figure_id}: Python not ready in {PYTHON_READY_MS // 1000} s; {self.condition(figure_id)}"
            ) from late

    def condition(self, figure_id: str = "") -> str:
        """What the page is doing now (CONDITION), and whether bringing it to the front makes it draw
        again: said in a failure's message, so that a flaky wait names its cause."""
        seen = self.page.evaluate(CONDITION, figure_id)
        if seen["frame"] != "a frame came":
            self.page.bring_to_front()
            seen["after bring_to_front"] = self.page.evaluate(CONDITION, figure_id)["frame"]
        return f"the page: {seen}; problems: {self.problems}"

    def python_worker_urls(self) -> list[str]:
        """The addresses the page started its Python workers from (not Material's search worker)."""
        return self.page.evaluate("window.__workers.map(w => w.url).filter(u => !u.includes('/search'))")

    def view_data(self, figure_id: str, view: int, dataset: str) -> list[dict[str, Any]]:
        """The rows the live Vega view holds now (read from the view, not from our own state)."""
        return self.page.evaluate(
            """async ([id, view, name]) => {
                const views = await document.getElementById(id).bxViews;
                return JSON.parse(JSON.stringify(views[view].data(name)));
            }""",
            [figure_id, view, dataset],
        )

    def assert_clean(self) -> None:
        if not self.page.is_closed():
            violations = self.page.evaluate("window.__cspViolations ?? []")
            self.problems.extend(f"CSP violation: {v}" for v in violations)
        # A request the Content-Security-Policy refused never reached the network (Chromium still
        # reports it, failed with "csp"); any other request to another host is a leak.
        self.problems.extend(f"request to another host: {r.url}" for r in self.foreign if r.failure != "csp")
        assert not self.problems, "\n".join(self.problems)


def model_rows(rows: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    """Keep only the model's own fields: Vega adds derived ones (stack offsets) to the same objects."""
    return [{k: r[k] for k in keys} for r in rows]


def as_json(value: Any) -> Any:
    return json.loads(json.dumps(value))


def readout(
    widget: str, key: str, baseline: str | None = None, start: str | None = None, **changes: float
) -> str:
    """A read-out as the page should show it, computed by the model in CPython: the figure, then how it
    compares with the baseline ("48.0% (baseline 58.0%, −10 points)")."""
    return _readout_at(widget, key, changes, baseline, start)


def _readout_at(
    widget: str, key: str, changes: dict[str, float], baseline: str | None = None, start: str | None = None
) -> str:
    from widgets import registry

    model = registry.get(widget)
    values = dict({p.key: p for p in model.presets}[start].values) if start else model.defaults()
    return next(f.text for f in model.run({**values, **changes}, baseline).figures if f.key == key)


def total(**steps: float) -> str:
    """The tariff widget's total as the page shows it after moving sliders by these amounts from their
    defaults (fentanyl=-1: one percentage point left), computed by the model in CPython."""
    from widgets import registry

    defaults = registry.get("tariff_stack").defaults()
    return _readout_at("tariff_stack", "total", {k: float(defaults[k]) + v for k, v in steps.items()})
