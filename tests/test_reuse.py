"""Reuse: every chart's files, citations that parse, model versions that cannot drift from the
model, and lesson links that say which model version they were written for."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from html import unescape
from pathlib import Path

import bibtexparser
import pytest

from explainers import (
    catalog,
    catalogs,
    cite,
    contract,
    corrections,
    download_csv,
    model_notes,
    short_pages,
    sources,
    versions,
)
from widgets import registry

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(registry.MODELS))
def test_each_model_version_is_logged_with_the_fingerprint_of_its_equations(name):
    model = registry.get(name)
    logged = versions.history(name)  # raises unless versions 1..model.version are all logged
    now = versions.fingerprint(model)
    assert logged[-1].fingerprint == now, (
        f"{name}'s settings, defaults or results changed since version {model.version} was logged "
        f"(fingerprint {logged[-1].fingerprint}, now {now}). Raise `version` to {model.version + 1} in "
        f"widgets/{name}.py and add a [[model_version]] entry to explainers/corrections.toml saying what "
        f'changed, with fingerprint = "{now}".'
    )
    assert all(v.what.strip() for v in logged)


def test_a_model_version_without_a_log_entry_fails(monkeypatch):
    widget = catalog.widget("tariff_stack")
    bumped = dataclasses.replace(widget.model, version=widget.model.version + 1)
    monkeypatch.setitem(catalog.WIDGETS, "tariff_stack", dataclasses.replace(widget, model=bumped))
    with pytest.raises(versions.UnloggedModelVersion, match="tariff_stack is at version"):
        versions.history("tariff_stack")


def test_the_fingerprint_sees_a_changed_default(monkeypatch):
    model = registry.get("tariff_stack")
    first, *rest = model.params
    changed = type(model)(
        **{
            **model.__dict__,
            "params": (type(first)(**{**first.__dict__, "default": first.default + 1}), *rest),
        }
    )
    assert versions.fingerprint(changed) != versions.fingerprint(model)


def test_no_setting_is_called_like_the_version_key():
    for model in registry.MODELS.values():
        assert versions.VERSION_KEY not in {p.name for p in model.params}, model.name


def test_a_lesson_link_without_the_model_version_is_refused():
    keys = versions.widget_keys(ROOT / "docs")
    page = "teachers/lesson-x.md"
    bad = "Open [the scenario](../busan-meeting.md?tariff_stack.fentanyl=20)."
    good = f"Open [the scenario](../busan-meeting.md?tariff_stack.fentanyl=20&tariff_stack.v={registry.get('tariff_stack').version})."
    problems = versions.unversioned_links(bad, page, keys)
    assert problems and "add &tariff_stack.v=" in problems[0]
    assert versions.unversioned_links(good, page, keys) == []
    # a second copy of a widget has its own key (?truce-lapses.stockpile=6)
    assert versions.unversioned_links("[x](../one-year-pause.md?truce-lapses.stockpile=6)", page, keys)


def test_csv_numbers_are_plain():
    assert [
        download_csv.plain_number(v) for v in (270000.0, 12.5, 0.1 + 0.2, -1e-9, 7, True, "2025-11-01")
    ] == [
        "270000",
        "12.5",
        "0.3",
        "0",
        "7",
        "true",
        "2025-11-01",
    ]


def test_csv_is_utf8_with_bom_a_header_with_units_and_crlf():
    text = download_csv.table_csv(
        catalog.STATIC["rare_earth_production"].table,
        catalog.STATIC["rare_earth_production"].rows(),
        extra=(("source", "Source"),),
    )
    assert text.startswith(download_csv.BOM) and text.endswith("\r\n") and "\r\n" in text
    header = next(csv.reader(io.StringIO(text.removeprefix(download_csv.BOM))))
    assert header == [c.heading for c in catalog.STATIC["rare_earth_production"].table.columns] + ["Source"]
    assert (
        download_csv.csv_text(["a, b", 'say "x"'], [["1,2", 3]])
        == download_csv.BOM + '"a, b","say ""x"""\r\n"1,2",3\r\n'
    )


@pytest.mark.parametrize("name", sorted(registry.MODELS))
def test_what_you_should_know_is_three_to_five_sentences_naming_every_setting(name):
    model = registry.get(name)
    said = model_notes.sentences(model)
    assert 3 <= len(said) <= 5
    text = " ".join(said)
    for param in model.params:
        assert param.label in text, (
            f"{name}: {param.label} is neither sourced nor a teaching value in the notes"
        )
    assert f"version {model.version}" in text


# The built site ------------------------------------------------------------------------------------------


def figures_in(page: Path) -> list[str]:
    return re.findall(r'<figure class="bx-figure.*?</figure>', page.read_text(encoding="utf-8"), re.S)


def table_rows(figure: str) -> list[list[str]]:
    found = re.search(r"<tbody>(.*?)</tbody>", figure, re.S)
    assert found, "the figure has no table"
    body = found.group(1)
    return [
        [unescape(c) for c in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(download_csv.BOM.encode()), path
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def english_pages(site: Path) -> list[Path]:
    """The English edition's pages (the Russian edition under ru/ writes its tables and words in Russian)."""
    return [p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith("ru/")]


def test_static_chart_downloads_are_build_files_matching_the_table_and_the_sources(built_site):
    checked = 0
    for page in english_pages(built_site):
        for figure in figures_in(page):
            if "bx-widget" in figure.split(">", 1)[0]:
                continue
            links = dict(re.findall(r'<a href="([^"]+)" download="[^"]+" data-download="(\w+)"', figure))
            by_kind = {kind: (page.parent / href).resolve() for href, kind in links.items()}
            assert set(by_kind) == {"csv", "json", "svg", "png"}, page
            name = re.search(r"downloads/([^/]+)/", next(iter(links))).group(1)
            chart = catalog.STATIC[name]
            rows = read_csv(by_kind["csv"])
            shown = table_rows(figure)
            assert len(rows) == len(shown)
            for row, cells in zip(rows, shown, strict=True):
                for column, cell in zip(chart.table.columns, cells, strict=True):
                    value = row[column.heading]
                    text = value if column.digits is None else downloads_format(float(value), column.digits)
                    assert text == cell, f"{name}: {column.heading} {value} vs {cell}"
                for source_id in sources.split_ids(row["Source"]):
                    sources.get(source_id)
            meta = json.loads(by_kind["json"].read_text(encoding="utf-8"))
            assert_metadata_matches_registry(meta, chart.rows())
            assert by_kind["svg"].read_text(encoding="utf-8").startswith("<svg")
            assert by_kind["png"].read_bytes().startswith(b"\x89PNG")
            checked += 1
    assert checked >= len(catalog.STATIC)


def downloads_format(value: float, digits: int) -> str:
    from widgets.params import format_value

    return format_value(value, "", digits)


def assert_metadata_matches_registry(meta: dict, rows: list[dict]) -> None:
    assert meta["licence"]["name"] == "CC BY 4.0"
    assert meta["as_of"] == corrections.as_of().isoformat()
    assert meta["site_version"] == versions.site_version()
    cited = {s for row in rows for s in sources.split_ids(row["source"])}
    assert {s["id"] for s in meta["sources"]} == cited
    for record in meta["sources"]:
        source = sources.get(record["id"])
        assert (record["title"], record["publisher"], record["date"], record["url"]) == (
            source.title,
            source.publisher,
            source.date,
            source.url,
        )


def test_widget_menus_carry_their_model_version_and_start_files(built_site):
    for page in english_pages(built_site):
        for figure in figures_in(page):
            if "bx-widget" not in figure.split(">", 1)[0]:
                continue
            reuse = json.loads(
                unescape(
                    re.search(r'<template class="bx-reuse"[^>]*>(.*?)</template>', figure, re.S).group(1)
                )
            )
            model = registry.get(reuse["metadata"]["widget"])
            assert reuse["link"]["version"] == model.version
            assert [c["version"] for c in reuse["link"]["changes"]] == list(range(1, model.version + 1))
            for href in re.findall(r'<a href="([^"]+)" download=', figure):
                assert (page.parent / href).resolve().is_file(), href
            assert "What you should know about this model." in figure


def test_every_page_has_a_citation_whose_bibtex_parses(built_site):
    pages = [
        p
        for p in built_site.rglob("index.html")
        if not short_pages.is_forward(p.relative_to(built_site).as_posix())
    ]
    assert len(pages) > 15
    keys = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        block = re.search(r'<section class="bx-cite" id="cite-this-page".*?</section>', html, re.S)
        assert block, page
        bibtex = unescape(re.search(r"<code>(.*?)</code>", block.group(0), re.S).group(1))
        library = bibtexparser.parse_string(bibtex)
        assert not library.failed_blocks and len(library.entries) == 1, bibtex
        entry = library.entries[0]
        fields = {k: f.value for k, f in entry.fields_dict.items()}
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert fields["url"] == canonical
        assert fields["version"] == versions.site_version()
        assert fields["year"] == str(corrections.as_of().year)
        assert entry.key not in keys
        keys.add(entry.key)
        apa = unescape(re.search(r'data-cite="apa">(.*?)</p>', block.group(0)).group(1))
        if page.relative_to(built_site).as_posix().startswith("ru/"):  # APA's order, in the edition's words
            author = catalogs.compiled("ru").messages[cite.AUTHOR]
            assert apa.startswith(f"{author}. (") and f"{corrections.as_of().year}" in apa, apa
        else:
            assert apa.startswith(f"{cite.AUTHOR}. ({corrections.as_of().year}, "), apa
        assert apa.endswith(canonical), apa


def test_lesson_links_carry_the_model_version(built_site):
    html = (built_site / "teachers" / "lesson-tariffs" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="[^"]*\?([^"]+)"', html)
    assert links and all(
        f"tariff_stack.v={registry.get('tariff_stack').version}" in unescape(q) for q in links
    )


def test_the_page_reads_the_version_key_from_the_build(built_site):
    """One VERSION_KEY: versions.py's, carried to link-version.js by the generated contract.js."""
    built = (built_site / contract.MODULE).read_text(encoding="utf-8")
    assert built == contract.runtime_module()
    assert f"export const VERSION_KEY = {json.dumps(versions.VERSION_KEY)};" in built
    script = (ROOT / "widgets" / "runtime" / "link-version.js").read_text(encoding="utf-8")
    assert 'import { VERSION_KEY } from "./contract.js";' in script
