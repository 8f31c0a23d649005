"""Every figure a page can name, each written once: a widget is its model, its charts and the page that
explains it; a static chart is its data and its picture.

The browser's worker cannot import this module (the charts need Altair, which is not shipped to Pyodide):
it looks models up in widgets/registry.py. tests/test_figures.py checks that both list the same models.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from explainers.charts import pipeline, rare_earths, region_map, supply, tariffs, timeline
from explainers.charts.base import StaticChart, WidgetCharts
from widgets import central_asia_pipeline, rare_earth_supply, tariff_stack
from widgets.model import Model


@dataclass(frozen=True)
class Widget:
    model: Model
    charts: WidgetCharts
    # the page under docs/ that explains it: its embed links back there, its downloads cite it
    explained_on: str

    @property
    def name(self) -> str:
        return self.model.name


WIDGETS: dict[str, Widget] = {
    w.name: w
    for w in (
        Widget(tariff_stack.MODEL, tariffs.CHARTS, explained_on="busan-meeting.md"),
        Widget(rare_earth_supply.MODEL, supply.CHARTS, explained_on="one-year-pause.md"),
        Widget(central_asia_pipeline.MODEL, pipeline.CHARTS, explained_on="central-asia.md"),
    )
}

STATIC: dict[str, StaticChart] = {
    c.name: c
    for c in (
        rare_earths.PRODUCTION,
        rare_earths.SHARE_BY_STAGE,
        timeline.TARIFF_TIMELINE,
        region_map.REGION_MAP,
    )
}


class UnknownFigure(KeyError):
    def __str__(self) -> str:  # KeyError would show the message in quotation marks
        return str(self.args[0])


def _known(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))


def widget(name: str) -> Widget:
    try:
        return WIDGETS[name]
    except KeyError:
        raise UnknownFigure(f"no widget called {name!r}; known: {_known(WIDGETS)}") from None


def static_chart(name: str) -> StaticChart:
    try:
        return STATIC[name]
    except KeyError:
        raise UnknownFigure(f"no chart called {name!r}; known: {_known(STATIC)}") from None
