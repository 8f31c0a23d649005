"""How every chart fits the box it is given, from a 320 px phone to a wide desktop, in Vega's own terms.

Vega-Lite's `width: "container"` with `autosize: fit` gives the plot whatever the box leaves after the
title, axes and legend; a guide wider than the box leaves the plot nothing. So each compiled Vega spec
gets a `narrow` signal (its box is under NARROW_BELOW px, re-read when the window resizes) and its guides
follow it: titles and axis titles take more, shorter lines; legends go to one column, a static chart's
labels wrapped and a widget's shortened to the box; time axes ask for fewer ticks and listed ticks keep
every other one; long labels of a category axis wrap. The full text stays in the tooltip and the data table.

The build's pictures use the same spec with `narrow` fixed and the box at the picture's width (one
picture for wide boxes, one for narrow ones), so the picture shown before Vega loads is laid out like
the live view that replaces it.
"""

from __future__ import annotations

import copy
import json
import textwrap
from typing import Any

NARROW_BELOW = 480  # px of the chart's box: phones (254-324 px), not a tablet or a desktop column (650+)
# About what a character takes, in px: the chart's title (14 px bold), a subtitle and axis text (12 px).
TITLE_CHAR_PX, SUBTITLE_CHAR_PX, AXIS_CHAR_PX = 8.5, 7, 7
LABEL_CHARS = {True: 12, False: 12}  # a line of a category axis's label, narrow box or wide (12 in both: a
# Russian scenario's or stage's name on one line left a full-width picture's plot under half its box)
# A chart whose Vega-Lite `usermeta` holds this key set to true has its legend labels in lines of
# LEGEND_LINE_CHARS, not cut to one line (explainers/figures.py sets it on every static chart). A widget's
# legend is left cut: on a phone its chart and read-outs share one screen with the slider being moved
# (widgets.css), and a wrapped legend pushed the tariff widget's read-outs out of it.
WRAPPED_LEGEND = "bxWrappedLegend"
# What the narrowest box (254 px, a 320 px window) leaves a label beside its symbol, at 8.5 px a character
# of 12 px Cyrillic. The same at every width: lines that followed the box were laid out right when first
# drawn, but after a resize Vega kept each legend entry's old height, and a label grown by a line ran over
# the next.
LEGEND_LINE_CHARS = 24
LEGEND_MARGIN, NARROW_LEGEND_MARGIN = 40, 50  # px beside a legend label: its symbol, the chart's padding
PICTURE_FONT_SLACK = 1.3  # how much wider the reader's font may draw a label than the build measured it
NARROW_HEIGHT, LOWEST_PX = 0.7, 120  # a plot's height on a narrow box: this share of its own, at least this
Y_AXIS_PX = 90  # px a y axis's labels and title take, about: what an x axis's title does not have

# The box's width, as Vega-Lite's own `width: "container"` signal reads it.
BOX = "isFinite(containerSize()[0]) ? containerSize()[0] : 690"


def wrapped(text: str, chars: str) -> str:
    """A Vega expression: `text` (an expression) in lines of at most `chars` (an expression) characters,
    broken at spaces (a longer word stays whole). Vega draws an array of strings as lines."""
    pattern = f'regexp("(.{{1," + {chars} + "}})(\\\\s+|$)", "g")'
    return f'split(trim(replace({text}, {pattern}, "$1\\n")), "\\n")'


def lines(text: str, chars: int) -> list[str]:
    return textwrap.wrap(text, chars, break_long_words=False) or [text]


def _choose(narrow: bool | None, when_narrow: Any, when_wide: Any) -> Any:
    """A value that follows the `narrow` signal in the browser, or the one for a fixed picture."""
    if narrow is None:
        return {"signal": f"narrow ? {json.dumps(when_narrow)} : {json.dumps(when_wide)}"}
    return when_narrow if narrow else when_wide


def _text(text: Any, room: str, char_px: float) -> Any:
    """Text in as many lines as `room` (an expression, in px) needs; re-wrapped when it changes."""
    if not isinstance(text, str):
        return text  # already lines, or a signal of its author's
    return {"signal": wrapped(json.dumps(text), f"max(12, floor(({room}) / {char_px}))")}


def _title(title: Any) -> Any:
    if isinstance(title, str):
        title = {"text": title}
    if not isinstance(title, dict):
        return title
    fitted = {**title, "text": _text(title.get("text"), "box - 10", TITLE_CHAR_PX)}
    if "subtitle" in title:
        fitted["subtitle"] = _text(title["subtitle"], "box - 10", SUBTITLE_CHAR_PX)
    return fitted


def _y_axis_room(axes: list[dict[str, Any]], narrow: bool | None) -> str:
    """About what the y axis takes, in px (an expression): more when its labels are wrapped names (a bar per
    category), as long as a line of them; else Y_AXIS_PX. An x axis's title is centred under the plot, so it
    must be no wider than what the y axis leaves (a Russian scenario's name took 40 px more than "Baseline")."""
    wrapped_names = any(a.get("orient") in ("left", "right") and "labelLimit" in a for a in axes)
    if not wrapped_names:
        return str(Y_AXIS_PX)
    room = {key: chars * AXIS_CHAR_PX + 30 for key, chars in LABEL_CHARS.items()}
    chosen = _choose(narrow, room[True], room[False])
    return f"({chosen['signal']})" if isinstance(chosen, dict) else str(chosen)


def _axis(axis: dict[str, Any], height: float, narrow: bool | None, y_room: str) -> dict[str, Any]:
    if axis.get("labels") is False:  # a grid-only axis
        return axis
    vertical = axis.get("orient") in ("left", "right")
    fitted = dict(axis)
    title = axis.get("title")
    if isinstance(title, str):
        if vertical:  # as long as the plot is high, whatever the width
            fitted["title"] = lines(title, max(12, int(height // AXIS_CHAR_PX)))
        else:  # centred under the plot, which the y axis leaves (from the box, not the plot: no loop)
            fitted["title"] = _text(title, f"box - {y_room}", AXIS_CHAR_PX)
    count = axis.get("tickCount")
    if isinstance(count, int) and not vertical:
        fitted["tickCount"] = _choose(narrow, max(2, count // 2), count)
    values = axis.get("values")
    if isinstance(values, list) and len(values) > 4:
        fitted["values"] = _choose(narrow, values[::2], values)
    if vertical and "labelLimit" in axis:  # its author expects long labels: wrap them, narrow or wide
        chars = _choose(narrow, LABEL_CHARS[True], LABEL_CHARS[False])
        room = chars["signal"] if isinstance(chars, dict) else str(chars)
        encode = copy.deepcopy(axis.get("encode", {}))
        encode.setdefault("labels", {}).setdefault("update", {})["text"] = {
            "signal": wrapped("datum.label", f"({room})")
        }
        fitted["encode"] = encode
    return fitted


def _legend(legend: dict[str, Any], narrow: bool | None, wrap: bool) -> dict[str, Any]:
    """One column when narrow; each label (or each of its lines, if `wrap`) at most its column's share of
    the box (the rest is "…")."""
    columns = legend.get("columns", 1 if legend.get("direction") == "vertical" else 0)
    limit = legend.get("labelLimit", 0) or 100_000  # 0 means none
    wide = (
        f"min({limit}, max(60, (box - {LEGEND_MARGIN}) / {columns} - {LEGEND_MARGIN}))"
        if columns > 1
        else limit
    )
    # A picture's labels are cut where the build measures them, but drawn in the reader's font.
    font = 1 if narrow is None else PICTURE_FONT_SLACK
    label_limit = {"signal": f"(narrow ? max(60, box - {NARROW_LEGEND_MARGIN}) : {wide}) / {font}"}
    fitted = {**legend, "columns": _choose(narrow, 1, columns), "labelLimit": label_limit}
    if wrap:
        encode = copy.deepcopy(legend.get("encode", {}))
        encode.setdefault("labels", {}).setdefault("update", {})["text"] = {
            "signal": wrapped("datum.label", str(LEGEND_LINE_CHARS))
        }
        fitted["encode"] = encode
    return fitted


def _group(spec: dict[str, Any], height: float, narrow: bool | None, wrap_legends: bool) -> dict[str, Any]:
    fitted = dict(spec)
    if "title" in spec:
        fitted["title"] = _title(spec["title"])
    if "axes" in spec:
        y_room = _y_axis_room(spec["axes"], narrow)
        fitted["axes"] = [_axis(axis, height, narrow, y_room) for axis in spec["axes"]]
    if "legends" in spec:
        fitted["legends"] = [_legend(legend, narrow, wrap_legends) for legend in spec["legends"]]
    if "marks" in spec:
        fitted["marks"] = [
            _group(mark, height, narrow, wrap_legends) if mark.get("type") == "group" else mark
            for mark in spec["marks"]
        ]
    return fitted


def fitted(vega: dict[str, Any], narrow: bool | None = None) -> dict[str, Any]:
    """The compiled Vega spec with its guides fitted to its box. `narrow` None: the browser decides from
        the box, and again on every resize; True or False: a build-time picture of a narrow or a wide box
    (the spec's `width`, a number, is the box)."""
    height = vega.get("height", 200) if isinstance(vega.get("height"), (int, float)) else 200
    wrap_legends = (vega.get("usermeta") or {}).get(WRAPPED_LEGEND) is True
    spec = _group(vega, height, narrow, wrap_legends)
    # A lower plot on a phone leaves the controls room below it (widgets.css); not where each category
    # needs its wrapped label's lines (an axis with a labelLimit), nor a plot low already.
    wrapped_labels = any("labelLimit" in axis for axis in vega.get("axes", []))
    low = max(LOWEST_PX, round(height * NARROW_HEIGHT))
    if isinstance(vega.get("height"), (int, float)) and not wrapped_labels and low < height:
        if narrow is None:
            del spec["height"]
            spec["signals"] = [
                *spec.get("signals", []),
                {"name": "height", "update": f"narrow ? {low} : {height}"},
            ]
        elif narrow:
            spec["height"] = low
    if narrow is None:
        box: dict[str, Any] = {"name": "box", "init": BOX, "on": [{"events": "window:resize", "update": BOX}]}
        signals = [box, {"name": "narrow", "update": f"box < {NARROW_BELOW}"}]
    else:
        signals = [{"name": "box", "value": vega["width"]}, {"name": "narrow", "value": narrow}]
    spec["signals"] = signals + list(spec.get("signals", []))
    # Legends below the plot stack (not side by side) from the chart's left edge, not the plot's: the
    # whole width is theirs.
    config = spec.setdefault("config", {})
    config["legend"] = {
        **config.get("legend", {}),
        "layout": {"bottom": {"direction": "vertical", "anchor": "start", "frame": "bounds"}},
    }
    return spec
