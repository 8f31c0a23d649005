"""Sentences that say what a run did, for a reader who cannot see the chart (PhET's "interactive description").

After each change the page reads one sentence aloud: what the reader changed, how the results moved
against the previous run, where they stand against the baseline, and any threshold crossed ("revenue now
falls as the tariff rises"). The words are made here, in Python, from the model's own numbers, units
and rounding, so they are the same at build time (CPython) and in the reader's browser (Pyodide), and
are tested like any other output of a model.

Each model adds what only it knows (`Narration`): short names of its read-outs, the states a reader should
notice (a threshold is crossed when a state changes) and a summary of each of its charts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Protocol, Sequence

from widgets.params import Param, format_value
from widgets.wire import DescriptionReply
from widgets.words import _, ngettext


class _Figure(Protocol):  # widgets.model.Figure (which imports this module)
    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str: ...
    @property
    def digits(self) -> int: ...
    @property
    def text(self) -> str: ...


# A state worth saying aloud: `kind` names it ("past_peak"), `sentence` says it. A threshold is crossed
# when a state's kind differs from the previous run's.
@dataclass(frozen=True)
class State:
    kind: str
    sentence: str


Rows = list[dict[str, Any]]
BRIEF_READOUTS = 2  # read-outs said in brief: more is a paragraph, not a sentence
States = Callable[[dict[str, float], dict[str, Rows]], dict[str, State]]
Summaries = Callable[[dict[str, Rows]], dict[str, str]]


def _no_states(values: dict[str, float], data: dict[str, Rows]) -> dict[str, State]:
    return {}


def _no_summaries(data: dict[str, Rows]) -> dict[str, str]:
    return {}


@dataclass(frozen=True)
class Narration:
    """What a model adds to the generic sentences.

    names: the read-outs said in brief, in this order, each by its short spoken name ("the price paid").
    states: the states of a scenario a reader should notice, from its settings and data (baseline and
        yours, each row with its `scenario`); a change of state between two runs is a threshold crossed.
    charts: a summary of each chart (keyed by the name of the function that draws it) for the current
        data: the peak, the crossing, the baseline against your scenario.
    """

    names: Mapping[str, str] = field(default_factory=dict)
    plural: frozenset[str] = frozenset()  # read-outs whose name takes a plural verb ("imports fall")
    states: States = _no_states
    charts: Summaries = _no_summaries


@dataclass(frozen=True)
class Description:
    brief: str  # after a change: what changed, the main read-outs that moved, any threshold crossed
    full: str  # what changed, every read-out that moved, every state of the scenario
    charts: dict[str, str]  # chart name -> what it shows now

    def as_dict(self) -> DescriptionReply:
        return {"brief": self.brief, "full": self.full, "charts": self.charts}


def _join(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def what_changed(
    params: Sequence[Param],
    values: dict[str, float],
    previous: dict[str, float] | None,
    presets: Sequence[tuple[str, Mapping[str, float]]] = (),
) -> str:
    """The settings the reader changed, as a reader says them: "Reciprocal tariff on China 34%"; when the
    settings now match a preset (`presets`: its phrase and values), that phrase first; "" when nothing
    changed (or there was no run before)."""
    if previous is None:
        return ""
    moved = [p for p in params if previous.get(p.name) != values[p.name]]
    if not moved:
        return ""
    settings = (
        _join(
            [
                _("{setting} {value}").format(setting=_(p.label), value=p.describe(values[p.name]))
                for p in moved
            ]
        )
        if len(moved) <= 2
        else ngettext("{count} setting changed", "{count} settings changed", len(moved)).format(
            count=len(moved)
        )
    )
    for phrase, preset_values in presets:
        if all(preset_values.get(p.name) == values[p.name] for p in params):
            return _("{preset} ({settings})").format(preset=phrase, settings=settings)
    return settings


def _moved(figure: _Figure, before: _Figure | None, name: str, plural: bool) -> str:
    """ "the price paid rises to $134.00 (baseline $110.00, +$24.00)"; "" when the read-out did not change."""
    if before is None:
        said = _("{name} are {value}") if plural else _("{name} is {value}")
        return said.format(name=name, value=figure.text)
    if format_value(before.value, figure.unit, figure.digits) == format_value(
        figure.value, figure.unit, figure.digits
    ):
        return ""
    if figure.value > before.value:
        said = _("{name} rise to {value}") if plural else _("{name} rises to {value}")
    else:
        said = _("{name} fall to {value}") if plural else _("{name} falls to {value}")
    return said.format(name=name, value=figure.text)


def describe(
    narration: Narration,
    params: Sequence[Param],
    values: dict[str, float],
    figures: Sequence[_Figure],
    data: dict[str, Rows],
    inactive: Mapping[str, str],
    previous: tuple[dict[str, float], Sequence[_Figure], dict[str, Rows]] | None = None,
    presets: Sequence[tuple[str, Mapping[str, float]]] = (),
) -> Description:
    """The sentences for one run (`figures` carry their baseline). `previous` is the previous run's settings,
    figures and data, when there was one."""
    states = narration.states(values, data)
    before_values, before_figures, before_data = previous if previous else (None, (), {})
    before_states = narration.states(before_values, before_data) if before_values is not None else {}
    old = {f.key: f for f in before_figures}
    changed = what_changed(params, values, before_values, presets)

    def moves(keys: Iterable[str]) -> list[str]:
        named = {f.key: f for f in figures}
        said = [
            _moved(
                named[key],
                old.get(key) if previous else None,
                _(narration.names.get(key, named[key].label)),
                key in narration.plural,
            )
            for key in keys
        ]
        return [m for m in said if m]

    crossed = [
        s
        for key, s in states.items()
        if previous and key in before_states and before_states[key].kind != s.kind
    ]
    # In brief, the read-outs the model names (or, if it names none, all), at most BRIEF_READOUTS of those
    # that moved; in full, every one.
    named = [k for k in narration.names if any(f.key == k for f in figures)] or [f.key for f in figures]
    brief_moves = moves(named)[:BRIEF_READOUTS]
    full_moves = moves([f.key for f in figures])

    def said(moved: list[str], others: Iterable[State]) -> str:
        if changed and not moved:
            # A setting with no effect says why (PhET's rule), as its slider does.
            why = [
                inactive[p.name]
                for p in params
                if p.name in inactive and (before_values or {}).get(p.name) != values[p.name]
            ]
            head = " ".join([_("{changed}: no result changes.").format(changed=changed), *why[:1]])
        elif changed:
            head = _sentence(_("{changed}: {results}").format(changed=changed, results="; ".join(moved)))
        else:
            head = _sentence("; ".join(moved)) if moved else _("No result changes.")
        return " ".join([head, *(_sentence(s.sentence) for s in others)])

    rest = [s for s in states.values() if s not in crossed]
    return Description(said(brief_moves, crossed), said(full_moves, crossed + rest), narration.charts(data))
