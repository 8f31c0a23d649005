"""A reader opens the model's Python, changes it, and watches the chart follow; mistakes are explained
with their line number, an endless loop is stopped, and the edit can be shared and downloaded."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from playwright.sync_api import expect

from tests.browser.reader import readout
from widgets import registry, sandbox

WIDGET = "widget-tariff_stack"
PAGE = "busan-meeting/"  # the explainer that carries the tariff widget
SOURCE = sandbox.model_source("tariff_stack")


def edited(code: str, key: str, **changes: float) -> str:
    """A read-out of the reader's version, as CPython computes it (baseline: the defaults, by the same code)."""
    values = {**registry.get("tariff_stack").defaults(), **changes}
    reply = json.loads(sandbox.run_edited("tariff_stack", code, json.dumps(values)))
    return next(f["text"] for f in reply["figures"] if f["key"] == key)


PRICE_LABEL = next(
    f.label
    for f in registry.get("tariff_stack").run(registry.get("tariff_stack").defaults()).figures
    if f.key == "price"
)


def open_inside(reader):
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    page.locator(f"#{WIDGET} .bx-inside summary").click()
    editor = page.locator(f"#{WIDGET}-code")
    expect(editor).to_have_value(SOURCE)  # the very module the worker runs
    return page, editor


def run(page):
    page.locator(f"#{WIDGET} .bx-run").click()


def test_editing_a_constant_redraws_the_chart_and_compares_with_the_original(reader):
    page, editor = open_inside(reader)
    doubled = SOURCE.replace("BASE_PRICE = 100.0", "BASE_PRICE = 200.0")
    editor.fill(doubled)
    run(page)
    expect(page.locator(f"#{WIDGET} dd[data-figure='price']")).to_have_text(edited(doubled, "price"))
    assert edited(doubled, "price").startswith("$296.00")  # $200 x (1 + 0.48)
    row = page.locator(f"#{WIDGET} .bx-compare tbody tr").nth(1)
    expect(row).to_have_text(PRICE_LABEL + readout("tariff_stack", "price") + edited(doubled, "price"))
    point = [r for r in reader.view_data(WIDGET, 1, "point") if r["scenario"] == "Your scenario"]
    assert abs(point[0]["price"] - 296.0) < 1e-9
    # Sliders now run the reader's version too.
    page.locator(f"#{WIDGET}-fentanyl").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator(f"#{WIDGET} dd[data-figure='price']")).to_have_text(
        edited(doubled, "price", fentanyl=11)
    )
    page.locator(f"#{WIDGET} .bx-revert").click()
    expect(page.locator(f"#{WIDGET} dd[data-figure='price']")).to_have_text(
        readout("tariff_stack", "price", fentanyl=11)
    )


def test_syntax_error_and_exception_show_their_line_and_keep_the_chart(reader):
    page, editor = open_inside(reader)
    status = page.locator(f"#{WIDGET} .bx-code-status")
    lines = SOURCE.splitlines()
    broken_line = next(i for i, line in enumerate(lines, 1) if line.startswith("def compute("))
    editor.fill(SOURCE.replace("def compute(values", "def compute(values,,", 1))
    run(page)
    expect(status).to_contain_text(f"Line {broken_line}: Python cannot read this")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(readout("tariff_stack", "total"))
    division = next(i for i, line in enumerate(lines, 1) if "t_c, t_o = china_pct / 100" in line)
    editor.fill(SOURCE.replace("t_c, t_o = china_pct / 100", "t_c, t_o = china_pct / 0", 1))
    run(page)
    expect(status).to_contain_text(f"Line {division}: ZeroDivisionError")
    editor.fill(SOURCE.replace('"layers": layers', '"layerz": layers', 1))
    run(page)
    expect(status).to_contain_text("The output has the wrong shape")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(readout("tariff_stack", "total"))


def test_endless_loop_is_stopped_and_the_widget_keeps_working(reader):
    page, editor = open_inside(reader)
    editor.fill(
        SOURCE.replace(
            "def china_tariff(values: dict[str, float]) -> float:\n",
            "def china_tariff(values: dict[str, float]) -> float:\n    while True:\n        pass\n",
            1,
        )
    )
    run(page)
    status = page.locator(f"#{WIDGET} .bx-code-status")
    expect(status).to_contain_text("was stopped", timeout=15_000)
    # last good chart kept
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(readout("tariff_stack", "total"))
    assert page.evaluate("1 + 1") == 2  # the page itself never froze
    reader.wait_python_ready(WIDGET)  # a fresh worker
    page.locator(f"#{WIDGET}-fentanyl").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
        readout("tariff_stack", "total", fentanyl=9), timeout=15_000
    )


def test_edited_model_downloads_as_a_file_that_runs_with_cpython(reader, tmp_path):
    page, editor = open_inside(reader)
    editor.fill(SOURCE.replace("BASE_PRICE = 100.0", "BASE_PRICE = 200.0"))
    with page.expect_download() as download:
        page.locator(f"#{WIDGET} .bx-download").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "tariff_stack.py"
    output = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, cwd=tmp_path, check=True
    ).stdout
    assert f"{PRICE_LABEL}: $296.00 (same as the baseline)" in output


def test_shared_code_link_loads_the_edit_without_running_it(reader, context):
    page, editor = open_inside(reader)
    edited_code = SOURCE.replace("BASE_PRICE = 100.0", "BASE_PRICE = 300.0")
    editor.fill(edited_code)
    page.locator(f"#{WIDGET} .bx-share-code").click()
    expect(page.locator(f"#{WIDGET}-code-link")).to_have_value(re.compile(r"[?&]tariff_stack\.code="))
    link = page.locator(f"#{WIDGET}-code-link").input_value()
    other = context.new_page()
    other.goto(link)
    expect(other.locator(f"#{WIDGET}-code")).to_have_value(edited_code)
    expect(other.locator(f"#{WIDGET} .bx-code-status")).to_contain_text("press “Run my version”")
    other.wait_for_selector(f'#{WIDGET}[data-python="ready"]', timeout=90_000)
    # not run yet
    expect(other.locator(f"#{WIDGET} dd[data-figure='price']")).to_have_text(readout("tariff_stack", "price"))
    other.locator(f"#{WIDGET} .bx-run").click()
    expect(other.locator(f"#{WIDGET} dd[data-figure='price']")).to_have_text(edited(edited_code, "price"))
