"""Charts of the rare_earth_supply widget: where supply to buyers outside China comes from each month (your
scenario, with the baseline's supply reaching buyers as a line), and the price index of both."""

from __future__ import annotations

import json

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
    # The stack is four bands, each from the running total of the parts below it to its own: sums of one
    # month's row, so Vega redraws 84 rows on a slider move. Stacking with Vega (fold the row into four,
    # impute, stack) made 336 new rows and took about half of this chart's redraw, the costliest on the site.
    parts = list(PARTS)
    names = [_(PARTS[part]) for part in parts]
    tops = {
        f"top_{part}": " + ".join(f"datum.{below}" for below in parts[: i + 1])
        for i, part in enumerate(parts)
    }
    bands = []
    for i, part in enumerate(parts):
        if i == 0:
            # The colour scale and its legend hang on the first band (a field, constant in it); the
            # others name their colour in the same scale (a datum), and Vega-Lite merges the legends.
            chart = alt.Chart().transform_calculate(band=json.dumps(names[0]))  # a string literal
            colour: alt.Color | alt.ColorDatum = alt.Color(
                "band:N",
                title=_("Your scenario"),
                scale=alt.Scale(domain=names),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0),
            )
        else:
            chart, colour = alt.Chart(), alt.ColorDatum(names[i])
        bands.append(
            chart.mark_area(opacity=0.85, interpolate="step-after").encode(
                x=month(),
                y=alt.Y(f"top_{part}:Q", title=_("Supply (buyers' November 2025 demand = 100)")),
                y2=alt.Y2(f"top_{parts[i - 1]}:Q") if i else alt.Y2(datum=0),
                color=colour,
                tooltip=[
                    alt.Tooltip("date:T", title=_("Month"), format="%B %Y"),
                    alt.Tooltip(f"{part}:Q", title=names[i], format=".1f"),
                ],
            )
        )
    demand = (
        alt.Chart()
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
    yours = (
        alt.layer(*bands, demand, data=alt.NamedData("months"))
        .transform_filter(alt.datum.scenario == YOURS)
        .transform_calculate(**tops)
    )
    return alt.layer(
        yours,
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
