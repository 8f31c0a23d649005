"""What the build makes of each Altair chart with vl-convert (Vega and Vega-Lite in a bundled JavaScript
engine: what Altair itself uses to save charts):

- the Vega spec the browser draws (compiled from Vega-Lite here, not in every reader's browser);
- SVG pictures of the default view, one per colour scheme and per width (a desktop column and a phone;
  CSS shows the reader's), so a reader sees the chart as soon as the HTML arrives: before Vega loads,
  without JavaScript, and if the runtime fails. Vega replaces the picture with the live view when it is
  ready. Both are fitted to their box the same way (explainers/charts/fit.py).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
from collections.abc import Callable
from typing import Any

import altair as alt
import vl_convert

from explainers import runtime_assets
from explainers.charts import fit, theme
from widgets import numbers

# Altair's Vega-Lite schema, e.g. "v6.4.1" -> "v6_4", the version vl-convert compiles with.
VEGA_LITE = "v" + "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
# px: the live view's width in Material's desktop reading column, and on a phone (254-324 px: the
# picture is scaled to the box, so a phone's text stays within 80-100% of its size).
PICTURE_WIDTHS = {"wide": 690, "narrow": 320}
# Compiling and drawing the charts is most of a build's time, and vl-convert's output depends only on its
# input and its version (and, for a picture, on the machine's fonts, which it measures text with): rebuilds
# (`mkdocs serve`, each test session) take what an earlier build made from here. Keyed by content, so never
# stale for a spec; beside Pyodide's snapshot, and removed with node_modules by `make clean`.
CACHE = runtime_assets.NODE_MODULES / ".cache" / "busan-vl-convert"
VL_CONVERT = importlib.metadata.version("vl-convert-python")
KEPT_FILES = 2000  # files: a few builds' worth of edits (a build makes about 150)


def vega_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The Vega spec the browser draws: compiled here, with the site's theme (its colours as slots
    that charts.js fills in), so readers' browsers need neither Vega-Lite nor its compile step.

    To a screen reader a view is one graphic: Vega names it from the spec's `description` (the page sets
    the chart's title there) and the page describes it with the model's summary; its marks and axes are
    left out of the accessibility tree (`aria: false`), since Vega would say them as raw fields ("order:
    0"), and the data table beside the chart holds every number, with its unit and rounding."""
    base = theme.config()
    # `aria: false` hides the axes and legends; on `mark`, the marks; on the title, the view's name again
    config = {**base, "aria": False, "mark": {**base.get("mark", {}), "aria": False}}
    vega = fit.fitted(_compiled({**spec, "config": config}))
    if isinstance(vega.get("title"), dict):
        vega["title"] = {**vega["title"], "aria": False}
    return vega


def _fixed_width(spec: Any, width: int) -> Any:
    """`width: "container"` follows the page in the browser; a build has no page, so it gets a width."""
    if isinstance(spec, dict):
        return {
            k: width if (k == "width" and v == "container") else _fixed_width(v, width)
            for k, v in spec.items()
        }
    if isinstance(spec, list):
        return [_fixed_width(item, width) for item in spec]
    return spec


@functools.cache
def _render(spec_json: str, scheme: str, fits: str = "wide", language: str = "en") -> str:
    # Like `width: "container"` in the browser: the whole chart, axes and legend included, fits the width.
    spec = {
        **_fixed_width(json.loads(spec_json), PICTURE_WIDTHS[fits]),
        "config": theme.resolved(theme.config(), scheme),
        "autosize": {"type": "fit-x", "contains": "padding"},
    }
    vega = fit.fitted(_compiled(spec), narrow=fits == "narrow")
    svg = _drawn(vega, language)  # has a viewBox: CSS scales it to the column
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def _compiled(vega_lite: dict[str, Any]) -> dict[str, Any]:
    """vl-convert's Vega for a Vega-Lite spec, a fresh copy on each call."""
    made_from = f"{VEGA_LITE}\0{json.dumps(vega_lite, sort_keys=True)}"
    return json.loads(
        _kept(
            made_from,
            "json",
            lambda: json.dumps(vl_convert.vegalite_to_vega(vega_lite, vl_version=VEGA_LITE)),
        )
    )


def _drawn(vega: dict[str, Any], language: str) -> str:
    """vl-convert's SVG picture of a Vega spec, its numbers and dates written as `language` writes them
    (the locales the page hands Vega-Embed: widgets/numbers.py vega_locale)."""
    locale = numbers.vega_locale(language)
    if locale is None:  # English: Vega's defaults, and the pictures earlier builds made
        return _kept(json.dumps(vega, sort_keys=True), "svg", lambda: vl_convert.vega_to_svg(vega))
    return _kept(
        json.dumps([vega, locale], sort_keys=True),
        "svg",
        lambda: vl_convert.vega_to_svg(
            vega, format_locale=locale["format"], time_format_locale=locale["time"]
        ),
    )


def _kept(made_from: str, kind: str, make: Callable[[], str]) -> str:
    """What vl-convert makes from `made_from`: from the cache when an earlier build made it."""
    key = hashlib.sha256(f"{VL_CONVERT}\0{made_from}".encode()).hexdigest()[:32]
    path = CACHE / f"{key}.{kind}"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    text = make()
    CACHE.mkdir(parents=True, exist_ok=True)
    kept = sorted(CACHE.glob("*.*"), key=lambda p: p.stat().st_mtime)
    for old in kept[: max(0, len(kept) - KEPT_FILES)]:
        old.unlink(missing_ok=True)
    # written whole, then renamed: a build running beside this one never reads half a file
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return text


def rendered_svg(spec: dict[str, Any], scheme: str) -> str:
    """The build-time picture of one view in one scheme, for a desktop column (the downloads' picture)."""
    return _render(json.dumps(spec, sort_keys=True), scheme, language=numbers.language())


def picture_html(spec: dict[str, Any]) -> str:
    """Both schemes' pictures of one view, each for a wide and a narrow box (CSS shows the one for the
    reader's scheme and box). They are hidden from screen readers: the figure's caption and data table are
    the text alternative, and the live view replaces them."""
    key = json.dumps(spec, sort_keys=True)
    return "".join(
        f'<div class="bx-picture" data-scheme="{scheme}" data-fits="{fits}">{_render(key, scheme, fits, numbers.language())}</div>'
        for fits in PICTURE_WIDTHS
        for scheme in theme.SCHEMES
    )
