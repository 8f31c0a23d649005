"""Charts follow Material's light/dark toggle and survive instant navigation; the Python worker is
booted once per visit, so a second widget page responds at once."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.reader import readout

WIDGET = "widget-tariff_stack"
PAGE = "busan-meeting/"  # the explainer that carries the tariff widget


def axis_label_colour(page) -> str:
    return (
        page.locator(f"#{WIDGET} .bx-view")
        .first.locator("g.role-axis-label text")
        .first.get_attribute("fill")
    )


def test_dark_mode_toggle_rethemes_charts_and_keeps_the_reader_scenario(reader):
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    page.locator(f"#{WIDGET}-fentanyl").focus()
    page.keyboard.press("End")  # the slider's maximum, 50%
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
        readout("tariff_stack", "total", fentanyl=50)
    )
    light = axis_label_colour(page)
    page.get_by_title("Switch to dark mode").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.wait_for_function(
        f"""(light) => document.querySelector('#{WIDGET} .bx-view g.role-axis-label text')?.getAttribute('fill') !== light""",
        arg=light,
    )
    dark = axis_label_colour(page)
    assert dark != light
    rows = reader.view_data(WIDGET, 0, "layers")
    assert [r["rate"] for r in rows if r["scenario"] == "Your scenario" and "Fentanyl" in r["layer"]] == [
        50.0
    ]


def test_the_same_scheme_set_again_leaves_the_views_alone(reader):
    """Material sets the scheme attribute as it starts, to the value it already has, sometimes after the
    first views are drawn: that re-drew every view (tens of milliseconds each, and a view replaced under
    a slider's update)."""
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    page.evaluate(
        f"async () => {{ window.__handle = (await document.getElementById('{WIDGET}').bxViews)[0];"
        " window.__view = window.__handle.vegaView(); }"
    )
    page.evaluate(
        "() => document.body.setAttribute('data-md-color-scheme', document.body.getAttribute('data-md-color-scheme'))"
    )
    page.wait_for_timeout(500)  # a re-embed takes one task and tens of milliseconds
    assert page.evaluate("() => window.__handle.vegaView() === window.__view"), (
        "setting the same scheme again re-drew the view"
    )


def test_instant_navigation_keeps_charts_working_and_python_booted_once(reader, built_site):
    widget_pages = sorted(
        p.parent.relative_to(built_site).as_posix() + "/"
        for p in built_site.rglob("index.html")
        if 'class="bx-figure bx-widget"' in p.read_text(encoding="utf-8")
    )
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    boots = "window.busanExplainer.metrics.filter(m => m.name === 'python-loading').length"
    booted = page.evaluate(boots)
    page.evaluate("() => { window.__sameDocument = true; }")  # gone if a link causes a full page load
    # Leave through an instant-navigation link and come back (or go on to another widget page).
    # (Material's instant navigation rewrites links to absolute URLs, hence the suffix match.)
    page.locator("a.md-nav__link[href$='/sources/'] >> visible=true").first.click()
    expect(page).to_have_url(re.compile(r"/sources/$"))
    target = "one-year-pause/"  # a second widget page
    assert target in widget_pages
    if target:
        page.locator(f"a.md-nav__link[href$='/{target}'] >> visible=true").first.click()
    else:
        page.locator(f"a.md-nav__link[href='{reader.base}'] >> visible=true").first.click()
    figure = page.locator("#widget-truce-lapses")  # the copy that starts with a restriction
    expect(figure).to_have_attribute("data-python", "ready", timeout=5_000)  # no second boot to wait for
    # Material's instant navigation really was in use: still the first document (a wrong site_url,
    # for one, silently turns every link into a full page load, with a second Python boot).
    assert page.evaluate("() => window.__sameDocument === true")
    assert page.evaluate(boots) == booted
    slider = figure.locator('input[type="range"]').first
    before = figure.locator("dd").first.text_content()
    slider.focus()
    page.keyboard.press("End")
    expect(figure.locator("dd").first).not_to_have_text(before, timeout=5_000)
