"""From an assignment to the class's results: after the prediction the student reads how the model works
(citations as links, never raw Markdown) and why, in one line, with their own numbers; the worksheet
hands in as a file or as a short answer text; the teacher's class results page reads a class set of
files (bad ones among them, named and skipped) and pasted texts, in the browser, and draws and exports
the class. Expected values are computed here by the models themselves."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from explainers import catalog, classroom_pack
from tests.browser.reader import Reader
from widgets import registry
from widgets.params import format_value

TARIFF = registry.get("tariff_stack")
WIDGET = "widget-tariff_stack"
LINK = (
    "assign/tariff_stack/?tariff_stack.predict=price&tariff_stack.reveal=charts"
    "&tariff_stack.lesson=Lesson+1&tariff_stack.q=What+does+the+buyer+pay%3F"
)


def in_one_line(model, values: dict) -> str:
    run = model.run({**model.defaults(), **values})
    return model.explain({**model.defaults(), **values}, run)


def predict(reader: Reader, link: str, number: str) -> None:
    page = reader.goto(link)
    page.fill(".bx-predict-number", number)
    page.get_by_role("button", name="Lock in my prediction").click()
    expect(page.locator(".bx-reveal")).to_be_visible(timeout=120_000)


def test_after_the_prediction_the_method_has_linked_citations_and_a_line_with_the_numbers(reader):
    predict(reader, LINK, "$150")
    page = reader.page
    method = page.locator(".bx-reveal .bx-assign-method")
    expect(method).to_be_visible()
    text = method.inner_text()
    assert "[[" not in text and "](" not in text, text  # no raw Markdown
    cites = method.locator("sup.bx-cite a")
    assert cites.count() >= 2
    for i in range(cites.count()):
        href = cites.nth(i).get_attribute("href")
        assert "sources/#src-" in href, href
    why = page.locator(".bx-reveal-why")
    expect(why).to_have_text("Why, in one line: " + in_one_line(TARIFF, {}))
    assert "$100 × 1.48 = $148.00" in why.inner_text()
    # The line follows the sliders the student is free to move.
    page.locator(f"#{WIDGET}-pass_through").fill("50")
    expect(why).to_have_text("Why, in one line: " + in_one_line(TARIFF, {"pass_through": 50}))


def test_the_line_is_left_out_when_the_teacher_hides_something(reader):
    predict(reader, LINK + "&tariff_stack.hide=pass_through", "150")
    page = reader.page
    expect(page.locator(".bx-reveal-model")).to_be_visible()
    expect(page.locator(".bx-reveal-why")).to_be_hidden()
    assert "of it is passed on to the buyer" not in page.locator(".bx-reveal").inner_text()


def hand_in(reader: Reader, tmp_path: Path) -> tuple[dict, str]:
    """A real student's worksheet file and answer text, made by the assignment page."""
    predict(reader, LINK, "150")
    page = reader.page
    page.get_by_label("Your name (optional)").fill("Ada")
    page.get_by_label("Your answer to the question, and why").fill("All of the tariff is passed on.")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download worksheet (.json)").click()
    sheet = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    page.locator(".bx-ws-handin summary").click()
    return sheet, page.input_value(".bx-ws-text")


def test_class_results_reads_a_class_set_skips_bad_files_and_exports_csv(reader, tmp_path):
    sheet, text = hand_in(reader, tmp_path)
    assert sheet["format"] == "busan-explainer worksheet" and sheet["version"] == 2
    model = TARIFF.run(TARIFF.defaults()).figures[1]
    assert sheet["model_at_prediction"]["figure"]["value"] == model.value

    # A class of 30 files: 26 students' worksheets (variants of the real one), and 4 that are not.
    folder = tmp_path / "class"
    folder.mkdir()
    good = []
    for i in range(26):
        student = copy.deepcopy(sheet)
        student["name"] = f"Student {i + 1:02d}"
        student["prediction"]["value"] = 120 + i
        student["prediction"]["text"] = f"${120 + i:.2f}"
        student["prediction"]["made"] = f"2026-12-07T09:{i:02d}:00.000Z"
        path = folder / f"student-{i + 1:02d}.json"
        path.write_text(json.dumps(student), encoding="utf-8")
        good.append(path)
    bad = {
        "holiday-photo.json": '{"camera": "phone", "iso": 200}',  # JSON, not ours
        "cut-off.json": good[0].read_text()[:300],  # damaged
        "future.json": json.dumps({**sheet, "version": 99}),  # a newer site
        "copy-of-student-03.json": good[2].read_text(),  # the same work twice
    }
    for name, content in bad.items():
        (folder / name).write_text(content, encoding="utf-8")
    files = sorted(folder.iterdir())
    assert len(files) == 30

    page = reader.goto("teachers/results/")
    page.set_input_files("#bx-r-files", [str(p) for p in files])
    status = page.locator(".bx-results-status")
    expect(status).to_contain_text("26 added, 4 skipped")
    problems = page.locator(".bx-results-problems li")
    expect(problems).to_have_count(4)
    listed = " ".join(problems.all_inner_texts())
    for name in bad:
        assert name in listed
    assert "holiday-photo.json: not a worksheet" in listed and "cut-off.json: damaged" in listed
    assert "future.json: made by a newer version" in listed
    # the second of two copies is skipped, naming the first (files are read in the order picked)
    assert "student-03.json: the same work as copy-of-student-03.json, already loaded" in listed
    rows = page.locator(".bx-results-table tbody tr")
    expect(rows).to_have_count(26)
    first = rows.nth(0).locator("th, td").all_inner_texts()
    gap = 120 - model.value
    assert first[:5] == [
        "Student 01",
        "Lesson 1",
        "$120.00",
        format_value(model.value, "$"),
        f"${abs(gap):.2f} below",
    ]
    assert re.fullmatch(r"2026-12-0[678] \d\d:\d\d", first[5]), first  # in the teacher's own time zone

    # The chart holds every numeric prediction and the model's answer, in the live Vega view.
    chart = page.locator(".bx-results-chart")
    expect(chart).to_have_attribute("data-rows", "26")
    expect(chart.locator("svg")).to_have_count(1)

    # Phones: two answer texts pasted at once, one of them cut short.
    other = text.replace("Name: Ada", "Name: Ada")  # the real text, whole
    page.fill("#bx-r-paste", other + "\n\n" + text.rsplit("\n", 2)[0])
    page.get_by_role("button", name="Add the pasted answers").click()
    expect(status).to_contain_text("Pasted text: 1 added, 1 skipped")
    expect(rows).to_have_count(27)
    expect(page.locator(".bx-results-table tbody")).to_contain_text("Ada")
    expect(problems).to_have_count(5)
    expect(problems.nth(4)).to_contain_text("damaged")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the class as CSV").click()
    assert download.value.suggested_filename == "class-results.csv"
    table = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert len(table) == 28 and table[0][0] == "Name"
    ada = next(r for r in table if r[0] == "Ada")
    assert float(ada[table[0].index("Prediction (number)")]) == 150
    assert float(ada[table[0].index("Model (number)")]) == model.value
    assert not reader.foreign  # nothing was uploaded anywhere


# The QR code as a camera sees it: the page's canvas, in grey levels.
QR_PIXELS = """(canvas) => {
  const rgba = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const grey = [];
  for (let i = 0; i < rgba.length; i += 4) grey.push(rgba[i]);
  return { size: canvas.width, grey };
}"""


def read_qr(locator) -> str:
    """What a phone's camera reads from the QR code the page drew."""
    import zxingcpp  # a test dependency (pyproject.toml), as pypdf is

    drawn = locator.evaluate(QR_PIXELS)
    pixels = memoryview(bytes(drawn["grey"])).cast("B", [drawn["size"], drawn["size"]])
    # QR codes only: a phone's camera app looks for one, and zxing's 1-D readers find an ITF or Codabar
    # "code" in a QR code's stripes for about 1 link in 400 (seen in CI; a sweep of 18,432 links: 47).
    found = zxingcpp.read_barcodes(pixels, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    assert len(found) == 1, f"{len(found)} codes read"
    return found[0].text


TITLE = "US tariff layers on one good from China"  # the widget's first chart
PICTURE_SVG = """(image) => decodeURIComponent(image.getAttribute("src").split(",")[1])"""


def picture(page) -> tuple[str, str]:
    """The worksheet's picture: its SVG (from its data: address) and its text alternative."""
    image = page.locator(".bx-ws-picture img")
    return image.evaluate(PICTURE_SVG), image.get_attribute("alt") or ""


def axis_top(svg: str) -> float:
    """The largest number on the picture's axis: it follows the scenario's total tariff."""
    return max(float(n) for n in re.findall(r">(\d+(?:\.\d+)?)</text>", svg))


def test_the_worksheet_pictures_the_students_chart_once_they_may_see_it(reader):
    first_chart = catalog.widget("tariff_stack").charts.views[0].__name__
    summary = lambda **values: TARIFF.run({**TARIFF.defaults(), **values}).description.charts[first_chart]  # noqa: E731
    page = reader.goto(LINK)
    reader.wait_python_ready(WIDGET)
    picture_box = page.locator(".bx-ws-picture")
    page.wait_for_timeout(1500)  # time enough to draw one, if it would
    expect(picture_box).to_be_hidden()  # the charts are withheld until the prediction: so is their picture
    assert not page.locator(".bx-ws-picture img").get_attribute("src")
    page.fill(".bx-predict-number", "150")
    page.get_by_role("button", name="Lock in my prediction").click()
    expect(picture_box).to_be_visible()
    # Its text alternative is the chart's summary, as CPython's model gives it.
    expect(page.locator(".bx-ws-picture img")).to_have_attribute("alt", f"{TITLE}. {summary()}")
    svg, _ = picture(page)
    assert TITLE in svg and axis_top(svg) < 73
    # It follows the student's scenario: a Section 301 tariff of 50% takes the stack to 73%.
    page.locator(f"#{WIDGET}-section301").fill("50")
    expect(page.locator(".bx-ws-picture img")).to_have_attribute("alt", f"{TITLE}. {summary(section301=50)}")
    svg, _ = picture(page)
    assert axis_top(svg) >= 73, axis_top(svg)
    # Drawn for paper: in the light scheme (dark text) also when the screen is dark.
    page.get_by_title("Switch to dark mode").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.locator(f"#{WIDGET}-section301").fill("40")
    expect(page.locator(".bx-ws-picture img")).to_have_attribute("alt", f"{TITLE}. {summary(section301=40)}")
    svg, _ = picture(page)
    fills = re.findall(r'<text[^>]*fill="([^"]+)"[^>]*>' + re.escape(TITLE), svg)
    assert fills and all(dark_colour(fill) for fill in fills), fills


def dark_colour(css: str) -> bool:
    """Whether a colour Vega wrote (#rrggbb[aa], rgb(a) or hsl(a)) is dark: text that reads on paper."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    if css.startswith("#"):
        return sum(int(css[i : i + 2], 16) for i in (1, 3, 5)) / 3 < 100
    if css.startswith("hsl"):
        return numbers[2] < 40  # lightness, in %
    return sum(numbers[:3]) / 3 < 100


def test_charts_the_teacher_hides_have_no_picture_on_the_worksheet(reader):
    predict(reader, LINK + "&tariff_stack.hide=charts", "150")
    page = reader.page
    expect(page.locator(".bx-ws-sheet table").first).to_be_visible()
    page.wait_for_timeout(1500)
    expect(page.locator(".bx-ws-picture")).to_be_hidden()


def test_builder_card_and_worksheet_carry_a_qr_code_of_the_link(reader):
    page = reader.goto("teachers/builder/")
    page.select_option("#bx-b-predict", "price")
    page.fill("#bx-b-question", "What does the buyer pay, and why?")
    link = page.input_value("#bx-b-link")
    qr = page.locator(".bx-card canvas.bx-qr")
    expect(qr).to_have_attribute("aria-label", re.compile("QR code of the assignment link"))
    assert read_qr(qr) == link
    page.fill("#bx-b-lesson", "Lesson 1")  # the code follows the link
    link = page.input_value("#bx-b-link")
    assert read_qr(qr) == link

    page = reader.goto(link.removeprefix(reader.base))
    sheet_qr = page.locator(".bx-ws-sheet canvas.bx-qr")
    expect(sheet_qr).to_have_count(1)
    assert read_qr(sheet_qr) == link


@pytest.fixture()
def started_pack(built_site, tmp_path):
    """The classroom pack unzipped and started as the teachers' page says, on a free port; yields the
    folder and the address the script printed for students."""
    with zipfile.ZipFile(built_site / classroom_pack.SITE_PATH) as archive:
        archive.extractall(tmp_path)
    with socket.socket() as probe:
        probe.bind(("0.0.0.0", 0))
        port = probe.getsockname()[1]
    script = tmp_path / classroom_pack.START_SCRIPT
    server = subprocess.Popen(
        [sys.executable, str(script), "--no-browser", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        said = ""
        while "Students open:" not in said and "This computer only:" not in said:
            line = server.stdout.readline()
            assert line, f"the start script stopped: {said}"
            said += line
        found = re.search(r"Students open:\s+(http://\S+)", said)
        if not found:
            pytest.skip("this machine has no network address besides loopback")
        yield tmp_path, found[1], port
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_start_script_serves_the_room_and_the_builder_links_to_that_address(context, started_pack):
    folder, address, port = started_pack
    assert not address.startswith("http://127.") and address.endswith(f":{port}/")
    reader = Reader.open(context, address)
    page = reader.goto("teachers/builder/")
    page.select_option("#bx-b-predict", "price")
    link = page.input_value("#bx-b-link")
    assert link.startswith(f"{address}assign/tariff_stack/?")
    expect(page.locator(".bx-builder-host")).to_be_hidden()  # a link the room can open: no warning
    # The pack keeps short links: one to type from the board, on the card too, leading to the long one.
    short = page.locator("#bx-b-short")
    # Visible once the short link of the current link is in: while it is asked for, the field is hidden
    # and may still hold the previous link's (/s/1 before the prediction was chosen: seen once).
    expect(short).to_be_visible()
    expect(short).to_have_value(re.compile(rf"^{re.escape(address)}s/\d+$"))
    expect(page.locator(".bx-card-short")).to_have_text(f"Or type: {short.input_value()}")
    student = context.new_page()
    student.goto(short.input_value())
    assert student.url == link
    # The Russian builder's link leads to the Russian student page; its /s/<n> redirects to that very link.
    page = reader.goto("ru/teachers/builder/")
    page.select_option("#bx-b-predict", "price")
    russian = page.input_value("#bx-b-link")
    expect(short).to_be_visible()
    assert russian.startswith(f"{address}ru/assign/tariff_stack/?")
    expect(short).to_have_value(re.compile(rf"^{re.escape(address)}s/\d+$"))
    student.goto(short.input_value())
    assert student.url == russian
    expect(student.locator("html")).to_have_attribute("lang", "ru")
    student.close()
    # Only to pages of this site: never a way to another host.
    for target in (
        "//elsewhere.example/",
        "https://elsewhere.example/",
        "/\\elsewhere.example",
        "/a\r\nSet-Cookie: x=1",
    ):
        request = urllib.request.Request(f"{address}short-link", data=target.encode(), method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 400, target
    reader.assert_clean()

    # The same builder at 127.0.0.1 makes links no student device can open, and says so.
    local = Reader.open(context, f"http://127.0.0.1:{port}/")
    page = local.goto("teachers/builder/")
    expect(page.locator(".bx-builder-host")).to_contain_text("127.0.0.1")
    expect(page.locator(".bx-builder-host")).to_contain_text("start script")
    local.assert_clean()


def test_a_pack_page_opened_as_a_file_says_how_to_start_the_pack(context, started_pack):
    folder, _, _ = started_pack
    page = context.new_page()  # not a Reader: from file:// the browser refuses the modules, as expected
    page.goto((folder / classroom_pack.FOLDER / "busan-meeting" / "index.html").as_uri())
    note = page.locator(".bx-file-note")
    expect(note).to_contain_text("start-classroom.py")
    expect(page.locator(".bx-widget .bx-status").first).to_contain_text("opened as a file")
    assert "needs JavaScript" not in page.locator("article").inner_text()


def test_the_builder_warns_when_a_shown_read_out_gives_the_prediction_away(reader):
    page = reader.goto("teachers/builder/")
    warning = page.locator(".bx-builder-warning").first
    page.select_option("#bx-b-predict", "price")
    total = next(f for f in TARIFF.run(TARIFF.defaults()).figures if f.key == "total")
    # price = $100 × (1 + pass-through × tariff): the tariff read-out, shown, gives the price away
    expect(warning).to_contain_text(total.label)
    page.select_option("[data-result='total']", "reveal")
    expect(warning).to_be_empty()
    page.select_option("#bx-b-predict", "volume")  # nothing on screen tells that one
    page.select_option("[data-result='total']", "shown")
    expect(warning).to_be_empty()


def test_the_builder_tables_fit_a_phone_with_every_control_on_screen(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    try:
        phone = Reader.open(context, site.url)
        page = phone.goto("teachers/builder/")
        for widget in ("tariff_stack", "rare_earth_supply", "central_asia_pipeline"):
            page.select_option("#bx-b-widget", widget)
            controls = page.locator(".bx-builder-table :is(input, select)")
            assert controls.count() > 5
            for i in range(controls.count()):
                box = controls.nth(i).bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, (widget, i, box)
        phone.assert_clean()
    finally:
        context.close()


def test_a_prediction_made_before_python_is_ready_says_it_is_waiting(context, site):
    # A school line: the WebAssembly arrives at 0.5 MB/s, so Python takes about 20 s to start.
    with site.failing("assets/vendor/pyodide/pyodide.asm.wasm", "slow:500000"):
        reader = Reader.open(context, site.url)
        page = reader.goto(LINK)
        page.fill(".bx-predict-number", "150")
        page.get_by_role("button", name="Lock in my prediction").click()
        feedback = page.locator(".bx-predict-feedback")
        expect(feedback).to_have_attribute("data-state", "waiting")
        expect(feedback).to_contain_text("Waiting for the model: Python is still starting")
        assert page.locator(f"#{WIDGET}").get_attribute("data-python") != "ready"
        expect(page.locator(".bx-reveal")).to_be_hidden()
        # When Python is ready, the answer comes by itself.
        expect(page.locator(".bx-reveal-model")).to_be_visible(timeout=120_000)
        expect(feedback).to_have_text("Prediction saved: $150.00. The model's answer is below.")
        reader.assert_clean()


def test_the_worksheet_prints_on_one_page_with_its_qr_code(reader, tmp_path):
    predict(reader, LINK + "&tariff_stack.lock=fentanyl,reciprocal", "150")
    page = reader.page
    page.get_by_label("Your name (optional)").fill("Ada")
    page.get_by_label("Your answer to the question, and why").fill("The whole tariff is passed on. " * 8)
    expect(page.locator(".bx-ws-sheet canvas.bx-qr")).to_have_count(1)
    expect(page.locator(".bx-ws-sheet .bx-ws-picture img")).to_be_visible()  # the student's chart
    page.emulate_media(media="print")
    assert page.locator(".bx-ws-sheet canvas.bx-qr").is_visible()
    assert page.locator(".bx-ws-sheet .bx-ws-picture img").is_visible()
    for paper in ("A4", "Letter"):
        pdf = tmp_path / f"worksheet-{paper}.pdf"
        page.pdf(path=str(pdf), format=paper)
        document = PdfReader(pdf)
        assert len(document.pages) == 1, f"{paper}: {len(document.pages)} pages"
        text = document.pages[0].extract_text()
        assert "Ada" in text and "Lesson 1" in text and "On a phone?" not in text
        # The picture prints as Vega drew it, its words as text: the chart's title and axis, once each
        # (the page's own live chart does not print).
        assert text.count(TITLE) == 1 and text.count("Tariff on the good from China") == 1, text
