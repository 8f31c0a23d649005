"""When things go wrong the page stays readable and says so plainly."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.reader import Reader, readout

WIDGET = "widget-tariff_stack"
PAGE = "busan-meeting/"  # the explainer that carries the tariff widget


def test_blocked_pyodide_leaves_default_chart_and_an_honest_notice(context, site):
    with site.blocking("assets/vendor/pyodide/"):
        # The browser logs the 404 itself; anything else on the console is still a failure.
        reader = Reader.open(context, site.url, allowed_errors=("Failed to load resource",))
        page = reader.goto(PAGE)
        status = page.locator(f"#{WIDGET} .bx-status")
        expect(status).to_contain_text("Interactive mode is unavailable", timeout=30_000)
        expect(status).to_contain_text("default scenario")
        expect(page.locator(f"#{WIDGET}-fentanyl")).to_be_disabled()
        # Both default charts still drawn (waited for: the notice can come while a live view replaces its picture).
        expect(page.locator(f"#{WIDGET} .bx-view svg")).to_have_count(2)
        expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
            readout("tariff_stack", "total")
        )
        reader.assert_clean()


def test_missing_model_archive_is_reported_not_thrown(context, site):
    with site.blocking("assets/runtime/widgets.zip"):
        reader = Reader.open(context, site.url, allowed_errors=("Failed to load resource",))
        page = reader.goto(PAGE)
        expect(page.locator(f"#{WIDGET} .bx-status")).to_contain_text(
            "the models could not be downloaded (HTTP 404)", timeout=60_000
        )
        # Both charts stay drawn (waited for: on a busy machine a live view may still be replacing its picture).
        expect(page.locator(f"#{WIDGET} .bx-view svg")).to_have_count(2)
        reader.assert_clean()


def test_page_runs_under_its_content_security_policy(context, site):
    # Only the refusal this test provokes may reach the console.
    reader = Reader.open(context, site.url, allowed_errors=("Executing inline script violates",))
    page = reader.goto(PAGE)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'unsafe-eval'" not in policy and "script-src 'self' 'wasm-unsafe-eval'" in policy
    reader.wait_python_ready(WIDGET)
    page.locator(f"#{WIDGET}-fentanyl").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
        readout("tariff_stack", "total", fentanyl=9)
    )
    # A script the policy does not allow is refused, so the policy really is in force.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.head.append(s); }"
    )
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("window.__cspViolations") == ["script-src-elem inline"]
    page.evaluate("window.__cspViolations = []")  # that refusal was ours; nothing else may be refused
    reader.assert_clean()


def test_blocked_vega_keeps_the_pictures_and_the_widget_still_computes(context, site):
    with site.blocking("assets/vendor/vega"):  # vega.min.js and vega-embed.min.js
        reader = Reader.open(context, site.url, allowed_errors=("Failed to load resource",))
        page = reader.goto(PAGE)
        # The build-time pictures stay, one per view for the reader's scheme and a desktop column.
        pictures = page.locator(f"#{WIDGET} .bx-picture[data-scheme='default'][data-fits='wide'] svg")
        expect(pictures).to_have_count(2)
        expect(pictures.first).to_be_visible()
        reader.wait_python_ready(WIDGET)
        page.locator(f"#{WIDGET}-fentanyl").focus()
        page.keyboard.press("ArrowLeft")
        # the model still answers
        expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
            readout("tariff_stack", "total", fentanyl=9)
        )
        expect(page.locator(f"#{WIDGET} .bx-error")).to_contain_text(
            "the picture still shows the default scenario"
        )
        # A chart without a widget says the same plainly.
        page = reader.goto("rare-earths-101/")
        expect(page.locator("figure.bx-chart .bx-error").first).to_contain_text(
            "the picture shows the same data"
        )
        expect(
            page.locator("figure.bx-chart .bx-picture[data-scheme='default'][data-fits='wide'] svg").first
        ).to_be_visible()
        reader.assert_clean()


def test_without_the_memory_snapshot_python_boots_the_ordinary_way(context, site):
    with site.blocking("assets/vendor/pyodide/snapshot.bin.gz"):
        reader = Reader.open(context, site.url, allowed_errors=("Failed to load resource",))
        page = reader.goto(PAGE)
        reader.wait_python_ready(WIDGET)
        boot = page.evaluate("() => window.busanExplainer.metrics.find(m => m.name === 'python-boot')")
        assert boot["fromSnapshot"] is False and "404" in boot["why"]
        page.locator(f"#{WIDGET}-fentanyl").focus()
        page.keyboard.press("ArrowLeft")
        expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
            readout("tariff_stack", "total", fentanyl=9)
        )
        reader.assert_clean()


def test_a_host_that_decodes_the_snapshot_on_its_way_still_starts_python_from_it(context, site):
    """Some hosts send a .gz file with `Content-Encoding: gzip`: the browser then hands the worker Python's
    memory already gunzipped, which it must take as it is (worker.js fetchSnapshot)."""
    with site.failing("assets/vendor/pyodide/snapshot.bin.gz", "content-encoded"):
        reader = Reader.open(context, site.url)
        page = reader.goto(PAGE)
        reader.wait_python_ready(WIDGET)
        boot = page.evaluate("() => window.busanExplainer.metrics.find(m => m.name === 'python-boot')")
        assert boot["fromSnapshot"] is True, boot
        page.locator(f"#{WIDGET}-fentanyl").focus()
        page.keyboard.press("ArrowLeft")
        expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
            readout("tariff_stack", "total", fentanyl=9)
        )
        reader.assert_clean()


def test_python_starts_from_the_build_time_snapshot(reader):
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    boot = page.evaluate("() => window.busanExplainer.metrics.find(m => m.name === 'python-boot')")
    assert boot["fromSnapshot"] is True, boot
    reader.assert_clean()


def test_without_javascript_every_chart_shows_its_picture(browser, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for path in (PAGE, "rare-earths-101/", "central-asia/", "one-year-pause/"):
            page.goto(site.url + path)
            views = page.locator(".bx-view")
            assert views.count() >= 1
            for i in range(views.count()):
                picture = views.nth(i).locator(".bx-picture[data-scheme='default'][data-fits='wide'] svg")
                expect(picture).to_be_visible()
                assert picture.bounding_box()["width"] > 200, f"{path} view {i}"
                for hidden in ("[data-scheme='slate']", "[data-fits='narrow']"):
                    expect(views.nth(i).locator(f".bx-picture{hidden}").first).to_be_hidden()
    finally:
        context.close()
