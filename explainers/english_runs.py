"""No English left in a translated page by mistake: `runs` finds three or more English words in a row in a
page's rendered HTML, outside what is meant to be English.

Meant to be English, and so not read: anything inside an element marked with another language (`lang="en"`,
such as an English source's title, or a page not translated yet), code (`code`, `pre`, `kbd`, `samp`, and `textarea`, where "Look inside" shows a model's code),
scripts, styles, pictures (`svg`, `math`), abbreviations (`abbr`), and attributes (a link's address or title).
Within the text, an address (`https://…`, `www.…`), a word in capitals (IEEPA, APEC: abbreviations are
written so in Russian too), a number or a word with a letter of another script breaks a run. Two English words
pass: a name (Entity List, Chosun Biz) is written so in Russian sources too.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

MIN_RUN = 3
# Elements whose text is code, markup or a picture, never prose to translate.
NOT_PROSE = {
    "code",
    "pre",
    "kbd",
    "samp",
    "textarea",
    "script",
    "style",
    "svg",
    "math",
    "abbr",
    "template",
    "noscript",
}
# Elements within a line of text; any other element ends a stretch of prose.
INLINE = {
    "a",
    "b",
    "cite",
    "data",
    "em",
    "i",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ENGLISH_WORD = re.compile(r"^[A-Za-z][a-z]*(?:['’-][A-Za-z]+)*[.,;:!?)»”\"']*$")
OPENING = re.compile(r"^[(«“\"']+")
ADDRESS = re.compile(r"^(?:[a-z]+://|www\.)|@|\.(?:com|org|gov|net|md|html)\b", re.I)


def runs(html: str, language: str) -> list[str]:
    """Each run of MIN_RUN or more English words outside elements in another language, as it reads."""
    reader = _Reader(language)
    reader.feed(html)
    reader.close()
    found = []
    for text in reader.texts:
        run: list[str] = []
        for token in [*text.split(), ""]:  # "" ends the last run
            word = OPENING.sub("", token)
            if word and ENGLISH_WORD.match(word) and not ADDRESS.search(word):
                run.append(token)
                continue
            if len(run) >= MIN_RUN:
                found.append(" ".join(run))
            run = []
    return found


class _Reader(HTMLParser):
    """Collects the page's prose in its own language: one string per stretch of text, a stretch ending at
    a block (a paragraph, a cell, a list item) and at an element skipped (a run does not cross them)."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # per open element: its tag, and whether its text is skipped
        self.texts: list[str] = [""]

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._boundary(tag)
        if tag in VOID:
            return
        lang = dict(attrs).get("lang")
        other_language = lang is not None and lang.split("-")[0].lower() != self.language
        skip = self.skipping or tag in NOT_PROSE or other_language
        if skip != self.skipping:
            self.texts.append("")
        self.stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        self._boundary(tag)
        if tag in VOID or all(open_tag != tag for open_tag, _ in self.stack):
            return  # a stray end tag: HTML ignores it
        was = self.skipping
        while self.stack and self.stack.pop()[0] != tag:
            pass  # elements left open inside it (<p>, <li>) close with it
        if was != self.skipping:
            self.texts.append("")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.texts[-1] += data

    def _boundary(self, tag: str) -> None:
        self.texts[-1] += " "
        if tag not in INLINE:
            self.texts.append("")
