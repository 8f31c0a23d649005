"""The download menu under a figure (templates/download_menu.html): the files of explainers/downloads.py
as plain `<a download>` links, and for a widget what widgets/runtime/reuse.js needs to make them again for
the reader's scenario, with a "cite this scenario" block."""

from __future__ import annotations

from markupsafe import Markup

from explainers import catalog, cite, corrections, versions
from explainers.download_metadata import LICENCE, PARAMETER_FIELDS
from explainers.downloads import SITE_LINK, FigureFiles
from explainers.markup import json_block, render
from widgets.model import Start
from widgets.words import _


def menu_html(files: FigureFiles, note: str, extra: str = "") -> Markup:
    """The menu; `extra` is a citation."""
    return render(
        "download_menu.html",
        files=files,
        note=note,
        extra=extra,
        site_link=SITE_LINK,
        licence=LICENCE,
        author=cite.author(),
        as_of=corrections.as_of_text(),
        version=versions.site_version(),
    )


def static_menu_html(files: FigureFiles) -> Markup:
    return menu_html(files, _("The data as in the table above, with each row's sources."))


def widget_menu_html(widget: catalog.Widget, files: FigureFiles, widget_id: str, start: Start) -> Markup:
    """The widget's menu, its "cite this scenario" block, and (in an inert template) what reuse.js needs
    to remake the files for the reader's scenario and to version its links."""
    model, charts = widget.model, widget.charts
    citation = cite.Citation(
        _(model.title),
        cite.PAGE_URL,
        corrections.as_of(),
        versions.site_version(),
        _("Interactive model, version {version}").format(version=model.version),
        key=f"busan-explainer-{model.name}-scenario-{corrections.as_of().year}",
    )
    reuse = {
        # The settings are in the figure's bx-meta already: reuse.js adds them, with their current values.
        "metadata": {
            **{k: v for k, v in files.metadata.items() if k != "parameters"},
            "scenario_link": cite.PAGE_URL,
            "citation": citation.apa(),
        },
        "parameterFields": PARAMETER_FIELDS,
        "tables": [
            {"dataset": t.dataset, "columns": [[c.key, c.heading] for c in t.columns]} for t in charts.tables
        ],
        "link": versions.link_data(model),
        "changesPage": f"{SITE_LINK}corrections/",
    }
    note = _(
        "Without JavaScript, these files hold the starting scenario, {start}. With it, they hold the "
        "scenario you set beside its baseline, dated the day you download them."
    ).format(start=_(start.label))
    scenario_cite = cite.block_html(citation, _("Cite this scenario"), f"{widget_id}-cite", level="p")
    return menu_html(files, note, scenario_cite) + json_block("bx-reuse", reuse)
