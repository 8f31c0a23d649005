"""On a Russian page, the numbers the browser writes (slider values, read-outs, the model's sentence, the
chart's axes) are written as Russian writes them, and a quiz takes the reader's decimal comma, while a
scenario link stays dot-decimal. The Russian edition is built by its own MkDocs build; this test holds the
browser's side to widgets/numbers.py on the English pages by setting <html lang="ru"> before the page's
modules run (as the Russian build's pages will have it), so it does not wait for the translated pages."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from playwright.sync_api import expect

from explainers import catalogs
from tests.browser.reader import readout
from widgets import numbers, words


@contextlib.contextmanager
def russian() -> Iterator[None]:
    """CPython writes as the worker does on a Russian page: Russian numbers and the Russian catalog's words."""
    catalogs.use("ru")
    try:
        with numbers.speaking("ru"):
            yield
    finally:
        words.use(words.ORIGINAL, {}, {})


WIDGET = "widget-tariff_stack"
PAGE = "busan-meeting/"
NBSP = "\u00a0"
# The document is parsed ("interactive") before its deferred and module scripts run.
RUSSIAN_PAGE = """document.addEventListener("readystatechange", () => {
  if (document.readyState === "interactive") document.documentElement.lang = "ru";
});"""


def test_a_russian_page_writes_russian_numbers_and_reads_a_decimal_comma(reader):
    reader.page.add_init_script(RUSSIAN_PAGE)
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    assert page.evaluate("document.documentElement.lang") == "ru"
    slider = page.locator(f"#{WIDGET}-fentanyl")
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page.locator(f"output[for='{WIDGET}-fentanyl']")).to_have_text(f"13{NBSP}%")
    with russian():
        total = readout("tariff_stack", "total", fentanyl=13)
        price = readout("tariff_stack", "price", fentanyl=13)
    assert total.startswith(f"51,0{NBSP}%") and f"+3{NBSP}п.{NBSP}п." in total
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(total)  # the worker's words
    expect(page.locator(f"#{WIDGET} dd[data-figure='price']")).to_have_text(price)
    assert "," in price.split(" ")[0]  # "151,00 $"
    # Vega-Embed was handed the Russian locales (its axes, legends and tooltips format with them)
    written = page.evaluate(
        """() => [vega.formatLocale().format(",.1f")(1234.5), vega.formatLocale().format(".1%")(0.125),
                  vega.timeFormatLocale().timeFormat("%B %Y")(new Date(2026, 11, 7))]"""
    )
    assert written == [f"1{NBSP}234,5", f"12,5{NBSP}%", "декабрь 2026"]
    expect(page.locator(f"#{WIDGET}-fentanyl-number")).to_have_value("13")
    field = page.locator(f"#{WIDGET}-mfn-number")  # a setting in steps of 0.5
    field.fill("3,5")
    field.press("Enter")
    expect(page.locator(f"#{WIDGET}-mfn")).to_have_value("3.5")
    expect(field).to_have_value("3,5")
    expect(page.locator(f"#{WIDGET}-mfn-number-note")).to_have_text("")
    expect(page).to_have_url(re.compile(r"[?&]tariff_stack\.mfn=3\.5(&|#|$)"))  # a link stays dot-decimal
    numeric = page.locator("form.bx-quiz").filter(has=page.locator(".bx-quiz__number"))
    answer = numeric.locator(".bx-quiz__number")  # "what does the importer pay, in $?": 148
    answer.fill("148,00")
    answer.press("Enter")
    expect(numeric.locator(".bx-quiz__feedback")).to_have_attribute("data-result", "right")
    answer.fill("148,5")
    answer.press("Enter")
    expect(numeric.locator(".bx-quiz__feedback")).to_have_attribute("data-result", "wrong")
