"""A teacher's link opens a widget in an exact scenario; a hostile link changes nothing but the
values it is allowed to, and says what it changed."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.reader import readout
from widgets import registry

WIDGET = "widget-tariff_stack"
PAGE = "busan-meeting/"  # the explainer that carries the tariff widget
MODEL = registry.get("tariff_stack")


def test_scenario_link_restores_sliders_and_chart_exactly(reader):
    page = reader.goto(
        PAGE + "?tariff_stack.fentanyl=20&tariff_stack.reciprocal=34&tariff_stack.elasticity=2.5"
    )
    reader.wait_python_ready(WIDGET)
    expect(page.locator(f"#{WIDGET}-reciprocal")).to_have_value("34")
    values = {**MODEL.defaults(), "fentanyl": 20.0, "reciprocal": 34.0, "elasticity": 2.5}
    expected = MODEL.run(values).as_dict()
    total = next(f["text"] for f in expected["figures"] if f["key"] == "total")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(total)
    point = reader.view_data(WIDGET, 1, "point")
    keys = ["scenario", "tariff", "price", "volume", "revenue"]
    assert [{k: r[k] for k in keys[1:]} for r in point] == [
        pytest.approx({k: r[k] for k in keys[1:]}, rel=1e-12) for r in expected["data"]["point"]
    ]
    assert [r["scenario"] for r in point] == ["Baseline", "Your scenario"]
    expect(page.locator(f"#{WIDGET} .bx-link-note")).to_be_empty()


def test_moving_a_slider_writes_the_scenario_into_the_address(reader):
    page = reader.goto(PAGE)
    page.locator(f"#{WIDGET}-section122").focus()
    page.keyboard.press("ArrowRight")
    # The link says its model's version; Material's navigation.tracking may add the heading in view as a #hash.
    link = re.compile(
        re.escape(f"{reader.base}{PAGE}?tariff_stack.section122=1&tariff_stack.v={MODEL.version}")
        + "(#[-a-z0-9]+)?$"
    )
    expect(page).to_have_url(link)
    page.locator(f"#{WIDGET}").get_by_role("button", name="Copy link to this scenario").click()
    expect(page.locator(f"#{WIDGET}-link")).to_have_value(link)


def test_hostile_link_is_clamped_with_a_note_and_runs_no_script(reader):
    page = reader.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = {
        "fentanyl": "<script>alert(1)</script>",
        "reciprocal": "1e309",
        "elasticity": "-3",
        "section301": "NaN",
        "pass_through": "<img src=x onerror=alert(2)>" + "9" * 5000,
        "section122": "15",
    }
    query = "&".join(f"tariff_stack.{k}={quote(v)}" for k, v in hostile.items()) + "&unrelated=<b>x</b>"
    reader.goto(PAGE + "?" + query)
    note = page.locator(f"#{WIDGET} .bx-link-note")
    expect(note).to_contain_text(
        "“Fentanyl” tariff (China only): “<script>alert(1)</script>” is not a usable number"
    )
    expect(note).to_contain_text(
        "How strongly US purchases of the good respond to its price must be between 0 and 3; -3 was changed to 0."
    )
    assert len(note.text_content()) < 1500  # a 5,000-character value is not echoed back whole
    expected = {
        "fentanyl": "10",
        "reciprocal": "10",
        "elasticity": "0",
        "section301": "25",
        "pass_through": "100",
        "section122": "15",
    }
    for name, value in expected.items():
        expect(page.locator(f"#{WIDGET}-{name}")).to_have_value(value)
    reader.wait_python_ready(WIDGET)
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
        readout("tariff_stack", "total", section122=15, elasticity=0)
    )
    assert page.locator(f"#{WIDGET} script, #{WIDGET} img").count() == 0
    assert dialogs == []
