"""What every widget model is: metadata plus one pure function from parameters to chart data.

A run computes the reader's scenario and a baseline (the defaults, or a dated preset) with the same
function and sets them side by side, as En-ROADS sets "Baseline" against "Current scenario": every data
set carries a `scenario` field, and every figure says how it differs from the baseline.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping

from widgets.describe import Description, Narration, describe
from widgets.params import Param, ParameterError, defaults, difference_text, format_value, validate
from widgets.wire import FigureReply, ResultReply
from widgets.words import N_, _, language

Rows = list[dict[str, Any]]
# The scenarios' names in the data (the charts' keys: not translated in the rows; the charts label them).
BASELINE = N_("Baseline")
YOURS = N_("Your scenario")
DEFAULT_BASELINE = N_("Default settings")


@dataclass(frozen=True)
class Preset:
    """A named, dated state that sets every slider at once (for example "After Busan, 10 Nov 2025")."""

    key: str
    label: str
    values: Mapping[str, float]
    source: str | None = None  # source-registry id for the dated values


@dataclass(frozen=True)
class Figure:
    """One summary figure the widget reads out in words (peak shortfall, price paid, ...)."""

    key: str
    label: str
    value: float
    unit: str
    digits: int = 1
    baseline: float | None = None  # the same figure in the baseline, once the run has one
    # A few words for a phone's compact read-outs, where the label would be cut (the label stays for
    # screen readers, the table and wider screens).
    short: str = ""

    @property
    def text(self) -> str:
        own = format_value(self.value, self.unit, self.digits)
        if self.baseline is None:
            return own
        return f"{own} ({difference_text(self.value, self.baseline, self.unit, self.digits)})"

    def as_dict(self) -> FigureReply:
        return {
            "key": self.key,
            "label": _(self.label),  # marked N_() where the model makes it, translated on its way out
            "value": self.value,
            "unit": self.unit,
            "text": self.text,
            "baseline": self.baseline,
        }


@dataclass(frozen=True)
class Result:
    """Named data sets (each fills the chart's `alt.NamedData` of that name), summary figures, and the
    settings that have no effect in this state, each with the reason (shown next to its slider)."""

    data: dict[str, Rows]
    figures: list[Figure]
    inactive: dict[str, str] = field(default_factory=dict)
    baseline: str = ""  # the baseline's name, once the run has one
    description: Description | None = None  # the run in words (widgets/describe.py), once it has a baseline

    def as_dict(self) -> ResultReply:
        reply: ResultReply = {
            "data": self.data,
            "figures": [f.as_dict() for f in self.figures],
            "inactive": self.inactive,
            "baseline": self.baseline,
        }
        if self.description:
            reply["description"] = self.description.as_dict()
        return reply


def beside(mine: Result, base: Result, baseline_label: str) -> Result:
    """The reader's scenario with the baseline: rows of both, labelled; figures with their baseline value."""
    data = {
        name: [{**row, "scenario": BASELINE} for row in base.data[name]]
        + [{**row, "scenario": YOURS} for row in rows]
        for name, rows in mine.data.items()
    }
    figures = [replace(f, baseline=b.value) for f, b in zip(mine.figures, base.figures, strict=True)]
    return Result(data, figures, mine.inactive, baseline_label)


@functools.lru_cache(maxsize=8)
def _computed(
    compute: Callable[[dict[str, float]], Result], settings: tuple[tuple[str, float], ...], language: str
) -> Result:
    """A model is a pure function of its settings, and a run computes the baseline and the settings before
    it again each time (a slider's step computes one new scenario): the last few are kept. A Result is
    never changed once made (`beside` and `replace` make new ones). The language is part of the key: a
    result holds words (its read-outs' labels), and one process may build two editions."""
    return compute(dict(settings))


@dataclass(frozen=True)
class Start:
    """Where a widget starts: its defaults or one of its presets, which is then also its baseline."""

    preset: str | None  # None: the defaults
    label: str  # the baseline's name: "Default settings" or the preset's label
    values: dict[str, float]  # as written in the model (a preset's values unvalidated)


@dataclass(frozen=True)
class Model:
    name: str
    title: str
    params: tuple[Param, ...]
    compute: Callable[[dict[str, float]], Result]
    method: str  # the equations in words and symbols (Markdown), for the methodology page
    limits: str  # what the model leaves out (Markdown)
    limits_in_brief: str = ""  # the same, in one sentence a student reads next to the sliders
    presets: tuple[Preset, ...] = field(default_factory=tuple)
    version: int = 1  # raise by one when the equations, settings or defaults change; log it in explainers/corrections.toml
    # Why the main result is what it is, in one plain sentence with the scenario's own numbers (for students,
    # after they have predicted): given the validated settings and the scenario's figures by key.
    in_one_line: Callable[[dict[str, float], dict[str, float]], str] | None = None
    narration: Narration = field(default_factory=Narration)  # what the model adds to the sentences it says

    def run(
        self, values: object, baseline: str | None = None, previous: object = None, words: bool = True
    ) -> Result:
        """Validate (raising ParameterError with a reader-facing message), compute the scenario and the
        baseline (`baseline` names a preset; none means the defaults), set them side by side, and say the
        result in words: against the baseline, and against `previous` (the settings of the run before, if
        any; settings that are not valid are ignored there, since they only shape the wording)."""
        settings = validate(self.params, values)
        start = self.start(baseline)
        base = self._compute(validate(self.params, start.values))
        result = beside(self._compute(settings), base, start.label)
        if not words:  # the numbers only (the sandbox checks an edited model's shape before its words)
            return result
        before = None
        if previous is not None:
            try:
                earlier = validate(self.params, previous)
            except ParameterError:
                earlier = None
            if earlier is not None:
                then = beside(self._compute(earlier), base, start.label)
                before = (earlier, then.figures, then.data)
        presets = [(_("Preset “{preset}”").format(preset=_(p.label)), p.values) for p in self.presets]
        presets.append((_("Back to the default settings"), self.defaults()))
        description = describe(
            self.narration,
            self.params,
            settings,
            result.figures,
            result.data,
            result.inactive,
            before,
            presets,
        )
        return replace(result, description=description)

    def _compute(self, settings: dict[str, float]) -> Result:
        return _computed(self.compute, tuple(settings.items()), language())

    def start(self, preset: str | None = None) -> Start:
        """The one place a start is resolved: the build's figure, its downloads and every run's baseline
        (`preset` names one of the presets; none, or "", means the defaults)."""
        if preset is None or preset == "":
            return Start(None, _(DEFAULT_BASELINE), self.defaults())
        for candidate in self.presets:
            if candidate.key == preset:
                return Start(candidate.key, _(candidate.label), dict(candidate.values))
        raise ParameterError(
            "",
            _("The baseline must be one of this widget's presets; {preset} is not one.").format(
                preset=f"{preset!r:.40}"
            ),
        )

    def explain(self, values: object, result: Result) -> str:
        """`in_one_line` for a run's settings and result (the reader's scenario, not the baseline); "" without one."""
        if self.in_one_line is None:
            return ""
        return self.in_one_line(validate(self.params, values), {f.key: f.value for f in result.figures})

    def defaults(self) -> dict[str, float]:
        return defaults(self.params)
