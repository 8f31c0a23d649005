"""The charts' look in light and dark mode: one definition for the build-time pictures and the live views.

The config is one template for both schemes: Material's colours are written as its CSS variables,
`var(--md-…)`, and the data hues and font as `var(--bx-…)` slots. The browser fills them in from the
page and the reader's scheme (charts.js), so the Vega specs can be compiled once, at build time. The
build's pictures fill them with the fallbacks below (the site's CSS repaints their text and axes with
Material's real colours anyway). The data hues are ours: Okabe–Ito, ordered and shaded so each passes
3:1 against Material's light (default) or dark (slate) background.
"""

from __future__ import annotations

import json
import re
from typing import Any

SCHEMES = ("default", "slate")  # Material's names for its light and dark colour schemes

PALETTES = {
    "default": ["#0072b2", "#c85200", "#007a5a", "#b4467f", "#6f5a00", "#3d3d9e"],
    "slate": ["#56b4e9", "#f0a35e", "#35c49a", "#e28fbd", "#e6c84f", "#a9a9ff"],
}

TEXT, MUTED, GRID = (
    "var(--md-default-fg-color)",
    "var(--md-default-fg-color--light)",
    "var(--md-default-fg-color--lightest)",
)
FONT = "var(--bx-font)"  # the page's font stack, as the browser resolved it
HUES = [f"var(--bx-hue-{i})" for i in range(len(PALETTES["default"]))]

# Close to Material's own values; only used where no page is at hand (the build).
FALLBACKS = {
    scheme: {
        FONT: "Helvetica, Arial, sans-serif",
        **dict(zip(HUES, PALETTES[scheme], strict=True)),
        **colours,
    }
    for scheme, colours in {
        "default": {TEXT: "#000000de", MUTED: "#0000008a", GRID: "#00000012"},
        "slate": {TEXT: "#e2e4e9", MUTED: "#e2e4e999", GRID: "#e2e4e921"},
    }.items()
}

_AXIS = {
    "labelColor": MUTED,
    "titleColor": TEXT,
    "gridColor": GRID,
    "domainColor": MUTED,
    "tickColor": MUTED,
    "labelFontSize": 12,
    "titleFontSize": 12,
}


def config() -> dict[str, Any]:
    """The Vega-Lite config, its colours and font still as `var(--…)` slots."""
    return {
        "background": "transparent",
        "font": FONT,
        "axis": _AXIS,
        "legend": {
            "labelColor": TEXT,
            "titleColor": TEXT,
            "labelFontSize": 12,
            "titleFontSize": 12,
            "labelLimit": 320,
        },
        "title": {"color": TEXT, "subtitleColor": MUTED, "fontSize": 14, "anchor": "start"},
        "view": {"stroke": "transparent"},
        "range": {"category": HUES},
        "bar": {"fill": HUES[0]},
        "line": {"strokeWidth": 2.5},
    }


_VARIABLE = re.compile(r"var\(--[\w-]+\)")


def resolved(spec: Any, scheme: str) -> Any:
    """A spec or config with the build's fallbacks for one scheme in place of the slots."""
    return json.loads(_VARIABLE.sub(lambda m: FALLBACKS[scheme][m.group(0)], json.dumps(spec)))


def runtime_module() -> str:
    """`assets/runtime/theme.js`: what the browser needs to fill the slots that are not CSS variables."""
    palettes = {scheme: dict(zip(HUES, PALETTES[scheme], strict=True)) for scheme in SCHEMES}
    return (
        "// Generated at build from explainers/charts/theme.py: edit it there.\n"
        f"export const FONT = {json.dumps(FONT)};\n"
        f"export const HUES = {json.dumps(palettes, indent=1)};\n"
    )
