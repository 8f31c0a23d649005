"""A number a page repeats from a data set is read from that data set, never typed twice.

In a page, `{{ data: rare_earth_production_2024 / China / tonnes_reo }}` becomes `270,000`: the value in the
row whose first column is "China", formatted as the site writes numbers. An unknown data set, row or
column fails the build, so prose and chart cannot drift apart.
"""

from __future__ import annotations

import re

from explainers import data

REFERENCE = re.compile(r"\{\{\s*data:\s*([\w-]+)\s*/\s*([^/}]+?)\s*/\s*(\w+)\s*\}\}")


class UnknownDataReference(KeyError):
    def __str__(self) -> str:
        return f"{self.args[0]}: no such data value (data set / first-column key / column)"


def value(name: str, key: str, column: str) -> str:
    rows = data.load(name)
    first = next(iter(rows[0]))
    for row in rows:
        if row[first] == key and column in row:
            number = float(row[column])
            return f"{number:,.0f}" if number.is_integer() else f"{number:,}"
    raise UnknownDataReference(f"{name} / {key} / {column}")


def fill(markdown: str) -> str:
    return REFERENCE.sub(lambda m: value(m[1], m[2], m[3]), markdown)
