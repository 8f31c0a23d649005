"""What the build makes of each Altair chart with vl-convert (Vega and Vega-Lite in a bundled JavaScript
engine: what Altair itself uses to save charts):

- the Vega spec the browser draws (compiled from Vega-Lite here, not in every reader's browser);
- SVG pictures of the default view, one per colour scheme (CSS shows the reader's), so a reader sees
  the chart as soon as the HTML arrives: before Vega loads, without JavaScript, and if the runtime
  fails. Vega replaces the picture with the live view when it is ready.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import altair as alt
import vl_convert

from explainers.charts import theme

# Altair's Vega-Lite schema, e.g. "v6.4.1" -> "v6_4", the version vl-convert compiles with.
VEGA_LITE = "v" + "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
PICTURE_WIDTH = 690  # px; the live view's width in Material's desktop reading column (scaled down on phones)


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
    vega = vl_convert.vegalite_to_vega({**spec, "config": config}, vl_version=VEGA_LITE)
    if isinstance(vega.get("title"), dict):
        vega["title"] = {**vega["title"], "aria": False}
    return vega


def _fixed_width(spec: Any) -> Any:
    """`width: "container"` follows the page in the browser; a build has no page, so it gets a width."""
    if isinstance(spec, dict):
        return {
            k: PICTURE_WIDTH if (k == "width" and v == "container") else _fixed_width(v)
            for k, v in spec.items()
        }
    if isinstance(spec, list):
        return [_fixed_width(item) for item in spec]
    return spec


@functools.cache
def _render(spec_json: str, scheme: str) -> str:
    # Like `width: "container"` in the browser: the whole chart, axes and legend included, fits the width.
    spec = {
        **_fixed_width(json.loads(spec_json)),
        "config": theme.resolved(theme.config(), scheme),
        "autosize": {"type": "fit-x", "contains": "padding"},
    }
    svg = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE)  # has a viewBox: CSS scales it to the column
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def rendered_svg(spec: dict[str, Any], scheme: str) -> str:
    """The build-time picture of one view in one scheme (the same render the page shows)."""
    return _render(json.dumps(spec, sort_keys=True), scheme)


def picture_html(spec: dict[str, Any]) -> str:
    """Both schemes' pictures of one view. They are hidden from screen readers: the figure's caption
    and data table are the text alternative, and the live view replaces them."""
    key = json.dumps(spec, sort_keys=True)
    return "".join(
        f'<div class="bx-picture" data-scheme="{scheme}">{_render(key, scheme)}</div>'
        for scheme in theme.SCHEMES
    )
