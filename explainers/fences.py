"""pymdownx.superfences custom fences: ```chart NAME``` and ```widget NAME [id=…] [preset=…]```. They only parse the
fence and delegate to explainers.figures; an unknown name fails the build (mkdocs --strict)."""

from __future__ import annotations

from typing import Any

from explainers import charts, figures
from widgets import registry


class UnknownFigure(ValueError):
    pass


def _name_and_options(source: str, kind: str, known: dict[str, Any]) -> tuple[str, str, dict[str, str]]:
    words = source.split()
    if not words:
        raise UnknownFigure(f"an empty ```{kind} fence: write the {kind}'s name inside it")
    name = words[0]
    if name not in known:
        raise UnknownFigure(f"no {kind} called {name!r}; known: {', '.join(sorted(known))}")
    options = dict(word.split("=", 1) for word in words[1:] if "=" in word)
    return name, options.pop("id", f"{kind}-{name}"), options


def chart_fence(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    name, figure_id, _ = _name_and_options(source, "chart", charts.STATIC)
    return figures.static_chart_html(charts.STATIC[name], figure_id)


def widget_fence(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    name, figure_id, options = _name_and_options(source, "widget", charts.WIDGETS)
    model = registry.get(name)
    preset = options.get("preset")  # e.g. ```widget rare_earth_supply id=widget-lapses preset=truce_lapses```
    if preset is not None and preset not in {p.key for p in model.presets}:
        raise UnknownFigure(
            f"{name} has no preset {preset!r}; known: {', '.join(sorted(p.key for p in model.presets))}"
        )
    return figures.widget_html(model, charts.WIDGETS[name], figure_id, preset)
