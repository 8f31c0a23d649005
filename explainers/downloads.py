"""Every chart's data and picture as files a reader can reuse, like Our World in Data's: the data as CSV,
the chart as SVG and PNG, and a metadata JSON (title, sources with addresses, licence, as-of date, site
version; for a widget also its settings and its model's version).

Static charts: the files are written at build time and the menu is plain `<a download>` links, so it
works without JavaScript. Widgets: the build writes the same files for the scenario a figure starts
from (what a reader without JavaScript sees), and widgets/runtime/reuse.js makes them again in the
browser from what the model returned for the reader's scenario, by the rules written here:

- CSV: UTF-8 with a byte-order mark (Excel reads a file without one in the reader's legacy code page, and
  the labels have curly quotes and dashes; Google Sheets, LibreOffice, R and pandas skip the mark), a
  header row whose names carry the units, plain numbers (a point for decimals, no thousands separators,
  at most six decimals), ISO dates, CRLF line ends (RFC 4180), quotes only where a field needs them.
- File names: `<figure>-<part>-<date>.<ext>`; the browser writes `your-scenario-<date of download>`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from html import escape
from pathlib import Path
from typing import Any

import vl_convert
from markupsafe import Markup

from explainers import catalog, cite, corrections, fence_header, sources, versions
from explainers.charts.base import StaticChart, Table, to_spec
from explainers.markup import json_block, render
from explainers.vega_build import rendered_svg
from widgets.model import Model

FOLDER = "downloads"
SITE_LINK = "bx-site:"  # a site-relative address; the build hook makes it relative to the page
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
BOM = "\ufeff"
SCENARIO = "scenario"  # the column that says which scenario a row belongs to
PNG_SCALE = 2  # pixels per SVG unit: sharp on a projector and in slides
# each setting in a widget's metadata
PARAMETER_FIELDS = ("name", "label", "unit", "default", "source", "assumption")


def plain_number(value: Any) -> str:
    """A number as a spreadsheet reads it everywhere: 270000, 12.5, -0.25 (no separators, ≤ 6 decimals).
    Mirrored by reuse.js `plainNumber` (tests/cases/contract_cases.json holds the two together): rounded
    as its toFixed(6) rounds, the float's exact value with a tie away from zero (round() would take the
    even neighbour: 0.0078125 is 0.007812 there, 0.007813 in the browser)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        number = float(value)
        if math.isfinite(number):
            with localcontext(prec=400):  # room for every digit of any float
                number = float(Decimal(number).quantize(Decimal("1e-6"), rounding=ROUND_HALF_UP))
        text = repr(number + 0.0)  # + 0.0: no negative zero; repr: the shortest digits, as JavaScript's
        if math.isfinite(number) and abs(number) < 1e21:  # where JavaScript writes them out: 0.00001, 1e20
            text = f"{Decimal(text):f}"
        return text.removesuffix(".0")
    return str(value)


def _field(text: str) -> str:
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(c in text for c in ',"\r\n') else text


def csv_text(header: list[str], rows: Iterable[list[Any]]) -> str:
    lines = [",".join(_field(h) for h in header)]
    lines += [",".join(_field(plain_number(v)) for v in row) for row in rows]
    return BOM + "\r\n".join(lines) + "\r\n"


def table_csv(
    table: Table,
    rows: list[dict[str, Any]],
    scenario: str | None = None,
    extra: tuple[tuple[str, str], ...] = (),
) -> str:
    """A table's rows with its own column headings (units included). A widget's table without a scenario
    column gets one first (`scenario` names the rows); a static chart adds its rows' source ids."""
    keys = [c.key for c in table.columns]
    header = [c.heading for c in table.columns]
    labelled = scenario is not None and SCENARIO not in keys
    if labelled:
        header = ["Scenario", *header]
    header += [heading for _, heading in extra]
    body = [
        ([row.get(SCENARIO, scenario)] if labelled else [])
        + [row.get(k, "") for k in keys]
        + [row.get(k, "") for k, _ in extra]
        for row in rows
    ]
    return csv_text(header, body)


def download_svg(svg: str, title: str) -> str:
    """A picture as a standalone file: visible to assistive technology, titled, on a white ground."""
    svg = svg.replace('<svg aria-hidden="true" focusable="false" ', '<svg role="img" ', 1)
    head, rest = svg.split(">", 1)
    return f'{head}><title>{escape(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>{rest}'


@dataclass(frozen=True)
class Entry:
    """One link of a figure's download menu, and the file behind it."""

    kind: str  # csv, json, svg, png
    part: str  # the dataset's name, "metadata" or "chart-1"
    label: str
    content: bytes
    dataset: str = ""
    view: int = -1


@dataclass(frozen=True)
class FigureFiles:
    stem: str  # chart name, or widget name with its starting preset
    title: str
    entries: tuple[Entry, ...]
    metadata: dict[str, Any]

    def site_path(self, entry: Entry) -> str:
        return f"{FOLDER}/{self.stem}/{entry.part}.{entry.kind}"

    def file_name(self, entry: Entry) -> str:
        return f"{self.stem}-{entry.part}-{corrections.as_of().isoformat()}.{entry.kind}"

    def files(self) -> dict[str, bytes]:
        return {self.site_path(e): e.content for e in self.entries}


def source_records(ids: Iterable[str]) -> list[dict[str, str]]:
    records = []
    for source_id in dict.fromkeys(ids):
        source = sources.get(source_id)
        records.append(
            {
                "id": source.id,
                "title": source.title,
                "publisher": source.publisher,
                "author": source.author,
                "date": source.date,
                "url": source.url,
            }
        )
    return records


def _common(title: str, description: str, source_ids: Iterable[str], kind: str, url: str) -> dict[str, Any]:
    as_of = corrections.as_of()
    citation = cite.Citation(title, url, as_of, versions.site_version(), kind)
    return {
        "title": title,
        "description": description,
        "publisher": cite.AUTHOR,
        "licence": LICENCE,
        "as_of": as_of.isoformat(),
        "site_version": versions.site_version(),
        "citation": citation.apa(),
        "sources": source_records(source_ids),
    }


def _pictures(specs: list[dict[str, Any]], titles: list[str]) -> list[Entry]:
    entries = []
    for i, (spec, title) in enumerate(zip(specs, titles, strict=True)):
        svg = download_svg(rendered_svg(spec, "default"), title)
        number = f"chart-{i + 1}"
        entries.append(Entry("svg", number, f"Chart as SVG: {title}", svg.encode(), view=i))
        entries.append(
            Entry(
                "png", number, f"Chart as PNG: {title}", vl_convert.svg_to_png(svg, scale=PNG_SCALE), view=i
            )
        )
    return entries


def _view_title(spec: dict[str, Any], fallback: str) -> str:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return title if isinstance(title, str) and title else fallback


def static_files(chart: StaticChart, site_url: str) -> FigureFiles:
    rows = chart.rows()
    spec = to_spec(chart.build(rows))
    cited = [s for row in rows for s in sources.split_ids(row["source"])]
    metadata = {
        **_common(chart.title, chart.description, cited, "Chart and data", site_url),
        "chart": chart.name,
        "columns": [{"name": c.heading, "key": c.key} for c in chart.table.columns]
        + [{"name": "Source", "key": "source", "note": "ids of the sources listed below, separated by ';'"}],
    }
    data = table_csv(chart.table, rows, extra=(("source", "Source"),))
    entries = [
        Entry(
            "csv", "data", f"Data as CSV: {chart.table.caption}", data.encode(), dataset=chart.table.dataset
        ),
        Entry(
            "json", "metadata", "Metadata as JSON: title, sources, licence, date, version", _json(metadata)
        ),
        *_pictures([spec], [chart.title]),
    ]
    return FigureFiles(chart.name, chart.title, tuple(entries), metadata)


def start(model: Model, preset: str | None) -> tuple[dict[str, float], str]:
    """The settings a widget figure starts from and their name: one of its presets, or its defaults (as
    explainers/figures.py starts it; the start is also the figure's baseline)."""
    for candidate in model.presets:
        if candidate.key == preset:
            return dict(candidate.values), candidate.label
    return model.defaults(), "Default settings"


def widget_metadata(widget: catalog.Widget, preset: str | None, url: str) -> dict[str, Any]:
    model, charts = widget.model, widget.charts
    values, label = start(model, preset)
    cited = [p.source for p in model.params if p.source] + [p.source for p in model.presets if p.source]
    return {
        **_common(model.title, charts.description, cited, f"Interactive model, version {model.version}", url),
        "widget": model.name,
        "model_version": model.version,
        "scenario": label,
        "baseline": label,
        "scenario_link": url,
        "parameters": [
            {**{f: getattr(p, f) for f in PARAMETER_FIELDS}, "value": values[p.name]} for p in model.params
        ],
        "tables": [{"dataset": t.dataset, "caption": t.caption} for t in charts.tables],
        "note": "An illustration of the arithmetic, not a forecast.",
    }


def page_address(site_url: str, src_uri: str) -> str:
    """A page's address as MkDocs writes it (directory URLs): busan-meeting.md -> <site>/busan-meeting/."""
    path = src_uri.removesuffix(".md")
    path = path.removesuffix("index") if path == "index" or path.endswith("/index") else path + "/"
    return site_url + path if site_url else ""


def widget_files(widget: catalog.Widget, preset: str | None, site_url: str) -> FigureFiles:
    model, charts = widget.model, widget.charts
    values, label = start(model, preset)
    result = model.run(values, preset)
    specs = [to_spec(view(), result.data) for view in charts.views]
    stem = f"{model.name}-{preset}" if preset else model.name
    metadata = widget_metadata(widget, preset, page_address(site_url, widget.explained_on))
    entries = [
        Entry(
            "csv",
            t.dataset,
            f"Data as CSV: {t.caption}",
            table_csv(t, result.data[t.dataset], label).encode(),
            dataset=t.dataset,
        )
        for t in charts.tables
    ]
    entries.append(
        Entry(
            "json",
            "metadata",
            "Metadata as JSON: title, sources, licence, date, version, settings",
            _json(metadata),
        )
    )
    entries += _pictures(specs, [_view_title(s, model.title) for s in specs])
    return FigureFiles(stem, model.title, tuple(entries), metadata)


def _json(payload: Any) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode()


def starting_states(docs: Path) -> dict[str, list[str | None]]:
    """widget -> the presets its figures start from: None for its defaults (its embed page), and each preset
    a page starts it from (```widget rare_earth_supply preset="truce_lapses"```)."""
    states: dict[str, list[str | None]] = {name: [None] for name in catalog.WIDGETS}
    for page in docs.rglob("*.md"):
        for header in fence_header.page_headers(
            page.read_text(encoding="utf-8"), "widget", page.relative_to(docs).as_posix()
        ):
            if header.preset and header.preset not in states[header.name]:
                states[header.name].append(header.preset)
    return states


def all_files(site_url: str, docs: Path) -> dict[str, bytes]:
    """Every file the download menus link to, made once per build: each static chart, and each widget
    from each state a figure starts from."""
    global _site_url
    _cache.clear()
    _site_url = site_url
    found: dict[str, bytes] = {}
    for chart in catalog.STATIC.values():
        found.update(static_files_cached(chart).files())
    for name, presets in starting_states(docs).items():
        for preset in presets:
            found.update(widget_files_cached(catalog.widget(name), preset).files())
    return found


def menu_html(files: FigureFiles, note: str, extra: str = "") -> Markup:
    """The download menu under a figure (templates/download_menu.html); `extra` is a citation."""
    return render(
        "download_menu.html",
        files=files,
        note=note,
        extra=extra,
        site_link=SITE_LINK,
        licence=LICENCE,
        author=cite.AUTHOR,
        as_of=corrections.as_of_text(),
        version=versions.site_version(),
    )


def static_menu_html(chart: StaticChart) -> Markup:
    return menu_html(static_files_cached(chart), "The data as in the table above, with each row's sources.")


def widget_menu_html(widget: catalog.Widget, widget_id: str, preset: str | None) -> Markup:
    """The widget's menu, its "cite this scenario" block, and (in an inert template) what reuse.js needs
    to remake the files for the reader's scenario and to version its links."""
    model, charts = widget.model, widget.charts
    files = widget_files_cached(widget, preset)
    _, label = start(model, preset)
    citation = cite.Citation(
        model.title,
        cite.PAGE_URL,
        corrections.as_of(),
        versions.site_version(),
        f"Interactive model, version {model.version}",
        key=f"busan-explainer-{model.name}-scenario-{corrections.as_of().year}",
    )
    reuse = {
        # The settings are in the figure's bx-meta already: reuse.js adds them, with their current values.
        "metadata": {
            **{k: v for k, v in files.metadata.items() if k != "parameters"},
            "scenario_link": cite.PAGE_URL,
            "citation": citation.apa(),
        },
        "parameterFields": PARAMETER_FIELDS,
        "tables": [
            {"dataset": t.dataset, "columns": [[c.key, c.heading] for c in t.columns]} for t in charts.tables
        ],
        "link": versions.link_data(model),
        "changesPage": f"{SITE_LINK}corrections/",
    }
    note = (
        f"Without JavaScript, these files hold the starting scenario, {label}. With it, they hold the "
        "scenario you set beside its baseline, dated the day you download them."
    )
    scenario_cite = cite.block_html(citation, "Cite this scenario", f"{widget_id}-cite", level="p")
    return menu_html(files, note, scenario_cite) + json_block("bx-reuse", reuse)


# Made once per build (all_files, from the build hook's on_files); the fences then only read them.
_cache: dict[Any, FigureFiles] = {}
_site_url = ""


def static_files_cached(chart: StaticChart) -> FigureFiles:
    key = ("chart", chart.name)
    if key not in _cache:
        _cache[key] = static_files(chart, _site_url)
    return _cache[key]


def widget_files_cached(widget: catalog.Widget, preset: str | None) -> FigureFiles:
    key = ("widget", widget.name, preset)
    if key not in _cache:
        _cache[key] = widget_files(widget, preset, _site_url)
    return _cache[key]


def link_site_paths(html: str, page_url: str, canonical_url: str) -> str:
    """Make the figures' site-relative addresses relative to the page (any sub-path works), and put the
    page's own address where a citation needs it."""
    depth = page_url.count("/")
    root = "../" * depth or "./"
    return html.replace(SITE_LINK, root).replace(cite.PAGE_URL, canonical_url)
