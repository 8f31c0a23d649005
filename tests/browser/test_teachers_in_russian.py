"""The teachers' tools in the Russian edition: a Russian teacher builds an assignment in Russian and gets the
English builder's link for the same choices, to the Russian student page (ru/assign/…, the same query: names,
keys and values are never translated), and the same short code, which the Russian go/ page opens there;
a student on the Russian assignment page hands in a worksheet; the Russian class results page reads it
and writes the class, its problems, its chart and its CSV in Russian. The Russian words are the catalog's
(locales/ru/LC_MESSAGES/messages.po), looked up here: a message left untranslated fails the lookup."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

from explainers import catalogs, english_runs
from tests.browser.reader import PYTHON_READY_MS
from widgets import registry
from widgets.params import format_value

RU = catalogs.compiled("ru").messages
TARIFF = registry.get("tariff_stack")
QUESTION = "Сколько платит покупатель теперь?"
LESSON = "Урок 1: пошлины"


def make_assignment(page) -> str:
    """The same choices in either edition's builder; returns the link it writes."""
    page.select_option("#bx-b-widget", "tariff_stack")
    page.fill("[data-param='fentanyl']", "20")
    page.select_option("[data-slider='fentanyl']", "lock")
    page.select_option("[data-slider='reciprocal']", "lock")
    page.select_option("[data-slider='elasticity']", "hide")
    page.select_option("#bx-b-predict", "price")
    page.fill("#bx-b-question", QUESTION)
    page.fill("#bx-b-lesson", LESSON)
    expect(page.locator("#bx-b-short")).to_be_visible()  # the short link is asked for once the form settles
    return page.input_value("#bx-b-link")


def label(name: str) -> str:
    return next(p.label for p in TARIFF.params if p.name == name)


def test_a_russian_teacher_builds_in_russian_the_english_link_to_the_russian_student_page(reader):
    page = reader.goto("ru/teachers/builder/")
    link = make_assignment(page)
    short = page.input_value("#bx-b-short")

    # The form in Russian: its headings, a slider's row (label and unit), the choices, the printable card.
    form = page.locator(".bx-builder-form")
    expect(form.locator("legend").first).to_have_text(RU["1. Widget and lesson"])
    expect(page.get_by_label(RU["Widget"], exact=True)).to_be_visible()
    row = page.locator("tr", has=page.locator("[data-param='fentanyl']"))
    expect(row.locator("th")).to_have_text(f"{RU[label('fentanyl')]} (%)")
    expect(page.locator("[data-slider='fentanyl'] option:checked")).to_have_text(
        RU["Locked (shown, set by you)"]
    )
    price = next(f for f in TARIFF.run(TARIFF.defaults()).figures if f.key == "price")
    expect(page.locator("#bx-b-predict option:checked")).to_have_text(RU[price.label])
    expect(page.locator(".bx-card")).to_contain_text(
        RU["You will first predict: {readout}."].format(readout=RU[price.label])
    )
    # Nothing the builder wrote is left in English (the check the built pages pass, on the live form).
    built = page.locator(".bx-builder").evaluate("(e) => e.outerHTML")
    assert english_runs.runs(built, "ru") == []
    # A value out of range is explained in Russian, with the numbers as Russian writes them.
    page.fill("[data-param='pass_through']", "250")
    expect(page.locator(".bx-builder-form .bx-builder-status")).to_contain_text(RU[label("pass_through")])
    expect(page.locator(".bx-builder-form .bx-builder-status")).to_contain_text("заменено на 100")
    page.fill("[data-param='pass_through']", "")  # back to the default: the link is as before
    expect(page.locator("#bx-b-link")).to_have_value(link)

    # The Russian student page (ru/assign/…), with the query the English builder writes, character for
    # character; the English builder's link is as it always was (links already shared stay valid).
    assert link.startswith(f"{reader.base}ru/assign/tariff_stack/?")
    assert "tariff_stack.lock=fentanyl,reciprocal" in link and "tariff_stack.predict=price" in link
    expect(page.get_by_role("link", name=RU["Open it as a student"])).to_have_attribute("href", link)
    english = reader.goto("teachers/builder/")
    english_link = make_assignment(english)
    assert english_link.startswith(f"{reader.base}assign/tariff_stack/?") and "/ru/" not in english_link
    assert urlsplit(link).query == urlsplit(english_link).query
    assert link == f"{reader.base}ru/{english_link.removeprefix(reader.base)}"
    # One short code for both: the edition is the go/ page's that opens it.
    assert short.startswith(f"{reader.base}ru/go/#")
    assert english.input_value("#bx-b-short") == short.replace("/ru/go/#", "/go/#")
    expect(english.locator(".bx-builder-form legend").first).to_have_text("1. Widget and lesson")

    # The Russian short link opens the Russian student page, in Russian.
    page = reader.goto(short.removeprefix(reader.base))
    page.wait_for_url(link)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("article h1")).to_contain_text(
        RU["Assignment: {title}"].format(title=RU[TARIFF.title])
    )
    expect(page.locator(".bx-assign-question")).to_have_text(QUESTION)
    expect(page.locator(".bx-assignment h2")).to_have_text(RU["Your task"])
    reader.assert_clean()


def test_a_russian_class_hands_in_and_the_russian_results_page_reads_it(reader, tmp_path):
    # A student on the Russian assignment page (the Russian lessons link there), in Russian.
    page = reader.goto(
        "ru/assign/tariff_stack/?tariff_stack.predict=price&tariff_stack.reveal=charts"
        f"&tariff_stack.lesson={LESSON}&tariff_stack.q={QUESTION}"
    )
    title = RU["Assignment: {title}"].format(title=RU[TARIFF.title])
    expect(page.locator("article h1")).to_contain_text(title)
    expect(page.locator(".bx-assignment h2")).to_have_text(RU["Your task"])
    page.fill(".bx-predict-number", "150")
    page.get_by_role("button", name=RU["Lock in my prediction"]).click()
    expect(page.locator(".bx-reveal")).to_be_visible(timeout=PYTHON_READY_MS)
    expect(page.locator(".bx-reveal")).to_contain_text(RU["How the model works."])
    page.get_by_label(RU["Your name (optional)"]).fill("Аня")
    with page.expect_download() as download:
        page.get_by_role("button", name=RU["Download worksheet (.json)"]).click()
    # named by the lesson, in Latin letters (assignment-link.js slug), and the day
    assert download.value.suggested_filename.startswith("urok-1-poshliny-")
    sheet = Path(download.value.path()).read_text(encoding="utf-8")
    assert json.loads(sheet)["lesson"] == LESSON
    files = [tmp_path / "anya.json", tmp_path / "photo.json"]
    files[0].write_text(sheet, encoding="utf-8")
    files[1].write_text('{"camera": "phone"}', encoding="utf-8")

    # The teacher reads the class on the Russian results page.
    page = reader.goto("ru/teachers/results/")
    expect(page.locator("#bx-r-in")).to_have_text(RU["1. Open the class's work"])
    page.set_input_files("#bx-r-files", [str(p) for p in files])
    counts = RU["{added} added, {skipped} skipped (listed below)"].format(added=1, skipped=1)
    expect(page.locator(".bx-results-status")).to_have_text(
        RU["{what}: {counts}. {total} in the class."].format(what="2 файла", counts=counts, total=1)
    )
    expect(page.locator(".bx-results-problems li")).to_have_text(
        "photo.json" + RU[": {problem}. Skipped."].format(problem=RU["not a worksheet from this site"])
    )
    heads = page.locator(".bx-results-table thead th").all_inner_texts()
    assert heads[:5] == [RU[h] for h in ("Name", "Lesson", "Prediction", "Model's answer", "How far off")]
    model = next(f for f in TARIFF.run(TARIFF.defaults()).figures if f.key == "price")
    cells = page.locator(".bx-results-table tbody tr").first.locator("th, td").all_inner_texts()
    gap = format_value(abs(150 - model.value), "$", code="ru")
    assert cells[:5] == [
        "Аня",
        LESSON,
        format_value(150, "$", code="ru"),
        format_value(model.value, "$", code="ru"),
        RU["{gap} above" if model.value < 150 else "{gap} below"].format(gap=gap),
    ]
    expect(page.locator(".bx-results-table caption")).to_have_text("1 ученик")
    expect(page.locator(".bx-results-chart")).to_have_attribute("data-rows", "1")
    legend = page.locator(".bx-results-chart svg").text_content() or ""
    assert RU["Prediction"] in legend and RU["Model"] in legend
    built = page.locator(".bx-results").evaluate("(e) => e.outerHTML")
    assert english_runs.runs(built, "ru") == [], "English left on the results page"

    with page.expect_download() as download:
        page.get_by_role("button", name=RU["Download the class as CSV"]).click()
    table = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert table[0][0] == RU["Name"] and RU["Prediction (number)"] in table[0]
    assert float(table[1][table[0].index(RU["Prediction (number)"])]) == 150
