"""Parameter metadata and validation shared by every widget.

The metadata is written once here (per model) and read by the page's sliders, the methodology
page and the tests. Validation turns bad input into a message a reader understands.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from typing import Any, Mapping

# How numbers are written, in each language, is widgets/numbers.py's; format_value stays importable from here.
from widgets.numbers import DEFAULT_DIGITS, MONEY_DIGITS, format_value, points, rounded
from widgets.words import _


def difference_text(value: float, baseline: float, unit: str, digits: int | None = None) -> str:
    """How a figure compares with the baseline, as a reader says it: "baseline 37.5%, −10 points".
    A change in a percentage is in (percentage) points; a calendar year's change is in years.
    The change is the difference of the two numbers the reader sees, each rounded as it is shown: a reader
    who subtracts "30.3%" from "30.5%" must find the "−0.2 points" the page states."""
    base = format_value(baseline, unit, digits)
    if format_value(value, unit, digits) == base:
        return _("same as the baseline")
    if unit == "year" and not (value and baseline):  # "none": no difference to state
        return _("baseline {value}").format(value=base)
    if unit == "year":
        places = 0
    elif unit == "$":
        places = MONEY_DIGITS
    else:
        places = DEFAULT_DIGITS if digits is None else digits
    change = rounded(value, places) - rounded(baseline, places)
    sign = "+" if change > 0 else "−"
    size = float(abs(change))  # at most `places` decimals, so the float writes back exactly
    if unit.startswith("%"):
        amount = points(size)
    elif unit == "year":
        amount = format_value(size, "years", 0)
    else:
        amount = format_value(size, unit)
    return _("baseline {value}, {change}").format(value=base, change=f"{sign}{amount}")


class ParameterError(ValueError):
    """A parameter value a model cannot use; the message is written for the reader."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True, kw_only=True)
class Param:
    """One slider: what it means, its unit, allowed range, step, default and where the default comes from.
    Keyword-only: seven numbers and strings in a row are easy to write in the wrong order.

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


# Text that counts as a number: a plain decimal ("12", "-3", " 12.5 ", "1e2"). The page reads shared links
# and quiz answers with this very pattern (explainers/contract.py writes it into contract.js), so it is
# written in the syntax both Python's and JavaScript's regular expressions read alike.
# Not Python's own float() grammar, which also takes "1_000", "nan" or non-ASCII digits.
NUMBER_TEXT = re.compile(r" *[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)? *")


def read_number(text: str) -> float | None:
    """Plain decimal text as a finite float, or None: "1e309", "0x10" and "nan" are not numbers here."""
    if not NUMBER_TEXT.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def shown(raw: object) -> str:
    """A rejected value as a reader can read it back: short, and never a crash. (repr() of a huge int
    or of a deeply nested list raises; bytes and containers are named, not printed.)"""
    if raw is None:
        return _("nothing")
    if isinstance(raw, bool):
        return _("true") if raw else _("false")
    if isinstance(raw, str):
        return f"“{raw[:40]}{'…' if len(raw) > 40 else ''}”"
    if isinstance(raw, int):
        return _("a number with too many digits") if abs(raw) >= 10**40 else str(raw)
    if isinstance(raw, float):
        return repr(raw)
    return _("a {kind}, not a number").format(kind=type(raw).__name__)


def _as_number(param: Param, raw: object) -> float:
    """Only numbers and plain decimal text count. Bytes, bools, None and containers are refused rather
    than read by Python's own rules (float(b"1_0") is 10.0)."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise ParameterError(
            param.name,
            _("{setting} needs a number; got {value}.").format(setting=_(param.label), value=shown(raw)),
        )
    if isinstance(raw, str) and not NUMBER_TEXT.fullmatch(raw):
        raise ParameterError(
            param.name,
            _("{setting} needs a number; {value} is not one.").format(
                setting=_(param.label), value=shown(raw)
            ),
        )
    try:
        value = float(raw)
    except OverflowError:  # an int beyond any float, such as 10**400
        value = math.inf
    if not math.isfinite(value):
        raise ParameterError(
            param.name,
            _("{setting} needs a finite number; got {value}.").format(
                setting=_(param.label), value=shown(raw)
            ),
        )
    return value


def _range_text(param: Param) -> str:
    return _("between {low} and {high}").format(
        low=param.describe(param.minimum), high=param.describe(param.maximum)
    )


def _outside(param: Param, value: float) -> str:
    return param.describe(value) if abs(value) < 1e12 else _("that number")  # not 300 digits of a huge float


def validate(params: tuple[Param, ...], values: object) -> dict[str, float]:
    """Return every parameter as a float, or raise ParameterError naming the parameter, value and range."""
    if not isinstance(values, Mapping):
        raise ParameterError("", _("The model needs its settings as name–value pairs."))
    known = {p.name for p in params}
    unknown = [str(name)[:40] for name in values if name not in known]  # names may be of any type
    if unknown:
        raise ParameterError(
            unknown[0], _("“{name}” is not a setting of this model.").format(name=unknown[0])
        )
    checked: dict[str, float] = {}
    for param in params:
        if param.name not in values:
            raise ParameterError(
                param.name,
                _("{setting} is missing; it must be {range}.").format(
                    setting=_(param.label), range=_range_text(param)
                ),
            )
        value = _as_number(param, values[param.name])
        if not param.minimum <= value <= param.maximum:
            raise ParameterError(
                param.name,
                _("{setting} must be {range}; {value} is outside that range.").format(
                    setting=_(param.label), range=_range_text(param), value=_outside(param, value)
                ),
            )
        checked[param.name] = value
    return checked


def defaults(params: tuple[Param, ...]) -> dict[str, float]:
    return {p.name: p.default for p in params}
