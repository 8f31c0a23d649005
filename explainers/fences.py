"""pymdownx.superfences custom fences for figures (mkdocs.yml, `custom_fences`): the validators check the
header (explainers/fence_header.py) and the formatters delegate to explainers.figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from explainers import catalog, citations, figures
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


def chart_fence(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    header = _header(source, options)
    chart = catalog.static_chart(header.name)
    return _figure(header, lambda: figures.static_chart_html(chart, header.figure_id, _bibliography(md)))


def widget_fence(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    header = _header(source, options)
    widget = catalog.widget(header.name)
    return _figure(
        header, lambda: figures.widget_html(widget, header.figure_id, _bibliography(md), header.preset)
    )
