"""A quotation is the source's own words, or it is not in quotation marks.

Each source in `sources.toml` may record, in `quotes`, the exact words the site quotes from it. A quotation of
`MIN_WORDS` words or more in a page must be found, word for word, among the recorded words (or in the title)
of a source cited in the same paragraph, table row or list item; where that unit cites nothing (a quiz, a
glossary entry), any source the page cites will do. Shorter quotation marks are names and terms ("fentanyl"
tariff, "Liberation Day") and are not checked. The build fails on the first quotation not found.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from explainers import citations, sources

MIN_WORDS = 3

# Straight or curly double quotes around text that holds no other double quote and stays on one line.
QUOTATION = re.compile(r"[\"“]([^\"“”\n]+?)[\"”]")
# Markdown that uses double quotes without quoting anybody: fence headers and admonition titles,
# link titles, HTML attributes and inline code.
_NOT_PROSE = (
    re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s.*$", re.M),  # admonition title line
    re.compile(r"^\s*```.*$", re.M),  # fence header
    re.compile(r"\]\([^)]*\)"),  # link target and title
    re.compile(r"<[^>\n]+>"),  # HTML tag with its attributes
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"\{[:#.][^}\n]*\}"),  # attribute list
)
# code, charts, widgets (quizzes are prose)
_CODE_FENCE = re.compile(r"^```(?!quiz)[^\n]*\n.*?^```", re.M | re.S)
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*")


class QuotationNotFound(ValueError):
    def __str__(self) -> str:
        page, quote, ids = self.args
        cited = ", ".join(ids) or "none"
        return (
            f"{page}: the quotation “{quote}” is not among the recorded words of the sources cited beside it "
            f"({cited}). Record the source's exact words in `quotes` in sources.toml, or paraphrase without "
            "quotation marks."
        )


@dataclass(frozen=True)
class Quotation:
    text: str
    cited: tuple[str, ...]  # source ids cited in the same unit, else every id the page cites


def normalise(text: str) -> str:
    """Compare words, not typography: curly and straight apostrophes, dashes and spacing are one."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return " ".join(re.sub(r"[^\w'%$.,;:!?&/-]+", " ", text).split()).strip(" .,;:!?")


def _units(markdown: str) -> list[str]:
    """Paragraphs, except that each table row and list item stands alone (each carries its own citations)."""
    units: list[str] = []
    for block in re.split(r"\n\s*\n", markdown):
        lines = block.splitlines()
        if any(re.match(r"\s*(?:\||[-*+] |\d+\. )", line) for line in lines):
            units.extend(lines)
        else:
            units.append(block)
    return units


def quotations(markdown: str) -> list[Quotation]:
    """Every quotation of MIN_WORDS words or more in a page's Markdown, with the sources cited beside it."""
    markdown = _CODE_FENCE.sub("", markdown)
    page_ids = _cited_ids(markdown)
    found = []
    for unit in _units(markdown):
        ids = _cited_ids(unit) or page_ids
        prose = citations.CITATION.sub(" ", unit)
        for pattern in _NOT_PROSE:
            prose = pattern.sub(" ", prose)
        for match in QUOTATION.finditer(prose):
            text = match.group(1).strip()
            if len(normalise(text).split()) >= MIN_WORDS:
                found.append(Quotation(text, ids))
    return found


def _cited_ids(text: str) -> tuple[str, ...]:
    ids = [
        part.strip().lstrip("@") for m in citations.CITATION.finditer(text) for part in m.group(1).split(";")
    ]
    return tuple(dict.fromkeys(ids))


def is_recorded(quote: str, source_ids: tuple[str, ...]) -> bool:
    """Each part of the quotation (split at an ellipsis) appears in one recorded passage, in order."""
    parts = [normalise(p) for p in _ELLIPSIS.split(quote) if normalise(p)]
    for source_id in source_ids:
        source = sources.get(source_id)
        # A title counts as the source's words unless we made it up ("Descriptive title" in the note).
        own_title = () if "descriptive title" in source.note.casefold() else (source.title,)
        for passage in (*source.quotes, *own_title):
            words = normalise(passage)
            position = 0
            for part in parts:
                position = words.find(part, position)
                if position < 0:
                    break
                position += len(part)
            else:
                return True
    return False


def check(markdown: str, page: str) -> None:
    """Raise QuotationNotFound for the first quotation that its cited sources do not hold word for word."""
    for quotation in quotations(markdown):
        if not is_recorded(quotation.text, quotation.cited):
            raise QuotationNotFound(page, quotation.text, quotation.cited)
