"""A map of Central Asia and the Middle Corridor: Altair geoshape on Natural Earth country outlines
from the `world-atlas` npm package (self-hosted: the outlines are inlined into the page at build time)."""

from __future__ import annotations

from typing import Any

import altair as alt

from explainers import data
from explainers.charts.base import Column, StaticChart, Table
from widgets.words import N_, _

# The legend's order: the data's own words (explainers/data/central_asia_map.csv), translated where the chart
# is made, as the rows are.
ROLES = [
    N_("Critical-minerals memorandum with the US"),
    N_("Other C5+1 member"),
    N_("On the Middle Corridor"),
    N_("Start of the Middle Corridor"),
]


def map_rows() -> list[dict[str, Any]]:
    return data.translated("central_asia_map")


def region_map(rows: list[dict[str, Any]]) -> alt.Chart:
    outlines = alt.InlineData(
        values=data.country_outlines(), format=alt.DataFormat(type="topojson", feature="countries")
    )
    roles = alt.LookupData(
        alt.Data(values=[{k: r[k] for k in ("id", "country", "role")} for r in rows]),
        key="id",
        fields=["country", "role"],
    )
    return (
        alt.Chart(outlines, title=_("Central Asia and the Middle Corridor"))
        .mark_geoshape(stroke="white", strokeWidth=0.7)
        .transform_lookup(lookup="id", from_=roles)
        .transform_filter("isValid(datum.role)")
        .encode(
            color=alt.Color(
                "role:N",
                sort=[_(role) for role in ROLES],
                title=None,
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0),
            ),
            tooltip=[alt.Tooltip("country:N", title=_("Country")), alt.Tooltip("role:N", title=_("Role"))],
        )
        .project(type="mercator")
        .properties(width="container", height=300)
    )


REGION_MAP = StaticChart(
    name="central_asia_map",
    title=N_("Central Asia and the Middle Corridor"),
    description=N_(
        "A map from Türkiye in the west to China in the east. Kazakhstan and Uzbekistan, which signed critical-minerals "
        "memoranda with the United States (2025 and 2024), are highlighted; Kyrgyzstan, Tajikistan and Turkmenistan are "
        "the other Central Asian C5+1 members; Azerbaijan, Georgia and Türkiye carry the Middle Corridor west from the "
        "Caspian Sea. Russia, to the north, is not drawn. Country outlines: Natural Earth via the world-atlas package."
    ),
    build=region_map,
    rows=map_rows,
    table=Table(
        "data", N_("Countries on the map"), (Column("country", N_("Country")), Column("role", N_("Role")))
    ),
)
