"""Inline citations: `[@id]` or `[@id1; @id2]` in a page's Markdown become numbered links to the
bibliography, and the page ends with the full references it cited (so a printout carries them)."""

from __future__ import annotations

import posixpath
import re

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from explainers import sources
from widgets.words import _

CITATION = re.compile(r"\[@([a-z0-9-]+(?:\s*;\s*@[a-z0-9-]+)*)\]")
BIBLIOGRAPHY_PAGE = "sources.md"


def anchor(source_id: str) -> str:
    return f"src-{source_id}"


def entry_link(bibliography: str, source_id: str) -> str:
    """The link to one entry of the bibliography, given the bibliography's address relative to the page:
    the one way the site links a source, in a citation or under a figure."""
    return f"{bibliography}#{anchor(source_id)}"


def bibliography_link(page_src_uri: str, source_id: str) -> str:
    """A citation's link, in Markdown: to the bibliography's source file, which MkDocs checks and turns into
    the page's address relative to the citing page (works under any sub-path)."""
    here = posixpath.dirname(page_src_uri)
    return entry_link(posixpath.relpath(BIBLIOGRAPHY_PAGE, here or "."), source_id)


def bibliography_address(page: File, files: Files) -> str:
    """The bibliography's address relative to a built page, for HTML the build writes itself (figures),
    which MkDocs does not rewrite as it does Markdown links."""
    bibliography = files.get_file_from_path(BIBLIOGRAPHY_PAGE)
    if bibliography is None:
        raise FileNotFoundError(
            f"docs/{BIBLIOGRAPHY_PAGE} is missing: citations and figures link their sources there"
        )
    return get_relative_url(bibliography.url, page.url)


def reference_markdown(source: sources.Source) -> str:
    """Author, title and publisher in the source's own language, marked so (`lang`): a screen reader reads
    an English title in English on a Russian page, and the check for English left in a translation
    (explainers/english_runs.py) knows it is meant."""
    title = f"[{source.title}]({source.url})" if source.url else source.title
    own_words = ", ".join(p for p in (source.author, f"“{title}”", source.publisher) if p)
    date = source.date or _("undated")  # not inside the f-string: Babel's extractor does not look there
    return f'<span lang="{source.language}">{own_words}</span>, {date}.'


def cite(markdown: str, page_src_uri: str) -> str:
    numbers: dict[str, int] = {}

    def replace(match: re.Match[str]) -> str:
        ids = [part.strip().lstrip("@") for part in match.group(1).split(";")]
        links = []
        for source_id in ids:
            sources.get(source_id)  # an unknown id fails the build
            number = numbers.setdefault(source_id, len(numbers) + 1)
            links.append(f'[[{number}]]({bibliography_link(page_src_uri, source_id)} "{_title(source_id)}")')
        return '<sup class="bx-cite">' + ", ".join(links) + "</sup>"

    text = CITATION.sub(replace, markdown)
    if not numbers:
        return text
    listing = "\n".join(f"{n}. {reference_markdown(sources.get(i))}" for i, n in numbers.items())
    heading = _(
        "Sources cited on this page"
    )  # the anchor stays English: links to #sources-cited keep working
    return f"{text}\n\n## {heading} {{ #sources-cited .bx-cited }}\n\n{listing}\n"


def _title(source_id: str) -> str:
    return sources.get(source_id).title.replace('"', "'")


def bibliography_markdown() -> str:
    """Every source in the registry, alphabetically by publisher, each with an anchor citations link to."""
    entries = sorted(sources.all_sources().values(), key=lambda s: (s.publisher.lower(), s.date, s.title))
    return "\n".join(
        f'- <span id="{anchor(s.id)}"></span>{reference_markdown(s)}'
        + (f' <span lang="en">{s.note}</span>' if s.note else "")  # our notes are written in English
        for s in entries
    )
