"""Assignments: one student page per widget under assign/, and the teachers' link builder.

Everything here is generated from the catalogue (explainers/catalog.py), so a model's parameters, read-outs and charts are
never written twice: the builder and the student's page read them from JSON in the page. What a link
means (locked, hidden, revealed after a prediction) is decided in the browser, in
widgets/runtime/assign.js; this module only gives it the names it may use.
"""

from __future__ import annotations

import json
from typing import Any

from explainers import catalog
from explainers.markup import json_block, render
from widgets import words
from widgets.words import _

BUILDER_MARKER = "<!-- assignment-builder -->"
NAMES_MARKER = "<!-- assignment-names -->"
FOLDER = "assign"

# Read-outs that give a prediction away when students can see them: the predicted value follows from
# them with arithmetic a student can do on the spot. The builder warns when one is left "Shown".
GIVES_AWAY: dict[str, dict[str, tuple[str, ...]]] = {
    # price = $100 × (1 + pass-through × tariff): with the tariff on screen, the price is one multiplication
    "tariff_stack": {"price": ("total",), "total": ("price",)},
    # months in shortage = the restriction's months the stockpile does not cover (sliders on screen)
    "rare_earth_supply": {"months_short": ("months_covered",), "months_covered": ("months_short",)},
    # the value of 2050 output = its tonnes × the prices on the sliders (oxide for the share separated in
    # the region, the raw-ore price for the rest)
    "central_asia_pipeline": {"value_2050": ("output_2050",), "output_2050": ("value_2050",)},
}


def chart_title(view: Any) -> str:
    """A view's own title (what the reader sees above it), for the builder's labels."""
    title = view().to_dict().get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    return title if isinstance(title, str) and title else view.__name__.replace("_", " ").capitalize()


def widget_summary(name: str) -> dict[str, Any]:
    """What an assignment may name for one widget: sliders, read-outs (computed once at the defaults,
    for their keys, labels and units) and charts (by the name of the function that draws them).
    Labels and titles are in the build's language; names, keys and units (format.js reads them) are
    not, so that a link made in one edition is the same link in every other."""
    widget = catalog.widget(name)
    model = widget.model
    figures = model.run(model.defaults()).figures
    return {
        "widget": name,
        "title": _(model.title),
        "version": model.version,  # an assignment link names it (widgets/runtime/link-version.js)
        "params": [
            {
                **p.as_dict(),
                "label": _(p.label),
                "help": _(p.help),
                "assumption": p.assumption and _(p.assumption),
                "unitText": _(p.unit) if p.unit else "",  # the unit's words, for the builder's headings
            }
            for p in model.params
        ],
        "presets": [{"key": p.key, "label": _(p.label), "values": dict(p.values)} for p in model.presets],
        "figures": [{"key": f.key, "label": _(f.label), "unit": f.unit} for f in figures],
        "charts": [{"name": view.__name__, "title": chart_title(view)} for view in widget.charts.views],
        "givesAway": {k: list(v) for k, v in GIVES_AWAY.get(name, {}).items()},
    }


def assign_page(name: str) -> str:
    """The student's page: the task, the widget, the model's explanation (shown after the prediction)
    and the worksheet. Its parts are filled by assign.js from the link; without one it is the widget alone.
    Written in the build's language (each edition writes its own assign/ pages)."""
    model = catalog.widget(name).model
    title = _("Assignment: {title}").format(title=_(model.title))
    # The model's method is written in English only so far: marked so, as an untranslated page is.
    method = (
        model.method
        if words.language() == words.ORIGINAL
        else f'<div lang="en" markdown>\n\n{model.method}\n\n</div>'
    )
    # The words first, then the page: Babel finds _() in plain code, not inside an f-string's braces.
    task, worksheet = _("Your task"), _("Your worksheet")
    nojs = _(
        "This assignment needs JavaScript: it asks for your prediction before it shows the model's results."
    )
    how, more = _("How the model works."), _("More on this model and what it leaves out")
    return f"""---
title: {json.dumps(title, ensure_ascii=False)}
hide: [navigation, toc]
search:
  exclude: true
---

# {title}

<section class="bx-assignment" data-for="widget-{name}" aria-labelledby="bx-task-{name}">
<h2 id="bx-task-{name}">{task}</h2>
<p class="bx-assign-nojs">{nojs}</p>
{json_block("bx-assign-meta", {k: v for k, v in widget_summary(name).items() if k not in ("params", "presets")}, quotes=True)}
</section>

```widget {name}
```

<div class="bx-assign-method" hidden markdown>

**{how}**

{method}

[{more}](../methodology.md#{name})

</div>

<section class="bx-worksheet" data-for="widget-{name}" aria-labelledby="bx-worksheet-{name}" hidden>
<h2 id="bx-worksheet-{name}">{worksheet}</h2>
</section>
"""


def assign_pages() -> dict[str, str]:
    """src path -> Markdown, one student page per widget."""
    return {f"{FOLDER}/{name}.md": assign_page(name) for name in catalog.WIDGETS}


def builder_html() -> str:
    """The builder's mount point and every widget's names; builder.js makes the form from them."""
    widgets = [{**widget_summary(name), "page": f"{FOLDER}/{name}/"} for name in catalog.WIDGETS]
    return render(
        "assign_builder.html", meta=json_block("bx-builder-meta", {"widgets": widgets}, quotes=True)
    )


def names_html() -> str:
    """Every name a hand-written link may use, per widget (the builder's labels, with their names)."""
    return render(
        "assign_names.html", widgets=[widget_summary(name) for name in catalog.WIDGETS], folder=FOLDER
    )


def fill_builder(markdown: str) -> str:
    if BUILDER_MARKER in markdown:
        markdown = markdown.replace(BUILDER_MARKER, builder_html())
    if NAMES_MARKER in markdown:
        markdown = markdown.replace(NAMES_MARKER, names_html())
    return markdown
