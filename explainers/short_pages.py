"""Short addresses a student can type, on any static host: the build's go/ pages.

A static host keeps no table of short links (the classroom pack's start script does, for its /s/<n>), so
the build writes them as files:

- one page per ready-made assignment of the lessons, `go/<name>/`, which forwards to the long link with a
  meta refresh (no script: it works in any browser). A lesson names it right after the link,
  `[the before-Busan assignment](../assign/tariff_stack.md?…){ data-go="1a" }`, and the lesson then shows
  the short address beside the link, for the board;
- the page `go/`, which opens a teacher's own assignment from its short code, `go/#<code>`: the code holds
  the assignment itself, written compactly (widgets/runtime/short-link.js), and go.js turns it back into
  the long link and opens it; a code that does not read right gets a plain message and a field to fix it.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import get_relative_url

from explainers import assign, catalog, csp
from explainers.markup import json_block

FOLDER = "go"
OPENER = f"{FOLDER}/index.md"
NAME = re.compile(r"[a-z0-9]{1,12}")  # typed from the board: small letters and digits only
# A Markdown link with its short name in attr_list's syntax (harmless if it were ever left unread).
MARKED = re.compile(r'\]\((?P<link>[^)\s]+)\)\{\s*data-go="(?P<name>[^"]*)"\s*\}')
ASSIGNMENT = re.compile(rf"{assign.FOLDER}/(?P<widget>[a-z][a-z0-9_]*)\.md(?P<query>\?[^#]*)?")


class ShortPageError(ValueError):
    """A short name the build cannot honour, said in words (the build fails with it)."""


@dataclass(frozen=True)
class ShortPage:
    name: str
    widget: str
    query: str  # "" or "?…", exactly as the lesson wrote it
    page: str  # the lesson that names it (src_uri)

    @property
    def target(self) -> str:
        """The long link, relative to the site's root."""
        return f"{assign.FOLDER}/{self.widget}/{self.query}"


def _marked(markdown: str, src_uri: str) -> list[ShortPage]:
    found = []
    for match in MARKED.finditer(markdown):
        name, link = match["name"], match["link"]
        if not NAME.fullmatch(name):
            raise ShortPageError(f'{src_uri}: short name "{name}" must be 1 to 12 small letters or digits')
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), link))
        target = ASSIGNMENT.fullmatch(resolved)
        if not target:
            raise ShortPageError(f'{src_uri}: short name "{name}" is not on a link to an assignment ({link})')
        if target["widget"] not in catalog.WIDGETS:
            raise ShortPageError(
                f'{src_uri}: short name "{name}" leads to an unknown widget ({target["widget"]})'
            )
        found.append(ShortPage(name, target["widget"], target["query"] or "", src_uri))
    return found


def short_pages(docs_dir: Path) -> dict[str, ShortPage]:
    """Every short name the pages give, by name; a name given twice fails the build."""
    pages: dict[str, ShortPage] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        for short in _marked(path.read_text(encoding="utf-8"), src_uri):
            if short.name in pages:
                raise ShortPageError(
                    f'{src_uri}: short name "{short.name}" is already used in {pages[short.name].page}'
                )
            pages[short.name] = short
    return pages


def is_forward(site_path: str) -> bool:
    """Whether a built file is a go/<name>/ page: it moves on to its assignment at once, so it is not a
    page to read, cite or check as one (the tests that visit every page leave it out). Every language's
    edition has them, under its folder (`ru/go/<name>/`)."""
    return re.fullmatch(rf"(?:[a-z]{{2,3}}/)?{FOLDER}/{NAME.pattern}/index\.html", site_path) is not None


def forward_html(short: ShortPage) -> str:
    """go/<name>/index.html: straight on to the assignment, with a link for a browser that does not follow."""
    target = html.escape(f"../../{short.target}")
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f'<meta http-equiv="refresh" content="0; url={target}">'
        "<title>Opening the assignment</title></head>"
        "<body><main><h1>Opening the assignment…</h1>"
        f'<p>If it does not open, <a href="{target}">follow this link</a>.</p></main></body></html>\n'
    )
    return csp.with_policy(page)


def opener_markdown() -> str:
    """go/index.md: the page that opens a short code (go.js mounts on .bx-go-open)."""
    widgets = {"widgets": list(catalog.WIDGETS)}
    return f"""---
title: Open an assignment
hide: [navigation, toc]
search:
  exclude: true
---

# Open an assignment

<div class="bx-go-open">
<p class="bx-go-nojs">Opening an assignment from its code needs JavaScript. Scan the QR code your teacher showed, or open the long link instead.</p>
{json_block("bx-go-meta", widgets)}
</div>
"""


def files(docs_dir: Path) -> dict[str, str]:
    """Site path -> content: the opener page (Markdown) and one forwarding page per short name."""
    pages = {
        f"{FOLDER}/{name}/index.html": forward_html(short) for name, short in short_pages(docs_dir).items()
    }
    return {OPENER: opener_markdown(), **pages}


def mark(markdown: str, page_url: str) -> str:
    """Each named link gets its short address beside it (go.js writes it out in full for the board)."""

    def beside(match: re.Match[str]) -> str:
        href = get_relative_url(f"{FOLDER}/{match['name']}/", page_url)
        shown = f"{FOLDER}/{match['name']}"
        return (
            f"]({match['link']})"
            f' <span class="bx-go">(short link: <a class="bx-go-link" href="{href}">{shown}</a>)</span>'
        )

    return MARKED.sub(beside, markdown)
