"""Charts of the tariff_stack widget: tariff layers by dated state, and volume and revenue by rate."""

from __future__ import annotations

import altair as alt

from explainers.charts.base import Column, Table, WidgetCharts
from widgets import tariff_stack

SCENARIO_ORDER = [p.label for p in tariff_stack.PRESETS] + ["Your scenario"]
LAYER_ORDER = [label for _, label in tariff_stack.LAYERS]


def tariff_layers() -> alt.Chart:
    return (
        alt.Chart(alt.NamedData("layers"), title="US tariff layers on one Chinese good")
        .mark_bar()
        .encode(
            y=alt.Y("scenario:N", sort=SCENARIO_ORDER, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("sum(rate):Q", title="Additional US tariff (% of the good's value)"),
            color=alt.Color("layer:N", sort=LAYER_ORDER, title="Tariff layer",
                            legend=alt.Legend(orient="bottom", columns=2, labelLimit=0)),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("scenario:N", title="State"), alt.Tooltip("layer:N", title="Layer"),
                     alt.Tooltip("rate:Q", title="Rate (%)")],
        )
        .properties(width="container", height=170)
    )


def volume_and_revenue() -> alt.LayerChart:
    measures = {"volume": "Imports (no tariff = 100)", "revenue": "Tariff revenue ($ per $100 of no-tariff imports)"}
    label = alt.expr.if_(alt.datum.measure == "volume", measures["volume"], measures["revenue"])
    colour = alt.Color("label:N", title=None, sort=list(measures.values()),
                       legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0))
    x = alt.X("tariff:Q", title="Total tariff (%)")
    y = alt.Y("value:Q", title="Index, or $ per $100 of no-tariff imports")
    lines = (
        alt.Chart(alt.NamedData("curve"))
        .transform_fold(["volume", "revenue"], as_=["measure", "value"])
        .transform_calculate(label=label)
        .mark_line()
        .encode(x=x, y=y, color=colour)
    )
    point = (
        alt.Chart(alt.NamedData("point"))
        .transform_fold(["volume", "revenue"], as_=["measure", "value"])
        .transform_calculate(label=label)
        .mark_point(filled=True, size=110)
        .encode(x=x, y=y, color=colour,
                tooltip=[alt.Tooltip("tariff:Q", title="Your total tariff (%)", format=".1f"),
                         alt.Tooltip("label:N", title="Measure"), alt.Tooltip("value:Q", format=".1f")])
    )
    return alt.layer(lines, point, title="Imports and tariff revenue as the tariff climbs").properties(
        width="container", height=220
    )


CHARTS = WidgetCharts(
    widget="tariff_stack",
    description=(
        "Two charts. The first stacks the US tariff layers on one Chinese good for three dated states "
        "(before Busan, after Busan, after the Supreme Court ruling) and for your scenario. The second shows, "
        "for every total tariff from 0% to 200%, the import volume (100 = no tariff) and the customs revenue per "
        "$100 of no-tariff imports, with your scenario marked."
    ),
    explainer="busan-meeting.md",
    views=(tariff_layers, volume_and_revenue),
    tables=(
        Table("layers", "Tariff layers by state (%)", (
            Column("scenario", "State"), Column("layer", "Layer"), Column("rate", "Rate (%)", 1))),
        Table("point", "Your scenario", (
            Column("tariff", "Total tariff (%)", 1), Column("price", "Price paid for a $100 good ($)", 2),
            Column("volume", "Imports (no tariff = 100)", 1),
            Column("revenue", "Revenue per $100 of no-tariff imports ($)", 2))),
    ),
)
