"""A heading in another language than its page keeps that language in the table of contents.

A translated page can hold headings the build writes in English (the models' notes, the corrections log:
explainers/build.py `_in_english`), inside an element marked `lang="en"`. The theme copies each heading's
text into the page's table of contents (twice: the sidebar and the mobile menu), outside that element: a
screen reader would read it as Russian, and the check for English left in a translation
(explainers/english_runs.py) would find it. `mark` gives each such entry its heading's language.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def heading_languages(html: str, language: str) -> dict[str, str]:
    """Each heading's id with the language it is written in: that of its nearest element with a `lang`,
    or the page's."""
    reader = _Reader(language)
    reader.feed(html)
    reader.close()
    return reader.found


def mark(toc: Any, html: str, language: str) -> None:
    """Wrap the title of each entry of `toc` (MkDocs' AnchorLinks) whose heading is in another language than
    `language` in a span saying which."""
    other = {i: lang for i, lang in heading_languages(html, language).items() if lang != language}

    def walk(items: Any) -> None:
        for item in items:
            if item.id in other:
                item.title = f'<span lang="{other[item.id]}">{item.title}</span>'  # the title is HTML
            walk(item.children)

    walk(toc)


class _Reader(HTMLParser):
    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str]] = [("", language)]  # (element, its language), outermost first
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        language = given.get("lang") or self.open[-1][1]
        if tag in HEADINGS and given.get("id"):
            self.found[str(given["id"])] = language
        if tag not in VOID:
            self.open.append((tag, language))

    def handle_endtag(self, tag: str) -> None:
        # close up to the innermost open element of that name (a stray end tag closes nothing)
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return
