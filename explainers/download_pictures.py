"""The download menus' pictures of a chart: SVG and PNG of the view the build draws (the same SVG the page
shows before Vega loads, explainers/vega_build.py), standalone, titled and on a white ground."""

from __future__ import annotations

from html import escape
from typing import Any

import vl_convert

from explainers.vega_build import rendered_svg

PNG_SCALE = 2  # pixels per SVG unit: sharp on a projector and in slides


def download_svg(svg: str, title: str) -> str:
    """A picture as a standalone file: visible to assistive technology, titled, on a white ground."""
    svg = svg.replace('<svg aria-hidden="true" focusable="false" ', '<svg role="img" ', 1)
    head, rest = svg.split(">", 1)
    return f'{head}><title>{escape(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>{rest}'


def svg_file(spec: dict[str, Any], title: str) -> bytes:
    """One view in the light scheme, for a desktop column."""
    return download_svg(rendered_svg(spec, "default"), title).encode()


def png_file(svg: bytes) -> bytes:
    return vl_convert.svg_to_png(svg.decode(), scale=PNG_SCALE)


def view_title(spec: dict[str, Any], fallback: str) -> str:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return title if isinstance(title, str) and title else fallback
