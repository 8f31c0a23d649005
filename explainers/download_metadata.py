"""The metadata JSON of a figure's downloads, as Our World in Data writes one: title, sources with their
addresses, licence, as-of date and site version; for a widget also its settings and its model's version."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from explainers import catalog, cite, corrections, sources, versions
from explainers.charts.base import StaticChart
from widgets.model import Start

LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
# each setting in a widget's metadata
PARAMETER_FIELDS = ("name", "label", "unit", "default", "source", "assumption")


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


def static_metadata(chart: StaticChart, rows: list[dict[str, str]], url: str) -> dict[str, Any]:
    cited = [s for row in rows for s in sources.split_ids(row["source"])]
    return {
        **_common(chart.title, chart.description, cited, "Chart and data", url),
        "chart": chart.name,
        "columns": [{"name": c.heading, "key": c.key} for c in chart.table.columns]
        + [{"name": "Source", "key": "source", "note": "ids of the sources listed below, separated by ';'"}],
    }


def widget_metadata(widget: catalog.Widget, start: Start, url: str) -> dict[str, Any]:
    model, charts = widget.model, widget.charts
    cited = [p.source for p in model.params if p.source] + [p.source for p in model.presets if p.source]
    return {
        **_common(model.title, charts.description, cited, f"Interactive model, version {model.version}", url),
        "widget": model.name,
        "model_version": model.version,
        "scenario": start.label,
        "baseline": start.label,
        "scenario_link": url,
        "parameters": [
            {**{f: getattr(p, f) for f in PARAMETER_FIELDS}, "value": start.values[p.name]}
            for p in model.params
        ],
        "tables": [{"dataset": t.dataset, "caption": t.caption} for t in charts.tables],
        "note": "An illustration of the arithmetic, not a forecast.",
    }


def page_address(site_url: str, src_uri: str) -> str:
    """A page's address as MkDocs writes it (directory URLs): busan-meeting.md -> <site>/busan-meeting/."""
    path = src_uri.removesuffix(".md")
    path = path.removesuffix("index") if path == "index" or path.endswith("/index") else path + "/"
    return site_url + path if site_url else ""
