"""How every widget chart tells the baseline from the reader's scenario, alike in all of them: the
baseline dashed and yours solid, in that order, with the scenario first in tooltips and tables. The rows
name the scenarios in English (widgets/model.py); a chart made with `named` shows them in the build's
language (explainers/charts/shown.py)."""

from __future__ import annotations

import altair as alt

from explainers.charts import shown
from explainers.charts.base import Column
from widgets.model import BASELINE, YOURS
from widgets.words import N_, _

SCENARIOS = [BASELINE, YOURS]
DASHES = [[5, 4], [1, 0]]  # the baseline dashed, your scenario solid
COLUMN = Column("scenario", N_("Scenario"))


def named(chart: shown.Chart) -> shown.Chart:
    """`chart` with the scenarios' names in the build's language, which tooltip(), dash() and colour() show."""
    return shown.add(chart, "scenario", SCENARIOS)


def field() -> str:
    """The field that names each row's scenario in a chart made with `named` (a detail, an encoding)."""
    return shown.field("scenario", SCENARIOS) + ":N"


def tooltip() -> alt.Tooltip:
    """The scenario's name first in every tooltip (a function: its title is in the build's language)."""
    return alt.Tooltip(field(), title=_("Scenario"))


def dash(legend: bool = True) -> alt.StrokeDash:
    """Dashed or solid by scenario; without a legend where the colour's legend already names them."""
    order = shown.names(SCENARIOS)
    scale = alt.Scale(domain=order, range=DASHES)
    if legend:
        return alt.StrokeDash(
            field(), sort=order, title=None, legend=alt.Legend(orient="bottom"), scale=scale
        )
    return alt.StrokeDash(field(), sort=order, legend=None, scale=scale)


def colour() -> alt.Color:
    """A colour by scenario, for a chart whose lines differ by nothing else."""
    return alt.Color(field(), sort=shown.names(SCENARIOS), title=None, legend=alt.Legend(orient="bottom"))
