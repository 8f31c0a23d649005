"""Charts of the tariff_stack widget: the tariff layers on one Chinese good, and imports and revenue as
China's tariff climbs; each shows the baseline beside the reader's scenario."""

from __future__ import annotations

import altair as alt

from explainers.charts import scenarios
from explainers.charts.base import Column, Table, WidgetCharts
from widgets import tariff_stack
from widgets.model import YOURS

LAYER_ORDER = [label for _, label, _ in tariff_stack.LAYERS]


def tariff_layers() -> alt.Chart:
    return (
        alt.Chart(alt.NamedData("layers"), title="US tariff layers on one good from China")
        .mark_bar()
        .encode(
            y=alt.Y("scenario:N", sort=scenarios.SCENARIOS, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("sum(rate):Q", title="Tariff on the good from China (% of its value)"),
            color=alt.Color(
                "layer:N",
                sort=LAYER_ORDER,
                title="Tariff layer",
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                scenarios.TOOLTIP,
                alt.Tooltip("layer:N", title="Layer"),
                alt.Tooltip("rate:Q", title="Rate charged (%)"),
            ],
        )
        .properties(width="container", height=130)
    )


def volume_and_revenue() -> alt.TopLevelMixin:
    measures = {
        "volume": "Imports from China (no tariffs = 100)",
        "revenue": "Customs revenue ($ per $100 of no-tariff purchases)",
    }
    label = alt.expr.if_(alt.datum.measure == "volume", measures["volume"], measures["revenue"])
    colour = alt.Color(
        "label:N",
        title=None,
        sort=list(measures.values()),
        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0),
    )
    dash = scenarios.dash()
    x = alt.X("tariff:Q", title="Tariff on the good from China (%)")
    y = alt.Y("value:Q", title="Index, or $ per $100 of no-tariff purchases")
    lines = (
        alt.Chart(alt.NamedData("curve"))
        .transform_fold(["volume", "revenue"], as_=["measure", "value"])
        .transform_calculate(label=label)
        .mark_line()
        .encode(x=x, y=y, color=colour, strokeDash=dash, detail="scenario:N")
    )
    points = (
        alt.Chart(alt.NamedData("point"))
        .transform_fold(["volume", "revenue"], as_=["measure", "value"])
        .transform_calculate(label=label)
        .mark_point(size=110)
        .encode(
            x=x,
            y=y,
            color=colour,
            fill=alt.condition(alt.datum.scenario == YOURS, "label:N", alt.value("transparent"), legend=None),
            tooltip=[
                scenarios.TOOLTIP,
                alt.Tooltip("tariff:Q", title="Tariff on the good from China (%)", format=".1f"),
                alt.Tooltip("label:N", title="Measure"),
                alt.Tooltip("value:Q", format=".1f"),
            ],
        )
    )
    return alt.layer(lines, points, title="Imports and customs revenue as China's tariff climbs").properties(
        width="container", height=220
    )


CHARTS = WidgetCharts(
    description=(
        "Two charts for one good imported from China, each with the baseline (dashed, or an open circle) beside your "
        "scenario. The first stacks the US tariff layers charged on the good. The second shows, for every tariff on "
        "the good from China from 0% up, imports from China (100 = no tariffs) and the customs revenue per $100 of "
        "no-tariff purchases, with both scenarios marked."
    ),
    views=(tariff_layers, volume_and_revenue),
    tables=(
        Table(
            "layers",
            "Tariff layers charged on the good from China (%)",
            (scenarios.COLUMN, Column("layer", "Layer"), Column("rate", "Rate (%)", 1)),
        ),
        Table(
            "point",
            "The baseline and your scenario",
            (
                scenarios.COLUMN,
                Column("tariff", "Tariff from China (%)", 1),
                Column("others_tariff", "Tariff from elsewhere (%)", 1),
                Column("price", "Duty-paid price of the $100 Chinese good ($)", 2),
                Column("volume", "Imports from China (no tariffs = 100)", 1),
                Column("effective_before", "Average tariff before switching (%)", 1),
                Column("effective_after", "Average tariff after switching (%)", 1),
                Column("revenue", "Revenue per $100 of no-tariff purchases ($)", 2),
            ),
        ),
        Table(
            "curve",
            "Imports from China and customs revenue at each tariff on the good from China",
            (
                scenarios.COLUMN,
                Column("tariff", "Tariff from China (%)", 0),
                Column("volume", "Imports from China (no tariffs = 100)", 1),
                Column("revenue", "Revenue per $100 of no-tariff purchases ($)", 2),
                Column("price", "Duty-paid price of the $100 Chinese good ($)", 2),
            ),
        ),
    ),
)
