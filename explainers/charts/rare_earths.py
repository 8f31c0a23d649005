"""Static charts of rare-earth production and China's place in the chain."""

from __future__ import annotations

from typing import Any

import altair as alt

from explainers import data
from explainers.charts.base import Column, StaticChart, Table


def production_rows() -> list[dict[str, Any]]:
    return [
        {"country": r["country"], "tonnes": float(r["tonnes_reo"]), "source": r["source"]}
        for r in data.load("rare_earth_production_2024")
    ]


def production_by_country(rows: list[dict[str, Any]]) -> alt.Chart:
    return (
        alt.Chart(alt.Data(values=rows), title="Rare-earth mine production by country, 2024")
        .mark_bar()
        .encode(
            y=alt.Y("country:N", sort="-x", title=None),
            x=alt.X("tonnes:Q", title="Mine production (tonnes of rare-earth oxide)"),
            tooltip=[alt.Tooltip("country:N", title="Country"),
                     alt.Tooltip("tonnes:Q", title="Tonnes REO", format=",")],
        )
        .properties(width="container", height=260)
    )


PRODUCTION = StaticChart(
    name="rare_earth_production",
    title="Rare-earth mine production by country, 2024",
    description=(
        "Horizontal bars of 2024 mine production in tonnes of rare-earth oxide. China's bar, 270,000 tonnes, "
        "is about six times the next, the United States at 45,000 tonnes; China mined about 70% of the world's total."
    ),
    build=production_by_country,
    rows=production_rows,
    table=Table("data", "Mine production, 2024 (tonnes of rare-earth oxide)", (
        Column("country", "Country"), Column("tonnes", "Tonnes REO", 0))),
)
