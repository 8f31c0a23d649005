"""How every widget chart tells the baseline from the reader's scenario, alike in all of them: the
baseline dashed and yours solid, in that order, with the scenario first in tooltips and tables."""

from __future__ import annotations

import altair as alt

from explainers.charts.base import Column
from widgets.model import BASELINE, YOURS
from widgets.words import N_, _

SCENARIOS = [BASELINE, YOURS]
DASHES = [[5, 4], [1, 0]]  # the baseline dashed, your scenario solid
COLUMN = Column("scenario", N_("Scenario"))


def tooltip() -> alt.Tooltip:
    """The scenario's name first in every tooltip (a function: its title is in the build's language)."""
    return alt.Tooltip("scenario:N", title=_("Scenario"))


def dash(legend: bool = True) -> alt.StrokeDash:
    """Dashed or solid by scenario; without a legend where the colour's legend already names them."""
    scale = alt.Scale(domain=SCENARIOS, range=DASHES)
    if legend:
        return alt.StrokeDash(
            "scenario:N", sort=SCENARIOS, title=None, legend=alt.Legend(orient="bottom"), scale=scale
        )
    return alt.StrokeDash("scenario:N", sort=SCENARIOS, legend=None, scale=scale)


def colour() -> alt.Color:
    """A colour by scenario, for a chart whose lines differ by nothing else."""
    return alt.Color("scenario:N", sort=SCENARIOS, title=None, legend=alt.Legend(orient="bottom"))
