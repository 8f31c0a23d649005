"""Charts of the rare_earth_supply widget: where supply to buyers outside China comes from each month (your
scenario, with the baseline's supply reaching buyers as a line), and the price index of both."""

from __future__ import annotations

import altair as alt

from explainers.charts import scenarios
from explainers.charts.base import Column, Table, WidgetCharts
from widgets.model import BASELINE, YOURS

PARTS = {
    "china": "From China",
    "other": "From elsewhere",
    "stock_drawn": "Drawn from stockpiles",
    "unmet": "Unmet demand (shortfall)",
}
MONTH = alt.X("date:T", title="Month", axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=8))


def supply_against_demand() -> alt.TopLevelMixin:
    label = alt.expr.if_(
        alt.datum.part == "china",
        PARTS["china"],
        alt.expr.if_(
            alt.datum.part == "other",
            PARTS["other"],
            alt.expr.if_(alt.datum.part == "stock_drawn", PARTS["stock_drawn"], PARTS["unmet"]),
        ),
    )
    stacked = (
        alt.Chart(alt.NamedData("months"))
        .transform_filter(alt.datum.scenario == YOURS)
        .transform_fold(list(PARTS), as_=["part", "amount"])
        .transform_calculate(source=label, order=alt.expr.indexof(list(PARTS), alt.datum.part))  # type: ignore[arg-type]  # Vega's indexof takes arrays; Altair's hint says only strings
        .mark_area(opacity=0.85, interpolate="step-after")
        .encode(
            x=MONTH,
            y=alt.Y("amount:Q", stack="zero", title="Supply (buyers' November 2025 demand = 100)"),
            color=alt.Color(
                "source:N",
                title="Your scenario",
                sort=list(PARTS.values()),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("date:T", title="Month", format="%B %Y"),
                alt.Tooltip("source:N", title="Part"),
                alt.Tooltip("amount:Q", title="Amount", format=".1f"),
            ],
        )
    )
    demand = (
        alt.Chart(alt.NamedData("months"))
        .transform_filter(alt.datum.scenario == YOURS)
        .mark_line(interpolate="step-after", strokeDash=[6, 3])
        .encode(
            x=MONTH,
            y="demand:Q",
            color=alt.value("currentColor"),
            tooltip=[
                alt.Tooltip("date:T", title="Month", format="%B %Y"),
                alt.Tooltip("demand:Q", title="Demand", format=".1f"),
            ],
        )
    )
    baseline = (
        alt.Chart(alt.NamedData("months"))
        .transform_filter(alt.datum.scenario == BASELINE)
        .mark_line(interpolate="step-after", strokeWidth=2.5, strokeDash=[2, 2])
        .encode(
            x=MONTH,
            y="served:Q",
            color=alt.value("currentColor"),
            opacity=alt.value(0.7),
            tooltip=[
                alt.Tooltip("date:T", title="Month", format="%B %Y"),
                alt.Tooltip("served:Q", title="Baseline: supply reaching buyers", format=".1f"),
            ],
        )
    )
    return alt.layer(
        stacked,
        demand,
        baseline,
        title=alt.Title(
            "Your scenario's supply against demand",
            subtitle="Dashed: demand. Dotted: the baseline's supply reaching buyers.",
        ),
    ).properties(width="container", height=240)


def price() -> alt.Chart:
    return (
        alt.Chart(alt.NamedData("months"), title="Price index (before the restriction = 100)")
        .mark_line(interpolate="step-after")
        .encode(
            x=MONTH,
            y=alt.Y("price:Q", title="Price index", scale=alt.Scale(zero=True)),
            color=scenarios.colour(),
            strokeDash=scenarios.dash(legend=False),
            tooltip=[
                scenarios.TOOLTIP,
                alt.Tooltip("date:T", title="Month", format="%B %Y"),
                alt.Tooltip("price:Q", title="Price index", format=".0f"),
            ],
        )
        .properties(width="container", height=150)
    )


CHARTS = WidgetCharts(
    description=(
        "Two charts over seven years from the Busan meeting, for buyers outside China. The first stacks your "
        "scenario's monthly supply from China, from elsewhere and from buyers' stockpiles, with any unmet demand on "
        "top, against a dashed demand line; a dotted line shows the supply reaching buyers in the baseline. The "
        "second shows the price index, 100 before any restriction, for the baseline and your scenario."
    ),
    views=(supply_against_demand, price),
    tables=(
        Table(
            "months",
            "Month by month (buyers' November 2025 demand = 100)",
            (
                scenarios.COLUMN,
                Column("date", "Month"),
                Column("demand", "Demand", 1),
                Column("china", "From China", 1),
                Column("other", "From elsewhere", 1),
                Column("stock_drawn", "From stockpiles", 1),
                Column("unmet", "Unmet", 1),
                Column("stock", "Stock left", 1),
                Column("price", "Price index", 0),
            ),
        ),
    ),
)
