"""On a 360-pixel phone the page does not scroll sideways and sliders work by touch; printed, a widget
page keeps its chart, the values of the scenario, and its sources."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.reader import Reader, readout

WIDGET = "widget-tariff_stack"
PAGE = "busan-meeting/"  # the explainer that carries the tariff widget


@pytest.fixture()
def phone(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    reader = Reader.open(context, site.url)
    yield reader
    reader.assert_clean()
    context.close()


def test_phone_width_has_no_sideways_scroll_and_sliders_answer_touch(phone):
    page = phone.goto(PAGE)
    page.wait_for_selector(f"#{WIDGET} .bx-view svg")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    phone.wait_python_ready(WIDGET)
    slider = page.locator(f"#{WIDGET}-section122")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    assert box["height"] >= 24  # a finger-sized target
    page.touchscreen.tap(box["x"] + box["width"] * 0.97, box["y"] + box["height"] / 2)
    expect(slider).not_to_have_value("0")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).not_to_have_text(
        readout("tariff_stack", "total")
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_printed_page_has_chart_values_and_sources(reader, tmp_path):
    page = reader.goto(PAGE + "?tariff_stack.fentanyl=20")
    reader.wait_python_ready(WIDGET)
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
        readout("tariff_stack", "total", fentanyl=20)
    )
    pdf = tmp_path / "handout.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=False)
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "US tariff layers on one good from China" in text  # the chart's own title, drawn as SVG text
    assert "Your scenario" in text and "58.0%" in text  # the reader's values
    assert "“Fentanyl” tariff (China only) (%)" in text and "20%" in text  # slider values as text
    assert "Sources cited on this page" in text or "Sandler, Travis & Rosenberg" in text
