"""Reuse (issue #16) in a real browser: every chart's CSV downloads and matches the chart's table, its
metadata matches the sources registry, a widget's files follow the reader's scenario, citations copy in
one click, an old scenario link says so, and static charts' downloads need no JavaScript."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import bibtexparser
import pytest
from playwright.sync_api import expect

from explainers import charts, sources, versions
from tests.test_reuse import assert_metadata_matches_registry
from widgets import registry
from widgets.params import format_value

TARIFF = "widget-tariff_stack"
TARIFF_PAGE = "busan-meeting/"
MODEL = registry.get("tariff_stack")
FIGURE_PAGES = ["rare-earths-101/", "how-we-got-here/", "central-asia/", "busan-meeting/", "one-year-pause/"]


def download(page, link) -> tuple[str, bytes]:
    with page.expect_download() as info:
        link.click()
    item = info.value
    return item.suggested_filename, Path(item.path()).read_bytes()


def csv_rows(raw: bytes) -> list[dict[str, str]]:
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV without a byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def shown_table(figure, dataset: str) -> tuple[list[tuple[str, int | None]], list[list[str]]]:
    table = figure.locator(f'table.bx-table[data-dataset="{dataset}"]')
    columns = json.loads(table.get_attribute("data-columns"))
    headings = table.locator("thead th").all_text_contents()
    rows = [row.locator("td").all_text_contents() for row in table.locator("tbody tr").all()]
    return list(zip(headings, [digits for _, digits in columns])), rows


def same_as_table(rows: list[dict[str, str]], columns, shown: list[list[str]]) -> None:
    assert len(rows) == len(shown), (len(rows), len(shown))
    for row, cells in zip(rows, shown):
        for (heading, digits), cell in zip(columns, cells):
            value = row[heading]
            assert "," not in value or digits is None, f"{heading}: {value} is not a plain number"
            text = value if digits is None else format_value(float(value), "", digits)
            assert text == cell, f"{heading}: {value} in the CSV, {cell} in the table"


def test_every_chart_csv_downloads_and_matches_its_table_and_its_metadata_the_registry(reader):
    checked = 0
    for path in FIGURE_PAGES:
        page = reader.goto(path)
        for figure in page.locator("figure.bx-figure").all():
            figure.locator("details.bx-data > summary").click()
            figure.locator("details.bx-reuse > summary").click()
            for link in figure.locator("a[data-download='csv']").all():
                name, raw = download(page, link)
                assert name.endswith(".csv") and re.search(r"\d{4}-\d{2}-\d{2}\.csv$", name), name
                columns, shown = shown_table(figure, link.get_attribute("data-dataset"))
                same_as_table(csv_rows(raw), columns, shown)
                checked += 1
            _, raw = download(page, figure.locator("a[data-download='json']"))
            meta = json.loads(raw)
            if "chart" in meta:
                assert_metadata_matches_registry(meta, charts.STATIC[meta["chart"]].rows())
            else:
                model = registry.get(meta["widget"])
                cited = [p.source for p in model.params if p.source] + [p.source for p in model.presets if p.source]
                assert {s["id"] for s in meta["sources"]} == set(cited)
                assert meta["model_version"] == model.version
                for record in meta["sources"]:
                    assert record["url"] == sources.get(record["id"]).url
    assert checked >= len(charts.STATIC) + 4


def test_widget_files_hold_the_readers_scenario_beside_the_baseline(reader):
    page = reader.goto(TARIFF_PAGE)
    reader.wait_python_ready(TARIFF)
    figure = page.locator(f"#{TARIFF}")
    slider = page.locator(f"#{TARIFF}-fentanyl")
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(figure.locator("dd[data-figure='total']")).not_to_have_text("27.5%")
    figure.locator("details.bx-data > summary").click()
    figure.locator("details.bx-reuse > summary").click()
    expect(figure.locator(".bx-reuse-note")).to_contain_text("scenario you set")

    name, raw = download(page, figure.locator("a[data-download='csv'][data-dataset='point']"))
    assert "your-scenario" in name
    rows = csv_rows(raw)
    assert [r["Scenario"] for r in rows] == ["Baseline: After Busan (10 Nov 2025)", "Your scenario"]
    columns, shown = shown_table(figure, "point")
    same_as_table([r for r in rows if r["Scenario"] == "Your scenario"], columns, shown)
    values = {**MODEL.defaults(), "fentanyl": 11.0}
    expected = MODEL.run(values).data["point"][0]
    assert float(rows[1]["Total tariff (%)"]) == pytest.approx(expected["tariff"])
    assert float(rows[0]["Total tariff (%)"]) == pytest.approx(MODEL.run(MODEL.defaults()).data["point"][0]["tariff"])

    _, raw = download(page, figure.locator("a[data-download='json']"))
    meta = json.loads(raw)
    assert {p["name"]: p["value"] for p in meta["parameters"]} == values
    assert meta["model_version"] == MODEL.version and meta["licence"]["name"] == "CC BY 4.0"
    assert meta["site_version"] == versions.site_version()
    assert f"tariff_stack.fentanyl=11&tariff_stack.v={MODEL.version}" in meta["scenario_link"]

    name, raw = download(page, figure.locator("a[data-download='svg']").first)
    assert name.endswith(".svg") and raw.lstrip().startswith(b"<svg")
    name, raw = download(page, figure.locator("a[data-download='png']").nth(1))
    assert name.endswith(".png") and raw.startswith(b"\x89PNG")

    # "Cite this scenario" names the scenario's own address, with the model's version.
    bibtex = figure.locator(".bx-cite [data-cite='bibtex']").text_content()
    entry = bibtexparser.parse_string(bibtex).entries[0]
    assert entry.fields_dict["url"].value.endswith(f"?tariff_stack.fentanyl=11&tariff_stack.v={MODEL.version}")


def test_widget_csv_from_the_browser_equals_the_build_file_for_the_same_scenario(reader, built_site):
    """One rule, two writers: reuse.js and explainers/downloads.py write the same numbers."""
    page = reader.goto(TARIFF_PAGE + "?tariff_stack.fentanyl=10&tariff_stack.reciprocal=11")
    reader.wait_python_ready(TARIFF)
    page.locator(f"#{TARIFF}-reciprocal").focus()
    page.keyboard.press("ArrowLeft")  # back to the defaults, through the model in the browser
    figure = page.locator(f"#{TARIFF}")
    expect(figure.locator(".bx-reuse-note")).to_contain_text("scenario you set")
    figure.locator("details.bx-reuse > summary").click()
    link = figure.locator("a[data-download='csv'][data-dataset='layers']")
    _, raw = download(page, link)
    built = (built_site / "downloads" / "tariff_stack-after_busan" / "layers.csv").read_bytes()
    assert raw == built
    # A table without a scenario column: the browser adds the baseline; the reader's row is the build's, digit for digit.
    _, raw = download(page, figure.locator("a[data-download='csv'][data-dataset='point']"))
    mine = [{k: v for k, v in r.items() if k != "Scenario"} for r in csv_rows(raw) if r["Scenario"] == "Your scenario"]
    built = [{k: v for k, v in r.items() if k != "Scenario"}
             for r in csv_rows((built_site / "downloads" / "tariff_stack-after_busan" / "point.csv").read_bytes())]
    assert mine == built and "." in built[0]["Imports (no tariff = 100)"]


def test_copy_buttons_copy_a_citation_that_parses(reader, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = reader.goto("rare-earths-101/")
    section = page.locator("#cite-this-page")
    section.get_by_role("button", name="Copy BibTeX").click()
    expect(section.locator(".bx-copy-note")).to_have_text("BibTeX copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    library = bibtexparser.parse_string(copied)
    assert not library.failed_blocks and library.entries[0].fields_dict["url"].value.endswith("/rare-earths-101/")
    section.get_by_role("button", name="Copy APA citation").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("The Busan truce explainer. (")


def test_a_link_of_the_current_version_or_without_one_shows_no_notice(reader):
    for query in (f"?tariff_stack.fentanyl=20&tariff_stack.v={MODEL.version}", "?tariff_stack.fentanyl=20"):
        page = reader.goto(TARIFF_PAGE + query)
        expect(page.locator(f"#{TARIFF}-fentanyl")).to_have_value("20")
        assert page.locator(f"#{TARIFF} .bx-version-note").count() == 0


def bumped(html: str, version: int) -> str:
    """The page as a later build would write it, after the model's version `version` (the test's stand-in
    for a real change of the model, which this build does not have)."""
    def bump(match: re.Match[str]) -> str:
        data = json.loads(match.group(2).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
        if data["metadata"].get("widget") == "tariff_stack":
            data["link"]["version"] = version
            data["link"]["changes"].append({"version": version, "date": "2027-01-15", "anchor": f"model-tariff_stack-v{version}",
                                            "what": "Section 232 tariffs became a layer of their own."})
        text = json.dumps(data, ensure_ascii=False).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return match.group(1) + text + "</template>"
    return re.sub(r'(<template class="bx-reuse"[^>]*>)(.*?)</template>', bump, html, flags=re.S)


def test_a_link_made_with_an_older_model_says_so_in_one_line(reader, site):
    page = reader.page

    def serve_bumped(route):
        response = route.fetch()
        route.fulfill(response=response, body=bumped(response.text(), MODEL.version + 1))

    page.route(re.compile(r".*/busan-meeting/(\?.*)?$"), serve_bumped)
    reader.goto(TARIFF_PAGE + f"?tariff_stack.fentanyl=20&tariff_stack.v={MODEL.version}")
    note = page.locator(f"#{TARIFF} .bx-version-note")
    expect(note).to_contain_text(f"made with version {MODEL.version} of the model; the page now runs version {MODEL.version + 1}")
    expect(note).to_contain_text("Section 232 tariffs became a layer of their own.")
    expect(note.get_by_role("link")).to_have_attribute("href", re.compile(rf"corrections/#model-tariff_stack-v{MODEL.version + 1}$"))
    assert "\n" not in note.text_content()
    # the address now names the version the page runs
    expect(page).to_have_url(re.compile(rf"tariff_stack\.v={MODEL.version + 1}"))
    # an unversioned link is a link made before versions: it gets the notice as well
    reader.goto(TARIFF_PAGE + "?tariff_stack.fentanyl=20")
    expect(page.locator(f"#{TARIFF} .bx-version-note")).to_contain_text(f"made with version {versions.UNVERSIONED}")


def test_static_chart_downloads_work_without_javascript(browser, site, built_site):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.goto(site.url + "rare-earths-101/")
    figure = page.locator("figure.bx-chart").first
    figure.locator("details.bx-reuse > summary").click()
    for kind in ("csv", "json", "svg", "png"):
        link = figure.locator(f"a[data-download='{kind}']")
        name, raw = download(page, link)
        assert name.endswith(f".{kind}")
        assert raw == (page_dir(built_site, "rare-earths-101") / link.get_attribute("href")).resolve().read_bytes()
    context.close()


def page_dir(built_site: Path, path: str) -> Path:
    return built_site / path


def test_print_hides_the_menus_and_copy_buttons_but_keeps_the_citation(reader):
    page = reader.goto("rare-earths-101/")
    expect(page.locator("#cite-this-page button.bx-copy").first).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("details.bx-reuse").first).to_be_hidden()
    expect(page.locator("#cite-this-page button.bx-copy").first).to_be_hidden()
    expect(page.locator("#cite-this-page .bx-cite-apa")).to_be_visible()
