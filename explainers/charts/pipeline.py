"""Charts of the central_asia_pipeline widget: output over time, and mining against processing (China's
share of the world's processing beside the region's share of mining), each for the baseline and your scenario."""

from __future__ import annotations

import altair as alt

from explainers.charts import scenarios
from explainers.charts.base import Column, Table, WidgetCharts
from widgets.words import N_, _


def year() -> alt.X:
    return alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0, values=list(range(2025, 2051, 5))))


def output_over_time() -> alt.Chart:
    return (
        scenarios.named(
            alt.Chart(
                alt.NamedData("years"), title=_("Central Asian rare-earth output: baseline and your scenario")
            )
        )
        .mark_line(point=True)
        .encode(
            x=year(),
            y=alt.Y("output:Q", title=_("Output (tonnes of rare-earth oxide a year)")),
            color=scenarios.colour(),
            strokeDash=scenarios.dash(legend=False),
            tooltip=[
                scenarios.tooltip(),
                alt.Tooltip("year:O", title=_("Year")),
                alt.Tooltip("output:Q", title=_("Output (t)"), format=",.0f"),
                alt.Tooltip("value_kept:Q", title=_("Value ($ million)"), format=",.0f"),
            ],
        )
        .properties(width="container", height=200)
    )


def mining_against_processing() -> alt.Chart:
    labels = {
        "china_processing_share": _("China's share of world processing"),
        "mine_share": _("Central Asia's share of world mining"),
    }
    return (
        scenarios.named(
            alt.Chart(
                alt.NamedData("years"),
                title=_("Mining is not processing: shares of the world, baseline and yours"),
            )
        )
        .transform_fold(list(labels), as_=["measure", "share"])
        .transform_calculate(
            label=alt.expr.if_(
                alt.datum.measure == "mine_share", labels["mine_share"], labels["china_processing_share"]
            )
        )
        .mark_line()
        .encode(
            x=year(),
            y=alt.Y(
                "share:Q",
                title=_("Share of the world"),
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color(
                "label:N",
                title=None,
                sort=list(labels.values()),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0),
            ),
            strokeDash=scenarios.dash(),
            detail=scenarios.field(),
            tooltip=[
                scenarios.tooltip(),
                alt.Tooltip("year:O", title=_("Year")),
                alt.Tooltip("label:N", title=_("Measure")),
                alt.Tooltip("share:Q", title=_("Share"), format=".1%"),
            ],
        )
        .properties(width="container", height=200)
    )


CHARTS = WidgetCharts(
    description=N_(
        "Two charts from 2025 to 2050, each for the baseline (dashed) and your scenario. The first shows Central "
        "Asia's yearly rare-earth output; it stays at zero until the lead time has passed. The second sets China's "
        "share of the world's rare-earth processing beside Central Asia's share of the world's mining: mining more "
        "lowers China's share only if the ore is separated outside China."
    ),
    views=(output_over_time, mining_against_processing),
    tables=(
        Table(
            "years",
            N_("Year by year"),
            (
                scenarios.COLUMN,
                Column("year", N_("Year")),
                Column("output", N_("Output (t)"), 0),
                Column("mine_share", N_("Share of world mining"), 3),
                Column("china_processing_share", N_("China's share of world processing"), 3),
                Column("value_kept", N_("Value ($ million)"), 0),
            ),
        ),
    ),
)
