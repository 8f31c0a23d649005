"""The 2025 escalation and truces: US and Chinese additional tariff levels as a step chart."""

from __future__ import annotations

from typing import Any

import altair as alt

from explainers import data
from explainers.charts.base import Column, StaticChart, Table
from widgets.words import N_, _

# The two sides' names: the data's labels and the legend's, translated where the chart is made.
US = N_("US tariff on Chinese goods (IEEPA layers)")
CHINA = N_("China's tariff on US goods")


def side_rows(dataset: str, side: str, rate_column: str) -> list[dict[str, Any]]:
    """One side's tariff over time; each data set names its rate column in its own way."""
    return [
        {
            "date": r["date"],
            "side": side,
            "rate": float(r[rate_column]),
            "note": r["note"],
            "source": r["source"],
        }
        for r in data.translated(dataset)
    ]


def timeline_rows() -> list[dict[str, Any]]:
    us = side_rows("us_tariffs_on_china_2025", _(US), "total_ieepa_pct")
    china = side_rows("china_tariffs_on_us_2025", _(CHINA), "rate_pct")
    return sorted(us + china, key=lambda r: (r["date"], r["side"]))


def tariff_timeline(rows: list[dict[str, Any]]) -> alt.TopLevelMixin:
    end = [
        {
            "date": "2025-12-31",
            "side": side,
            "rate": next(r["rate"] for r in reversed(rows) if r["side"] == side),
        }
        for side in (_(US), _(CHINA))
    ]  # carry the last level to the end of the year
    x = alt.X("date:T", title=_("2025"), axis=alt.Axis(format="%b", tickCount=12, labelAngle=0))
    y = alt.Y("rate:Q", title=_("Additional tariff (%)"))
    colour = alt.Color(
        "side:N",
        title=None,
        sort=[_(US), _(CHINA)],
        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0),
    )
    steps = (
        alt.Chart(alt.Data(values=rows + end))
        .mark_line(interpolate="step-after")
        .encode(x=x, y=y, color=colour)
    )
    points = (
        alt.Chart(alt.Data(values=rows))
        .mark_point(filled=True, size=60)
        .encode(
            x=x,
            y=y,
            color=colour,
            tooltip=[
                alt.Tooltip("date:T", title=_("From"), format="%d %b %Y"),
                alt.Tooltip("side:N", title=_("Side")),
                alt.Tooltip("rate:Q", title=_("Rate (%)")),
                alt.Tooltip("note:N", title=_("What changed")),
            ],
        )
    )
    busan = (
        alt.Chart(alt.Data(values=[{"date": "2025-10-30", "label": _("Busan, 30 Oct")}]))
        .mark_rule(strokeDash=[4, 3])
        .encode(x="date:T")
    )
    busan_label = busan.mark_text(align="right", dx=-4, dy=-6, baseline="top").encode(
        text="label:N", y=alt.value(0), color=alt.value("currentColor")
    )
    return alt.layer(
        steps, points, busan, busan_label, title=_("Additional tariffs in 2025: escalation and truces")
    ).properties(width="container", height=260)


TARIFF_TIMELINE = StaticChart(
    name="tariff_timeline",
    title=N_("Additional tariffs in 2025: escalation and truces"),
    description=N_(
        "Step lines of the extra tariffs each side charged in 2025. The US IEEPA tariffs on Chinese goods rose from 10% "
        "in February to 145% on 10 April; China's on US goods reached 125%. The Geneva truce of May cut them to 30% and 10%; "
        "after Busan the US level fell to 20% from 10 November. China's answer to the 'reciprocal' tariff, announced at "
        "34% on 4 April, took effect at 84% on 10 April. Older Section 301 tariffs applied throughout and are not "
        "included. The IEEPA tariffs were struck down on 20 February 2026."
    ),
    build=tariff_timeline,
    rows=timeline_rows,
    table=Table(
        "data",
        N_("Additional tariff levels, 2025"),
        (
            Column("date", N_("From")),
            Column("side", N_("Side")),
            Column("rate", N_("Rate (%)"), 0),
            Column("note", N_("What changed")),
        ),
    ),
)
