"""The truce, term by term: each dated term of the Busan truce, who made it, when it ran and what became of it,
read from explainers/data/truce_terms.csv and written as one Markdown table (What happened next), plain enough for
a teacher to project.

An outcome is one of a few fixed words, so the table cannot drift into guesses: where no source we could read says
what happened, the row says so ("not confirmed") with the date it was checked. A term cannot be called lapsed or
extended before its end date, nor checked on a date still to come.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from explainers import data, sources
from widgets import numbers
from widgets.words import N_, _

MARKER = "<!-- truce-terms -->"
DATA_SET = "truce_terms"

# outcome in the data file (a key, never translated) -> the words in the table, in the build's language
OUTCOMES = {
    "extended": N_("Extended"),
    "lapsed": N_("Lapsed"),
    "replaced": N_("Replaced"),
    "struck down": N_("Struck down"),
    "met (reported)": N_("Met, as reported"),
    "not confirmed": N_("Not confirmed by any source we could read"),
}
ONLY_AFTER_THE_END = ("extended", "lapsed")  # what can only be known once a term's end date has passed


class BadTerm(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    key: str
    side: str
    what: str
    start: dt.date
    end: dt.date | None  # None: no end date was set
    outcome: str
    outcome_note: str
    checked: dt.date
    source_ids: tuple[str, ...]


def _date(text: str, key: str, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadTerm(f"{DATA_SET}.csv, {key}: {column} {text!r} is not a date (YYYY-MM-DD)") from None


def terms(today: dt.date | None = None) -> list[Term]:
    today = today or dt.date.today()
    found = []
    for row in data.load(DATA_SET):  # every row carries known sources, or loading fails
        key = row["term"]
        outcome = row["outcome"].strip()
        if outcome not in OUTCOMES:
            raise BadTerm(f"{DATA_SET}.csv, {key}: outcome {outcome!r} is not one of {', '.join(OUTCOMES)}")
        start = _date(row["start"], key, "start")
        end = _date(row["end"], key, "end") if row["end"].strip() else None
        checked = _date(row["checked"], key, "checked")
        if end and end < start:
            raise BadTerm(f"{DATA_SET}.csv, {key}: ends before it starts")
        if checked > today:
            raise BadTerm(f"{DATA_SET}.csv, {key}: checked on {checked}, a date still to come")
        if outcome in ONLY_AFTER_THE_END and (end is None or checked <= end):
            raise BadTerm(f"{DATA_SET}.csv, {key}: {outcome!r} before its end date has passed is a guess")
        found.append(
            Term(
                key=key,
                side=row["side"],
                what=row["what"],
                start=start,
                end=end,
                outcome=outcome,
                outcome_note=row["outcome_note"].strip(),
                checked=checked,
                source_ids=tuple(sources.split_ids(row["source"])),
            )
        )
    return found


def _day(day: dt.date) -> str:
    return numbers.short_date(day)  # in the build's language


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table_markdown() -> str:
    """One row per term, five columns so that it fits a projected slide; the date each outcome was checked sits
    beside the outcome. Sources are citations, which the page's citation step turns into numbered links. The
    words are in the build's language: the data's text columns by their English (explainers/data.py,
    READER_TEXT), dates as the language writes them."""
    headings = (_("Who"), _("Term"), _("In force"), _("What happened at the end"), _("Sources"))
    lines = ["| " + " | ".join(headings) + " |", "| --- | --- | --- | --- | --- |"]
    for term in terms():
        when = (
            f"{_day(term.start)} – {_day(term.end)}"
            if term.end
            else _("from {day} (no end date)").format(day=_day(term.start))
        )
        outcome = _("{outcome} (checked {day})").format(
            outcome=f"**{_(OUTCOMES[term.outcome])}**", day=_day(term.checked)
        )
        if term.outcome_note:
            outcome += f". {_(term.outcome_note)}"
        cites = "[" + "; ".join(f"@{s}" for s in term.source_ids) + "]"
        cells = (_(term.side), _(term.what), when, outcome, cites)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
