"""Performance of the built site as a reader meets it (a benchmark, not a test: it prints figures and writes
them to docs/developers/performance.json, which the page docs/developers/performance.md shows at build).

    make bench                                   # everything, every engine installed (about an hour)
    .venv/bin/python -m tools.benchmark --only-redraws --engines chromium
    .venv/bin/python -m tools.benchmark --only-networks --engines firefox,webkit --profiles loopback,50

Measured, in Chromium, Firefox ESR and WebKit (tools/engines.py: the drivers of tests/browser/test_engines.py):
  - slider-to-redraw on every widget of every page: from the slider's input event to the chart updated
    (Vega's SVG written; the browser paints it in the next frame), median and 95th percentile, and the
    part until Python's answer reached the page, for a reader who reaches the slider a few seconds after
    Python is ready (the target's measure); and, in another fresh page, the first moves made the instant
    Python is ready, while the engine still compiles and optimises (its 95th percentile, printed beside); in Chromium also with the main thread slowed 4x (CDP CPU
    throttling, as a school Chromebook), and the longest main-thread task while the reader moved the slider
    (the Long Tasks API: Chromium only). Firefox's and WebKit's drivers can slow neither, and say so;
  - the first visit on school networks (tools/net_server.py: gzip as hosts send, 40 ms per request, one
    shared line) at 10, 50 and 100 Mbit/s and on loopback with gzip: the time until a widget first responds
    to a slider moved at once, against a bare boot of stock Pyodide (the npm package as published, full
    standard library: loadPyodide() and one line) at the same profile in the same run, as a ratio (the
    median of each round's own ratio); then the revisit, with bytes on the wire.
And in Chromium only, on loopback: time to first chart and to the first live view, long tasks and the
longest animation frame until Python is ready, the second widget page by instant navigation, bytes served.

The machine is shared and noisy: compare ratios and medians measured in one run, never times across runs;
every figure is stored with the date, the machine, its load average and the engine's version.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import math
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from explainers import stdlib
from tools import engines
from tools.net_server import LOOPBACK, SCHOOL_10, SCHOOL_50, SCHOOL_100, NetServer, Profile
from tools.site_server import PREFIX, SiteServer, build_site

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "docs" / "developers" / "performance.json"  # shown by docs/developers/performance.md
REDRAW_TARGET_MS = {1: 33.0, 4: 100.0}  # 95th percentile, by CPU slowdown (issue: two frames; a Chromebook)
LONG_TASK_TARGET_MS = 200.0
FIRST_VISIT_TARGET = 1.0  # x a bare boot of stock Pyodide
NO_THROTTLING = "main thread not slowed (the driver has no CPU throttling); no Long Tasks API"

WIDGET_PAGE = "busan-meeting/"  # carries the tariff widget
# Every widget on every page that has one, in each edition: (page, figure id), for the redraw figures.
# (A Russian chart has its own expressions, words and number formats: it is measured, not assumed.)
WIDGETS = tuple(
    (edition + page, figure)
    for edition in ("", "ru/")
    for page, figure in (
        ("busan-meeting/", "widget-tariff_stack"),
        ("one-year-pause/", "widget-truce-holds"),
        ("one-year-pause/", "widget-truce-lapses"),
        ("central-asia/", "widget-central_asia_pipeline"),
    )
)
PROFILES = {"loopback": LOOPBACK, "100": SCHOOL_100, "50": SCHOOL_50, "10": SCHOOL_10}
SLIDER = "widget-tariff_stack-fentanyl"  # moved at once on a first visit
PLAIN_PAGE = "sources/"
SECOND_WIDGET_PAGE, SECOND_WIDGET = "one-year-pause/", "widget-truce-lapses"
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
  .observe({ type: "longtask", buffered: true });
window.__frames = [];  // long animation frames, with the scripts that ran in them
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__frames.push({
    start: e.startTime, duration: e.duration,
    scripts: e.scripts.map((s) => `${s.invoker || s.sourceURL.split("/").pop()} ${Math.round(s.duration)} ms`) }); })
  .observe({ type: "long-animation-frame", buffered: true });
"""
# The first frame painted after a chart's SVG (build-time picture or live view) entered the page.
FIRST_CHART = """
new MutationObserver((records, observer) => {
  if (!document.querySelector(".bx-view svg")) return;
  observer.disconnect();
  requestAnimationFrame(() => { window.__firstChartFrame = performance.now(); });
}).observe(document, { childList: true, subtree: true });
"""


def build(site_dir: Path, site_url: str) -> float:
    started = time.perf_counter()
    build_site(site_dir, site_url)
    return time.perf_counter() - started


def metric(page: Page, name: str, timeout_ms: int = 120_000) -> dict:
    # Arrow functions, not expression strings: the site's CSP (rightly) refuses eval in the page.
    page.wait_for_function(
        "(name) => (window.busanExplainer?.metrics ?? []).some(m => m.name === name)",
        arg=name,
        timeout=timeout_ms,
    )
    return page.evaluate("(name) => window.busanExplainer.metrics.find(m => m.name === name)", name)


def bare_pyodide_boot(page: Page, base: str, index: str | None = None) -> float:
    """loadPyodide() and one line of Python, timed inside the page; from the site's own copy, or from
    `index` (the npm package as published, for the network runs)."""
    page.goto(base + PLAIN_PAGE)
    return page.evaluate(
        """async (index) => {
        const t0 = performance.now();
        const { loadPyodide } = await import(index + "pyodide.mjs");
        const py = await loadPyodide({ indexURL: index });
        py.runPython("1 + 1");
        return performance.now() - t0;
    }""",
        index or base + "assets/vendor/pyodide/",
    )


def widget_cold_start(page: Page, base: str) -> dict:
    page.goto(base + WIDGET_PAGE)
    page.wait_for_function("() => window.__firstChartFrame !== undefined")
    first_chart = page.evaluate("() => window.__firstChartFrame")
    page.locator("#widget-tariff_stack-fentanyl").focus()
    page.keyboard.press("ArrowRight")  # the reader moves a slider as soon as the chart shows
    live_view = metric(page, "view-drawn")["t"]
    responded = metric(page, "redraw")["t"]
    ready = metric(page, "python-ready")["t"]
    long_tasks = [d for start, d in page.evaluate("() => window.__longTasks") if start <= ready]
    frames = [f for f in page.evaluate("() => window.__frames") if f["start"] <= ready]
    longest_frame = max(frames, key=lambda f: f["duration"], default=None)
    return {
        "first_chart": first_chart,
        "live_view": live_view,
        "responds": responded,
        "long_tasks": long_tasks,
        "longest_frame": longest_frame,
    }


def second_widget_page(page: Page) -> dict:
    """From a booted widget page, a nav link (instant navigation) to another widget page and a slider."""
    boots = "() => window.busanExplainer.metrics.filter(m => m.name === 'python-ready').length"
    booted = page.evaluate(boots)
    clicked = page.evaluate("() => { window.__sameDocument = true; return performance.now(); }")
    page.locator(f"a.md-nav__link[href$='/{SECOND_WIDGET_PAGE}'] >> visible=true").first.click()
    page.wait_for_function(
        "(id) => document.querySelector(id)?.dataset.python === 'ready'", arg=f"#{SECOND_WIDGET}"
    )
    before = page.evaluate("() => window.busanExplainer.metrics.filter(m => m.name === 'redraw').length")
    page.locator(f"#{SECOND_WIDGET} input[type=range]").first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(n) => window.busanExplainer.metrics.filter(m => m.name === 'redraw').length > n", arg=before
    )
    responded = page.evaluate("() => window.busanExplainer.metrics.filter(m => m.name === 'redraw').at(-1).t")
    return {
        "responds": responded - clicked,
        "new_boot": page.evaluate(boots) != booted,
        "instant": page.evaluate("() => window.__sameDocument === true"),
    }


def redraw_latencies(
    page: Page, presses: int, slider: str = "#widget-tariff_stack-reciprocal"
) -> list[tuple[float, float]]:
    """(input to redrawn chart, of which input to Python's answer) per arrow-key press, in ms."""
    page.locator(slider).focus()
    latencies = []
    for i in range(presses):
        before = page.evaluate("() => window.busanExplainer.metrics.filter(m => m.name === 'redraw').length")
        page.keyboard.press("ArrowRight" if i % 20 < 10 else "ArrowLeft")
        page.wait_for_function(
            "(n) => window.busanExplainer.metrics.filter(m => m.name === 'redraw').length > n", arg=before
        )
        latest = page.evaluate("() => window.busanExplainer.metrics.filter(m => m.name === 'redraw').at(-1)")
        latencies.append((latest["ms"], latest["model"]))
    return latencies


# In-page measures, the same JavaScript in every engine (tools/engines.py runs each as a function of one argument).
UNTIL = """const until = async (test, ms, what) => {
  const end = performance.now() + ms;
  while (!(await test())) {
    if (performance.now() > end) throw new Error(`${what}: not after ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const redraws = () => (window.busanExplainer?.metrics ?? []).filter((m) => m.name === "redraw");"""
READY = f"""async (figure) => {{ {UNTIL}
  await until(() => document.getElementById(figure)?.dataset.python === "ready", 300000, "Python ready");
  await document.getElementById(figure).bxViews; // every view drawn
  return true;
}}"""
# A move is the slider's own step and the input event the browser sends for it (a key press does the same);
# a short pause between moves, as a hand makes, so that each move is measured alone.
REDRAWS = f"""async ({{ figure, presses }}) => {{ {UNTIL}
  const slider = document.getElementById(figure).querySelector('input[type="range"]');
  const longTasks = [];
  const observing = PerformanceObserver.supportedEntryTypes?.includes("longtask");
  const observer = observing ? new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration))) : null;
  observer?.observe({{ type: "longtask" }});
  const measured = [];
  for (let i = 0; i < presses; i += 1) {{
    const before = redraws().length;
    const up = i % 20 < 10 ? slider.value !== slider.max : slider.value === slider.min;
    if (up) slider.stepUp(); else slider.stepDown();
    slider.dispatchEvent(new Event("input", {{ bubbles: true }}));
    await until(() => redraws().length > before, 60000, "a redraw");
    const last = redraws().at(-1);
    measured.push([last.ms, last.model]);
    await new Promise((resolve) => setTimeout(resolve, 60));
  }}
  observer?.disconnect();
  return {{ redraws: measured, longestTask: observing ? Math.max(0, ...longTasks) : null,
    expressions: window.busanExplainer.expressionsUsed ?? null }};
}}"""


# A reader reaches the slider some seconds after Python is ready (reading, scrolling): until then the
# engines finish compiling and optimising Python's WebAssembly and the page's code in the background, and
# the page rehearses its redraws (docs/developers/decisions/first-moves-rehearsed.md). The target is
# measured on that reader; the moves made the very instant Python is ready are measured apart.
READER_REACHES_SLIDER_MS = 3_000
MOVES_AT_ONCE = 10


def moved(
    engine: engines.Engine, url: str, figure: str, presses: int, cpu_slowdown: float, wait_ms: int
) -> dict | None:
    """One fresh page: Python ready, `wait_ms` of reading, then the first slider moved `presses` times
    (None where the engine's driver cannot slow the main thread as asked)."""
    if cpu_slowdown > 1 and not engine.slows_cpu:
        return None  # asked first: booting Python in a page that cannot be measured is a minute lost
    session = engine.open()
    try:
        session.goto(url)
        session.run(READY, figure)
        if cpu_slowdown > 1:
            session.cpu_slowdown(cpu_slowdown)
        session.run("(ms) => new Promise((resolve) => setTimeout(resolve, ms))", wait_ms)
        return session.run(REDRAWS, {"figure": figure, "presses": presses})
    finally:
        session.close()


def widget_redraws(engine: engines.Engine, base: str, presses: int, cpu_slowdown: float) -> dict[str, dict]:
    """Slider-to-redraw on every widget, its first slider moved `presses` times by a reader who reaches it
    READER_REACHES_SLIDER_MS after Python is ready, and MOVES_AT_ONCE times (another fresh page) the instant it
    is; with the main thread slowed `cpu_slowdown` times where the engine's driver can (else: not measured)."""
    figures: dict[str, dict] = {}
    for path, figure in WIDGETS:
        measured = moved(engine, base + path, figure, presses, cpu_slowdown, READER_REACHES_SLIDER_MS)
        at_once = moved(engine, base + path, figure, MOVES_AT_ONCE, cpu_slowdown, 0)
        if measured is None or at_once is None:
            return {}
        first = [ms for ms, _ in at_once["redraws"]]
        total = [ms for ms, _ in measured["redraws"]]
        model = [m for _, m in measured["redraws"]]
        figures[f"{path}#{figure}"] = {
            "page": path,
            "figure": figure,
            "cpu_slowdown": cpu_slowdown,
            "presses": presses,
            "median_ms": statistics.median(total),
            "p95_ms": percentile(total, 0.95),
            "model_median_ms": statistics.median(model),
            "model_p95_ms": percentile(model, 0.95),
            "longest_task_ms": measured["longestTask"],
            "expressions": measured["expressions"],
            "reader_waits_ms": READER_REACHES_SLIDER_MS,
            "at_once_moves": MOVES_AT_ONCE,
            "at_once_median_ms": statistics.median(first),
            "at_once_p95_ms": percentile(first, 0.95),
        }
    return figures


def print_redraws(engine: str, title: str, figures: dict[str, dict]) -> None:
    print(f"  [{engine}] {title}")
    if not figures:
        print("    not measured: this engine's driver cannot slow the main thread (CDP is Chromium's)")
        return
    for name, f in figures.items():
        target = REDRAW_TARGET_MS.get(int(f["cpu_slowdown"]))
        verdict = (
            ""
            if target is None
            else ("  (within" if f["p95_ms"] <= target else "  (OVER") + f" {target:.0f} ms)"
        )
        longest = (
            "n/a (no Long Tasks API)" if f["longest_task_ms"] is None else f"{f['longest_task_ms']:.0f} ms"
        )
        print(
            f"    {name:44} median {f['median_ms']:6.1f} ms, 95th percentile {f['p95_ms']:6.1f} ms{verdict}; "
            f"until Python's answer {f['model_median_ms']:5.1f} / {f['model_p95_ms']:5.1f} ms; "
            f"longest task while moving {longest}; first {f['at_once_moves']} moves the instant Python is "
            f"ready: median {f['at_once_median_ms']:.1f}, 95th percentile {f['at_once_p95_ms']:.1f} ms"
        )


def bytes_for(
    server: SiteServer, site_dir: Path, page: Page, path: str, wait_for: str | None
) -> tuple[int, int]:
    server.httpd.served.clear()
    page.goto(server.url + path)
    if wait_for:
        metric(page, wait_for)
    page.wait_for_load_state("networkidle")
    raw = zipped = 0
    for served in server.httpd.served:
        local = served.split("?", 1)[0][len(PREFIX) :]
        file = site_dir / local
        if file.is_dir() or local.endswith("/") or local == "":
            file = file / "index.html"
        if file.is_file():
            data = file.read_bytes()
            raw += len(data)
            zipped += len(gzip.compress(data, 6))
    return raw, zipped


OFFLINE_WAIT_S = 120
PUBLISHED_PYODIDE = "/__pyodide__/"  # the npm package as published, for the bare boot of the network runs
OFFLINE_COPY_DONE = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return Boolean(registration?.active && navigator.serviceWorker.controller)
    && (await (await caches.open('bx-python-snapshot')).keys()).length === 1;
}"""


RESPONDS = f"""async (slider) => {{ {UNTIL}
  // As soon as the widget takes moves: in WebKit the page's modules may still be running at "load".
  const mounted = () => (window.busanExplainer?.metrics ?? []).some((m) => m.name === "widget-mounted");
  await until(() => document.getElementById(slider) && mounted(), 60000, "the widget");
  const input = document.getElementById(slider);
  input.stepUp(); // the reader moves a slider as soon as the page shows
  input.dispatchEvent(new Event("input", {{ bubbles: true }}));
  try {{
    await until(() => redraws().length > 0, 300000, "the widget's response");
  }} catch (error) {{
    const status = input.closest("figure")?.querySelector(".bx-status")?.textContent ?? "";
    const phases = window.busanExplainer.metrics.filter((m) => m.name.startsWith("python")).map((m) => m.source ?? m.name);
    throw new Error(`${{error.message}}; the widget says "${{status}}"; ${{[...new Set(phases)].join(", ")}}`);
  }}
  const boot = window.busanExplainer.metrics.find((m) => m.name === "python-boot");
  return {{ t: redraws()[0].t, source: boot?.source ?? "unknown" }};
}}"""
BARE_BOOT = """async (index) => {
  const t0 = performance.now();
  const { loadPyodide } = await import(index + "pyodide.mjs");
  const py = await loadPyodide({ indexURL: index });
  py.runPython("1 + 1");
  return performance.now() - t0;
}"""


def network_visits(engine: engines.Engine, server: NetServer, profile: Profile) -> dict:
    """At one profile: a bare boot, a cold first visit to a widget page (until it responds, then until
    the offline copy and the kept snapshot are complete) and a revisit, with bytes on the wire."""
    server.profile = profile
    session = engine.open()
    try:
        session.goto(server.url + PLAIN_PAGE)
        bare = session.run(BARE_BOOT, server.origin + PUBLISHED_PYODIDE)
    finally:
        session.close()
    session = engine.open()
    try:
        server.reset_counts()
        session.goto(server.url + WIDGET_PAGE)
        cold = session.run(RESPONDS, SLIDER)
        cold_bytes = server.wire_bytes()
        # The revisit comes once the offline copy and the kept snapshot are complete; an engine where they
        # never complete gets no revisit figure (and the output says so), not a revisit of a half-made copy.
        deadline = time.monotonic() + OFFLINE_WAIT_S
        while not (offline := session.run(OFFLINE_COPY_DONE)) and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(0.5)
        visit_bytes = server.wire_bytes()
        revisit: dict = {
            "t": float("nan"),
            "source": f"none: no complete offline copy after {OFFLINE_WAIT_S} s",
        }
        revisit_bytes = 0
        if offline:
            server.reset_counts()
            session.goto(server.url + WIDGET_PAGE)
            revisit = session.run(RESPONDS, SLIDER)
            revisit_bytes = server.wire_bytes()
    finally:
        session.close()
    return {
        "bare": bare,
        "cold": cold["t"],
        "cold_bytes": cold_bytes,
        "visit_bytes": visit_bytes,
        "source": cold["source"],
        "revisit": revisit["t"],
        "revisit_bytes": revisit_bytes,
        "revisit_source": revisit["source"],
    }


def network_runs(engine: engines.Engine, site_dir: Path, runs: int, profiles: list[Profile]) -> dict:
    """Each profile `runs` times, interleaved (a noisy minute hurts every profile alike)."""
    results: dict[str, list[dict]] = {}
    with NetServer(site_dir, mounts={PUBLISHED_PYODIDE: stdlib.PYODIDE}, lifetime_s=4 * 3600) as server:
        server.precompress()  # a host compresses once; the first visit measured should not wait for it
        for _ in range(runs):
            for profile in profiles:
                try:
                    visits = network_visits(engine, server, profile)
                except Exception as error:  # which line failed, and in which round, for the report
                    done = len(results.get(profile.name, []))
                    raise RuntimeError(f"{profile.name}, round {done + 1}: {error}") from error
                results.setdefault(profile.name, []).append(visits)
    return results


def first_visit_rows(results: dict[str, list[dict]]) -> list[dict]:
    median = statistics.median
    loopback = results.get(LOOPBACK.name)
    rows = []
    for name, runs in results.items():
        rows.append(
            {
                "profile": name,
                "runs": len(runs),
                "bare_ms": median(r["bare"] for r in runs),
                "responds_ms": median(r["cold"] for r in runs),
                "ratio": median(r["cold"] / r["bare"] for r in runs),
                "boot": sorted({r["source"] for r in runs}),
                "revisit_ms": _median([r["revisit"] for r in runs]),
                # against the loopback bare boot of its own round: a revisit downloads almost nothing
                "revisit_ratio": _median(
                    [r["revisit"] / b["bare"] for r, b in zip(runs, loopback, strict=True)]
                )
                if loopback and len(loopback) == len(runs)
                else None,
                "revisit_boot": sorted({r["revisit_source"] for r in runs}),
                "first_visit_mb": median(r["cold_bytes"] for r in runs) / 1e6,
                "with_offline_copy_mb": median(r["visit_bytes"] for r in runs) / 1e6,
                "revisit_mb": median(r["revisit_bytes"] for r in runs) / 1e6,
                "each_run": [{k: r[k] for k in ("bare", "cold", "revisit")} for r in runs],
            }
        )
    return rows


def _median(values: list[float]) -> float | None:
    """The median of the runs that measured something (a revisit may not have been possible)."""
    measured = [v for v in values if not math.isnan(v)]
    return statistics.median(measured) if measured else None


def print_network(engine: str, rows: list[dict]) -> None:
    print(
        f"  [{engine}] first visit to a widget page: gzip like a host, 40 ms per request, one shared line; "
        f"medians of {rows[0]['runs']} rounds"
    )
    for row in rows:
        verdict = "within" if row["ratio"] <= FIRST_VISIT_TARGET else "OVER"
        runs = row["each_run"]
        print(f"    {row['profile']}")
        print(
            f"      bare Pyodide boot (npm package)     {row['bare_ms']:8.0f} ms  (runs: {runs_text([r['bare'] for r in runs])})"
        )
        print(
            f"      widget responds, cold first visit   {row['responds_ms']:8.0f} ms  = {row['ratio']:.2f} x bare boot, "
            f"the median of each round's ratio ({verdict} {FIRST_VISIT_TARGET:.1f} x)  "
            f"(runs: {runs_text([r['cold'] for r in runs])}; boot: {', '.join(row['boot'])})"
        )
        ratio = "" if row["revisit_ratio"] is None else f" = {row['revisit_ratio']:.2f} x loopback bare boot"
        revisit = "not measured" if row["revisit_ms"] is None else f"{row['revisit_ms']:8.0f} ms{ratio}"
        print(
            f"      revisit: widget responds            {revisit}  "
            f"(runs: {runs_text([r['revisit'] for r in runs])}; boot: {', '.join(row['revisit_boot'])})"
        )
        print(
            f"      bytes on the wire, first visit      {row['first_visit_mb']:8.2f} MB until it responds; "
            f"{row['with_offline_copy_mb']:.2f} MB with the offline copy; revisit {row['revisit_mb']:.2f} MB"
        )


def stamp(load_at_start: float, engine: str, version: str, **details: Any) -> dict:
    """When, where, and how busy the machine was (its load average, at the start and now): the machine
    is shared, so compare ratios measured in one run, never times across runs."""
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_average": [round(load_at_start, 1), round(os.getloadavg()[0], 1)],
        "engine": engine,
        "version": version,
        **details,
    }


def machine(load_at_start: float) -> str:
    return (
        f"Busan explainer benchmark — {time.strftime('%Y-%m-%d %H:%M')} — {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load_at_start:.1f} at the start, {os.getloadavg()[0]:.1f} now"
    )


def write_figures(path: Path, section: str, engine: str, entry: dict) -> None:
    """Store one engine's figures of one section, keeping every other (a run may measure a part only)."""
    figures = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    figures.setdefault(section, {})[engine] = entry
    text = json.dumps(figures, indent=1, sort_keys=True, allow_nan=False, default=_plain)
    path.write_text(text + "\n", encoding="utf-8")
    print(
        f"  (written to {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {section}, {engine})"
    )


def _plain(value: Any) -> Any:
    raise TypeError(f"not JSON: {value!r}")


def rounded(value: Any) -> Any:
    """Figures to 0.1 (ms, MB) once they reach 10, to 0.001 below (ratios): more digits would claim a
    precision no run on this machine has, fewer would turn a ratio of 1.02 into 1.0."""
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return round(value, 1) if abs(value) >= 10 else round(value, 3)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


def runs_text(values: list[float]) -> str:
    return ", ".join(f"{v:.0f}" for v in values)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def chromium_cold_starts(server: SiteServer, site_dir: Path, browser: Any, runs: int, presses: int) -> dict:
    """Chromium's own details on loopback (Playwright, the Long Animation Frames API, instant navigation)."""
    boots, starts = [], []
    for _ in range(runs):
        context = browser.new_context()  # cold: nothing cached, and the server sends no-store
        boots.append(bare_pyodide_boot(context.new_page(), server.url))
        context.close()
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(LONG_TASKS)
        page.add_init_script(FIRST_CHART)
        starts.append(widget_cold_start(page, server.url))
        context.close()
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + WIDGET_PAGE)
    metric(page, "python-ready")
    redraws = redraw_latencies(page, presses)
    second = second_widget_page(page)
    context.close()
    # Each in a fresh context: this one's service worker would answer from its offline copy.
    context = browser.new_context()
    widget_bytes = bytes_for(server, site_dir, context.new_page(), WIDGET_PAGE, "python-ready")
    context.close()
    context = browser.new_context()
    plain_bytes = bytes_for(server, site_dir, context.new_page(), PLAIN_PAGE, None)
    plain_requests = list(server.httpd.served)
    context.close()
    median = statistics.median
    latencies = [total for total, _ in redraws]
    all_long = [d for s in starts for d in s["long_tasks"]]
    frames = [s["longest_frame"] for s in starts if s["longest_frame"]]
    longest_frame = max(frames, key=lambda f: f["duration"], default=None)
    return {
        "runs": runs,
        "first_chart_ms": median(s["first_chart"] for s in starts),
        "live_view_ms": median(s["live_view"] for s in starts),
        "bare_boot_ms": median(boots),
        "responds_ms": median(s["responds"] for s in starts),
        "responds_ratio": median(s["responds"] for s in starts) / median(boots),
        "second_page_ms": second["responds"],
        "second_page_new_boot": second["new_boot"],
        "second_page_instant": second["instant"],
        "tariff_redraw_median_ms": median(latencies),
        "tariff_redraw_p95_ms": percentile(latencies, 0.95),
        "long_tasks_per_start": len(all_long) / len(starts),
        "longest_task_until_ready_ms": max(all_long, default=0.0),
        "longest_frame_ms": longest_frame["duration"] if longest_frame else None,
        "longest_frame_scripts": longest_frame["scripts"] if longest_frame else [],
        "widget_page_mb": [widget_bytes[0] / 1e6, widget_bytes[1] / 1e6],
        "plain_page_mb": [plain_bytes[0] / 1e6, plain_bytes[1] / 1e6],
        "plain_page_requests_pyodide": any("pyodide" in p for p in plain_requests),
        "each_run": {
            "first_chart": [s["first_chart"] for s in starts],
            "bare_boot": boots,
            "responds": [s["responds"] for s in starts],
        },
    }


def print_cold_starts(c: dict) -> None:
    runs = c["each_run"]
    print(f"  [chromium] loopback, {c['runs']} cold starts")
    print(
        f"    time to first chart                     {c['first_chart_ms']:8.0f} ms median  (runs: {runs_text(runs['first_chart'])})"
    )
    print(f"    time to first live Vega view            {c['live_view_ms']:8.0f} ms median")
    print(
        f"    bare Pyodide boot (site's copy)         {c['bare_boot_ms']:8.0f} ms median  (runs: {runs_text(runs['bare_boot'])})"
    )
    print(
        f"    widget first responds to a slider       {c['responds_ms']:8.0f} ms median  = {c['responds_ratio']:.2f} x bare boot  "
        f"(runs: {runs_text(runs['responds'])})"
    )
    print(
        f"    second widget page (instant navigation) {c['second_page_ms']:8.0f} ms from click to response; new Python boot: "
        f"{'yes' if c['second_page_new_boot'] else 'no'}; instant navigation: {'yes' if c['second_page_instant'] else 'no'}"
    )
    print(
        f"    tariff slider-to-redraw (key presses)   {c['tariff_redraw_median_ms']:8.1f} ms median, {c['tariff_redraw_p95_ms']:.1f} ms 95th percentile"
    )
    print(
        f"    long tasks until Python ready           {c['long_tasks_per_start']:8.1f} per start, longest {c['longest_task_until_ready_ms']:.0f} ms"
    )
    if c["longest_frame_ms"]:
        scripts = "; ".join(c["longest_frame_scripts"]) or "no script (parsing, style, layout)"
        print(f"    longest animation frame until ready     {c['longest_frame_ms']:8.0f} ms: {scripts}")
    print(
        f"    bytes, page with a widget               {c['widget_page_mb'][0]:8.2f} MB raw, {c['widget_page_mb'][1]:.2f} MB gzip"
    )
    print(
        f"    bytes, page without widgets             {c['plain_page_mb'][0]:8.2f} MB raw, {c['plain_page_mb'][1]:.2f} MB gzip; "
        f"Pyodide requested: {'yes' if c['plain_page_requests_pyodide'] else 'no'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--engines", default=",".join(engines.ENGINES), help="comma-separated (default: all three)"
    )
    parser.add_argument("--only-redraws", action="store_true", help="slider-to-redraw on every widget only")
    parser.add_argument(
        "--only-networks", action="store_true", help="the first visit on school networks only"
    )
    parser.add_argument("--runs", type=int, default=5, help="Chromium's loopback cold starts (default 5)")
    parser.add_argument("--presses", type=int, default=40, help="slider moves per widget (default 40)")
    parser.add_argument("--network-runs", type=int, default=3, help="visits per network profile (default 3)")
    parser.add_argument(
        "--profiles",
        default=",".join(PROFILES),
        help=f"network profiles, of {', '.join(PROFILES)} (default: all)",
    )
    parser.add_argument("--figures", type=Path, default=FIGURES, help="where the figures are written (JSON)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave the figures file alone")
    args = parser.parse_args()
    chosen = [name.strip() for name in args.engines.split(",") if name.strip()]
    profiles = [PROFILES[name.strip()] for name in args.profiles.split(",")]
    redraws = not args.only_networks
    networks = not args.only_redraws
    details = not (args.only_networks or args.only_redraws)
    load_at_start = os.getloadavg()[0]
    print(machine(load_at_start))
    print(
        "  Every figure: median of the runs (the machine is shared: compare ratios and medians of one run, never\n"
        "  times across runs); slider-to-redraw is from the slider's input event to the chart updated."
    )

    def keep(section: str, engine: engines.Engine, load: float, entry: dict, **about: Any) -> None:
        """Store one part's figures, stamped with the load average when that part started and ended."""
        if not args.no_write:
            write_figures(
                args.figures,
                section,
                engine.name,
                {"measured": stamp(load, engine.name, engine.version, **about), **rounded(entry)},
            )

    def measure(part: str, engine: engines.Engine) -> tuple[dict, dict]:
        """One part in one engine: its figures, printed, and what to store about how they were measured."""
        if part == "cold_start":
            assert isinstance(engine, engines.Chromium)
            cold = chromium_cold_starts(server, site_dir, engine.browser, args.runs, args.presses)
            print_cold_starts(cold)
            return cold, {}
        if part == "redraw":
            rows: list[dict] = []
            for slowdown in (1, 4):
                figures = widget_redraws(engine, server.url, args.presses, slowdown)
                title = (
                    "slider-to-redraw on every widget (first slider, moved "
                    f"{READER_REACHES_SLIDER_MS / 1000:.0f} s after Python is ready)"
                )
                if slowdown > 1:
                    title = f"the same with the main thread slowed {slowdown}x (as on a school Chromebook; CDP CPU throttling)"
                print_redraws(engine.name, title, figures)
                rows.extend(figures.values())
            notes = [] if isinstance(engine, engines.Chromium) else [NO_THROTTLING]
            return {"rows": rows, "notes": notes}, {"presses": args.presses}
        visits = first_visit_rows(network_runs(engine, site_dir, args.network_runs, profiles))
        print_network(engine.name, visits)
        return {"rows": visits}, {"runs": args.network_runs}

    tmp = tempfile.TemporaryDirectory()
    site_dir = Path(tmp.name) / "site"
    server = SiteServer(site_dir)
    with tmp:
        build_s = build(site_dir, server.url)
        print(f"  site build (mkdocs build --strict)        {build_s:8.2f} s")
        with server, sync_playwright() as pw:
            for name in chosen:
                try:
                    engine = engines.start(name, pw)
                except engines.Unavailable as why:
                    print(f"  [{name}] not measured: {why}")
                    continue
                print(f"  [{name}] {engine.version}")
                try:
                    for part, wanted in (
                        ("cold_start", details),
                        ("redraw", redraws),
                        ("first_visit", networks),
                    ):
                        if not wanted or (part == "cold_start" and not isinstance(engine, engines.Chromium)):
                            continue
                        try:
                            load = os.getloadavg()[0]
                            entry, about = measure(part, engine)
                            keep(part, engine, load, entry, **about)
                        except Exception as error:  # reported; the other parts and engines are still measured
                            print(
                                f"  [{name}] {part}: not measured: {type(error).__name__}: {str(error)[:800]}"
                            )
                finally:
                    engine.close()
    print(machine(load_at_start))


if __name__ == "__main__":
    main()
