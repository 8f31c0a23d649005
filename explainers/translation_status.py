"""Whether a translation still says what its English page says now.

Each translated page starts with the English version it was translated from, as git names it:

    ---
    translated_from: 8f83736a98e1229f344861b9ae52dfff60bd4a8f   # git hash-object docs/<page>
    translated_on: 2026-12-07                                  # optional: the day it was checked
    ---

A snippet included in pages (`includes/`, pymdownx.snippets) has no front matter of its own: it records the
version in a comment, `<!-- translated_from: <hash> -->`.

The build computes the English page's hash itself, as git does (no git needed: a copy of the project or an
installed package builds alike). When the English page has changed since, or the corrections log (one log,
explainers/corrections.toml) has an entry for the page dated after `translated_on`, the translated page opens
with a notice in its language linking the English page and the log: its reader is told, not misled.

`python -m explainers.translation_status` lists every translation that is behind, for translators.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date  # Babel comes with mkdocs-material (its search languages)
from mkdocs.utils.meta import get_data

from explainers import corrections
from explainers.languages import LANGUAGES, LOCALES

TRANSLATED_FROM = "translated_from"
TRANSLATED_ON = "translated_on"
GIT_HASH = re.compile(r"^[0-9a-f]{40}$")
SNIPPETS = "includes/"  # snippets included in pages, not pages (mkdocs.yml's exclude_docs)
SNIPPET_VERSION = re.compile(r"<!--\s*translated_from:\s*(\S+)\s*-->")
# The notice's words in each language: {english} is the English page's address, {log} the corrections page's.
# The English page is another build's: a Markdown link to it would be one MkDocs cannot check (a warning, and
# `--strict` stops), so it is written in HTML.
NOTICE = {
    "ru": {
        "title": "Перевод отстаёт от английской версии",
        "changed": (
            "Английская версия этой страницы обновлена после перевода: пока перевод не обновлён, "
            'сверяйтесь с <a href="{english}" hreflang="en">английской версией</a>.'
        ),
        "corrected": "После перевода в страницу внесены исправления ({dates}): см. [журнал исправлений]({log}).",
    }
}


def blob_hash(content: bytes) -> str:
    """The name git gives a file's content (`git hash-object`): sha1 of "blob <size>\\0" and the bytes."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


def front_matter(markdown: str) -> dict[str, Any]:
    """A page's YAML front matter, as MkDocs reads it (a snippet's version: from its comment)."""
    meta = dict(get_data(markdown)[1])
    comment = SNIPPET_VERSION.search(markdown)
    if TRANSLATED_FROM not in meta and comment:
        meta[TRANSLATED_FROM] = comment.group(1)
    return meta


@dataclass(frozen=True)
class Status:
    page: str  # the English page's path under docs/
    translated_from: str  # the English version's hash, as the translation records it ("" if it does not)
    english: str  # the English page's hash now
    translated_on: dt.date | None
    corrections: tuple[corrections.Correction, ...]  # the page's corrections dated after translated_on

    @property
    def changed(self) -> bool:
        return self.translated_from != self.english

    @property
    def behind(self) -> bool:
        return self.changed or bool(self.corrections)


def status(english: bytes, translation: str, page: str) -> Status:
    """How a translation (its Markdown, front matter included) stands against its English page's bytes."""
    meta = front_matter(translation)
    translated_on = meta.get(TRANSLATED_ON)
    if isinstance(translated_on, str):
        translated_on = dt.date.fromisoformat(translated_on)
    later = (
        tuple(e for e in corrections.entries() if e.page == page and e.date > translated_on)
        if isinstance(translated_on, dt.date)
        else ()
    )
    return Status(page, str(meta.get(TRANSLATED_FROM, "")).strip(), blob_hash(english), translated_on, later)


def problems(translation: str, page: str) -> list[str]:
    """What the front matter lacks: without the English version's hash nobody can tell when it is stale."""
    meta = front_matter(translation)
    found = []
    if not GIT_HASH.match(str(meta.get(TRANSLATED_FROM, ""))):
        how = (
            f"a comment `<!-- {TRANSLATED_FROM}: <the output of git hash-object docs/{page}> -->`"
            if page.startswith(SNIPPETS)
            else f"front matter `{TRANSLATED_FROM}: <the output of git hash-object docs/{page}>`"
        )
        found.append(
            f"{page}: the translation does not say which English version it was translated from: write {how}"
        )
    translated_on = meta.get(TRANSLATED_ON)
    if translated_on is not None and not isinstance(translated_on, dt.date):
        found.append(f"{page}: `{TRANSLATED_ON}` is a date, written 2026-12-07 (found {translated_on!r})")
    return found


def english_address(url: str, language: str) -> str:
    """The English page's address relative to its translation (`ru/busan-meeting/` -> `../../busan-meeting/`)."""
    up = "../" * (url.count("/") + LANGUAGES[language].prefix.count("/"))
    return up + url or "./"


def notice_markdown(state: Status, *, url: str, language: str) -> str:
    """The admonition a translation that is behind opens with ("" when it is not behind)."""
    if not state.behind:
        return ""
    words = NOTICE[language]
    log = _relative(corrections.PAGE, state.page)
    lines = []
    if state.changed:
        lines.append(words["changed"].format(english=english_address(url, language)))
    if state.corrections:
        dates = ", ".join(sorted({format_date(e.date, "long", locale=language) for e in state.corrections}))
        lines.append(words["corrected"].format(dates=dates, log=log))
    body = "\n".join(f"    {line}" for line in " ".join(lines).splitlines())
    return f'!!! warning "{words["title"]}"\n{body}\n\n'


def with_notice(markdown: str, notice: str) -> str:
    """The notice under the page's title (the first heading stays the page's title)."""
    if not notice:
        return markdown
    title = re.match(r"\s*# [^\n]*\n", markdown)
    if title:
        return markdown[: title.end()] + "\n" + notice + markdown[title.end() :]
    return notice + markdown


def _relative(target: str, page: str) -> str:
    depth = page.count("/")
    return "../" * depth + target


def behind(language: str, docs: Path, locales: Path = LOCALES) -> list[Status]:
    """Every translated page of one language that is behind its English page."""
    folder = locales / language / "docs"
    found = []
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        page = path.relative_to(folder).as_posix()
        english = docs / page
        if english.is_file():
            state = status(english.read_bytes(), path.read_text(encoding="utf-8"), page)
            if state.behind:
                found.append(state)
    return found


def main() -> int:
    docs = LOCALES.parent / "docs"
    for language in LANGUAGES.values():
        if language.original:
            continue
        for state in behind(language.code, docs):
            why = ["the English page changed"] if state.changed else []
            why += [f"corrected on {e.date}" for e in state.corrections]
            print(f"{language.code}: {state.page}: {', '.join(why)} (now {state.english})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
