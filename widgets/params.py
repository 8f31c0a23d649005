"""Parameter metadata and validation shared by every widget.

The metadata is written once here (per model) and read by the page's sliders, the methodology
page and the tests. Validation turns bad input into a message a reader understands.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from typing import Any, Mapping


def format_value(value: float, unit: str, digits: int | None = None) -> str:
    """A number with its unit as a reader writes it: 12.5%, $127.50, 18 months, 2.
    Used by sliders and read-outs alike, in CPython at build time and in Pyodide at run time."""
    if unit == "$":
        return f"${value:,.2f}"
    if unit == "year":  # a calendar year; 0 means "not within the years shown"
        return str(math.floor(value + 0.5)) if value else "none"  # half up, as JavaScript rounds
    if digits is not None:
        text = f"{value:,.{digits}f}"
    else:  # up to two decimals, without trailing zeros: 7.5, 10, 0.25
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit == "×" or unit.startswith("%"):  # 12%, 3×, 10% per year
        return f"{text}{unit}"
    if unit.startswith("$ "):  # "$ bn": $1.5 bn
        return f"${text} {unit[2:]}"
    return f"{text} {unit}".strip()


def difference_text(value: float, baseline: float, unit: str, digits: int | None = None) -> str:
    """How a figure compares with the baseline, as a reader says it: "baseline 37.5%, −10 points".
    A change in a percentage is in (percentage) points; a calendar year's change is in years."""
    base = format_value(baseline, unit, digits)
    if format_value(value, unit, digits) == base:
        return "same as the baseline"
    if unit == "year" and not (value and baseline):  # "none": no difference to state
        return f"baseline {base}"
    places = 2 if digits is None or unit == "$" else digits
    change = round(value, places) - round(baseline, places)  # the difference of the numbers the reader sees
    sign = "+" if change > 0 else "−"
    size = round(abs(change), places)
    if unit.startswith("%"):
        amount = format_value(size, "")
        amount += " point" if amount == "1" else " points"
    elif unit == "year":
        years = format_value(abs(change), "", 0)
        amount = f"{years} year" if years == "1" else f"{years} years"
    else:
        amount = format_value(size, unit)
        if size == 1 and amount.endswith(" " + unit) and unit.endswith("s"):
            amount = amount[:-1]  # 1 month, not 1 months
    return f"baseline {base}, {sign}{amount}"


class ParameterError(ValueError):
    """A parameter value a model cannot use; the message is written for the reader."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class Param:
    """One slider: what it means, its unit, allowed range, step, default and where the default comes from.

    `source` is an id in the site's source registry (explainers/sources.toml). When no source gives
    a value, `assumption` explains in one sentence why the teaching value is reasonable.
    """

    name: str
    label: str
    unit: str  # shown after the number, e.g. "%", "months", "% per year"
    minimum: float
    maximum: float
    step: float
    default: float
    source: str | None = None
    assumption: str | None = None
    help: str = ""

    def describe(self, value: float) -> str:
        """The value with its unit, as a reader would say it (no HTML)."""
        return format_value(value, self.unit)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Text that counts as a number: a plain decimal ("12", "-3", " 12.5 ", "1e2"), the same pattern as the
# page's reader of shared links (runtime/scenario-url.js; a browser test holds the two together).
# Not Python's own float() grammar, which also takes "1_000", "nan" or non-ASCII digits.
NUMBER_TEXT = re.compile(r" *[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)? *")


def shown(raw: object) -> str:
    """A rejected value as a reader can read it back: short, and never a crash. (repr() of a huge int
    or of a deeply nested list raises; bytes and containers are named, not printed.)"""
    if raw is None:
        return "nothing"
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, str):
        return f"“{raw[:40]}{'…' if len(raw) > 40 else ''}”"
    if isinstance(raw, int):
        return "a number with too many digits" if abs(raw) >= 10**40 else str(raw)
    if isinstance(raw, float):
        return repr(raw)
    return f"a {type(raw).__name__}, not a number"


def _as_number(param: Param, raw: object) -> float:
    """Only numbers and plain decimal text count. Bytes, bools, None and containers are refused rather
    than read by Python's own rules (float(b"1_0") is 10.0)."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise ParameterError(param.name, f"{param.label} needs a number; got {shown(raw)}.")
    if isinstance(raw, str) and not NUMBER_TEXT.fullmatch(raw):
        raise ParameterError(param.name, f"{param.label} needs a number; {shown(raw)} is not one.")
    try:
        value = float(raw)
    except OverflowError:  # an int beyond any float, such as 10**400
        value = math.inf
    if not math.isfinite(value):
        raise ParameterError(param.name, f"{param.label} needs a finite number; got {shown(raw)}.")
    return value


def _range_text(param: Param) -> str:
    return f"between {param.describe(param.minimum)} and {param.describe(param.maximum)}"


def _outside(param: Param, value: float) -> str:
    return param.describe(value) if abs(value) < 1e12 else "that number"  # not 300 digits of a huge float


def validate(params: tuple[Param, ...], values: object) -> dict[str, float]:
    """Return every parameter as a float, or raise ParameterError naming the parameter, value and range."""
    if not isinstance(values, Mapping):
        raise ParameterError("", "The model needs its settings as name–value pairs.")
    known = {p.name for p in params}
    unknown = [str(name)[:40] for name in values if name not in known]  # names may be of any type
    if unknown:
        raise ParameterError(unknown[0], f"“{unknown[0]}” is not a setting of this model.")
    checked: dict[str, float] = {}
    for param in params:
        if param.name not in values:
            raise ParameterError(param.name, f"{param.label} is missing; it must be {_range_text(param)}.")
        value = _as_number(param, values[param.name])
        if not param.minimum <= value <= param.maximum:
            raise ParameterError(
                param.name,
                f"{param.label} must be {_range_text(param)}; {_outside(param, value)} is outside that range.",
            )
        checked[param.name] = value
    return checked


def clamp(params: tuple[Param, ...], values: Mapping[str, object]) -> tuple[dict[str, float], list[str]]:
    """Forgiving reading of untrusted input (a shared link): keep what is usable, clamp what is out of
    range, fall back to the default for what is missing or not a number, and say what changed."""
    result: dict[str, float] = {}
    notes: list[str] = []
    for param in params:
        if param.name not in values:
            result[param.name] = param.default
            continue
        try:
            value = _as_number(param, values[param.name])
        except ParameterError as error:
            notes.append(f"{error} Using the default, {param.describe(param.default)}.")
            result[param.name] = param.default
            continue
        bounded = min(max(value, param.minimum), param.maximum)
        if bounded != value:
            notes.append(
                f"{param.label} must be {_range_text(param)}; changed {_outside(param, value)} to {param.describe(bounded)}."
            )
        result[param.name] = bounded
    return result, notes


def defaults(params: tuple[Param, ...]) -> dict[str, float]:
    return {p.name: p.default for p in params}
