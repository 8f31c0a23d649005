"""A teacher's assignment link: made with the builder, opened by a student in a fresh browser,
it locks and hides what the teacher chose, keeps withheld results out of the page until the student has
predicted, then sets the prediction beside the model; the worksheet prints and downloads; a tampered or
stale link still gives a working page, with a note. Every expected number is computed here by the model."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.reader import PYTHON_READY_MS, Reader, model_rows
from tests.browser.test_accessibility import violations
from widgets import registry

ROOT = Path(__file__).resolve().parents[2]
TARIFF = registry.get("tariff_stack")
WIDGET = "widget-tariff_stack"
PAGE = "assign/tariff_stack/"

# Everything the page holds as text, for a reader or a screen reader: text (hidden elements and SVG
# included) and every attribute value (aria-label, aria-valuetext, title…). Not <template> contents,
# which are inert data, never shown.
PAGE_TEXT = """() => {
  const parts = [document.documentElement.textContent];
  for (const element of document.querySelectorAll("*")) for (const a of element.attributes) parts.push(a.value);
  return parts.join("\\n");
}"""


def shows(text: str, result) -> bool:
    """Whether the page text holds this result: as the read-out shows it, or as a bare number (a chart's
    label, a table cell): 137.5 but not inside $1,137.50."""
    number = re.escape(f"{result.value:g}")
    return result.text in text or re.search(rf"(?<![\d.,]){number}(?![\d])", text) is not None


def figure(model, values: dict, key: str):
    """The model's read-out `key` for these settings, computed here in CPython."""
    return next(f for f in model.run({**model.defaults(), **values}).figures if f.key == key)


def open_fresh(browser, site) -> Reader:
    """A student's browser: a new context, so nothing is shared with the teacher's (storage included)."""
    return Reader.open(browser.new_context(), site.url)


def test_builder_link_locks_hides_and_withholds_until_the_student_predicts(reader, browser, site, tmp_path):
    # The teacher builds the assignment.
    page = reader.goto("teachers/builder/")
    page.select_option("#bx-b-widget", "tariff_stack")
    page.fill("[data-param='fentanyl']", "20")
    page.select_option("[data-slider='fentanyl']", "lock")
    page.select_option("[data-slider='reciprocal']", "lock")
    page.select_option("[data-slider='elasticity']", "hide")
    page.select_option("#bx-b-predict", "price")  # also withholds the charts, which would show it
    page.fill("#bx-b-question", "What does a buyer pay now?")
    page.fill("#bx-b-lesson", "Lesson 1: Tariffs")
    link = page.input_value("#bx-b-link")
    assert link.startswith(f"{reader.base}{PAGE}?")
    # made with this version of the model (link-version.js)
    assert link.endswith(f"&tariff_stack.v={TARIFF.version}")
    for readable in (
        "tariff_stack.fentanyl=20",
        "tariff_stack.lock=fentanyl,reciprocal",
        "tariff_stack.hide=elasticity",
        "tariff_stack.reveal=price,charts",
        "tariff_stack.predict=price",
        "tariff_stack.lesson=Lesson+1:+Tariffs",
    ):
        assert readable in link
    assert f'src="{link.replace("&", "&amp;")}"' in page.input_value("#bx-b-snippet")
    # The printable card has the link written out.
    pdf = tmp_path / "card.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4")
    card = PdfReader(pdf)
    card_text = "".join(p.extract_text() for p in card.pages)
    assert (
        len(card.pages) == 1
        and "Lesson 1: Tariffs" in card_text
        and "What does a buyer pay now?" in card_text
    )
    assert link in re.sub(r"\s+", "", card_text)
    assert "Starting value" not in card_text  # the form itself does not print

    # A student opens it in a fresh browser.
    student = open_fresh(browser, site)
    try:
        page = student.page
        page.goto(link)
        fentanyl, reciprocal = page.locator(f"#{WIDGET}-fentanyl"), page.locator(f"#{WIDGET}-reciprocal")
        expect(fentanyl).to_be_disabled()
        expect(fentanyl).to_have_value("20")
        expect(reciprocal).to_be_disabled()
        expect(page.locator(f"#{WIDGET}-fentanyl-locked")).to_have_text("Set by your teacher.")
        assert f"{WIDGET}-fentanyl-locked" in fentanyl.get_attribute("aria-describedby")
        expect(page.locator(f"#{WIDGET}-section122")).to_be_enabled()
        assert page.locator(f"#{WIDGET}-elasticity").count() == 0  # hidden: not in the page at all
        elasticity = next(p for p in TARIFF.params if p.name == "elasticity")
        assert elasticity.label not in page.evaluate(PAGE_TEXT)

        student.wait_python_ready(WIDGET)
        expect(fentanyl).to_be_disabled()  # Python being ready enables the controls, but not a locked one
        expected = figure(TARIFF, {"fentanyl": 20}, "price")
        total = figure(TARIFF, {"fentanyl": 20}, "total")
        # shown results follow the model
        expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(total.text)
        page.locator(
            f"#{WIDGET} details.bx-data summary"
        ).click()  # an open data panel fills its tables, if any
        text = page.evaluate(PAGE_TEXT)
        assert not shows(text, expected)  # not in the read-outs, the charts, their labels or the table
        assert page.locator(f"#{WIDGET} .bx-view svg").count() == 0
        assert page.locator(f"#{WIDGET} table.bx-table").count() == 0
        expect(page.locator(".bx-assign-question")).to_have_text("What does a buyer pay now?")

        # The prediction, with the keyboard alone.
        page.locator(".bx-predict-number").focus()
        page.keyboard.type("130")
        page.keyboard.press("Enter")
        reveal = page.locator(".bx-reveal")
        expect(reveal).to_be_visible()
        expect(reveal.locator(".bx-reveal-prediction")).to_have_text("You predicted $130.00.")
        expect(reveal.locator(".bx-reveal-model")).to_contain_text(expected.text)
        gap = expected.value - 130
        expect(reveal.locator(".bx-reveal-gap")).to_have_text(
            f"Your prediction was ${gap:.2f} below the model's."
        )
        expect(reveal).to_contain_text("How the model works")
        expect(page.locator(f"#{WIDGET} dd[data-figure='price']")).to_have_text(expected.text)
        expect(page.locator(f"#{WIDGET} .bx-view svg")).to_have_count(2)
        point = student.view_data(WIDGET, 1, "point")
        want = TARIFF.run({**TARIFF.defaults(), "fentanyl": 20}).as_dict()["data"]["point"]
        assert model_rows(point, list(want[0])) == [pytest.approx(r, rel=1e-12) for r in want]
        assert page.locator(f"#{WIDGET} table.bx-table").count() == 3  # layers, the two scenarios, the curve
        student.assert_clean()
    finally:
        student.context.close()


ANSWER = "The layers add up, and the buyer pays all of it."


def test_worksheet_prints_on_one_page_and_downloads_named_by_lesson_and_date(reader, tmp_path):
    lesson = "Lesson 1: Tariffs"
    query = (
        "tariff_stack.reciprocal=34&tariff_stack.lock=reciprocal&tariff_stack.hide=pass_through"
        f"&tariff_stack.predict=total&tariff_stack.reveal=charts&tariff_stack.q={quote('How high is the stack?')}"
        f"&tariff_stack.lesson={quote(lesson)}"
    )
    page = reader.goto(f"{PAGE}?{query}")
    reader.wait_python_ready(WIDGET)
    expected = figure(TARIFF, {"reciprocal": 34}, "total")
    expect(page.locator(f"#{WIDGET} dd[data-figure='price']")).to_have_text(
        figure(TARIFF, {"reciprocal": 34}, "price").text
    )
    page.locator(f"#{WIDGET} details.bx-data summary").click()
    text = page.evaluate(PAGE_TEXT)  # withheld: not in the read-outs, the charts' labels or the table
    assert not shows(text, expected)
    page.fill(".bx-predict-number", "40 %")
    page.get_by_role("button", name="Lock in my prediction").click()
    expect(page.locator(".bx-reveal-model")).to_contain_text(expected.text)
    page.get_by_label("Your name (optional)").fill("Ada")
    page.get_by_label("Your answer to the question, and why").fill(ANSWER)
    expect(page.locator(".bx-ws-sheet")).to_contain_text(ANSWER)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download worksheet (.json)").click()
    today = datetime.date.today().isoformat()
    assert download.value.suggested_filename == f"lesson-1-tariffs-{today}.json"
    sheet = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert (
        sheet["lesson"] == lesson
        and sheet["date"] == today
        and sheet["name"] == "Ada"
        and sheet["answer"] == ANSWER
    )
    assert sheet["prediction"]["value"] == 40 and sheet["prediction"]["of"] == "total"
    assert sheet["model_at_prediction"]["figure"]["text"] == expected.text
    scenario = {s["setting"]: s["value"] for s in sheet["final_scenario"]}
    # hidden stays out of the worksheet
    assert scenario["reciprocal"] == 34 and "pass_through" not in scenario
    assert Path(download.value.path()).stat().st_size < 8_000  # a small file

    # The student prints what they see: the sheet with the picture of their chart, drawn.
    expect(page.locator(".bx-ws-picture-image")).to_be_visible()
    pdf = tmp_path / "worksheet.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4")
    document = PdfReader(pdf)
    pages = [p.extract_text() for p in document.pages]
    text = "\n".join(pages)
    assert len(pages) == 1, f"{len(pages)} pages; the last one holds: {pages[-1][:400]!r}"
    for wanted in (
        lesson,
        "Ada",
        "How high is the stack?",
        "40%",
        expected.text,
        ANSWER,
        "Your final scenario",
        "Reciprocal tariff",
    ):
        assert wanted in text, wanted
    for control in ("Lock in my prediction", "Download worksheet"):
        assert control not in text, control  # a worksheet, not a printout of the page's controls
    # The page's live charts are not printed: the chart's title appears at most once, in the worksheet's picture.
    assert text.count("US tariff layers on one good from China") <= 1

    # Opened again on the same device: the prediction and the answer are remembered, and nothing is re-asked.
    page.emulate_media(media="screen")
    page.reload()
    expect(page.locator(".bx-reveal-model")).to_contain_text(expected.text, timeout=PYTHON_READY_MS)
    expect(page.get_by_label("Your answer to the question, and why")).to_have_value(ANSWER)
    expect(page.locator(".bx-predict-number")).to_be_disabled()


def test_tampered_and_stale_links_give_a_working_page_with_a_plain_note(reader):
    page = reader.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = "<img src=x onerror=alert(1)>" + "x" * 5000
    query = "&".join(
        [
            "tariff_stack.fentanyl=999",  # out of range: clamped by the scenario reader, with its note
            "tariff_stack.lock=fentanyl,gone_param",  # a removed parameter
            "tariff_stack.hide=old_readout",  # a renamed read-out: it may have been the answer
            "tariff_stack.predict=price",
            f"tariff_stack.q={quote(hostile)}",
            f"tariff_stack.choices={quote('<b>only one</b>')}",
            "tariff_stack.removed=5",
            "rare_earth_supply.lock=stockpile",  # a widget that is not on this page
        ]
    )
    reader.goto(f"{PAGE}?{query}")
    note = page.locator(".bx-assign-note")
    expect(note).to_contain_text("lock: “gone_param” is not a slider of this widget, so it was ignored.")
    expect(note).to_contain_text("hide: “old_readout” is not a slider, read-out or chart of this widget")
    expect(note).to_contain_text("“removed” is not a setting of this widget")
    expect(note).to_contain_text("settings for “rare_earth_supply”, which is not on this page")
    expect(note).to_contain_text("A choice needs at least two options")
    expect(note).to_contain_text("every result stays hidden until you have made your prediction")
    expect(page.locator(f"#{WIDGET} .bx-link-note")).to_contain_text("999% was changed to 50%")
    question = page.locator(".bx-assign-question")
    expect(question).to_contain_text("<img src=x onerror=alert(1)>")  # shown as text, never as HTML
    assert len(question.text_content()) <= 300
    # No markup from the link: the worksheet's one image is the picture of the chart, made by Vega, not by it.
    injected = (
        ".bx-assignment img, .bx-assignment b, .bx-worksheet img:not(.bx-ws-picture-image), .bx-worksheet b"
    )
    assert page.locator(injected).count() == 0
    for src in page.locator(".bx-ws-picture-image").evaluate_all("(images) => images.map((i) => i.src)"):
        assert src == "" or src.startswith("data:image/svg+xml"), src[:80]
    expect(page.locator(f"#{WIDGET}-fentanyl")).to_be_disabled()

    # Fail closed: with a name it does not know in hide=, the page withholds every result.
    reader.wait_python_ready(WIDGET)
    for key in ("total", "price", "volume", "revenue"):
        expect(page.locator(f"#{WIDGET} dd[data-withheld='{key}']")).to_have_text("after your prediction")
    text = page.evaluate(PAGE_TEXT)
    for f in TARIFF.run({**TARIFF.defaults(), "fentanyl": 50}).figures:
        assert not shows(text, f), f.key
    page.fill(".bx-predict-number", "150")
    page.keyboard.press("Enter")
    expected = figure(TARIFF, {"fentanyl": 50}, "price")  # the page works: clamped value, real model
    expect(page.locator(".bx-reveal-model")).to_contain_text(expected.text)
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
        figure(TARIFF, {"fentanyl": 50}, "total").text
    )
    assert dialogs == []


LESSONS = sorted((ROOT / "docs" / "teachers").glob("lesson-*.md"))
ASSIGNMENT_LINK = re.compile(r"\]\(\.\./assign/(\w+)\.md\?([^)\s]+)\)")


def assignment_links(lesson: Path) -> list[tuple[str, str]]:
    return ASSIGNMENT_LINK.findall(lesson.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_each_lesson_predicts_then_reveals_a_result_the_model_computes(reader, lesson):
    links = assignment_links(lesson)
    assert links, f"{lesson.name} links to no assignment"
    predicted = [(w, q) for w, q in links if ".predict=" in q]
    assert predicted, f"{lesson.name} has no predict-then-reveal step"
    page = reader.page
    for widget, query in links:  # every assignment link of the lesson opens without a note
        reader.goto(f"assign/{widget}/?{query}")
        expect(page.locator(f"#widget-{widget}")).to_have_attribute("data-assignment", "applied")
        expect(page.locator(".bx-assign-note")).to_be_empty()
        expect(page.locator(f"#widget-{widget} .bx-link-note")).to_be_empty()
    for widget, query in predicted:
        model = registry.get(widget)
        pairs = dict(parse_qsl(urlsplit("?" + query).query))
        values = {
            p.name: float(pairs[f"{widget}.{p.name}"]) for p in model.params if f"{widget}.{p.name}" in pairs
        }
        expected = figure(model, values, pairs[f"{widget}.predict"])
        reader.goto(f"assign/{widget}/?{query}")
        reader.wait_python_ready(f"widget-{widget}")
        assert not shows(page.evaluate(PAGE_TEXT), expected)
        page.fill(".bx-predict-number", "1")
        page.get_by_role("button", name="Lock in my prediction").click()
        expect(page.locator(".bx-reveal-model")).to_contain_text(expected.text)


def test_assignment_works_inside_an_iframe(reader):
    query = "tariff_stack.fentanyl=20&tariff_stack.lock=fentanyl&tariff_stack.predict=total&tariff_stack.reveal=charts&tariff_stack.lesson=Embedded"
    page = reader.page
    page.set_content(
        f'<h1>Course page</h1><iframe src="{reader.base}{PAGE}?{query.replace("&", "&amp;")}" '
        'title="Assignment" width="900" height="1600"></iframe>'
    )
    frame = page.frame_locator("iframe")
    expect(frame.locator(f"#{WIDGET}")).to_have_attribute("data-python", "ready", timeout=PYTHON_READY_MS)
    expect(frame.locator(f"#{WIDGET}-fentanyl")).to_be_disabled()
    frame.locator(".bx-predict-number").fill("35")
    frame.locator(".bx-predict-number").press("Enter")
    expect(frame.locator(".bx-reveal-model")).to_contain_text(figure(TARIFF, {"fentanyl": 20}, "total").text)
    with page.expect_download() as download:
        frame.get_by_role("button", name="Download worksheet (.json)").click()
    assert download.value.suggested_filename == f"embedded-{datetime.date.today().isoformat()}.json"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_assignment_and_builder_have_no_serious_accessibility_problem(browser, site, scheme):
    context = browser.new_context(bypass_csp=True, color_scheme="dark" if scheme == "slate" else "light")
    try:
        page = context.new_page()
        page.goto(site.url + "teachers/builder/")
        page.wait_for_selector(".bx-builder-form")
        page.select_option("#bx-b-predict", index=1)
        problems = [f"builder: {v}" for v in violations(page, scheme)]
        page.goto(
            f"{site.url}{PAGE}?tariff_stack.lock=fentanyl&tariff_stack.hide=elasticity&tariff_stack.predict=price"
            "&tariff_stack.choices=under+%24130|%24130+or+more&tariff_stack.q=Predict"
        )
        page.wait_for_selector(f'#{WIDGET}[data-python="ready"]', timeout=PYTHON_READY_MS)
        problems += [f"before: {v}" for v in violations(page, scheme)]
        page.get_by_label("under $130").check()
        page.get_by_role("button", name="Lock in my prediction").click()
        page.wait_for_selector(".bx-reveal:not([hidden])")
        page.wait_for_selector(f"#{WIDGET} .bx-view svg")
        problems += [f"after: {v}" for v in violations(page, scheme)]
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_builder_and_assignment_fit_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    try:
        phone = Reader.open(context, site.url)
        for path in (
            "teachers/builder/",
            f"{PAGE}?tariff_stack.lock=fentanyl&tariff_stack.predict=price&tariff_stack.q=Why%3F",
        ):
            page = phone.goto(path)
            page.wait_for_selector(".bx-builder-form, .bx-predict")
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        phone.assert_clean()
    finally:
        context.close()
