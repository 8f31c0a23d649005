"""The teachers' class results page: a mount point for widgets/runtime/results.js, which reads the class's
worksheet files and answer texts in the teacher's browser (nothing is uploaded), and the Vega spec of its
chart, compiled here from Altair like every other chart on the site (the browser has Vega, not Vega-Lite)."""

from __future__ import annotations

from typing import Any

import altair as alt

from explainers.markup import json_block, render
from explainers.vega_build import vega_spec
from widgets.words import N_, _

MARKER = "<!-- class-results -->"
DATA = "class"  # the named data set results.js fills: one row per student and kind (prediction or model)
# The two kinds of point, as results.js names them in the rows: the words of the page's language, which
# results.js looks up in the same catalog (t("Prediction")), so the rows and the legend's domain agree.
KINDS = [N_("Prediction"), N_("Model")]


def chart() -> alt.Chart:
    """Each student's prediction beside the model's answer for the settings they had, one row per student.
    Told apart by shape as well as colour, so the chart reads in black and white and without colour vision."""
    kinds = [_(kind) for kind in KINDS]
    return (
        alt.Chart(alt.NamedData(DATA), title=_("Predictions against the model"))
        .mark_point(size=90, filled=True, opacity=0.9)
        .encode(
            x=alt.X("value:Q", title=_("Value"), scale=alt.Scale(zero=False)),
            y=alt.Y("student:N", title=None, sort=None),
            color=alt.Color(
                "kind:N",
                sort=kinds,
                scale=alt.Scale(domain=kinds),
                title=None,
                legend=alt.Legend(orient="bottom"),
            ),
            shape=alt.Shape(
                "kind:N", sort=kinds, scale=alt.Scale(domain=kinds, range=["circle", "diamond"]), title=None
            ),
            tooltip=[
                alt.Tooltip("student:N", title=_("Student")),
                alt.Tooltip("kind:N", title=_("Kind")),
                alt.Tooltip("text:N", title=_("Value")),
            ],
        )
        .properties(width="container")
    )


def spec() -> dict[str, Any]:
    return {"vega": vega_spec(chart().to_dict()), "datasets": [DATA]}


def results_html() -> str:
    return str(render("class_results.html", spec=json_block("bx-results-spec", spec())))


def fill(markdown: str) -> str:
    return markdown.replace(MARKER, results_html()) if MARKER in markdown else markdown
