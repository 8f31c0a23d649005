"""The download menus' CSV files, by rules written once here and mirrored by widgets/runtime/reuse.js
(which writes the reader's own scenario in the browser):

- UTF-8 with a byte-order mark (Excel reads a file without one in the reader's legacy code page, and
  the labels have curly quotes and dashes; Google Sheets, LibreOffice, R and pandas skip the mark), a
  header row whose names carry the units, plain numbers (a point for decimals, no thousands separators,
  at most six decimals), ISO dates, CRLF line ends (RFC 4180), quotes only where a field needs them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from explainers.charts.base import Table

BOM = "\ufeff"
SCENARIO = "scenario"  # the column that says which scenario a row belongs to


def plain_number(value: Any) -> str:
    """A number as a spreadsheet reads it everywhere: 270000, 12.5, -0.25 (no separators, ≤ 6 decimals).
    Mirrored by reuse.js `plainNumber` (tests/cases/contract_cases.json holds the two together): rounded
    as its toFixed(6) rounds, the float's exact value with a tie away from zero (round() would take the
    even neighbour: 0.0078125 is 0.007812 there, 0.007813 in the browser)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        number = float(value)
        if math.isfinite(number):
            with localcontext(prec=400):  # room for every digit of any float
                number = float(Decimal(number).quantize(Decimal("1e-6"), rounding=ROUND_HALF_UP))
        text = repr(number + 0.0)  # + 0.0: no negative zero; repr: the shortest digits, as JavaScript's
        if math.isfinite(number) and abs(number) < 1e21:  # where JavaScript writes them out: 0.00001, 1e20
            text = f"{Decimal(text):f}"
        return text.removesuffix(".0")
    return str(value)


def _field(text: str) -> str:
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(c in text for c in ',"\r\n') else text


def csv_text(header: list[str], rows: Iterable[list[Any]]) -> str:
    lines = [",".join(_field(h) for h in header)]
    lines += [",".join(_field(plain_number(v)) for v in row) for row in rows]
    return BOM + "\r\n".join(lines) + "\r\n"


def table_csv(
    table: Table,
    rows: list[dict[str, Any]],
    scenario: str | None = None,
    extra: tuple[tuple[str, str], ...] = (),
) -> str:
    """A table's rows with its own column headings (units included). A widget's table without a scenario
    column gets one first (`scenario` names the rows); a static chart adds its rows' source ids."""
    keys = [c.key for c in table.columns]
    header = [c.heading for c in table.columns]
    labelled = scenario is not None and SCENARIO not in keys
    if labelled:
        header = ["Scenario", *header]
    header += [heading for _, heading in extra]
    body = [
        ([row.get(SCENARIO, scenario)] if labelled else [])
        + [row.get(k, "") for k in keys]
        + [row.get(k, "") for k, _ in extra]
        for row in rows
    ]
    return csv_text(header, body)
