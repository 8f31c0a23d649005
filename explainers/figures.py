"""HTML for a chart or a widget figure. Everything the reader sees is escaped here; data for the
browser travels as JSON in inert <template> elements. (Not <script type="application/json">: Material's
instant navigation re-creates every <script> of a new page without its type, so it would run as code.)"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

from explainers import catalog, citations, data, downloads, model_notes, sources
from explainers.charts.base import StaticChart, Table, named_data, to_spec
from explainers.vega_build import picture_html, vega_spec
from widgets.model import Model, Result
from widgets.params import Param, format_value


def json_block(css_class: str, payload: Any) -> str:
    # HTML-escaped: the parser turns it back into the exact JSON text, and no string in the data can
    # open or close an element. The browser reads it as `template.content.textContent`.
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    # data-search-exclude: Material's search indexes a page's text, <template> content included.
    return f'<template class="{css_class}" data-search-exclude>{escape(text, quote=False)}</template>'


def source_links(ids: Iterable[str], bibliography: str) -> str:
    """Links to the bibliography's entries; `bibliography` is its address relative to the page."""
    links = []
    for source_id in ids:
        source = sources.get(source_id)
        label = f"{source.publisher}, {source.date}" if source.date else source.publisher
        links.append(
            f'<a href="{escape(citations.entry_link(bibliography, source_id))}" title="{escape(source.title)}">{escape(label)}</a>'
        )
    return "; ".join(links)


def cell(value: Any, digits: int | None) -> str:
    if digits is not None and isinstance(value, (int, float)):
        return escape(format_value(value, "", digits))
    return escape(str(value))


def table_html(table: Table, rows: list[dict[str, Any]]) -> str:
    head = "".join(f'<th scope="col">{escape(c.heading)}</th>' for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell(row.get(c.key, ''), c.digits)}</td>" for c in table.columns) + "</tr>"
        for row in rows
    )
    columns = json.dumps([[c.key, c.digits] for c in table.columns])
    return (
        f'<table class="bx-table" data-dataset="{escape(table.dataset)}" data-columns="{escape(columns)}">'
        f"<caption>{escape(table.caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def views_html(specs: list[dict[str, Any]], model_data: Iterable[str] = ()) -> str:
    """One box per view, holding the build-time picture until Vega draws the live view there. The page
    carries each view's compiled Vega spec and the names of the model's data sets it reads (a widget
    replaces those on every redraw)."""
    views = "".join(
        f'<div class="bx-view" data-view="{i}">{picture_html(spec)}</div>' for i, spec in enumerate(specs)
    )
    payload = [
        {"vega": vega_spec(spec), "datasets": [n for n in named_data(spec) if n in model_data]}
        for spec in specs
    ]
    # The pictures' labels repeat the caption and the data table, which search already indexes.
    return f'<div class="bx-views" data-search-exclude>{views}</div>{json_block("bx-specs", payload)}'


def static_chart_html(chart: StaticChart, figure_id: str, bibliography: str) -> str:
    rows = chart.rows()
    spec = to_spec(chart.build(rows))
    cited = data.row_sources(rows)
    return (
        f'<figure class="bx-figure bx-chart" id="{escape(figure_id)}" aria-labelledby="{escape(figure_id)}-title">'
        f"{views_html([spec])}"
        f'<figcaption><strong id="{escape(figure_id)}-title">{escape(chart.title)}</strong> '
        f'<span class="bx-description">{escape(chart.description)}</span> '
        f'<span class="bx-sources">Sources: {source_links(cited, bibliography)}.</span></figcaption>'
        f'<details class="bx-data"><summary>Show the data as a table</summary>{table_html(chart.table, rows)}</details>'
        f"{downloads.static_menu_html(chart)}"  # reuse: data, pictures, metadata (explainers/downloads.py)
        "</figure>"
    )


def control_html(widget_id: str, param: Param, value: float, inactive: str = "") -> str:
    """A labelled slider, its value, and a note saying why it has no effect in the current state (PhET's
    rule: a control that does nothing says so, rather than moving silently)."""
    control_id = f"{widget_id}-{param.name}"
    unit = f" ({param.unit})" if param.unit else ""
    hidden = "" if inactive else " hidden"
    return (
        '<div class="bx-control">'
        f'<label for="{escape(control_id)}">{escape(param.label)}{escape(unit)}</label>'
        f'<div class="bx-slider"><input type="range" id="{escape(control_id)}" name="{escape(param.name)}" '
        f'min="{param.minimum:g}" max="{param.maximum:g}" step="{param.step:g}" value="{value:g}" '
        f'aria-valuetext="{escape(param.describe(value))}" '
        f'aria-describedby="{escape(control_id)}-inactive {escape(control_id)}-help">'
        f'<output for="{escape(control_id)}" class="bx-value">{escape(param.describe(value))}</output></div>'
        f'<p class="bx-inactive" id="{escape(control_id)}-inactive"{hidden}>{escape(inactive)}</p>'
        "</div>"
    )


def setting_notes_html(widget_id: str, model: Model, bibliography: str) -> str:
    """What each setting means, its range and where its default comes from (also each slider's description),
    and the model's limits in a sentence, where the reader is."""
    items = []
    for param in model.params:
        basis = (f"Default from {source_links([param.source], bibliography)}." if param.source else "") + (
            f" Teaching assumption: {escape(param.assumption)}" if param.assumption else ""
        )
        span = f"{escape(param.describe(param.minimum))} to {escape(param.describe(param.maximum))}"
        items.append(
            f'<dt>{escape(param.label)}</dt><dd id="{escape(widget_id)}-{escape(param.name)}-help">'
            f"{escape(param.help)} Range {span}; default {escape(param.describe(param.default))}. {basis}</dd>"
        )
    return (
        '<details class="bx-notes"><summary>What the settings mean and where the defaults come from</summary>'
        f'<p class="bx-limits"><strong>What this model leaves out:</strong> {escape(model.limits_in_brief)} '
        "It is an illustration of the arithmetic, not a forecast.</p>"
        f"<dl>{''.join(items)}</dl></details>"
    )


def figures_html(result: Result) -> str:
    items = "".join(
        f'<div><dt>{escape(f.label)}</dt><dd data-figure="{escape(f.key)}">{escape(f.text)}</dd></div>'
        for f in result.figures
    )
    return f'<dl class="bx-figures" aria-label="Results for the scenario shown">{items}</dl>'


def model_source(model: Model) -> str:
    """The module that defines a model, read from its file: the text the worker's sandbox also starts from
    (widgets/sandbox.py, which the build never imports: it runs readers' code, in the browser only)."""
    return Path(inspect.getfile(model.compute)).read_text(encoding="utf-8")


def inside_html(model: Model, widget_id: str) -> str:
    """The "look inside" panel: the model's real module, editable, run only in the Python worker."""
    source = model_source(model)
    editor_id = f"{widget_id}-code"
    return (
        '<details class="bx-inside"><summary>Look inside: read and change the model’s Python</summary>'
        "<p>This is the real code this widget runs in your browser. Change a number or an equation, then press "
        "<strong>Run my version</strong>: the chart and the read-outs follow your code, and the table below sets "
        "your figures beside the original ones. Your code runs only in a separate Python worker; if it runs for "
        "more than a few seconds, it is stopped and the widget goes back to the original. "
        "Use spaces to indent; the Tab key moves to the next control.</p>"
        f'<label class="bx-editor-label" for="{escape(editor_id)}">Python code of the model ({escape(model.name)}.py)</label>'
        '<div class="bx-editor"><pre aria-hidden="true"><code></code></pre>'
        f'<textarea id="{escape(editor_id)}" spellcheck="false" autocapitalize="off" autocomplete="off" '
        f'wrap="off" rows="18">{escape(source)}</textarea></div>'
        '<div class="bx-code-buttons">'
        '<button type="button" class="md-button md-button--primary bx-run">Run my version</button>'
        '<button type="button" class="md-button bx-revert">Reset to the original</button>'
        '<button type="button" class="md-button bx-download">Download as .py</button>'
        '<button type="button" class="md-button bx-share-code">Copy link to my version</button></div>'
        '<p class="bx-code-status" role="status"></p>'
        f'<label class="bx-code-link-label" for="{escape(widget_id)}-code-link" hidden>Link to your version</label>'
        f'<input class="bx-code-link" id="{escape(widget_id)}-code-link" type="url" readonly hidden>'
        '<table class="bx-compare"><caption>Your version beside the original, same settings</caption>'
        '<thead><tr><th scope="col">Figure</th><th scope="col">Original model</th>'
        '<th scope="col">Your version</th></tr></thead><tbody></tbody></table>'
        "</details>"
    )


def widget_html(widget: catalog.Widget, widget_id: str, bibliography: str, preset: str | None = None) -> str:
    """A widget starting from its defaults or from one of its presets, which is then also its baseline."""
    model, charts = widget.model, widget.charts
    values = dict(next(p.values for p in model.presets if p.key == preset)) if preset else model.defaults()
    result = model.run(values, preset)
    specs = [to_spec(view(), result.data) for view in charts.views]
    presets = "".join(
        f'<button type="button" class="md-button bx-preset" data-preset="{escape(p.key)}">{escape(p.label)}</button>'
        for p in model.presets
    )
    meta = {
        "widget": model.name,
        "params": [p.as_dict() for p in model.params],
        "presets": [{"key": p.key, "label": p.label, "values": dict(p.values)} for p in model.presets],
        "start": values,  # what Reset returns to, and what a scenario link leaves out
        "startBaseline": preset,  # the preset Reset makes the baseline again (None: the defaults)
    }
    cited = [p.source for p in model.params if p.source] + [p.source for p in model.presets if p.source]
    tables = "".join(table_html(t, result.data[t.dataset]) for t in charts.tables)
    return (
        f'<figure class="bx-figure bx-widget" id="{escape(widget_id)}" data-widget="{escape(model.name)}" '
        f'aria-labelledby="{escape(widget_id)}-title">'
        f'<figcaption><strong id="{escape(widget_id)}-title">{escape(model.title)}</strong> '
        f'<span class="bx-description">{escape(charts.description)}</span></figcaption>'
        f'<p class="bx-status" role="status">Interactive mode needs JavaScript; the charts show the default scenario.</p>'
        f"{views_html(specs, result.data)}"
        f'<p class="bx-baseline" role="status">Compared with the baseline: <strong>{escape(result.baseline)}</strong>. '
        "Pressing a dated preset makes it the baseline; Reset goes back to the start.</p>"
        f"{figures_html(result)}"
        f'<p class="bx-error" role="alert" hidden></p>'
        f'<form class="bx-controls" aria-label="Settings for: {escape(model.title)}">'
        f'<div class="bx-presets" role="group" aria-label="Dated presets">{presets}'
        '<button type="button" class="md-button bx-reset">Reset</button>'
        '<button type="button" class="md-button bx-copy-link">Copy link to this scenario</button></div>'
        '<p class="bx-link-note" role="status"></p>'
        f'<label class="bx-link-label" hidden for="{escape(widget_id)}-link">Link to this scenario</label>'
        f'<input class="bx-link-field" id="{escape(widget_id)}-link" type="url" readonly hidden>'
        f'<div class="bx-sliders">{"".join(control_html(widget_id, p, values[p.name], result.inactive.get(p.name, "")) for p in model.params)}</div>'
        "</form>"
        f"{setting_notes_html(widget_id, model, bibliography)}"
        f'<p class="bx-sources">Sources for the defaults and presets: {source_links(dict.fromkeys(cited), bibliography)}. '
        "An illustration of the arithmetic, not a forecast.</p>"
        f"{model_notes.notes_html(model, widget_id)}"  # what you should know (explainers/model_notes.py)
        f'<details class="bx-data"><summary>Show the data as a table</summary>{tables}</details>'
        f"{downloads.widget_menu_html(widget, widget_id, preset)}"  # reuse (explainers/downloads.py)
        f"{inside_html(model, widget_id)}"
        f"{json_block('bx-meta', meta)}"
        "</figure>"
    )
