"""Everything a chart reads, from one place: sourced data sets (CSV files in explainers/data/, each row
carrying a `source` that resolves) and the map outlines of the pinned `world-atlas` npm package."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

from explainers import runtime_assets, sources
from widgets.words import _

DATA_DIR = Path(__file__).with_name("data")

# The columns of each data set whose words a reader sees (a chart's legend, tooltip or table, the truce's
# terms table): `make messages` extracts their values (explainers/messages.py), and `translated` writes them
# in the build's language. Every other column stays as written: keys, ids, dates, numbers and sources.
READER_TEXT: dict[str, tuple[str, ...]] = {
    "central_asia_map": ("country", "role"),
    "china_share_by_stage": ("stage", "measure"),
    "china_tariffs_on_us_2025": ("note",),
    "rare_earth_production_2024": ("country",),
    "truce_terms": ("side", "what", "outcome_note"),
    "us_tariffs_on_china_2025": ("note",),
}


class UnsourcedRow(ValueError):
    pass


@cache
def _read(name: str) -> tuple[dict[str, str], ...]:
    path = DATA_DIR / f"{name}.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = tuple(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):  # line 1 is the header
        ids = sources.split_ids(row.get("source") or "")
        if not ids:
            raise UnsourcedRow(f"{path.name}, line {number}: a row without a source does not enter the site")
        for source_id in ids:
            sources.get(source_id)  # raises UnknownSource
    return rows


def load(name: str) -> list[dict[str, str]]:
    """The rows of one data set, as strings; callers convert the columns they chart."""
    return [dict(row) for row in _read(name)]


def translated(name: str) -> list[dict[str, str]]:
    """The rows of one data set with the words a reader sees (READER_TEXT) in the build's language, each
    value's translation keyed by its English text; an empty value stays empty."""
    shown = READER_TEXT.get(name, ())
    return [
        {column: _(value) if column in shown and value else value for column, value in row.items()}
        for row in _read(name)
    ]


def row_sources(rows: list[dict[str, str]]) -> list[str]:
    """Every source id the rows cite, in first-seen order."""
    seen: dict[str, None] = {}
    for row in rows:
        for source_id in sources.split_ids(row["source"]):
            seen.setdefault(source_id)
    return list(seen)


@cache
def country_outlines() -> dict[str, Any]:
    """Natural Earth's country outlines (TopoJSON, 1:110m), as installed with the site's other npm packages."""
    path = runtime_assets.NODE_MODULES / "world-atlas" / "countries-110m.json"
    if not path.is_file():
        raise runtime_assets.MissingRuntime(path)
    return json.loads(path.read_text(encoding="utf-8"))
