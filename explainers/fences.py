"""pymdownx.superfences custom fences: ```chart and ```widget (the validators check the header,
explainers/fence_header.py, and the formatters delegate to explainers.figures) and ```quiz
(explainers/quiz.py). The build gives superfences these fences (`custom_fences`), bound to its own state:
its download files and its numbering of quizzes."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import count
from typing import Any

from markupsafe import Markup

from explainers import catalog, citations, figures, quiz
from explainers.downloads import Downloads
from explainers.fence_header import FenceError, Header, read_header


def _page_links(md: Any) -> Any | None:
    """MkDocs gives each page its own Markdown instance, whose link-rewriting tree processor holds the
    page's file and the site's files (None outside MkDocs)."""
    return md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None


def _read(kind: str, inputs: dict, md: Any) -> Header:
    """The header, checked; a problem names the page it is on."""
    try:
        return read_header(kind, inputs)
    except FenceError as error:
        links = _page_links(md)
        raise FenceError(f"{links.file.src_uri}: {error}" if links else str(error)) from None


def chart_validator(language: str, inputs: dict, options: dict, attrs: dict, md: Any) -> bool:
    options["header"] = _read("chart", inputs, md)
    return True


def widget_validator(language: str, inputs: dict, options: dict, attrs: dict, md: Any) -> bool:
    options["header"] = _read("widget", inputs, md)
    return True


def _bibliography(md: Any) -> str:
    """The bibliography's address relative to the page being rendered."""
    links = _page_links(md)
    if links is None:
        raise FenceError("figures are rendered by MkDocs, which tells them the page they are on")
    return citations.bibliography_address(links.file, links.files)


def _header(source: str, options: dict) -> Header:
    header: Header = options["header"]
    if source.strip():
        raise FenceError(
            f"```{header.kind} {header.name}: everything goes in the fence's header; its body stays empty"
        )
    return header


def _figure(header: Header, make: Callable[[], Markup]) -> str:
    """The figure's HTML. Any failure stops the build, naming the fence: superfences swallows every
    exception but its own, and would leave the figure out of the page without a word."""
    try:
        return str(make())
    except FenceError:
        raise
    except Exception as error:
        raise FenceError(f"```{header.kind} {header.name}: {type(error).__name__}: {error}") from error


def chart_fence(
    source: str, language: str, css_class: str, options: dict, md: Any, *, downloads: Downloads, **kwargs: Any
) -> str:
    header = _header(source, options)
    chart = catalog.static_chart(header.name)
    return _figure(
        header, lambda: figures.static_chart_html(chart, header.figure_id, _bibliography(md), downloads)
    )


def widget_fence(
    source: str, language: str, css_class: str, options: dict, md: Any, *, downloads: Downloads, **kwargs: Any
) -> str:
    header = _header(source, options)
    widget = catalog.widget(header.name)
    return _figure(
        header,
        lambda: figures.widget_html(widget, header.figure_id, _bibliography(md), downloads, header.preset),
    )


def custom_fences(downloads: Downloads) -> list[dict[str, Any]]:
    """superfences' `custom_fences` for one build: its figures share its download files, and its quizzes
    are numbered from 1 across the site."""
    return [
        {
            "name": "chart",
            "class": "bx-chart",
            "validator": chart_validator,
            "format": partial(chart_fence, downloads=downloads),
        },
        {
            "name": "widget",
            "class": "bx-widget",
            "validator": widget_validator,
            "format": partial(widget_fence, downloads=downloads),
        },
        {"name": "quiz", "class": "bx-quiz", "format": partial(quiz.quiz_fence, ids=count(1))},
    ]
