"""Every chart's data and picture as files a reader can reuse, like Our World in Data's: the data as CSV
(explainers/download_csv.py), the chart as SVG and PNG (download_pictures.py) and a metadata JSON
(download_metadata.py), listed in a menu under the figure (download_menu.py).

Static charts: the files are written at build time and the menu is plain `<a download>` links, so it
works without JavaScript. Widgets: the build writes the same files for the scenario a figure starts
from (what a reader without JavaScript sees), and widgets/runtime/reuse.js makes them again in the
browser from what the model returned for the reader's scenario, by the same rules.
File names: `<figure>-<part>-<date>.<ext>`; the browser writes `your-scenario-<date of download>`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explainers import catalog, cite, corrections, fence_header
from explainers.charts.base import StaticChart, to_spec
from explainers.download_csv import table_csv
from explainers.download_metadata import page_address, static_metadata, widget_metadata
from explainers.download_pictures import png_file, svg_file, view_title
from widgets.words import _

FOLDER = "downloads"
SITE_LINK = "bx-site:"  # a site-relative address; the build makes it relative to the page


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


def _pictures(specs: list[dict[str, Any]], titles: list[str]) -> list[Entry]:
    entries = []
    for i, (spec, title) in enumerate(zip(specs, titles, strict=True)):
        svg = svg_file(spec, title)
        number = f"chart-{i + 1}"
        entries.append(Entry("svg", number, _("Chart as SVG: {title}").format(title=title), svg, view=i))
        entries.append(
            Entry("png", number, _("Chart as PNG: {title}").format(title=title), png_file(svg), view=i)
        )
    return entries


def _json(payload: Any) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode()


def static_files(chart: StaticChart, site_url: str) -> FigureFiles:
    rows = chart.rows()
    spec = to_spec(chart.build(rows))
    metadata = static_metadata(chart, rows, site_url)
    data = table_csv(chart.table, rows, extra=(("source", "Source"),))
    entries = [
        Entry(
            "csv",
            "data",
            _("Data as CSV: {table}").format(table=_(chart.table.caption)),
            data.encode(),
            dataset=chart.table.dataset,
        ),
        Entry(
            "json", "metadata", _("Metadata as JSON: title, sources, licence, date, version"), _json(metadata)
        ),
        *_pictures([spec], [_(chart.title)]),
    ]
    return FigureFiles(chart.name, chart.title, tuple(entries), metadata)


def widget_files(widget: catalog.Widget, preset: str | None, site_url: str) -> FigureFiles:
    model, charts = widget.model, widget.charts
    start = model.start(preset)
    result = model.run(start.values, preset)
    specs = [to_spec(view(), result.data) for view in charts.views]
    stem = f"{model.name}-{preset}" if preset else model.name
    metadata = widget_metadata(widget, start, page_address(site_url, widget.explained_on))
    entries = [
        Entry(
            "csv",
            t.dataset,
            _("Data as CSV: {table}").format(table=_(t.caption)),
            table_csv(t, result.data[t.dataset], start.label).encode(),
            dataset=t.dataset,
        )
        for t in charts.tables
    ]
    entries.append(
        Entry(
            "json",
            "metadata",
            _("Metadata as JSON: title, sources, licence, date, version, settings"),
            _json(metadata),
        )
    )
    entries += _pictures(specs, [view_title(s, model.title) for s in specs])
    return FigureFiles(stem, model.title, tuple(entries), metadata)


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


class Downloads:
    """One build's download files: each static chart's, and each widget's from each state a figure starts
    from. Made once (the build asks for `files()` when it lists the site's files); the figures' fences
    then read their menus from here."""

    def __init__(self, site_url: str, docs: Path) -> None:
        self.site_url = site_url
        self.docs = docs
        self._charts: dict[str, FigureFiles] = {}
        self._widgets: dict[tuple[str, str | None], FigureFiles] = {}

    def static(self, chart: StaticChart) -> FigureFiles:
        if chart.name not in self._charts:
            self._charts[chart.name] = static_files(chart, self.site_url)
        return self._charts[chart.name]

    def widget(self, widget: catalog.Widget, preset: str | None) -> FigureFiles:
        key = (widget.name, preset)
        if key not in self._widgets:
            self._widgets[key] = widget_files(widget, preset, self.site_url)
        return self._widgets[key]

    def files(self) -> dict[str, bytes]:
        """site path -> content, for every file the menus link to."""
        found: dict[str, bytes] = {}
        for chart in catalog.STATIC.values():
            found.update(self.static(chart).files())
        for name, presets in starting_states(self.docs).items():
            for preset in presets:
                found.update(self.widget(catalog.widget(name), preset).files())
        return found


def link_site_paths(html: str, page_url: str, canonical_url: str) -> str:
    """Make the figures' site-relative addresses relative to the page (any sub-path works), and put the
    page's own address where a citation needs it."""
    depth = page_url.count("/")
    root = "../" * depth or "./"
    return html.replace(SITE_LINK, root).replace(cite.PAGE_URL, canonical_url)
