"""A model's data value that a chart shows, in the build's language: the rows keep the model's English words
("Baseline", a tariff layer's name), which the model, the page's filters and a scenario's files read as keys
(widgets/model.py), and the chart shows their translation in a field of its own, computed by Vega from the
same rows at build time (the SVG picture) and in the browser (the live view, redrawn from the worker's rows).

In English nothing is added: the chart reads the rows' own field, so the English spec and picture are the
ones they were before any translation.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TypeVar

import altair as alt

from widgets.words import _

Chart = TypeVar("Chart", bound=alt.TopLevelMixin)


def _translations(values: Sequence[str]) -> dict[str, str]:
    return {value: _(value) for value in values if _(value) != value}


def field(key: str, values: Sequence[str]) -> str:
    """The field a chart encodes to show the rows' `key` field: itself when no value is translated."""
    return f"{key}_shown" if _translations(values) else key


def names(values: Sequence[str]) -> list[str]:
    """The values as the chart shows them, in the same order (a sort, a scale's domain)."""
    return [_(value) for value in values]


def add(chart: Chart, key: str, values: Sequence[str]) -> Chart:
    """`chart` with field(key, values) computed from each row's `key`: its translation, or the value itself
    when it has none (a value the list does not name shows as the model wrote it)."""
    translations = _translations(values)
    if not translations:
        return chart
    expression = (
        "".join(
            f"datum[{json.dumps(key)}] === {json.dumps(english, ensure_ascii=False)} ? "
            f"{json.dumps(shown, ensure_ascii=False)} : "
            for english, shown in translations.items()
        )
        + f"datum[{json.dumps(key)}]"
    )
    return chart.transform_calculate(**{field(key, values): expression})
