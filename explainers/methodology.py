"""The methodology page, written from the catalogue of widgets (explainers/catalog.py): each model's equations, its parameters
(unit, range, default, source or assumption) and its limits. Nothing here is typed twice."""

from __future__ import annotations

from explainers import catalog
from widgets.model import Model
from widgets.params import Param

MARKER = "<!-- methodology -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _basis(param: Param) -> str:
    parts = []
    if param.source:
        parts.append(f"[@{param.source}]")
    if param.assumption:
        parts.append(f"*Teaching assumption:* {param.assumption}")
    return " ".join(parts)


def model_markdown(model: Model) -> str:
    rows = "\n".join(
        f"| {_cell(p.label)} | {_cell(p.unit or '–')} | {p.describe(p.minimum)} to {p.describe(p.maximum)} "
        f"(step {p.step:g}) | {p.describe(p.default)} | {_cell(_basis(p))} |"
        for p in model.params
    )
    presets = "\n".join(
        f"- **{preset.label}**: "
        + ", ".join(f"{p.label} {p.describe(preset.values[p.name])}" for p in model.params)
        + (f" [@{preset.source}]" if preset.source else "")
        for preset in model.presets
    )
    return f"""## {model.title} {{ #{model.name} }}

Widget name: `{model.name}`.

### How it works

{model.method}

### Settings

| Setting | Unit | Range | Default | Where the default comes from |
| --- | --- | --- | --- | --- |
{rows}

{"### Presets" + chr(10) + chr(10) + presets if presets else ""}

### What it leaves out

{model.limits}

*An illustration, not a forecast.*
"""


def methodology_markdown() -> str:
    return "\n\n".join(model_markdown(w.model) for w in catalog.WIDGETS.values())
