"""The HTML the build writes into pages, as Jinja2 templates in explainers/templates/, autoescaped: a value
reaches the page as text unless a template marks it as markup already made here (`|safe`).

Templates are written over several lines for reading; the page gets one line, as before: a line break and
the indentation after it disappear next to a tag or a template instruction, and stand for one space
between two words of text. So a line of text never starts with an inline tag that a word precedes
(`press <strong>Run` stays on one line). Inside <textarea> and <pre> the text comes from a value, never
from the template's own lines, so nothing a reader sees is reflowed.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from jinja2.ext import Extension
from markupsafe import Markup

from widgets import numbers, words

TEMPLATES = Path(__file__).with_name("templates")
_BREAK = re.compile(r"\s*\n\s*")
# a line ending like this, or the next one starting with "<" or "{%", joins without a space
_GLUED = (">", "%}", "#}")


class OneLine(Extension):
    """Join each template's lines as the module docstring says, before Jinja parses it."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        lines = [line for line in _BREAK.split(source.strip()) if line]
        joined = lines[0]
        for line in lines[1:]:
            glued = joined.endswith(_GLUED) or line.startswith(("<", "{%", "{#"))
            joined += ("" if glued else " ") + line
        return joined


def json_text(payload: Any, quotes: bool = False) -> Markup:
    """JSON for an inert <template>, HTML-escaped: the parser turns it back into the exact JSON text, and
    no string in the data can open or close an element. Quotation marks stay as they are (a widget's
    Vega specs are large) unless `quotes`: JSON written into a page's Markdown, where the quotation
    check would read a quoted title as a quotation."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return Markup(escape(text, quote=quotes))


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,  # a misspelt name fails the build instead of showing nothing
    extensions=[OneLine, "jinja2.ext.i18n"],
)
ENVIRONMENT.filters["json_text"] = json_text
ENVIRONMENT.filters["editable"] = numbers.editable  # a slider's value in its box, in the build's language
# {{ param.label|t }}: a string the code marked where it is defined (N_), translated where it is shown; not
# a format string, unlike _() below (a help text's "10% in force" is not a placeholder).
ENVIRONMENT.filters["t"] = words._
# {{ _("Sources cited on this page") }}: the build's language (widgets/words.py), read at each render.
# Newstyle: placeholders are named, {{ _("%(count)s sources", count=n) }}, and a literal percent is "%%".
ENVIRONMENT.install_gettext_callables(  # type: ignore[attr-defined]
    gettext=words._, ngettext=words.ngettext, newstyle=True
)


def render(template: str, **values: Any) -> Markup:
    """The filled template, as markup another template includes as it is."""
    return Markup(ENVIRONMENT.get_template(template).render(**values))


def json_block(css_class: str, payload: Any, quotes: bool = False) -> Markup:
    """Data for the browser in an inert <template> (templates/json_block.html says why not a <script>)."""
    return render("json_block.html", css_class=css_class, payload=payload, quotes=quotes)
