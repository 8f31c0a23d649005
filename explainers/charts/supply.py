"""Charts of the rare_earth_supply widget: where supply to buyers outside China comes from each month (your
scenario, with the baseline's supply reaching buyers as a line), and the price index of both."""

from __future__ import annotations

import altair as alt

from explainers.charts import scenarios
from explainers.charts.base import Column, Table, WidgetCharts
from widgets.model import BASELINE, YOURS
from widgets.words import N_, _

PARTS = {
    "china": N_("From China"),
    "other": N_("From elsewhere"),
    "stock_drawn": N_("Drawn from stockpiles"),
    "unmet": N_("Unmet demand (shortfall)"),
}


def month() -> alt.X:
    return alt.X("date:T", title=_("Month"), axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=8))


def supply_against_demand() -> alt.TopLevelMixin:
    label = alt.expr.if_(
        alt.datum.part == "china",
        _(PARTS["china"]),
        alt.expr.if_(
            alt.datum.part == "other",
            _(PARTS["other"]),
            alt.expr.if_(alt.datum.part == "stock_drawn", _(PARTS["stock_drawn"]), _(PARTS["unmet"])),
        ),
    )
    stacked = (
        alt.Chart(alt.NamedData("months"))
        .transform_filter(alt.datum.scenario == YOURS)
        .transform_fold(list(PARTS), as_=["part", "amount"])
        .transform_calculate(source=label, order=alt.expr.indexof(list(PARTS), alt.datum.part))  # type: ignore[arg-type]  # Vega's indexof takes arrays; Altair's hint says only strings
        .mark_area(opacity=0.85, interpolate="step-after")
        .encode(
            x=month(),
            y=alt.Y("amount:Q", stack="zero", title=_("Supply (buyers' November 2025 demand = 100)")),
            color=alt.Color(
                "source:N",
                title=_("Your scenario"),
                sort=[_(part) for part in PARTS.values()],
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("date:T", title=_("Month"), format="%B %Y"),
                alt.Tooltip("source:N", title=_("Part")),
                alt.Tooltip("amount:Q", title=_("Amount"), format=".1f"),
            ],
        )
    )
    demand = (
        alt.Chart(alt.NamedData("months"))
        .transform_filter(alt.datum.scenario == YOURS)
        .mark_line(interpolate="step-after", strokeDash=[6, 3])
        .encode(
            x=month(),
            y="demand:Q",
            color=alt.value("currentColor"),
            tooltip=[
                alt.Tooltip("date:T", title=_("Month"), format="%B %Y"),
                alt.Tooltip("demand:Q", title=_("Demand"), format=".1f"),
            ],
        )
    )
    baseline = (
        alt.Chart(alt.NamedData("months"))
        .transform_filter(alt.datum.scenario == BASELINE)
        .mark_line(interpolate="step-after", strokeWidth=2.5, strokeDash=[2, 2])
        .encode(
            x=month(),
            y="served:Q",
            color=alt.value("currentColor"),
            opacity=alt.value(0.7),
            tooltip=[
                alt.Tooltip("date:T", title=_("Month"), format="%B %Y"),
                alt.Tooltip("served:Q", title=_("Baseline: supply reaching buyers"), format=".1f"),
            ],
        )
    )
    return alt.layer(
        stacked,
        demand,
        baseline,
        title=alt.Title(
            _("Your scenario's supply against demand"),
            subtitle=_("Dashed: demand. Dotted: the baseline's supply reaching buyers."),
        ),
    ).properties(width="container", height=240)


def price() -> alt.Chart:
    return (
        scenarios.named(
            alt.Chart(alt.NamedData("months"), title=_("Price index (before the restriction = 100)"))
        )
        .mark_line(interpolate="step-after")
        .encode(
            x=month(),
            y=alt.Y("price:Q", title=_("Price index"), scale=alt.Scale(zero=True)),
            color=scenarios.colour(),
            strokeDash=scenarios.dash(legend=False),
            tooltip=[
                scenarios.tooltip(),
                alt.Tooltip("date:T", title=_("Month"), format="%B %Y"),
                alt.Tooltip("price:Q", title=_("Price index"), format=".0f"),
            ],
        )
        .properties(width="container", height=150)
    )


CHARTS = WidgetCharts(
    description=N_(
        "Two charts over seven years from the Busan meeting, for buyers outside China. The first stacks your "
        "scenario's monthly supply from China, from elsewhere and from buyers' stockpiles, with any unmet demand on "
        "top, against a dashed demand line; a dotted line shows the supply reaching buyers in the baseline. The "
        "second shows the price index, 100 before any restriction, for the baseline and your scenario."
    ),
    views=(supply_against_demand, price),
    tables=(
        Table(
            "months",
            N_("Month by month (buyers' November 2025 demand = 100)"),
            (
                scenarios.COLUMN,
                Column("date", N_("Month")),
                Column("demand", N_("Demand"), 1),
                Column("china", N_("From China"), 1),
                Column("other", N_("From elsewhere"), 1),
                Column("stock_drawn", N_("From stockpiles"), 1),
                Column("unmet", N_("Unmet"), 1),
                Column("stock", N_("Stock left"), 1),
                Column("price", N_("Price index"), 0),
            ),
        ),
    ),
)
