"""Static charts of rare-earth production and China's place in the chain."""

from __future__ import annotations

from typing import Any

import altair as alt

from explainers import data
from explainers.charts.base import Column, StaticChart, Table
from widgets.words import N_, _


def production_rows() -> list[dict[str, Any]]:
    return [
        {"country": r["country"], "tonnes": float(r["tonnes_reo"]), "source": r["source"]}
        for r in data.translated("rare_earth_production_2024")
    ]


def production_by_country(rows: list[dict[str, Any]]) -> alt.Chart:
    return (
        alt.Chart(alt.Data(values=rows), title=_("Rare-earth mine production by country, 2024"))
        .mark_bar()
        .encode(
            y=alt.Y("country:N", sort="-x", title=None),
            x=alt.X("tonnes:Q", title=_("Mine production (tonnes of rare-earth oxide)")),
            tooltip=[
                alt.Tooltip("country:N", title=_("Country")),
                alt.Tooltip("tonnes:Q", title=_("Tonnes REO"), format=","),
            ],
        )
        .properties(width="container", height=260)
    )


PRODUCTION = StaticChart(
    name="rare_earth_production",
    title=N_("Rare-earth mine production by country, 2024"),
    description=N_(
        "Horizontal bars of 2024 mine production in tonnes of rare-earth oxide. China's bar, 270,000 tonnes, "
        "is about six times the next, the United States at 45,000 tonnes; China mined about 70% of the world's total."
    ),
    build=production_by_country,
    rows=production_rows,
    table=Table(
        "data",
        N_("Mine production, 2024 (tonnes of rare-earth oxide)"),
        (Column("country", N_("Country")), Column("tonnes", N_("Tonnes REO"), 0)),
    ),
)


# The chain's stages in order: the data's own words (explainers/data/china_share_by_stage.csv), translated
# where the chart is made, as the rows are.
STAGES = [N_("Mining"), N_("Refining and separation"), N_("Magnets")]


def share_rows() -> list[dict[str, Any]]:
    return [
        {"stage": r["stage"], "measure": r["measure"], "share": float(r["share_pct"]), "source": r["source"]}
        for r in data.translated("china_share_by_stage")
    ]


def share_by_stage(rows: list[dict[str, Any]]) -> alt.TopLevelMixin:
    stages = [_(stage) for stage in STAGES]
    bars = (
        alt.Chart(alt.Data(values=rows))
        # The axis names each bar without its source note, which the tooltip and the table give in full.
        .transform_calculate(label="split(datum.measure, ' (')[0]")
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
            # Room past 100 for the value beside the longest bar, inside the plot at any width.
            x=alt.X(
                "share:Q",
                title=_("China's share of world total (%)"),
                scale=alt.Scale(domain=[0, 112]),
                axis=alt.Axis(values=list(range(0, 101, 20))),
            ),
            color=alt.Color(
                "stage:N", sort=stages, title=_("Stage of the chain"), legend=alt.Legend(orient="bottom")
            ),
            tooltip=[
                alt.Tooltip("stage:N", title=_("Stage")),
                alt.Tooltip("measure:N", title=_("Measure")),
                alt.Tooltip("share:Q", title=_("China's share (%)")),
            ],
        )
    )
    labels = bars.mark_text(align="left", dx=4).encode(
        text=alt.Text("share:Q", format=".0f"), color=alt.value("currentColor")
    )
    return alt.layer(bars, labels, title=_("China's share at each stage of the rare-earth chain")).properties(
        width="container", height=220
    )


SHARE_BY_STAGE = StaticChart(
    name="china_share_by_stage",
    title=N_("China's share at each stage of the rare-earth chain"),
    description=N_(
        "Horizontal bars of China's share of world totals. Mining: 69% in 2024 (USGS figures) and 62% in 2023 (IEA). "
        "Refining and separation: 91% in 2025 and 92% of refined output in 2023 (IEA). Permanent magnets: 94% in 2025 "
        "(IEA). China's grip tightens further down the chain."
    ),
    build=share_by_stage,
    rows=share_rows,
    table=Table(
        "data",
        N_("China's share by stage (% of world total)"),
        (
            Column("stage", N_("Stage")),
            Column("measure", N_("Measure")),
            Column("share", N_("China's share (%)"), 0),
        ),
    ),
)
