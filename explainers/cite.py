"""How to cite a page, a chart or a widget's scenario: APA 7 (a web page with a group author) and BibTeX.

The date is the site's "as of" date (the day its facts were last checked, not the day of writing),
the version the site version (explainers/versions.py). A widget's "cite this scenario" is the same citation
with the scenario's address, which the page fills in (widgets/runtime/reuse.js replaces PAGE_URL).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html import escape

AUTHOR = "The Busan truce explainer"
PAGE_URL = "bx-page-url:"  # replaced by the page's canonical address (explainers/hooks.py)
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Citation:
    title: str
    url: str
    as_of: dt.date
    version: str
    kind: str = ""  # APA's bracketed description, e.g. "Interactive model, version 1"
    key: str = "page"  # BibTeX key, made unique per page

    def apa(self) -> str:
        kind = f" [{self.kind}]" if self.kind else ""
        return (
            f"{AUTHOR}. ({self.as_of.year}, {self.as_of:%B} {self.as_of.day}). {self.title}{kind} "
            f"(Version {self.version}). {self.url}"
        )

    def bibtex(self) -> str:
        note = f"Facts as of {self.as_of.isoformat()}" + (f"; {self.kind}" if self.kind else "")
        fields = {
            "author": "{" + AUTHOR + "}",  # braces: a group, not a person called "explainer, The Busan truce"
            "title": "{" + _tex(self.title) + "}",
            "year": str(self.as_of.year),
            "month": _MONTHS[self.as_of.month - 1],
            "version": _tex(self.version),
            "url": self.url,
            "note": _tex(note),
        }
        body = ",\n".join(
            f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
            for name, value in fields.items()
        )
        return f"@misc{{{self.key},\n{body}\n}}"


def _tex(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text)


def key(path: str, as_of: dt.date) -> str:
    """busan-explainer-busan-meeting-2026: one key per page and year."""
    slug = (
        re.sub(r"[^a-z0-9]+", "-", path.lower().removesuffix(".md").removesuffix("index")).strip("-")
        or "home"
    )
    return f"busan-explainer-{slug}-{as_of.year}"


def block_html(citation: Citation, heading: str, element_id: str, level: str = "h2") -> str:
    """Both forms, each selectable and with a copy button (shown only when scripts run; without them,
    the text is there to select). Excluded from search: every page carries one."""
    return (
        f'<section class="bx-cite" id="{escape(element_id)}" aria-labelledby="{escape(element_id)}-title" data-search-exclude>'
        f'<{level} class="bx-cite-title" id="{escape(element_id)}-title">{escape(heading)}</{level}>'
        f'<p class="bx-cite-label">APA</p><p class="bx-cite-apa" data-cite="apa">{escape(citation.apa())}</p>'
        '<button type="button" class="md-button bx-copy" data-copy="apa" hidden>Copy APA citation</button>'
        f'<p class="bx-cite-label">BibTeX</p><pre class="bx-cite-bibtex" data-cite="bibtex" tabindex="0">'
        f"<code>{escape(citation.bibtex())}</code></pre>"
        '<button type="button" class="md-button bx-copy" data-copy="bibtex" hidden>Copy BibTeX</button>'
        '<p class="bx-copy-note" role="status"></p>'
        "</section>"
    )
