"""Numbers and dates as each of the site's languages writes them: the one place that decides how a figure
looks, in the build (CPython) and in the reader's browser (the models run in Pyodide; the page's format.js
reads the same table, STYLES, from the generated contract.js). Standard library only.

A number written the English way on a Russian page is not a style slip but a wrong number: "270,000 т"
reads as 270 to a Russian reader, "12.5" as a date. Russian: comma decimal, a no-break space between
thousands ("270 000"), a no-break space before "%" ("12,5 %"); every separator here is the language's own.

The language is the build's (`config.theme.language`, set by explainers/build.py) or the page's
(`<html lang>`, sent to the worker by python.js after boot: never part of Python's memory snapshot, so one
snapshot serves every language). Links and data files never go through here: a scenario link and a CSV
keep the dot decimal in every edition.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any, Iterator  # not collections.abc: the trimmed standard library has typing

# Decimals a number shows when its figure names none (trailing zeros dropped: 7.5, 10, 0.25), and of an
# amount in dollars (always shown: $127.50). The page's format.js reads both from the generated contract.js.
DEFAULT_DIGITS = 2
MONEY_DIGITS = 2
# Units written in the plural that take the singular after exactly "1" in English (format.js reads these
# too); other languages name their forms in Style.units.
PLURAL_UNITS = ("months", "years")

NBSP = "\u00a0"  # no-break space: "270 000", "12,5 %" never break across lines
DASH = "\u2013"  # en dash, between the ends of a range in every language here


@dataclass(frozen=True, kw_only=True)
class Style:
    """How one language writes numbers and dates. A new language is one more entry in STYLES (and its cases
    in tests/cases/numbers_by_language.json), read alike by Python and by the page."""

    decimal: str  # "12.5" / "12,5"
    group: str  # thousands: "270,000" / "270 000"
    percent: str  # between a number and "%": "12.5%" / "12,5 %"
    unit_space: str  # between a number and its unit: "18 months" / "18 месяцев" (no-break in Russian)
    money: str  # US dollars: "$148.00" / "148,00 $" ({number} is the amount, with its cents)
    months: tuple[str, ...]  # on their own, as in "December 2026" / "декабрь 2026"
    months_of: tuple[str, ...]  # in a date: "7 December 2026" / "7 декабря 2026 г."
    short_months_of: tuple[str, ...]  # in a short date, as in a table: "10 Nov 2025" / "10 нояб. 2025 г."
    date: str  # a day's pattern: {day} {month} {year}
    month_year: str  # a month's pattern: {month} {year}
    no_year: str  # a calendar year that never comes ("none"): a figure's value 0
    # A unit's words by plural form (Style.plural picks one); a unit not listed is written as given.
    units: dict[str, tuple[str, ...]] = field(default_factory=dict)
    points: tuple[str, ...] = ()  # a change in a percentage: "−2 points" / "−2 п. п."
    # For charts' time axes (Vega's d3-time-format locale): the days of the week and short month names.
    days: tuple[str, ...] = ()  # from Sunday
    short_days: tuple[str, ...] = ()
    short_months: tuple[str, ...] = ()
    # Which plural rule picks a unit's form (CLDR's): "one" (English: the first form only after exactly
    # "1") or "slavic" (Russian: 1 месяц, 2 месяца, 5 месяцев, 21 месяц, and 1,5 месяца for a fraction).
    plurals: str = "one"

    def plural(self, text: str) -> int:
        """Which of a unit's forms follows the number written `text` (format.js pluralForm() is the same)."""
        if self.plurals == "one":
            return 0 if text == "1" else 1
        digits = text.replace(self.group, "").lstrip("-")
        if not digits.isdigit():  # a fraction: "1,5 месяца"
            return 1
        n = int(digits)
        if n % 10 == 1 and n % 100 != 11:
            return 0
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return 1
        return 2


_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

STYLES: dict[str, Style] = {
    "en": Style(
        decimal=".",
        group=",",
        percent="",
        unit_space=" ",
        money="${number}",
        months=_EN_MONTHS,
        months_of=_EN_MONTHS,
        short_months_of=tuple(name[:3] for name in _EN_MONTHS),
        date="{day} {month} {year}",
        month_year="{month} {year}",
        no_year="none",
        units={"months": ("month", "months"), "years": ("year", "years")},
        points=("point", "points"),
    ),
    "ru": Style(
        decimal=",",
        group=NBSP,
        percent=NBSP,
        unit_space=NBSP,
        # CLDR's Russian pattern (Intl's too), and how the Russian edition's own text writes dollars:
        # "148,00 $", "144 млн $", "20 $ за кг".
        money=f"{{number}}{NBSP}$",
        months=(
            "январь",
            "февраль",
            "март",
            "апрель",
            "май",
            "июнь",
            "июль",
            "август",
            "сентябрь",
            "октябрь",
            "ноябрь",
            "декабрь",
        ),
        months_of=(
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ),
        short_months_of=(  # CLDR's abbreviations in a date
            "янв.",
            "февр.",
            "мар.",
            "апр.",
            "мая",
            "июн.",
            "июл.",
            "авг.",
            "сент.",
            "окт.",
            "нояб.",
            "дек.",
        ),
        date=f"{{day}} {{month}} {{year}}{NBSP}г.",
        month_year="{month} {year}",
        no_year="нет",
        units={
            "t": ("т",),
            "t per year": ("т в год",),
            "months": ("месяц", "месяца", "месяцев"),
            "years": ("год", "года", "лет"),
            "% per year": ("% в год",),
            "$ bn": (f"млрд{NBSP}$",),
            "$ m": (f"млн{NBSP}$",),
            "$ per kg": ("$ за кг",),
        },
        points=(f"п.{NBSP}п.",),
        plurals="slavic",
        days=("воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"),
        short_days=("вс", "пн", "вт", "ср", "чт", "пт", "сб"),
        short_months=("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"),
    ),
}
ORIGINAL = "en"

_language = ORIGINAL


def set_language(code: str) -> str:
    """Write numbers in `code` from now on (a language without a style writes them in English: a number in
    the English style is still right, only foreign). Returns the language now in use."""
    global _language
    _language = code if code in STYLES else ORIGINAL
    return _language


def language() -> str:
    return _language


@contextlib.contextmanager
def speaking(code: str) -> Iterator[None]:
    """Numbers in `code` for the length of a `with` block (a build of one language, a test)."""
    before = _language
    set_language(code)
    try:
        yield
    finally:
        set_language(before)


def style(code: str | None = None) -> Style:
    return STYLES.get(code or _language, STYLES[ORIGINAL])


def rounded(value: float, digits: int) -> Decimal:
    """`value` rounded to `digits` decimals as the page's Intl.NumberFormat rounds: the number as it is written
    (its shortest form, 2.675, not the float's exact binary value, 2.67499...), a tie away from zero. Python's
    own round() and format round the binary value, and a tie to even: 0.125 and 2.675 would be 0.12 and 2.67
    here, 0.13 and 2.68 on the page."""
    with localcontext(prec=400):  # room for every digit of any float
        return Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _separators(english: str, code: str | None) -> str:
    """English digits ("1,234.5") in the language's separators ("1 234,5"), in one pass."""
    chosen = style(code)
    return english.translate({ord(","): chosen.group, ord("."): chosen.decimal})


def fixed(value: float, digits: int, code: str | None = None) -> str:
    """`value` with exactly `digits` decimals and the language's separators: 1,234.50 / 1 234,50."""
    if not math.isfinite(value):
        return f"{value:,.{digits}f}"
    return _separators(f"{rounded(value, digits):,f}", code)


def number(value: float, digits: int | None = None, code: str | None = None) -> str:
    """A number with `digits` decimals, or at most DEFAULT_DIGITS with trailing zeros dropped (7.5, 10)."""
    if digits is not None:
        return fixed(value, digits, code)
    english = fixed(value, DEFAULT_DIGITS, ORIGINAL).rstrip("0").rstrip(".")
    return _separators(english, code)


def exact(value: float, code: str | None = None) -> str:
    """Every digit of a value as a data set records it (270,000; 12.25; 0.0125), with the language's
    separators: what a page quotes from a data set is never rounded."""
    if value.is_integer():
        return _separators(f"{value:,.0f}", code)
    return _separators(f"{value:,}", code)


def editable(value: float, code: str | None = None) -> str:
    """A setting's value in the box beside its slider, as a reader would type it back: every digit, no
    thousands separator, the language's decimal mark ("12.5" / "12,5"). format.js editable() is the same."""
    return f"{value:g}".replace(".", style(code).decimal)


def percent(value: float, digits: int | None = None, code: str | None = None) -> str:
    """12.5% / 12,5 %: `value` is already in percent."""
    return f"{number(value, digits, code)}{style(code).percent}%"


def points(size: float, digits: int | None = None, code: str | None = None) -> str:
    """A change in a percentage: "2.5 points" / "2,5 п. п." (`size` is in percentage points)."""
    text = number(size, digits, code)
    chosen = style(code)
    return f"{text}{chosen.unit_space}{chosen.points[min(chosen.plural(text), len(chosen.points) - 1)]}"


def money(value: float, code: str | None = None) -> str:
    """US dollars, always with cents: $127.50 / 127,50 $. The sign, not a word, in every language: it
    spares the three plural forms of "доллар", and stays short on a slider. Where it goes is Style.money."""
    return style(code).money.format(number=fixed(value, MONEY_DIGITS, code))


def number_range(
    low: float, high: float, unit: str = "", digits: int | None = None, code: str | None = None
) -> str:
    """Two ends with one unit, joined by an en dash: 10–20%, 5–10 t / 10–20 %, 5–10 т."""
    return with_unit(f"{number(low, digits, code)}{DASH}{number(high, digits, code)}", unit, code)


def with_unit(text: str, unit: str, code: str | None = None) -> str:
    """A written number and its unit, as the language places them (the number's plural form chooses the
    unit's word): 12.5%, 3×, $1.5 bn, 18 months, 1 month / 12,5 %, 3×, 1,5 млрд $, 18 месяцев, 1 месяц."""
    chosen = style(code)
    words = chosen.units.get(unit)
    if words:
        unit = words[min(chosen.plural(text), len(words) - 1)]
        if not unit.startswith("%"):  # the language's own word, after the number: "18 месяцев", "144 млн $"
            return f"{text}{chosen.unit_space}{unit}"
    if unit == "×":
        return f"{text}×"
    if unit.startswith("%"):  # 12%, 10% per year / 12 %, 10 % в год
        return f"{text}{chosen.percent}{unit}"
    if unit.startswith("$ "):  # "$ bn": $1.5 bn
        return f"${text} {unit[2:]}"
    return f"{text}{chosen.unit_space}{unit}" if unit else text


def format_value(value: float, unit: str, digits: int | None = None, code: str | None = None) -> str:
    """A number with its unit as a reader writes it: 12.5%, $127.50, 18 months, 2 (in the current language
    unless `code` names one). Used by sliders and read-outs alike, in CPython at build time and in Pyodide
    at run time; the page's format.js describe() writes the same text (tests/cases/contract_cases.json and
    tests/cases/numbers_by_language.json hold the two together)."""
    if unit == "$":
        return money(value, code)
    if unit == "year":  # a calendar year, never grouped; 0 means "not within the years shown"
        return str(math.floor(value + 0.5)) if value else style(code).no_year  # half up, as JavaScript rounds
    return with_unit(number(value, digits, code), unit, code)


def date(day: dt.date, code: str | None = None) -> str:
    """7 December 2026 / 7 декабря 2026 г."""
    chosen = style(code)
    return chosen.date.format(day=day.day, month=chosen.months_of[day.month - 1], year=day.year)


def short_date(day: dt.date, code: str | None = None) -> str:
    """10 Nov 2025 / 10 нояб. 2025 г.: a date in a table."""
    chosen = style(code)
    return chosen.date.format(day=day.day, month=chosen.short_months_of[day.month - 1], year=day.year)


def month_year(year: int, month: int, code: str | None = None) -> str:
    """December 2026 / декабрь 2026 (`month` from 1)."""
    chosen = style(code)
    return chosen.month_year.format(month=chosen.months[month - 1], year=year)


def vega_locale(code: str | None = None) -> dict[str, dict[str, Any]] | None:
    """The language's d3-format and d3-time-format locales, which Vega writes a chart's axes, legends and
    tooltips with (`format_locale` and `time_format_locale` for vl-convert's pictures, `formatLocale` and
    `timeFormatLocale` for Vega-Embed on the page), or None for English, whose charts keep Vega's own
    defaults. Month names stand alone on an axis or in a tooltip ("%B %Y": "декабрь 2026"), so the
    nominative ones; a dollar amount is placed as in the read-outs ("1,5 $")."""
    chosen = style(code)
    if chosen is STYLES[ORIGINAL]:
        return None
    number_locale = {
        "decimal": chosen.decimal,
        "thousands": chosen.group,
        "grouping": [3],
        "currency": chosen.money.split("{number}"),  # ["", " $"]: as Style.money
        "percent": f"{chosen.percent}%",
    }
    time_locale = {
        "dateTime": "%A, %e %B %Y %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": list(chosen.days),
        "shortDays": list(chosen.short_days),
        "months": list(chosen.months),
        "shortMonths": list(chosen.short_months),
    }
    return {"format": number_locale, "time": time_locale}


def runtime_styles() -> dict[str, dict[str, Any]]:
    """STYLES as JSON, for contract.js: the page writes numbers from the very same table, and draws charts
    with the same Vega locales as the build's pictures."""
    return {code: {**asdict(chosen), "vega": vega_locale(code)} for code, chosen in STYLES.items()}
