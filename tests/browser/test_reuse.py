"""Reuse in a real browser: every chart's CSV downloads and matches the chart's table, its
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

from explainers import catalog, fence_header, sources, versions
from tests.test_reuse import assert_metadata_matches_registry
from widgets import registry
from widgets.params import format_value

TARIFF = "widget-tariff_stack"
TARIFF_PAGE = "busan-meeting/"
MODEL = registry.get("tariff_stack")
DOCS = Path(__file__).resolve().parents[2] / "docs"
FIGURE_PAGES = sorted(  # every page that names a figure, as the build reads it
    (page.relative_to(DOCS).with_suffix("").as_posix() + "/").removesuffix("index/")
    for page in DOCS.rglob("*.md")
    if any(fence_header.FENCE_HEADER.finditer(page.read_text(encoding="utf-8")))
)


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
    return list(zip(headings, [digits for _, digits in columns], strict=True)), rows


def same_as_table(rows: list[dict[str, str]], columns, shown: list[list[str]]) -> None:
    assert len(rows) == len(shown), (len(rows), len(shown))
    for row, cells in zip(rows, shown, strict=True):
        for (heading, digits), cell in zip(columns, cells, strict=True):
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
                assert_metadata_matches_registry(meta, catalog.STATIC[meta["chart"]].rows())
            else:
                model = registry.get(meta["widget"])
                cited = [p.source for p in model.params if p.source] + [
                    p.source for p in model.presets if p.source
                ]
                assert {s["id"] for s in meta["sources"]} == set(cited)
                assert meta["model_version"] == model.version
                for record in meta["sources"]:
                    assert record["url"] == sources.get(record["id"]).url
    assert checked >= len(catalog.STATIC) + 4


def nudged(model) -> tuple[str, dict[str, float]]:
    """The first setting one step above its default (or below, at the top of its range): a scenario the
    reader makes with one key press."""
    param = model.params[0]
    up = param.default + param.step <= param.maximum
    return ("ArrowRight" if up else "ArrowLeft"), {
        **model.defaults(),
        param.name: param.default + (param.step if up else -param.step),
    }


def test_widget_files_hold_the_readers_scenario_beside_the_baseline(reader):
    page = reader.goto(TARIFF_PAGE)
    reader.wait_python_ready(TARIFF)
    figure = page.locator(f"#{TARIFF}")
    key, values = nudged(MODEL)
    first = MODEL.params[0].name
    page.locator(f"#{TARIFF}-{first}").focus()
    page.keyboard.press(key)
    figure.locator("details.bx-data > summary").click()
    figure.locator("details.bx-reuse > summary").click()
    expect(figure.locator(".bx-reuse-note")).to_contain_text("scenario you set")

    expected = MODEL.run(values).data
    for link in figure.locator("a[data-download='csv']").all():
        name, raw = download(page, link)
        assert "your-scenario" in name
        dataset = link.get_attribute("data-dataset")
        rows = csv_rows(raw)
        assert {r["Scenario"] for r in rows} == {"Baseline", "Your scenario"}
        columns, shown = shown_table(figure, dataset)
        same_as_table(rows, columns, shown)
        assert len(rows) == len(expected[dataset])  # the model's rows, the baseline's and the reader's

    _, raw = download(page, figure.locator("a[data-download='json']"))
    meta = json.loads(raw)
    assert {p["name"]: p["value"] for p in meta["parameters"]} == values
    assert meta["model_version"] == MODEL.version and meta["licence"]["name"] == "CC BY 4.0"
    assert meta["site_version"] == versions.site_version()
    step = format(values[first], "g")
    assert f"tariff_stack.{first}={step}&tariff_stack.v={MODEL.version}" in meta["scenario_link"]

    name, raw = download(page, figure.locator("a[data-download='svg']").first)
    assert name.endswith(".svg") and raw.lstrip().startswith(b"<svg")
    name, raw = download(page, figure.locator("a[data-download='png']").nth(1))
    assert name.endswith(".png") and raw.startswith(b"\x89PNG")

    # "Cite this scenario" names the scenario's own address, with the model's version.
    bibtex = figure.locator(".bx-cite [data-cite='bibtex']").text_content()
    entry = bibtexparser.parse_string(bibtex).entries[0]
    assert entry.fields_dict["url"].value.endswith(
        f"?tariff_stack.{first}={step}&tariff_stack.v={MODEL.version}"
    )


def test_widget_csv_from_the_browser_equals_the_build_file_for_the_same_scenario(reader, built_site):
    """One rule, two writers: reuse.js and explainers/downloads.py write the same file, digit for digit."""
    key, values = nudged(MODEL)
    first = MODEL.params[0]
    back = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
    page = reader.goto(TARIFF_PAGE + f"?tariff_stack.{first.name}={values[first.name]:g}")
    reader.wait_python_ready(TARIFF)
    page.locator(f"#{TARIFF}-{first.name}").focus()
    page.keyboard.press(back)  # back to the defaults, through the model in the browser
    figure = page.locator(f"#{TARIFF}")
    expect(page.locator(f"#{TARIFF}-{first.name}")).to_have_value(f"{first.default:g}")
    expect(figure.locator(".bx-reuse-note")).to_contain_text("scenario you set")
    figure.locator("details.bx-reuse > summary").click()
    for link in figure.locator("a[data-download='csv']").all():
        _, raw = download(page, link)
        built = (
            built_site / "downloads" / "tariff_stack" / f"{link.get_attribute('data-dataset')}.csv"
        ).read_bytes()
        assert raw == built
    # decimals were compared, not only whole numbers
    assert any("." in v for v in csv_rows(built)[0].values())
    _, raw = download(page, figure.locator("a[data-download='json']"))
    mine = json.loads(raw)
    built = json.loads(
        (built_site / "downloads" / "tariff_stack" / "metadata.json").read_text(encoding="utf-8")
    )
    scenario_only = {"scenario", "scenario_link", "citation", "generated", "edited_model"}
    assert {k: v for k, v in mine.items() if k not in scenario_only} == {
        k: v for k, v in built.items() if k not in scenario_only
    }


def test_copy_buttons_copy_a_citation_that_parses(reader, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = reader.goto("rare-earths-101/")
    section = page.locator("#cite-this-page")
    section.get_by_role("button", name="Copy BibTeX").click()
    expect(section.locator(".bx-copy-note")).to_have_text("BibTeX copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    library = bibtexparser.parse_string(copied)
    assert not library.failed_blocks and library.entries[0].fields_dict["url"].value.endswith(
        "/rare-earths-101/"
    )
    section.get_by_role("button", name="Copy APA citation").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("The Busan truce explainer. (")


def test_a_link_of_the_current_version_shows_no_notice(reader):
    page = reader.goto(TARIFF_PAGE + f"?tariff_stack.fentanyl=20&tariff_stack.v={MODEL.version}")
    expect(page.locator(f"#{TARIFF}-fentanyl")).to_have_value("20")
    assert page.locator(f"#{TARIFF} .bx-version-note").count() == 0


@pytest.mark.parametrize("made", ["&tariff_stack.v=1", ""], ids=["version 1", "no version"])
def test_a_link_made_with_an_older_model_says_so_in_one_line(reader, made):
    if MODEL.version == 1:
        pytest.skip("the model has had one version only")
    page = reader.goto(TARIFF_PAGE + f"?tariff_stack.fentanyl=20{made}")
    note = page.locator(f"#{TARIFF} .bx-version-note")
    expect(note).to_contain_text(
        f"made with version 1 of the model; the page now runs version {MODEL.version}"
    )
    latest = versions.history("tariff_stack")[-1]
    expect(note).to_contain_text(latest.what)  # what changed, from the changes log
    expect(note.get_by_role("link")).to_have_attribute("href", re.compile(rf"corrections/#{latest.anchor}$"))
    note.get_by_role("link").click()
    expect(page.locator(f"#{latest.anchor}")).to_be_visible()  # the log's entry for that version


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
        assert (
            raw
            == (page_dir(built_site, "rare-earths-101") / link.get_attribute("href")).resolve().read_bytes()
        )
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
