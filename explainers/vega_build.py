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
import json
from typing import Any

import altair as alt
import vl_convert

from explainers.charts import fit, theme

# Altair's Vega-Lite schema, e.g. "v6.4.1" -> "v6_4", the version vl-convert compiles with.
VEGA_LITE = "v" + "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
# px: the live view's width in Material's desktop reading column, and on a phone (254-324 px: the
# picture is scaled to the box, so a phone's text stays within 80-100% of its size).
PICTURE_WIDTHS = {"wide": 690, "narrow": 320}


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
    vega = fit.fitted(vl_convert.vegalite_to_vega({**spec, "config": config}, vl_version=VEGA_LITE))
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
def _render(spec_json: str, scheme: str, fits: str = "wide") -> str:
    # Like `width: "container"` in the browser: the whole chart, axes and legend included, fits the width.
    spec = {
        **_fixed_width(json.loads(spec_json), PICTURE_WIDTHS[fits]),
        "config": theme.resolved(theme.config(), scheme),
        "autosize": {"type": "fit-x", "contains": "padding"},
    }
    vega = fit.fitted(vl_convert.vegalite_to_vega(spec, vl_version=VEGA_LITE), narrow=fits == "narrow")
    svg = vl_convert.vega_to_svg(vega)  # has a viewBox: CSS scales it to the column
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def rendered_svg(spec: dict[str, Any], scheme: str) -> str:
    """The build-time picture of one view in one scheme, for a desktop column (the downloads' picture)."""
    return _render(json.dumps(spec, sort_keys=True), scheme)


def picture_html(spec: dict[str, Any]) -> str:
    """Both schemes' pictures of one view, each for a wide and a narrow box (CSS shows the one for the
    reader's scheme and box). They are hidden from screen readers: the figure's caption and data table are
    the text alternative, and the live view replaces them."""
    key = json.dumps(spec, sort_keys=True)
    return "".join(
        f'<div class="bx-picture" data-scheme="{scheme}" data-fits="{fits}">{_render(key, scheme, fits)}</div>'
        for fits in PICTURE_WIDTHS
        for scheme in theme.SCHEMES
    )
