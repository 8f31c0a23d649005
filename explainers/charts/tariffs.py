"""Charts of the tariff_stack widget: the tariff layers on one Chinese good, and imports and revenue as
China's tariff climbs; each shows the baseline beside the reader's scenario."""

from __future__ import annotations

import altair as alt

from explainers.charts import scenarios, shown
from explainers.charts.base import Column, Table, WidgetCharts
from widgets import tariff_stack
from widgets.model import YOURS
from widgets.words import N_, _

LAYER_ORDER = [label for _, label, _ in tariff_stack.LAYERS]


def tariff_layers() -> alt.Chart:
    chart = alt.Chart(alt.NamedData("layers"), title=_("US tariff layers on one good from China"))
    chart = shown.add(scenarios.named(chart), "layer", LAYER_ORDER)  # the rows' English, shown translated
    layer = shown.field("layer", LAYER_ORDER) + ":N"
    return (
        chart.mark_bar()
        .encode(
            y=alt.Y(
                scenarios.field(),
                sort=shown.names(scenarios.SCENARIOS),
                title=None,
                axis=alt.Axis(labelLimit=260),
            ),
            x=alt.X("sum(rate):Q", title=_("Tariff on the good from China (% of its value)")),
            color=alt.Color(
                layer,
                sort=shown.names(LAYER_ORDER),
                title=_("Tariff layer"),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                scenarios.tooltip(),
                alt.Tooltip(layer, title=_("Layer")),
                alt.Tooltip("rate:Q", title=_("Rate charged (%)")),
            ],
        )
        .properties(width="container", height=130)
    )


def volume_and_revenue() -> alt.TopLevelMixin:
    measures = {
        "volume": _("Imports from China (no tariffs = 100)"),
        "revenue": _("Customs revenue ($ per $100 of no-tariff purchases)"),
    }
    label = alt.expr.if_(alt.datum.measure == "volume", measures["volume"], measures["revenue"])
    colour = alt.Color(
        "label:N",
        title=None,
        sort=list(measures.values()),
        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0),
    )
    dash = scenarios.dash()
    x = alt.X("tariff:Q", title=_("Tariff on the good from China (%)"))
    y = alt.Y("value:Q", title=_("Index, or $ per $100 of no-tariff purchases"))
    lines = (
        scenarios.named(alt.Chart(alt.NamedData("curve")))
        .transform_fold(["volume", "revenue"], as_=["measure", "value"])
        .transform_calculate(label=label)
        .mark_line()
        .encode(x=x, y=y, color=colour, strokeDash=dash, detail=scenarios.field())
    )
    points = (
        scenarios.named(alt.Chart(alt.NamedData("point")))
        .transform_fold(["volume", "revenue"], as_=["measure", "value"])
        .transform_calculate(label=label)
        .mark_point(size=110)
        .encode(
            x=x,
            y=y,
            color=colour,
            fill=alt.condition(alt.datum.scenario == YOURS, "label:N", alt.value("transparent"), legend=None),
            tooltip=[
                scenarios.tooltip(),
                alt.Tooltip("tariff:Q", title=_("Tariff on the good from China (%)"), format=".1f"),
                alt.Tooltip("label:N", title=_("Measure")),
                alt.Tooltip("value:Q", format=".1f"),
            ],
        )
    )
    return alt.layer(
        lines, points, title=_("Imports and customs revenue as China's tariff climbs")
    ).properties(width="container", height=220)


CHARTS = WidgetCharts(
    description=N_(
        "Two charts for one good imported from China, each with the baseline (dashed, or an open circle) beside your "
        "scenario. The first stacks the US tariff layers charged on the good. The second shows, for every tariff on "
        "the good from China from 0% up, imports from China (100 = no tariffs) and the customs revenue per $100 of "
        "no-tariff purchases, with both scenarios marked."
    ),
    views=(tariff_layers, volume_and_revenue),
    tables=(
        Table(
            "layers",
            N_("Tariff layers charged on the good from China (%)"),
            (scenarios.COLUMN, Column("layer", N_("Layer")), Column("rate", N_("Rate (%)"), 1)),
        ),
        Table(
            "point",
            N_("The baseline and your scenario"),
            (
                scenarios.COLUMN,
                Column("tariff", N_("Tariff from China (%)"), 1),
                Column("others_tariff", N_("Tariff from elsewhere (%)"), 1),
                Column("price", N_("Duty-paid price of the $100 Chinese good ($)"), 2),
                Column("volume", N_("Imports from China (no tariffs = 100)"), 1),
                Column("effective_before", N_("Average tariff before switching (%)"), 1),
                Column("effective_after", N_("Average tariff after switching (%)"), 1),
                Column("revenue", N_("Revenue per $100 of no-tariff purchases ($)"), 2),
            ),
        ),
        Table(
            "curve",
            N_("Imports from China and customs revenue at each tariff on the good from China"),
            (
                scenarios.COLUMN,
                Column("tariff", N_("Tariff from China (%)"), 0),
                Column("volume", N_("Imports from China (no tariffs = 100)"), 1),
                Column("revenue", N_("Revenue per $100 of no-tariff purchases ($)"), 2),
                Column("price", N_("Duty-paid price of the $100 Chinese good ($)"), 2),
            ),
        ),
    ),
)
