"""pymdownx.superfences custom fences for figures (mkdocs.yml, `custom_fences`): the validators check the
header (explainers/fence_header.py) and the formatters delegate to explainers.figures."""

from __future__ import annotations

from typing import Any

from explainers import catalog, citations, figures
from explainers.fence_header import FenceError, Header, read_header


def chart_validator(language: str, inputs: dict, options: dict, attrs: dict, md: Any) -> bool:
    options["header"] = read_header("chart", inputs)
    return True


def widget_validator(language: str, inputs: dict, options: dict, attrs: dict, md: Any) -> bool:
    options["header"] = read_header("widget", inputs)
    return True


def _bibliography(md: Any) -> str:
    """The bibliography's address relative to the page being rendered. MkDocs gives each page its own
    Markdown instance, whose link-rewriting tree processor holds the page's file and the site's files."""
    links = md.treeprocessors["relpath"]
    return citations.bibliography_address(links.file, links.files)


def _header(source: str, options: dict) -> Header:
    header: Header = options["header"]
    if source.strip():
        raise FenceError(
            f"```{header.kind} {header.name}: everything goes in the fence's header; its body stays empty"
        )
    return header


def chart_fence(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    header = _header(source, options)
    return str(
        figures.static_chart_html(catalog.static_chart(header.name), header.figure_id, _bibliography(md))
    )


def widget_fence(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    header = _header(source, options)
    widget = catalog.widget(header.name)
    return str(figures.widget_html(widget, header.figure_id, _bibliography(md), header.preset))
