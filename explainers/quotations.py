"""A quotation is the source's own words, or it is not in quotation marks.

Each source in `sources.toml` may record, in `quotes`, the exact words the site quotes from it. A quotation of
`MIN_WORDS` words or more in a page must be found, word for word, among the recorded words (or in the title)
of a source cited in the same paragraph, table row or list item; where that unit cites nothing (a quiz, a
glossary entry), any source the page cites will do. Shorter quotation marks are names and terms ("fentanyl"
tariff, "Liberation Day") and are not checked. The build fails on the first quotation not found.

Every language's quotation marks are quotation marks: "…" and “…” (English), «…» and „…“ (Russian). On a
translated page a quotation is our translation of a source's words, so it must be one recorded beside the
original (`quotes_ru` in sources.toml, explainers/sources.py), and the page says that the translation is ours
(`mark_translations`); the original words themselves, or a title, may be quoted as on an English page.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from explainers import citations, sources
from explainers.languages import LOCALES
from explainers.languages import ORIGINAL as _ORIGINAL

MIN_WORDS = 3
ORIGINAL = _ORIGINAL.code  # a page in the original language quotes its sources' own words

# Text in quotation marks, on one line: «…» (which may hold a „…“ quotation within it, read as part of it),
# „…“, or straight or curly double quotes around text that holds no other double quote.
QUOTATION = re.compile(
    r"«(?P<guillemets>[^«»\n]+?)»|„(?P<low>[^„“”\n]+?)[“”]|[\"“](?P<double>[^\"“”\n]+?)[\"”]"
)
# What a translated page writes after a quotation in our translation: the words, and what they stand for.
OUR_TRANSLATION = {"ru": ("пер. наш", "цитата в нашем переводе")}
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
        page, quote, ids, *language = self.args
        cited = ", ".join(ids) or "none"
        if language and language[0] != ORIGINAL:
            return (
                f"{page}: the quotation «{quote}» is not among the recorded translations of the sources cited "
                f"beside it ({cited}). Record it in sources.toml beside the original it translates, "
                f'`quotes_{language[0]} = {{ "<the recorded original>" = "<the translation>" }}`, or paraphrase '
                "without quotation marks."
            )
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


def words(text: str) -> list[str]:
    """The words of a quotation: a sign apart ("70 %", "Азия + США", as Russian writes them) is not one."""
    return [word for word in normalise(text).split() if any(c.isalnum() for c in word)]


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
            text = _quoted(match)
            if len(words(text)) >= MIN_WORDS:
                found.append(Quotation(text, ids))
    return found


def _quoted(match: re.Match[str]) -> str:
    return next(group for group in match.groups() if group is not None).strip()


def _cited_ids(text: str) -> tuple[str, ...]:
    ids = [
        part.strip().lstrip("@") for m in citations.CITATION.finditer(text) for part in m.group(1).split(";")
    ]
    return tuple(dict.fromkeys(ids))


def is_recorded(quote: str, source_ids: tuple[str, ...], language: str = ORIGINAL) -> bool:
    """Each part of the quotation (split at an ellipsis) appears in one recorded passage, in order: the
    source's words or its title, or, on a page in another language, our recorded translation of them."""
    for source_id in source_ids:
        source = sources.get(source_id)
        # A title counts as the source's words unless we made it up ("Descriptive title" in the note).
        own_title = () if "descriptive title" in source.note.casefold() else (source.title,)
        if _within(quote, (*source.quotes, *own_title, *source.quotes_in(language))):
            return True
    return False


def is_our_translation(quote: str, source_ids: tuple[str, ...], language: str) -> bool:
    """The quotation is one of our recorded translations (and so the page must say so)."""
    return any(_within(quote, sources.get(source_id).quotes_in(language)) for source_id in source_ids)


def _within(quote: str, passages: tuple[str, ...]) -> bool:
    parts = [normalise(p) for p in _ELLIPSIS.split(quote) if normalise(p)]
    for passage in passages:
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


def unrecorded(markdown: str, page: str, language: str = ORIGINAL) -> list[QuotationNotFound]:
    """Every quotation that its cited sources do not hold word for word (in `language`: nor our recorded
    translation of them). In a translation, a name the language's glossary fixes is not a quotation."""
    fixed = names(language)
    return [
        QuotationNotFound(page, q.text, q.cited, language)
        for q in quotations(markdown)
        if normalise(q.text) not in fixed and not is_recorded(q.text, q.cited, language)
    ]


@lru_cache(maxsize=4)
def names(language: str) -> frozenset[str]:
    """The names a language writes in quotation marks («Центральная Азия + США», «правило 50 %»), as its
    glossary of fixed terms (locales/<code>/terms.toml) writes them: each term, and each name in it."""
    path = LOCALES / language / "terms.toml"
    if language == ORIGINAL or not path.is_file():
        return frozenset()
    terms = tomllib.loads(path.read_text(encoding="utf-8")).get("terms", {}).values()
    quoted = (match.group(0) for term in terms for match in QUOTATION.finditer(term))
    return frozenset(normalise(name) for name in (*terms, *quoted))


def check(markdown: str, page: str, language: str = ORIGINAL) -> None:
    """Raise QuotationNotFound for the first quotation not recorded (the build stops there)."""
    for problem in unrecorded(markdown, page, language):
        raise problem


def mark_translations(markdown: str, language: str) -> str:
    """After each quotation in our translation, "(пер. наш)": a reader must not take our words for the
    source's. Quotation marks that are not prose (a fence header, an admonition's title, a link's title, a
    tag's attribute, code) are left as they are; in a quiz, whose text is not HTML, the mark is plain text."""
    if language == ORIGINAL:
        return markdown
    ours = {q.text for q in quotations(markdown) if is_our_translation(q.text, q.cited, language)}
    if not ours:
        return markdown
    words, meaning = OUR_TRANSLATION[language]
    html_mark = f'&nbsp;<span class="bx-our-translation">(<abbr title="{meaning}">{words}</abbr>)</span>'
    lines, fence = [], ""  # fence: the kind of the ``` block the line is in ("" outside)
    for line in markdown.splitlines(keepends=True):
        if line.lstrip().startswith("```"):
            fence = "" if fence else (line.lstrip()[3:].split() or ["code"])[0]
            lines.append(line)
        elif fence and fence != "quiz":
            lines.append(line)
        else:
            lines.append(_mark_line(line, ours, f"\u00a0({words})" if fence else html_mark))
    return "".join(lines)


def _mark_line(line: str, ours: set[str], mark: str) -> str:
    protected = [m.span() for pattern in _NOT_PROSE for m in pattern.finditer(line)]

    def marked(match: re.Match[str]) -> str:
        inside = any(start <= match.start() < end for start, end in protected)
        return match.group(0) if inside or _quoted(match) not in ours else match.group(0) + mark

    return QUOTATION.sub(marked, line)
