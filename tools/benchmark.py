"""Performance of the built site as a reader meets it (a benchmark, not a test: it prints figures).

    make bench            # or: .venv/bin/python -m tools.benchmark --runs 5

One run builds the site, serves it on loopback under a sub-path and, over several cold starts in
headless Chromium, measures:
  - time to first chart (navigation start -> the first frame showing a chart: the build-time
    picture, or Vega's view if it came first), and to the first live Vega view;
  - time until a widget first responds to a slider (navigation start -> first redraw from Python),
    and that time divided by a bare Pyodide boot (loadPyodide() + one line) measured in the same run;
  - slider-to-redraw latency after boot (median and 95th percentile, ms and 60 Hz frames), on the
    tariff widget and then on every widget of every page, also with the main thread slowed 4x, with
    the longest main-thread task while the reader pressed;
  - main-thread long tasks (> 50 ms) from navigation until Python is ready, and the scripts behind the
    longest (from the Long Animation Frames API);
  - on a second widget page reached by instant navigation: time from the click to the widget's
    response to a slider, and whether Python booted again;
  - bytes served for a page with widgets and for one without (raw, and gzip as most hosts send);
  - school networks (tools/net_server.py: gzip as hosts do, 40 ms per request, one bandwidth budget
    shared by all connections) at 10, 50 and 100 Mbit/s, and loopback with gzip: the cold first visit to a
    widget page and the revisit after it, each against a bare Pyodide boot (the npm package as
    published, full standard library) at the same profile in the same run, with bytes on the wire.
The machine is shared and noisy: quote medians and ratios.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from explainers import stdlib
from tools.browser_setup import launch_args
from tools.net_server import LOOPBACK, SCHOOL_10, SCHOOL_50, SCHOOL_100, NetServer, Profile
from tools.site_server import PREFIX, SiteServer, build_site

WIDGET_PAGE = "busan-meeting/"  # carries the tariff widget
# Every widget on every page that has one: (page, figure id), for the redraw figures.
WIDGETS = (
    ("busan-meeting/", "widget-tariff_stack"),
    ("one-year-pause/", "widget-truce-holds"),
    ("one-year-pause/", "widget-truce-lapses"),
    ("central-asia/", "widget-central_asia_pipeline"),
)
NETWORKS = [LOOPBACK, SCHOOL_100, SCHOOL_50, SCHOOL_10]
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


def widget_redraws(browser, base: str, presses: int, cpu_slowdown: float) -> dict[str, dict]:
    """Slider-to-redraw on every widget, its first slider pressed `presses` times once Python is
    ready, with the main thread slowed `cpu_slowdown` times (CDP, as a school Chromebook would be);
    and the longest main-thread task while the reader pressed."""
    figures = {}
    for path, figure in WIDGETS:
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(LONG_TASKS)
        page.goto(base + path)
        page.wait_for_selector(f"#{figure}[data-python=ready]", timeout=180_000)
        page.evaluate("(id) => document.getElementById(id).bxViews", figure)  # every view drawn
        if cpu_slowdown > 1:
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
        started = page.evaluate("() => performance.now()")
        slider = page.locator(f"#{figure} input[type=range]").first.get_attribute("id")
        redraws = redraw_latencies(page, presses, f"#{slider}")
        tasks = [d for start, d in page.evaluate("() => window.__longTasks") if start >= started]
        figures[f"{path}#{figure}"] = {"redraws": redraws, "longest_task": max(tasks, default=0.0)}
        context.close()
    return figures


def print_redraws(title: str, figures: dict[str, dict]) -> None:
    median = statistics.median
    print(f"  {title}")
    for name, measured in figures.items():
        total = [ms for ms, _ in measured["redraws"]]
        model = [m for _, m in measured["redraws"]]
        print(
            f"    {name:44} median {median(total):6.1f} ms, 95th percentile {percentile(total, 0.95):6.1f} ms; "
            f"until Python's answer {median(model):5.1f} / {percentile(model, 0.95):5.1f} ms; "
            f"longest task while pressing {measured['longest_task']:4.0f} ms"
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


PUBLISHED_PYODIDE = "/__pyodide__/"  # the npm package as published, for the bare boot of the network runs
OFFLINE_COPY_DONE = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return Boolean(registration?.active && navigator.serviceWorker.controller)
    && (await (await caches.open('bx-python-snapshot')).keys()).length === 1;
}"""


def wait_until(page: Page, predicate: str, timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(predicate):
        if time.monotonic() > deadline:
            raise TimeoutError(predicate)
        time.sleep(0.2)


def widget_responds(page: Page, url: str) -> float:
    """Navigation start -> the first redraw from Python after the reader moved a slider."""
    page.goto(url)
    page.locator("#widget-tariff_stack-fentanyl").focus()
    page.keyboard.press("ArrowRight")
    return metric(page, "redraw", 300_000)["t"]


def network_visits(browser, server: NetServer, profile: Profile, revisit: bool = True) -> dict:
    """At one profile: a bare boot, a cold first visit to a widget page (until it responds, then until
    the offline copy and the kept snapshot are complete) and a revisit, with bytes on the wire."""
    server.profile = profile
    context = browser.new_context()
    bare = bare_pyodide_boot(context.new_page(), server.url, server.origin + PUBLISHED_PYODIDE)
    context.close()
    context = browser.new_context()
    page = context.new_page()
    server.reset_counts()
    cold = widget_responds(page, server.url + WIDGET_PAGE)
    cold_bytes = server.wire_bytes()
    source = metric(page, "python-boot")["source"]
    if not revisit:  # a variant whose files differ from the manifest: the offline copy (rightly) refuses them
        context.close()
        return {
            "bare": bare,
            "cold": cold,
            "cold_bytes": cold_bytes,
            "visit_bytes": cold_bytes,
            "source": source,
            "revisit": float("nan"),
            "revisit_bytes": 0,
            "revisit_source": "none",
        }
    wait_until(page, OFFLINE_COPY_DONE)
    page.wait_for_timeout(500)
    visit_bytes = server.wire_bytes()
    server.reset_counts()
    page = context.new_page()
    seconds_to_respond = widget_responds(page, server.url + WIDGET_PAGE)
    revisit_source = metric(page, "python-boot")["source"]
    revisit_bytes = server.wire_bytes()
    context.close()
    return {
        "bare": bare,
        "cold": cold,
        "cold_bytes": cold_bytes,
        "visit_bytes": visit_bytes,
        "source": source,
        "revisit": seconds_to_respond,
        "revisit_bytes": revisit_bytes,
        "revisit_source": revisit_source,
    }


def network_runs(
    browser, site_dir: Path, runs: int, profiles: list[Profile], compare_stdlib: bool = False
) -> dict:
    """Each profile `runs` times, interleaved (a noisy minute hurts every profile alike). With
    `compare_stdlib`, each visit is also made with Pyodide's full standard library in place of the
    trimmed one (the snapshot is made with the trimmed zip, so only plain boots compare fairly)."""
    mounts = {PUBLISHED_PYODIDE: stdlib.PYODIDE}
    variants = [False, True] if compare_stdlib else [False]
    results: dict[str, list[dict]] = {}
    with NetServer(site_dir, mounts=mounts, lifetime_s=3600) as server:
        server.precompress()  # a host compresses once; the first visit measured should not wait for it
        for _ in range(runs):
            for profile in profiles:
                for full in variants:
                    server.overrides.clear()
                    if full:
                        server.overrides[stdlib.SITE_PATH] = stdlib.FULL
                    name = profile.name + (", full standard library" if full else "")
                    results.setdefault(name, []).append(
                        network_visits(browser, server, profile, revisit=not full)
                    )
    return results


def print_network(results: dict[str, list[dict]]) -> None:
    median = statistics.median
    # a revisit is compared with the loopback bare boot of its own round
    loopback = results.get(LOOPBACK.name)
    print(
        f"  school networks: gzip like a host, 40 ms per request, one shared line; medians of {len(next(iter(results.values())))}"
    )
    for name, runs in results.items():
        bare, cold, revisit = (median(r[k] for r in runs) for k in ("bare", "cold", "revisit"))
        print(f"  [{name}]")
        print(
            f"    bare Pyodide boot (npm package)       {bare:8.0f} ms  (runs: {runs_text([r['bare'] for r in runs])})"
        )
        paired = median(r["cold"] / r["bare"] for r in runs)
        print(
            f"    cold first visit: widget responds     {cold:8.0f} ms  = {cold / bare:.2f} x bare boot (each round's: {paired:.2f})  "
            f"(runs: {runs_text([r['cold'] for r in runs])}; boot: {', '.join(sorted({r['source'] for r in runs}))})"
        )
        ratio = (
            f" = {median(r['revisit'] / bare['bare'] for r, bare in zip(runs, loopback, strict=True)):.2f} x loopback bare boot "
            "(median of each round's ratio)"
            if loopback
            else ""
        )
        print(
            f"    revisit: widget responds              {revisit:8.0f} ms{ratio}  (runs: {runs_text([r['revisit'] for r in runs])}; "
            f"boot: {', '.join(sorted({r['revisit_source'] for r in runs}))})"
        )
        print(
            f"    bytes on the wire, first visit        {median(r['cold_bytes'] for r in runs) / 1e6:8.2f} MB until it responds; "
            f"{median(r['visit_bytes'] for r in runs) / 1e6:.2f} MB with the offline copy; revisit "
            f"{median(r['revisit_bytes'] for r in runs) / 1e6:.2f} MB"
        )


def machine(load_at_start: float) -> str:
    """When, where, and how busy the machine was (its load average, at the start and now): the machine
    is shared, so compare ratios measured in one run, never times across runs."""
    return (
        f"Busan explainer benchmark — {time.strftime('%Y-%m-%d %H:%M')} — {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load_at_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    )


def runs_text(values: list[float]) -> str:
    return ", ".join(f"{v:.0f}" for v in values)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold starts per measure (default 5)")
    parser.add_argument(
        "--presses", type=int, default=40, help="slider steps for redraw latency (default 40)"
    )
    parser.add_argument("--network-runs", type=int, default=3, help="visits per network profile (default 3)")
    parser.add_argument("--only-networks", action="store_true", help="skip the loopback measures")
    parser.add_argument(
        "--compare-stdlib",
        action="store_true",
        help="with --only-networks: also each visit with Pyodide's full standard library",
    )
    parser.add_argument(
        "--loopback-only", action="store_true", help="with --only-networks: the loopback profile only"
    )
    parser.add_argument(
        "--only-redraws",
        action="store_true",
        help="only slider-to-redraw on every widget (1x and 4x slower CPU)",
    )
    args = parser.parse_args()
    load_at_start = os.getloadavg()[0]
    if args.only_redraws:
        with tempfile.TemporaryDirectory() as tmp:
            site_dir = Path(tmp) / "site"
            server = SiteServer(site_dir)
            build(site_dir, server.url)
            with server, sync_playwright() as pw:
                browser = pw.chromium.launch(**launch_args())
                every_widget = widget_redraws(browser, server.url, args.presses, 1)
                every_widget_slow = widget_redraws(browser, server.url, args.presses, 4)
                browser.close()
        print(machine(load_at_start))
        print_redraws("slider-to-redraw on every widget (first slider, once Python is ready)", every_widget)
        print_redraws(
            "the same with the main thread slowed 4x (CDP CPU throttling: a school Chromebook)",
            every_widget_slow,
        )
        return
    if args.only_networks:
        with tempfile.TemporaryDirectory() as tmp:
            site_dir = Path(tmp) / "site"
            build(site_dir, SiteServer(site_dir).url)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(**launch_args())
                profiles = [LOOPBACK, SCHOOL_10] if args.compare_stdlib else NETWORKS
                if args.loopback_only:
                    profiles = [LOOPBACK]
                results = network_runs(browser, site_dir, args.network_runs, profiles, args.compare_stdlib)
                browser.close()
        print(machine(load_at_start))
        print_network(results)
        return

    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        server = SiteServer(site_dir)
        build_s = build(site_dir, server.url)
        with server, sync_playwright() as pw:
            browser = pw.chromium.launch(**launch_args())
            boots, starts = [], []
            for _ in range(args.runs):
                context = browser.new_context()  # cold: nothing cached, and the server sends no-store
                page = context.new_page()
                boots.append(bare_pyodide_boot(page, server.url))
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
            redraws = redraw_latencies(page, args.presses)
            latencies = [total for total, _ in redraws]
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
            every_widget = widget_redraws(browser, server.url, args.presses, 1)
            every_widget_slow = widget_redraws(browser, server.url, args.presses, 4)
            networks = network_runs(browser, site_dir, args.network_runs, NETWORKS)
            browser.close()

    median = statistics.median
    boot = median(boots)
    first_chart = median(s["first_chart"] for s in starts)
    responds = median(s["responds"] for s in starts)
    all_long = [d for s in starts for d in s["long_tasks"]]
    frames = [s["longest_frame"] for s in starts if s["longest_frame"]]
    longest_frame = max(frames, key=lambda f: f["duration"], default=None)
    print(f"{machine(load_at_start)}, {args.runs} cold starts")
    print(f"  site build (mkdocs build --strict)      {build_s:8.2f} s")
    print(
        f"  time to first chart                     {first_chart:8.0f} ms median  (runs: {runs_text([s['first_chart'] for s in starts])})"
    )
    print(
        f"  time to first live Vega view            {median(s['live_view'] for s in starts):8.0f} ms median  (runs: {runs_text([s['live_view'] for s in starts])})"
    )
    print(f"  bare Pyodide boot (load + 1 line)       {boot:8.0f} ms median  (runs: {runs_text(boots)})")
    print(
        f"  widget first responds to a slider       {responds:8.0f} ms median  = {responds / boot:.2f} x bare boot  (runs: {runs_text([s['responds'] for s in starts])})"
    )
    print(
        f"  second widget page (instant navigation) {second['responds']:8.0f} ms from click to response; "
        f"new Python boot: {'yes' if second['new_boot'] else 'no'}; instant navigation: {'yes' if second['instant'] else 'no'}"
    )
    print(
        f"  slider-to-redraw, median                {median(latencies):8.1f} ms  = {median(latencies) / 16.67:.1f} frames"
    )
    print(
        f"  slider-to-redraw, 95th percentile       {percentile(latencies, 0.95):8.1f} ms  = {percentile(latencies, 0.95) / 16.67:.1f} frames"
    )
    print(
        f"    first 10 presses / the rest           {median(latencies[:10]):8.1f} / {median(latencies[10:]):.1f} ms median; "
        f"until Python's answer reached the page: {median(m for _, m in redraws):.1f} ms median"
    )
    print(
        f"  long tasks until Python ready           {len(all_long) / len(starts):8.1f} per start, longest {max(all_long, default=0):.0f} ms "
        f"(each start's longest: {runs_text(sorted(max(s['long_tasks'], default=0) for s in starts))})"
    )
    if longest_frame:
        print(
            f"  longest animation frame until ready     {longest_frame['duration']:8.0f} ms: {'; '.join(longest_frame['scripts']) or 'no script (parsing, style, layout)'}"
        )
    print(
        f"  bytes, page with a widget               {widget_bytes[0] / 1e6:8.2f} MB raw, {widget_bytes[1] / 1e6:.2f} MB gzip"
    )
    print(
        f"  bytes, page without widgets             {plain_bytes[0] / 1e6:8.2f} MB raw, {plain_bytes[1] / 1e6:.2f} MB gzip; "
        f"Pyodide requested: {'yes' if any('pyodide' in p for p in plain_requests) else 'no'}"
    )
    print_redraws("slider-to-redraw on every widget (first slider, once Python is ready)", every_widget)
    print_redraws(
        "the same with the main thread slowed 4x (CDP CPU throttling: a school Chromebook)", every_widget_slow
    )
    print_network(networks)


if __name__ == "__main__":
    main()
