"""How to cite a page, a chart or a widget's scenario: APA 7 (a web page with a group author) and BibTeX.

The date is the site's "as of" date (the day its facts were last checked, not the day of writing),
the version the site version (explainers/versions.py). A widget's "cite this scenario" is the same citation
with the scenario's address, which the page fills in (widgets/runtime/reuse.js replaces PAGE_URL).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from markupsafe import Markup

from explainers.markup import render
from widgets import numbers, words
from widgets.words import _

AUTHOR = "The Busan truce explainer"
PAGE_URL = "bx-page-url:"


def author() -> str:
    """The site as the author to credit, in the build's language (its name in that edition)."""
    return _("The Busan truce explainer")


# replaced by the page's canonical address (explainers/build.py)
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
        if words.language() == words.ORIGINAL:
            return (
                f"{AUTHOR}. ({self.as_of.year}, {self.as_of:%B} {self.as_of.day}). {self.title}{kind} "
                f"(Version {self.version}). {self.url}"
            )
        # Another edition: the site's name, the date and "version" in its language (APA's order kept).
        version = _("Version {version}").format(version=self.version)
        return f"{author()}. ({numbers.date(self.as_of)}). {self.title}{kind} ({version}). {self.url}"

    def bibtex(self) -> str:
        note = _("Facts as of {date}").format(date=self.as_of.isoformat()) + (
            f"; {self.kind}" if self.kind else ""
        )
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


def block_html(citation: Citation, heading: str, element_id: str, level: str = "h2") -> Markup:
    """A citation in APA and BibTeX (templates/cite_block.html)."""
    return render("cite_block.html", citation=citation, heading=heading, element_id=element_id, level=level)
