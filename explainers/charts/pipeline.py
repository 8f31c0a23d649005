"""Charts of the central_asia_pipeline widget: output over time against the default, and value kept."""

from __future__ import annotations

import altair as alt

from explainers.charts.base import Column, Table, WidgetCharts

YEAR = alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0, values=list(range(2025, 2041, 3))))


def output_over_time() -> alt.Chart:
    return (
        alt.Chart(alt.NamedData("years"), title="Central Asian rare-earth output: your scenario and the default")
        .mark_line(point=True)
        .encode(
            x=YEAR,
            y=alt.Y("output:Q", title="Output (tonnes of rare-earth oxide a year)"),
            color=alt.Color("scenario:N", title=None, sort=["Your scenario", "Default"],
                            legend=alt.Legend(orient="bottom")),
            strokeDash=alt.StrokeDash("scenario:N", sort=["Your scenario", "Default"], legend=None),
            tooltip=[alt.Tooltip("scenario:N", title="Scenario"), alt.Tooltip("year:O", title="Year"),
                     alt.Tooltip("output:Q", title="Output (t)", format=",.0f"),
                     alt.Tooltip("share_outside_china:Q", title="Share of supply outside China", format=".1%")],
        )
        .properties(width="container", height=220)
    )


def value_kept() -> alt.Chart:
    labels = {"value_raw": "If all were exported raw", "value_kept": "With your share processed in the region"}
    return (
        alt.Chart(alt.NamedData("years"), title="Value kept in the region (your scenario)")
        .transform_filter(alt.datum.scenario == "Your scenario")
        .transform_fold(list(labels), as_=["measure", "value"])
        .transform_calculate(label=alt.expr.if_(alt.datum.measure == "value_raw", labels["value_raw"], labels["value_kept"]))
        .mark_line(point=True)
        .encode(
            x=YEAR,
            y=alt.Y("value:Q", title="Value (tonnes of raw-material value)"),
            color=alt.Color("label:N", title=None, sort=list(labels.values()), legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("label:N", title="Measure"),
                     alt.Tooltip("value:Q", title="Value", format=",.0f")],
        )
        .properties(width="container", height=200)
    )


CHARTS = WidgetCharts(
    widget="central_asia_pipeline",
    description=(
        "Two charts from 2025 to 2040. The first shows Central Asia's yearly rare-earth output in your scenario "
        "and in the default one; it stays at zero until the lead time has passed. The second compares the value "
        "kept in the region with what it would be if all output were exported raw."
    ),
    explainer="central-asia.md",
    views=(output_over_time, value_kept),
    tables=(Table("years", "Year by year", (
        Column("scenario", "Scenario"), Column("year", "Year"), Column("output", "Output (t)", 0),
        Column("share_outside_china", "Share of supply outside China", 3),
        Column("value_kept", "Value kept (raw-tonne equivalents)", 0))),),
)
