"""Every figure a page can name, each written once: a widget is a model of widgets/registry.py (the one list
of models, which the browser's worker also reads), the charts that draw it and the page that explains it; a
static chart is its data and its picture.

The worker cannot import this module (the charts need Altair, which is not shipped to Pyodide), so the
models are listed there and this catalogue is built from that list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from explainers.charts import pipeline, rare_earths, region_map, supply, tariffs, timeline
from explainers.charts.base import StaticChart, WidgetCharts
from widgets import registry
from widgets.model import Model


@dataclass(frozen=True)
class Shown:
    """What the build adds to a model: its charts and the page under docs/ that explains it (its embed
    links back there, its downloads cite it)."""

    charts: WidgetCharts
    explained_on: str


# Keyed by the name of a model in widgets/registry.py.
SHOWN: dict[str, Shown] = {
    "tariff_stack": Shown(tariffs.CHARTS, explained_on="busan-meeting.md"),
    "rare_earth_supply": Shown(supply.CHARTS, explained_on="one-year-pause.md"),
    "central_asia_pipeline": Shown(pipeline.CHARTS, explained_on="central-asia.md"),
}


@dataclass(frozen=True)
class Widget:
    model: Model
    charts: WidgetCharts
    explained_on: str

    @property
    def name(self) -> str:
        return self.model.name


class UnknownFigure(KeyError):
    def __str__(self) -> str:  # KeyError would show the message in quotation marks
        return str(self.args[0])


def _known(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))


def _widgets(models: dict[str, Model], shown: dict[str, Shown]) -> dict[str, Widget]:
    """Each model of the registry with how it is shown; a model without charts, or charts for no model,
    stops the build here with both lists named."""
    unshown = sorted(models.keys() - shown.keys())
    if unshown:
        raise UnknownFigure(
            f"widgets/registry.py lists {_known(unshown)}, but SHOWN in explainers/catalog.py gives "
            f"{'it' if len(unshown) == 1 else 'them'} no charts and no page"
        )
    unknown = sorted(shown.keys() - models.keys())
    if unknown:
        raise UnknownFigure(
            f"SHOWN in explainers/catalog.py names {_known(unknown)}, which widgets/registry.py does not list "
            f"(its models: {_known(models)})"
        )
    return {
        name: Widget(model, shown[name].charts, shown[name].explained_on) for name, model in models.items()
    }


WIDGETS: dict[str, Widget] = _widgets(registry.MODELS, SHOWN)

STATIC: dict[str, StaticChart] = {
    c.name: c
    for c in (
        rare_earths.PRODUCTION,
        rare_earths.SHARE_BY_STAGE,
        timeline.TARIFF_TIMELINE,
        region_map.REGION_MAP,
    )
}


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
