"""The header of a figure fence, the one place a page names a figure and its options:

    ```chart rare_earth_production
    ```

    ```widget rare_earth_supply id="widget-truce-lapses" preset="truce_lapses"
    ```

A bare word is the figure's name, `key="value"` an option (superfences' own header grammar, so the
build and the pages' other readers, explainers/versions.py and downloads.py, read a header alike).
Anything unknown fails the build, in words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pymdownx.superfences import RE_OPTIONS, SuperFencesException

from explainers import catalog

OPTIONS = {"chart": ("id",), "widget": ("id", "preset")}


class FenceError(SuperFencesException):
    """Raised from a validator: superfences lets only its own exception through (others it swallows, and
    the fence would silently become a code block), and `mkdocs build` stops with this message."""


@dataclass(frozen=True)
class Header:
    kind: str  # "chart" or "widget"
    name: str
    options: dict[str, str]

    @property
    def figure_id(self) -> str:
        return self.options.get("id", f"{self.kind}-{self.name}")

    @property
    def preset(self) -> str | None:
        return self.options.get("preset")


def read_header(kind: str, words: dict[str, str]) -> Header:
    """A fence header's words, checked: one known name, known options only, a preset the widget has."""
    example = f"```{kind} NAME {' '.join(f'{o}={chr(34)}…{chr(34)}' for o in OPTIONS[kind])}"
    names = [key for key in words if key not in OPTIONS[kind]]
    if len(names) != 1:
        raise FenceError(
            f"a ```{kind} fence names one {kind} in its header, with any option values in quotation marks: "
            f"{example} (found {' '.join(names) or 'nothing'})"
        )
    name = names[0]
    try:
        catalog.widget(name) if kind == "widget" else catalog.static_chart(name)
    except catalog.UnknownFigure as error:
        raise FenceError(str(error)) from None
    header = Header(kind, name, {key: value for key, value in words.items() if key != name})
    if header.preset is not None:
        presets = [p.key for p in catalog.widget(name).model.presets]
        if header.preset not in presets:
            raise FenceError(f"{name} has no preset {header.preset!r}; known: {', '.join(sorted(presets))}")
    return header


FENCE_HEADER = re.compile(r"^```(?P<kind>chart|widget)(?P<words>[ \t][^\n]*)?$", re.M)


def header_words(text: str) -> dict[str, str]:
    """As superfences reads a header: `key="value"` options, and a bare word as key and value at once."""
    return {m.group("key"): m.group("value") or m.group("key") for m in RE_OPTIONS.finditer(text)}


def page_headers(markdown: str, kind: str, where: str = "") -> Iterator[Header]:
    """Every figure fence of one kind in a page's Markdown, read as the build reads it; a problem names
    the page (`where`)."""
    for match in FENCE_HEADER.finditer(markdown):
        if match.group("kind") == kind:
            try:
                yield read_header(kind, header_words(match.group("words") or ""))
            except FenceError as error:
                raise FenceError(f"{where}: {error}" if where else str(error)) from None
