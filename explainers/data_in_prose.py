"""A number a page repeats from a data set is read from that data set, never typed twice.

In a page, `{{ data: rare_earth_production_2024 / China / tonnes_reo }}` becomes `270,000`: the value in the
row whose first column is "China", with every digit, written as the page's language writes numbers
(widgets/numbers.py): `270 000` on a Russian page, where "270,000" would read as 270. An unknown data set,
row or column fails the build, so prose and chart cannot drift apart.
"""

from __future__ import annotations

import re

from explainers import data
from widgets import numbers

REFERENCE = re.compile(r"\{\{\s*data:\s*([\w-]+)\s*/\s*([^/}]+?)\s*/\s*(\w+)\s*\}\}")


class UnknownDataReference(KeyError):
    def __str__(self) -> str:
        return f"{self.args[0]}: no such data value (data set / first-column key / column)"


def value(name: str, key: str, column: str, language: str | None = None) -> str:
    rows = data.load(name)
    first = next(iter(rows[0]))
    for row in rows:
        if row[first] == key and column in row:
            return numbers.exact(float(row[column]), language)
    raise UnknownDataReference(f"{name} / {key} / {column}")


def fill(markdown: str, language: str | None = None) -> str:
    """Every reference in `markdown` replaced by its value, written in `language` (the build's when None)."""
    return REFERENCE.sub(lambda m: value(m[1], m[2], m[3], language), markdown)
