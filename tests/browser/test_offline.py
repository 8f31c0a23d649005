"""Offline after one visit: a reader opens one widget page, the network goes away (a classroom with no
internet, a train), and every page still opens and every widget still answers its sliders. Also: a
revisit starts Python from the snapshot the first visit kept, without downloading one; and a new build
replaces both the offline copy and the kept snapshot."""

from __future__ import annotations

import contextlib
import gzip
import io
import re
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Page, TimeoutError, expect

from explainers import offline, runtime_assets, short_pages, snapshot, stdlib
from tests.browser.reader import PYTHON_READY_MS, Reader, total
from tools.net_server import NetServer, Profile
from tools.site_server import SiteServer

PAGE, WIDGET = "busan-meeting/", "widget-tariff_stack"


OFFLINE_READY = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return Boolean(registration?.active && navigator.serviceWorker.controller
                 && (await caches.keys()).some((name) => name.startsWith('bx-site-')));
}"""
SNAPSHOT_KEPT = "async () => (await (await caches.open('bx-python-snapshot')).keys()).length === 1"


def wait_until(page: Page, predicate: str, timeout_s: float = PYTHON_READY_MS / 1000) -> None:
    """Poll an async predicate (wait_for_function does not await promises)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(predicate):
        assert time.monotonic() < deadline, f"still false after {timeout_s:.0f} s: {predicate}"
        time.sleep(0.25)


def pages(built_site) -> list[str]:
    folders = (
        p.parent.relative_to(built_site).as_posix()
        for p in built_site.rglob("index.html")
        if not short_pages.is_forward(p.relative_to(built_site).as_posix())  # it moves on at once
    )
    return sorted("" if folder == "." else folder + "/" for folder in folders)


def boot(page: Page) -> dict:
    return page.evaluate("() => window.busanExplainer.metrics.filter(m => m.name === 'python-boot').at(-1)")


WIDGET_SAYS = (
    "(f) => [...f.querySelectorAll('.bx-error, .bx-status')].map(e => e.textContent.trim()).join(' | ')"
)


def move_every_widget(reader: Reader, page: Page) -> int:
    """Each widget on the page answers its sliders: Python redraws, and a read-out or a chart changes."""
    figures = page.locator("figure.bx-widget")
    for i in range(figures.count()):
        figure = figures.nth(i)
        figure_id = figure.get_attribute("id") or ""
        reader.wait_python_ready(figure_id)

        def shown(figure=figure):
            return figure.evaluate(
                "(f) => [...f.querySelectorAll('dd, .bx-view')].map(e => e.innerHTML).join()"
            )

        before = shown()
        sliders = figure.locator('input[type="range"]')
        for j in range(sliders.count()):  # some sliders change nothing in some scenarios (a truce that holds)
            redraws = page.evaluate(
                "() => window.busanExplainer.metrics.filter(m => m.name === 'redraw').length"
            )
            slider = sliders.nth(j)
            slider.focus()
            page.keyboard.press("End")
            try:
                page.wait_for_function(
                    "(n) => window.busanExplainer.metrics.filter(m => m.name === 'redraw').length > n",
                    arg=redraws,
                    timeout=PYTHON_READY_MS,
                )
            except TimeoutError as missing:  # say what the reader saw, not only that nothing came
                said = figure.evaluate(WIDGET_SAYS)
                raise AssertionError(
                    f"{page.url} {figure_id}: no redraw after End on {slider.get_attribute('name')} "
                    f"(now {slider.input_value()}, max {slider.get_attribute('max')}, focused: "
                    f"{slider.evaluate('(e) => e === document.activeElement')}); Python: "
                    f"{figure.get_attribute('data-python')!r}; the widget says {said!r}; "
                    f"{reader.condition(figure_id)}"
                ) from missing
            if shown() != before:
                break
        assert shown() != before, f"{figure_id}: no slider changed a read-out or a chart"
    return figures.count()


def test_after_one_widget_page_every_page_and_widget_works_offline(context, site, built_site):
    reader = Reader.open(context, site.url)
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    wait_until(page, OFFLINE_READY)  # the offline copy is complete
    context.set_offline(True)
    widgets = 0
    for path in pages(built_site):
        page = reader.goto(path)
        expect(
            page.locator("article").first
        ).to_be_visible()  # the page itself, not the browser's offline notice
        widgets += move_every_widget(reader, page)
    assert widgets >= 5  # three story widgets, one of them twice, and the embeds
    # Instant navigation offline: Material fetches the next page itself, through the service worker.
    page = reader.goto(PAGE)
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator("a.md-nav__link[href$='/one-year-pause/'] >> visible=true").first.click()
    expect(page).to_have_url(re.compile(r"/one-year-pause/$"))
    assert page.evaluate("() => window.__sameDocument === true")
    move_every_widget(reader, page)
    # A scenario link (query string) opens offline too.
    page = reader.goto(PAGE + "?tariff_stack.fentanyl=13")
    expect(page.locator(f"#{WIDGET}-fentanyl")).to_have_value("13")
    context.set_offline(False)
    reader.assert_clean()


def test_the_offline_copy_and_the_kept_snapshot_wait_while_the_reader_moves_a_slider(context, built_site):
    """The service worker copies the site in the background, and the Python worker keeps its memory for the
    next visit (31 MB written, ~50 ms of its thread); while the reader moves a slider both wait, so that
    work does not slow the redraws they are watching, then completes."""
    with SiteServer(built_site) as server:
        reader = Reader.open(context, server.url)
        page = reader.goto(PAGE)
        reader.wait_python_ready(WIDGET)
        page.locator(f"#{WIDGET}-fentanyl").focus()
        served = server.httpd.served
        keys = iter(["ArrowRight", "ArrowLeft"] * 1000)

        def keep_moving(seconds: float, until=lambda: False) -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end and not until():
                page.keyboard.press(next(keys))
                time.sleep(0.25)

        keep_moving(30, until=lambda: any("sw.js" in path for path in served))  # offered once Python is ready
        registered = next(i for i, path in enumerate(served) if "sw.js" in path)
        keep_moving(5)
        # (Not the tab's icon: the browser asks for it again each time the address follows the slider.)
        copied_meanwhile = [
            path for path in served[registered + 1 :] if "sw.js" not in path and "favicon" not in path
        ]
        assert len(copied_meanwhile) <= 8, (
            f"{len(copied_meanwhile)} files copied while the reader moved a slider: {copied_meanwhile}"
        )
        assert not page.evaluate(SNAPSHOT_KEPT), "the snapshot was written while the reader moved a slider"
        wait_until(page, OFFLINE_READY)  # once the reader rests, the copy is made
        wait_until(page, SNAPSHOT_KEPT)  # and the snapshot kept
        reader.assert_clean()


def test_on_a_school_line_the_first_visit_fetches_no_snapshot_and_the_revisit_restores_its_own(
    context, built_site
):
    # 20 Mbit/s: below the line speed at which the build's 6.2 MB snapshot would pay (worker-boot.js).
    with NetServer(built_site, Profile("school line", mbit=20)) as server:
        reader = Reader.open(context, server.url)
        page = reader.goto(PAGE)
        reader.wait_python_ready(WIDGET)
        assert boot(page)["source"].startswith("plain boot"), boot(page)
        wait_until(page, SNAPSHOT_KEPT)  # made in the browser, from the memory of this boot
        wait_until(page, OFFLINE_READY)
        first_visit = server.wire_bytes()
        assert not any("snapshot.bin" in s.path for s in server.served)
        # a school line's share for one student's first visit
        assert first_visit < 7e6, f"{first_visit / 1e6:.2f} MB on the wire for a first visit"
        server.reset_counts()
        page = reader.goto(PAGE)
        reader.wait_python_ready(WIDGET)
        assert boot(page)["source"] == "kept snapshot", boot(page)
        page.locator(f"#{WIDGET}-fentanyl").focus()
        page.keyboard.press("ArrowLeft")
        expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(total(fentanyl=-1))
        assert not [
            s.path for s in server.served if "/assets/" in s.path
        ]  # the runtime came from the offline copy
        reader.assert_clean()


def test_the_service_worker_lists_every_page_and_the_runtime_but_no_downloads(built_site):
    listed = offline.read_manifest(built_site)["files"]
    for path in pages(built_site):
        assert path + "index.html" in listed
    for needed in (
        "assets/vendor/pyodide/pyodide.asm.wasm",
        "assets/vendor/pyodide/python_stdlib.zip",
        "assets/runtime/widgets.zip",
        "assets/runtime/worker.js",
        "assets/vendor/vega.min.js",
        "search/search_index.json",
        "404.html",
    ):
        assert needed in listed
    assert not any(p.endswith((".map", "snapshot.bin.gz")) or p == "sw.js" for p in listed)
    # Every chart's CSV, JSON, SVG and PNG (about 2.9 MB) are fetched when a reader asks, not on a first visit.
    assert not any(p.startswith("downloads/") for p in listed)


def rebuild_with_a_changed_model(site_dir) -> str:
    """What a new build with a corrected model does to the folder a host serves: the `widgets` zip
    changes (the tariff model's total gains 100 points), its memory snapshot is remade, and so is sw.js.
    Returns the new offline version."""
    archive = site_dir / runtime_assets.WIDGETS_ARCHIVE
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as old:
        files = {info.filename: old.read(info) for info in old.infolist()}
    model = files["widgets/tariff_stack.py"].decode()
    line = 'N_("Tariff on this good from China (all layers that apply)"),\n            china,\n'
    assert line in model
    files["widgets/tariff_stack.py"] = model.replace(line, line.replace("china,", "china + 100,")).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in files.items():
            new.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    archive.write_bytes(buffer.getvalue())
    memory = snapshot.make_memory(archive, site_dir / stdlib.SITE_PATH, site_dir / "snapshot.bin")
    (site_dir / snapshot.SITE_PATH).write_bytes(gzip.compress(memory, 6, mtime=0))
    (site_dir / "snapshot.bin").unlink()
    return offline.write_service_worker(site_dir)["version"]


@contextlib.contextmanager
def a_reader_with_the_offline_copy(
    context, built_site: Path, tmp_path: Path
) -> Iterator[tuple[Reader, Page, Path]]:
    """A copy of the site (the test may change it, as a new deploy would), and a reader who has visited
    the widget page once and so holds the offline copy."""
    site_dir = tmp_path / "site"
    shutil.copytree(built_site, site_dir)
    with SiteServer(site_dir) as server:
        reader = Reader.open(context, server.url)
        page = reader.goto(PAGE)
        reader.wait_python_ready(WIDGET)
        wait_until(page, OFFLINE_READY)
        yield reader, page, site_dir


def test_a_new_build_replaces_the_offline_runtime_and_the_kept_snapshot(context, built_site, tmp_path):
    with a_reader_with_the_offline_copy(context, built_site, tmp_path) as (reader, page, site_dir):
        wait_until(page, SNAPSHOT_KEPT)
        version = rebuild_with_a_changed_model(site_dir)
        # The next visit finds a new sw.js; its worker fetches what changed and takes over.
        page = reader.goto(PAGE)
        wait_until(
            page,
            f"async () => (await caches.keys()).filter(n => n.startsWith('bx-site-')).join() === 'bx-site-{version}'",
        )
        page = reader.goto(PAGE)
        reader.wait_python_ready(WIDGET)
        assert boot(page)["source"] != "kept snapshot", boot(page)  # the old models' memory is not restored
        page.locator(f"#{WIDGET}-fentanyl").focus()
        page.keyboard.press("ArrowLeft")
        # the new model
        expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
            re.compile("^" + re.escape(f"{float(total(fentanyl=-1).split('%')[0]) + 100:.1f}%"))
        )
        reader.assert_clean()


def test_pages_stay_network_first_so_a_correction_reaches_readers_who_have_the_offline_copy(
    context, built_site, tmp_path
):
    with a_reader_with_the_offline_copy(context, built_site, tmp_path) as (reader, _, site_dir):
        sources = site_dir / "sources" / "index.html"
        sources.write_text(
            sources.read_text(encoding="utf-8").replace("</h1>", " (corrected)</h1>", 1), encoding="utf-8"
        )
        page = reader.goto("sources/")
        expect(page.locator("h1").first).to_contain_text("(corrected)")
        reader.assert_clean()
