"""A reader opens a widget page, sees the default chart at once, and moves sliders; the chart follows
the Python model exactly as CPython computes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.reader import model_rows
from widgets import registry

WIDGET = "widget-tariff_stack"
PAGE = "busan-meeting/"  # the explainer that carries the tariff widget
MODEL = registry.get("tariff_stack")


def cpython(values: dict[str, float]) -> dict:
    return MODEL.run(values).as_dict()


def test_default_chart_is_drawn_before_python_is_ready(reader):
    page = reader.goto(PAGE)
    page.wait_for_selector(f"#{WIDGET} .bx-view svg")
    svg_marks = page.locator(f"#{WIDGET} .bx-view").first.locator("svg path, svg rect")
    assert svg_marks.count() > 4
    # The first view holds the default scenario, computed at build time by the same model.
    expected = cpython(MODEL.defaults())["data"]["layers"]
    rows = reader.view_data(WIDGET, 0, "layers")
    assert model_rows(rows, ["scenario", "layer", "rate"]) == model_rows(expected, ["scenario", "layer", "rate"])


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
    expected_total = next(f["text"] for f in expected["figures"] if f["key"] == "total")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(expected_total)
    point = reader.view_data(WIDGET, 1, "point")
    # Pyodide's libm may differ from the host's in the last bit of pow(); nothing more.
    assert model_rows(point, ["tariff", "price", "volume", "revenue"]) == [
        pytest.approx(row, rel=1e-12) for row in expected["data"]["point"]
    ]
    layers = reader.view_data(WIDGET, 0, "layers")
    mine = [r for r in layers if r["scenario"] == "Your scenario"]
    assert [r["rate"] for r in mine] == [13.0, 10.0, 7.5, 0.0]


def test_preset_and_reset_set_every_slider(reader):
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    page.locator(f"#{WIDGET}").get_by_role("button", name="After the Supreme Court ruling (24 Feb 2026)").click()
    expect(page.locator(f"#{WIDGET}-fentanyl")).to_have_value("0")
    expect(page.locator(f"#{WIDGET}-section122")).to_have_value("10")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text("17.5%")
    page.locator(f"#{WIDGET}").get_by_role("button", name="Reset").click()
    expect(page.locator(f"#{WIDGET}-fentanyl")).to_have_value("10")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text("27.5%")
