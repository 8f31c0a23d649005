"""What every widget model is: metadata plus one pure function from parameters to chart data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from widgets.params import Param, defaults, format_value, validate

Rows = list[dict[str, Any]]


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

    @property
    def text(self) -> str:
        return format_value(self.value, self.unit, self.digits)

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "value": self.value, "unit": self.unit, "text": self.text}


@dataclass(frozen=True)
class Result:
    """Named data sets (each fills the chart's `alt.NamedData` of that name) and summary figures."""

    data: dict[str, Rows]
    figures: list[Figure]

    def as_dict(self) -> dict[str, Any]:
        return {"data": self.data, "figures": [f.as_dict() for f in self.figures]}


@dataclass(frozen=True)
class Model:
    name: str
    title: str
    params: tuple[Param, ...]
    compute: Callable[[dict[str, float]], Result]
    method: str  # the equations in words and symbols (Markdown), for the methodology page
    limits: str  # what the model leaves out (Markdown)
    presets: tuple[Preset, ...] = field(default_factory=tuple)
    version: int = 1  # raise by one when the equations, settings or defaults change; log it in explainers/corrections.toml

    def run(self, values: Mapping[str, object]) -> Result:
        """Validate (raising ParameterError with a reader-facing message) and compute."""
        return self.compute(validate(self.params, values))

    def defaults(self) -> dict[str, float]:
        return defaults(self.params)
