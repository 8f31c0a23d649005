"""The charts' look in light and dark mode: one definition for the build-time pictures and the live views.

Colours that Material defines are written as its CSS variables, `var(--md-…)`. The browser resolves
them from the page (so a chart always matches the palette the reader picked); the build, which has no
page, uses the fallbacks below, and the site's CSS repaints those parts of a build-time picture with
the same variables anyway. The data hues are ours: Okabe–Ito, ordered and shaded so each passes 3:1
against Material's light (default) or dark (slate) background.
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

TEXT, MUTED, GRID = "var(--md-default-fg-color)", "var(--md-default-fg-color--light)", "var(--md-default-fg-color--lightest)"
FONT = "var(--md-text-font-family)"

# Close to Material's own values; only used where no page is at hand (the build).
FALLBACKS = {
    "default": {TEXT: "#000000de", MUTED: "#0000008a", GRID: "#00000012", FONT: "Helvetica, Arial, sans-serif"},
    "slate": {TEXT: "#e2e4e9", MUTED: "#e2e4e999", GRID: "#e2e4e921", FONT: "Helvetica, Arial, sans-serif"},
}

_AXIS = {"labelColor": MUTED, "titleColor": TEXT, "gridColor": GRID, "domainColor": MUTED, "tickColor": MUTED,
         "labelFontSize": 12, "titleFontSize": 12}


def config(scheme: str) -> dict[str, Any]:
    """The Vega-Lite config for one scheme, with Material's colours still as `var(--…)` references."""
    palette = PALETTES[scheme]
    return {
        "background": "transparent",
        "font": FONT,
        "axis": _AXIS,
        "legend": {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 12, "titleFontSize": 12, "labelLimit": 320},
        "title": {"color": TEXT, "subtitleColor": MUTED, "fontSize": 14, "anchor": "start"},
        "view": {"stroke": "transparent"},
        "range": {"category": palette},
        "bar": {"fill": palette[0]},
        "line": {"strokeWidth": 2.5},
    }


_VARIABLE = re.compile(r"var\(--[\w-]+\)")


def resolved(scheme: str) -> dict[str, Any]:
    """The config with the build's fallbacks in place of Material's variables."""
    text = json.dumps(config(scheme))
    return json.loads(_VARIABLE.sub(lambda m: FALLBACKS[scheme][m.group(0)], text))


def runtime_module() -> str:
    """`assets/runtime/theme.js`: the same configs for the browser, which resolves the variables itself."""
    configs = {scheme: config(scheme) for scheme in SCHEMES}
    return ("// Generated at build from explainers/charts/theme.py: edit it there.\n"
            f"export const CONFIGS = {json.dumps(configs, indent=1)};\n")
