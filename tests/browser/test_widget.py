"""A reader opens a widget page, sees the default chart at once, and moves sliders; the chart follows
the Python model exactly as CPython computes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.reader import model_rows, readout
from widgets import registry
from widgets.wire import ResultReply

WIDGET = "widget-tariff_stack"
PAGE = "busan-meeting/"  # the explainer that carries the tariff widget
MODEL = registry.get("tariff_stack")


def cpython(values: dict[str, float]) -> ResultReply:
    return MODEL.run(values).as_dict()


def test_default_chart_is_drawn_before_python_is_ready(reader):
    page = reader.goto(PAGE)
    page.wait_for_selector(f"#{WIDGET} .bx-view svg")
    svg_marks = page.locator(f"#{WIDGET} .bx-view").first.locator("svg path, svg rect")
    assert svg_marks.count() > 4
    # The first view holds the default scenario, computed at build time by the same model.
    expected = cpython(MODEL.defaults())["data"]["layers"]
    rows = reader.view_data(WIDGET, 0, "layers")
    assert model_rows(rows, ["scenario", "layer", "rate"]) == model_rows(
        expected, ["scenario", "layer", "rate"]
    )


def test_keyboard_slider_moves_chart_to_cpython_result(reader):
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    slider = page.locator(f"#{WIDGET}-fentanyl")
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(slider).to_have_value("13")
    expect(page.locator(f"output[for='{WIDGET}-fentanyl']")).to_have_text("13%")
    values = {**MODEL.defaults(), "fentanyl": 13.0}
    expected = cpython(values)
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
        readout("tariff_stack", "total", fentanyl=13)
    )
    assert readout("tariff_stack", "total", fentanyl=13) == "51.0% (baseline 48.0%, +3 points)"
    point = reader.view_data(WIDGET, 1, "point")
    keys = ["tariff", "price", "volume", "revenue"]
    # Pyodide's libm may differ from the host's in the last bit of pow(); nothing more.
    assert model_rows(point, keys) == [
        pytest.approx(row, rel=1e-12) for row in model_rows(expected["data"]["point"], keys)
    ]
    layers = reader.view_data(WIDGET, 0, "layers")
    assert [r["rate"] for r in layers if r["scenario"] == "Your scenario"] == [
        3.0,
        25.0,
        0.0,
        13.0,
        10.0,
        0.0,
    ]
    assert [r["rate"] for r in layers if r["scenario"] == "Baseline"] == [3.0, 25.0, 0.0, 10.0, 10.0, 0.0]


def test_the_baseline_curve_stays_while_your_scenario_moves(reader):
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    before = reader.view_data(WIDGET, 1, "curve")
    page.locator(f"#{WIDGET}-elasticity").focus()
    page.keyboard.press("Home")  # elasticity 0: buyers keep buying as much
    expect(page.locator(f"#{WIDGET} dd[data-figure='volume']")).to_have_text(
        readout("tariff_stack", "volume", elasticity=0)
    )
    after = reader.view_data(WIDGET, 1, "curve")

    def line(rows, scenario):
        return [model_rows([r], ["tariff", "revenue"])[0] for r in rows if r["scenario"] == scenario]

    def baseline(rows):
        return line(rows, "Baseline")

    def yours(rows):
        return line(rows, "Your scenario")

    assert baseline(after) == baseline(before) and yours(after) != yours(before)
    expected = cpython({**MODEL.defaults(), "elasticity": 0.0})["data"]["curve"]
    assert yours(after) == [pytest.approx(r, rel=1e-12) for r in yours(expected)]


def test_preset_becomes_the_baseline_and_reset_restores_the_default_one(reader):
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    figure = page.locator(f"#{WIDGET}")
    expect(figure.locator(".bx-baseline strong")).to_have_text("Default settings")
    figure.get_by_role("button", name="Section 122 period (24 Feb – c. 24 Jul 2026)").click()
    expect(page.locator(f"#{WIDGET}-fentanyl")).to_have_value("0")
    expect(page.locator(f"#{WIDGET}-section122")).to_have_value("10")
    expect(figure.locator(".bx-baseline strong")).to_have_text("Section 122 period (24 Feb – c. 24 Jul 2026)")
    expect(figure.locator("dd[data-figure='total']")).to_have_text("38.0% (same as the baseline)")
    page.locator(f"#{WIDGET}-fentanyl").focus()
    page.keyboard.press("ArrowRight")
    expect(figure.locator("dd[data-figure='total']")).to_have_text(
        readout("tariff_stack", "total", baseline="section122_period", start="section122_period", fentanyl=1)
    )
    figure.get_by_role("button", name="Reset").click()
    expect(page.locator(f"#{WIDGET}-fentanyl")).to_have_value("10")
    expect(figure.locator(".bx-baseline strong")).to_have_text("Default settings")
    expect(figure.locator("dd[data-figure='total']")).to_have_text("48.0% (same as the baseline)")


def test_a_slider_with_no_effect_says_why_and_changes_nothing(reader):
    truce = "widget-truce-holds"
    page = reader.goto("one-year-pause/")
    note = page.locator(f"#{truce}-withheld-inactive")
    expect(note).to_be_visible()  # said in the built page already, before Python
    expect(note).to_contain_text("No effect on supply or the price while the restriction lasts 0 months")
    reader.wait_python_ready(truce)
    before = reader.view_data(truce, 1, "months")
    peak = page.locator(f"#{truce} dd[data-figure='peak_price']")
    expect(peak).to_have_text(readout("rare_earth_supply", "peak_price", "truce_holds", "truce_holds"))
    page.locator(f"#{truce}-withheld").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator(f"output[for='{truce}-withheld']")).to_have_text("55%")
    # Wait for that move's redraw (the read-outs alone would pass before it: they do not change).
    page.wait_for_function(
        f"() => window.busanExplainer.metrics.some(m => m.name === 'redraw' && m.id === '{truce}')"
    )
    expect(peak).to_have_text("1.0× (same as the baseline)")
    expect(note).to_be_visible()
    keys = ["scenario", "month", "china", "unmet", "price"]
    assert model_rows(reader.view_data(truce, 1, "months"), keys) == model_rows(before, keys)
    # Give the restriction a length: the note goes, and the read-outs follow the model.
    page.locator(f"#{truce}-duration").focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    expect(peak).to_have_text(
        readout("rare_earth_supply", "peak_price", "truce_holds", "truce_holds", withheld=55, duration=6)
    )
    expect(note).to_be_hidden()
    expect(page.locator(f"#{truce}-duration-inactive")).to_be_hidden()


def test_a_slider_moved_before_the_page_script_runs_is_followed(reader):
    """On a slow line the sliders work (they are plain HTML) before the widget's script has arrived: a reader
    who moves one then must not see read-outs and charts of another setting once the script runs."""
    page = reader.page
    held = []
    page.route("**/assets/runtime/widget.js", lambda route: held.append(route))  # waits, as on a slow line
    page.goto(reader.base + PAGE, wait_until="commit")  # the page's load waits for the held script
    expect(page.locator(f"#{WIDGET}-fentanyl")).to_be_visible()
    slider = page.locator(f"#{WIDGET}-fentanyl")
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(slider).to_have_value("13")
    held[0].continue_()
    reader.wait_python_ready(WIDGET)
    expect(page.locator(f"output[for='{WIDGET}-fentanyl']")).to_have_text("13%")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
        readout("tariff_stack", "total", fentanyl=13)
    )
    layers = reader.view_data(WIDGET, 0, "layers")
    assert [r["rate"] for r in layers if r["scenario"] == "Your scenario"][3] == 13.0
