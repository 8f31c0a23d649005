"""What a page needs to show a chart: the Vega-Lite spec, a text alternative, a data table and sources."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import altair as alt


@dataclass(frozen=True)
class Column:
    key: str
    heading: str  # with the unit, e.g. "Tariff (%)"
    digits: int | None = None  # None: show as is (text); otherwise round to this many decimals


@dataclass(frozen=True)
class Table:
    """The chart's data as a table: the text alternative screen readers and printouts rely on."""

    dataset: str  # for a widget: the name of the model's data set; for a static chart: "data"
    caption: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class StaticChart:
    """A chart whose data is fixed at build time (from a sourced CSV)."""

    name: str
    title: str
    description: str  # one or two sentences: what the chart shows (text alternative)
    build: Callable[[list[dict[str, Any]]], alt.TopLevelMixin]
    rows: Callable[[], list[dict[str, Any]]]  # the data, each row with a `source`
    table: Table


@dataclass(frozen=True)
class WidgetCharts:
    """The views of one widget; each reads the model's data sets through `alt.NamedData(name)`. Which model
    they draw is said once, in explainers/catalog.py."""

    description: str
    views: tuple[Callable[[], alt.TopLevelMixin], ...]
    tables: tuple[Table, ...] = field(default_factory=tuple)


def named_data(spec: Any) -> Iterator[str]:
    """Every `{"data": {"name": ...}}` a Vega-Lite spec reads, so the build can fill exactly those."""
    if isinstance(spec, dict):
        data = spec.get("data")
        if isinstance(data, dict) and isinstance(data.get("name"), str) and "values" not in data:
            yield data["name"]
        for value in spec.values():
            yield from named_data(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from named_data(item)


def to_spec(
    chart: alt.TopLevelMixin, datasets: dict[str, list[dict[str, Any]]] | None = None
) -> dict[str, Any]:
    """Vega-Lite JSON for the page; a widget's named data sets are filled with the default scenario."""
    spec = chart.to_dict()
    if datasets is not None:
        wanted = set(named_data(spec))
        missing = wanted - set(datasets)
        if missing:
            raise KeyError(f"chart reads data sets the model does not produce: {sorted(missing)}")
        spec.setdefault("datasets", {}).update({name: datasets[name] for name in sorted(wanted)})
    spec.pop("config", None)  # the browser applies the site's light/dark theme
    return spec
