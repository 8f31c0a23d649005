"""Inline citations: `[@id]` or `[@id1; @id2]` in a page's Markdown become numbered links to the
bibliography, and the page ends with the full references it cited (so a printout carries them)."""

from __future__ import annotations

import posixpath
import re

from explainers import sources

CITATION = re.compile(r"\[@([a-z0-9-]+(?:\s*;\s*@[a-z0-9-]+)*)\]")
BIBLIOGRAPHY_PAGE = "sources.md"


def anchor(source_id: str) -> str:
    return f"src-{source_id}"


def bibliography_link(page_src_uri: str, source_id: str) -> str:
    """Relative link from a page to one entry of the bibliography (works under any sub-path)."""
    here = posixpath.dirname(page_src_uri)
    return f"{posixpath.relpath(BIBLIOGRAPHY_PAGE, here or '.')}#{anchor(source_id)}"


def reference_markdown(source: sources.Source) -> str:
    title = f"[{source.title}]({source.url})" if source.url else source.title
    parts = [source.author, f"“{title}”", source.publisher, source.date or "undated"]
    return ", ".join(p for p in parts if p) + "."


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
    return f"{text}\n\n## Sources cited on this page {{ #sources-cited .bx-cited }}\n\n{listing}\n"


def _title(source_id: str) -> str:
    return sources.get(source_id).title.replace('"', "'")


def bibliography_markdown() -> str:
    """Every source in the registry, alphabetically by publisher, each with an anchor citations link to."""
    entries = sorted(sources.all_sources().values(), key=lambda s: (s.publisher.lower(), s.date, s.title))
    return "\n".join(
        f'- <span id="{anchor(s.id)}"></span>{reference_markdown(s)}' + (f" {s.note}" if s.note else "")
        for s in entries
    )
