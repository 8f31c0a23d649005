"""A chart or a widget figure, from its catalogue entry: the values each template shows
(explainers/templates/figure_chart.html, figure_widget.html and the parts they include). Data for the
browser travels as JSON in inert <template> elements (templates/json_block.html says why)."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from explainers import catalog, citations, data, download_menu, model_notes, sources
from explainers.charts import fit
from explainers.charts.base import StaticChart, Table, named_data, to_spec
from explainers.downloads import Downloads
from explainers.markup import json_block, render
from explainers.vega_build import picture_html, vega_spec
from widgets.model import Model
from widgets.params import format_value
from widgets.words import _


@dataclass(frozen=True)
class SourceLink:
    href: str
    title: str
    label: str
    # The language of the source's title and publisher, which the link shows as the source writes them: a
    # screen reader reads them in that voice, and the check for English left in a translation skips them.
    language: str


def source_links(ids: Iterable[str], bibliography: str) -> Markup:
    """Links to the bibliography's entries; `bibliography` is its address relative to the page."""
    links = []
    for source_id in ids:
        source = sources.get(source_id)
        label = f"{source.publisher}, {source.date}" if source.date else source.publisher
        links.append(
            SourceLink(citations.entry_link(bibliography, source_id), source.title, label, source.language)
        )
    return render("source_links.html", links=links)


def cell(value: Any, digits: int | None) -> str:
    if digits is not None and isinstance(value, (int, float)):
        return format_value(value, "", digits)
    # Text is the data's words: a model writes its rows' labels in English ("Baseline", a layer's name),
    # shown in the build's language; text with no translation (a date, a translated row) stays as it is.
    return _(value) if isinstance(value, str) else str(value)


def table_html(table: Table, rows: list[dict[str, Any]]) -> Markup:
    return render(
        "data_table.html",
        table=table,
        columns=json.dumps([[c.key, c.digits] for c in table.columns]),  # how the page refills it
        rows=[[cell(row.get(c.key, ""), c.digits) for c in table.columns] for row in rows],
    )


@dataclass(frozen=True)
class View:
    """One chart of a figure as the page shows it: its picture, and for a screen reader its name (the
    chart's title) and a summary of what it shows (`summary_id` names the element that holds it)."""

    name: str
    title: str
    picture: Markup
    summary_id: str
    summary: (
        str | None
    )  # a widget's chart: the model's summary, rewritten on every run; None: the caption says it


def chart_title(spec: dict[str, Any]) -> str:
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)


def views_html(
    specs: list[dict[str, Any]],
    names: list[str],
    figure_id: str,
    summaries: dict[str, str] | None = None,
    model_data: Iterable[str] = (),
    title: str = "",
) -> Markup:
    """One box per view, holding the build-time picture until Vega draws the live view there. The page
    carries each view's compiled Vega spec, its name and the names of the model's data sets it reads (a
    widget replaces those on every redraw). A widget's view is described by its own summary, which the
    page rewrites with each result; a static chart by its caption."""
    payload = [
        {
            "name": name,
            # Vega names the view from its description (aria-label of the view's box)
            "vega": vega_spec({**spec, "description": chart_title(spec) or title}),
            "datasets": [n for n in named_data(spec) if n in model_data],
        }
        for name, spec in zip(names, specs, strict=True)
    ]
    views = [
        View(
            name,
            chart_title(spec) or title,
            Markup(picture_html(spec)),  # SVG the build rendered (vega_build.py)
            f"{figure_id}-summary-{name}" if summaries is not None else f"{figure_id}-description",
            summaries.get(name, "") if summaries is not None else None,
        )
        for name, spec in zip(names, specs, strict=True)
    ]
    return render("views.html", views=views, specs=json_block("bx-specs", payload))


def legend_wrapped(spec: dict[str, Any]) -> dict[str, Any]:
    """A static chart's spec, its legend's labels wrapped rather than cut (explainers/charts/fit.py): its
    height is its own, not a share of a phone's screen beside a widget's sliders."""
    return {**spec, "usermeta": {**spec.get("usermeta", {}), fit.WRAPPED_LEGEND: True}}


def static_chart_html(chart: StaticChart, figure_id: str, bibliography: str, downloads: Downloads) -> Markup:
    rows = chart.rows()
    return render(
        "figure_chart.html",
        chart=chart,
        figure_id=figure_id,
        views=views_html(
            [legend_wrapped(to_spec(chart.build(rows)))], [chart.name], figure_id, title=_(chart.title)
        ),
        sources=source_links(data.row_sources(rows), bibliography),
        table=table_html(chart.table, rows),
        # reuse: data, pictures, metadata (explainers/downloads.py)
        downloads=download_menu.static_menu_html(downloads.static(chart)),
    )


def model_source(model: Model) -> str:
    """The module that defines a model, read from its file: the text the worker's sandbox also starts from
    (widgets/sandbox.py, which the build never imports: it runs readers' code, in the browser only)."""
    return Path(inspect.getfile(model.compute)).read_text(encoding="utf-8")


def widget_html(
    widget: catalog.Widget,
    widget_id: str,
    bibliography: str,
    downloads: Downloads,
    preset: str | None = None,
) -> Markup:
    """A widget starting from its defaults or from one of its presets, which is then also its baseline."""
    model, charts = widget.model, widget.charts
    start = model.start(preset)
    result = model.run(start.values, start.preset)
    meta = {
        "widget": model.name,
        # The words in the build's language; names, keys and units (format.js reads them) as they are.
        "params": [
            {
                **p.as_dict(),
                "label": _(p.label),
                "help": _(p.help),
                "assumption": p.assumption and _(p.assumption),
            }
            for p in model.params
        ],
        "presets": [{"key": p.key, "label": _(p.label), "values": dict(p.values)} for p in model.presets],
        "start": start.values,  # what Reset returns to, and what a scenario link leaves out
        "startBaseline": start.preset,  # the preset Reset makes the baseline again (None: the defaults)
    }
    cited = [p.source for p in model.params if p.source] + [p.source for p in model.presets if p.source]
    return render(
        "figure_widget.html",
        model=model,
        charts=charts,
        widget_id=widget_id,
        start_label=start.label if start.preset else None,
        values=start.values,
        result=result,
        views=views_html(
            [to_spec(view(), result.data) for view in charts.views],
            [view.__name__ for view in charts.views],
            widget_id,
            result.description.charts if result.description else {},
            result.data,
        ),
        setting_sources={p.name: source_links([p.source], bibliography) for p in model.params if p.source},
        sources=source_links(dict.fromkeys(cited), bibliography),
        notes=model_notes.notes_html(model, widget_id),  # what you should know (explainers/model_notes.py)
        tables=Markup("").join(table_html(t, result.data[t.dataset]) for t in charts.tables),
        # reuse (explainers/downloads.py)
        downloads=download_menu.widget_menu_html(
            widget, downloads.widget(widget, start.preset), widget_id, start
        ),
        source=model_source(model),  # "look inside" (templates/look_inside.html)
        meta=json_block("bx-meta", meta),
    )
