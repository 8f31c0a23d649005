"""A translated page says what its English page says: the same facts, read from the same places.

A translator changes words, never what the words stand on. Between a page and its translation these must be
identical, and `problems` names each difference, page and item, in plain words:

- the numbers read from the data sets and the other `{{ … }}` values (`{{ data: … }}`, `{{ as_of }}`);
- the sources cited (as a set: a Russian sentence may cite in another order), except that a translation may
  add a source written in its own language beside a source the English page cites (`sources_beside`);
- the figures: each ```chart and ```widget fence, in order, with its header (name, id, preset);
- the scenario and assignment links (their target, keys and values; only a teacher's question, a lesson's
  name and a prediction's options are words to translate) and the short addresses beside them (`data-go`);
- the quizzes, in order: the same number of options with the right one in the same place, or the same
  numeric answer and tolerance;
- the headings' ids, in order (`## Заголовок { #english-id }`): links to `#for-teachers` work in every edition;
- the build's markers (`<!-- bibliography -->`...) and the snippets a page includes.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qsl

import markdown as python_markdown

from explainers import citations, corrections, data_in_prose, fence_header, quiz, sources, versions

PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
SHORT_ADDRESS = re.compile(r"""data-go=["']?([\w-]+)""")
MARKER = re.compile(r"<!--\s*([a-z][a-z-]*)\s*-->")
SNIPPET = re.compile(r"""^\s*--8<--\s+["']?([^"'\s]+)""", re.M)
HEADING = re.compile(r"^#{1,6}[ \t].*$", re.M)
HEADING_ID = re.compile(r"<h([1-6]) id=\"([^\"]*)\">(.*?)</h\1>")
QUIZ_FENCE = re.compile(r"^```quiz[^\n]*\n(.*?)^```", re.M | re.S)
ANY_FENCE = re.compile(r"^```[^\n]*\n.*?^```", re.M | re.S)
# The words of an assignment link a teacher writes (assignment-link.js): translated with the page.
TEXT_KEYS = ("q", "lesson", "choices")


def problems(english: str, translated: str, page: str, language: str = "") -> list[str]:
    """Every way the translated page's facts differ from its English page's, each naming page and item;
    `language` is the translation's (its own press may be cited beside the English page's sources)."""
    found = _differences(
        page,
        "the citation of",
        cited_sources(english),
        cited_sources(translated) - sources_beside(english, translated, language),
    )
    for what, read in (
        ("the value", placeholders),
        ("the scenario link", scenario_links),
        ("the short address", short_addresses),
        ("the build's marker", markers),
        ("the included snippet", snippets),
    ):
        found += _differences(page, what, read(english), read(translated))
    found += _ordered(page, "figure", figures(english), figures(translated))
    found += _ordered(page, "quiz", quiz_answers(english), quiz_answers(translated))
    found += _ordered(page, "heading", heading_ids(english), heading_ids(translated))
    return found


def _differences(page: str, what: str, english: Counter[str], translated: Counter[str]) -> list[str]:
    missing = english - translated
    extra = translated - english
    return [
        f"{page}: {what} {item} is in the English page but not in the translation" for item in missing
    ] + [f"{page}: {what} {item} is in the translation but not in the English page" for item in extra]


def _ordered(page: str, what: str, english: list[str], translated: list[str]) -> list[str]:
    found = []
    for number, (ours, theirs) in enumerate(zip(english, translated, strict=False), start=1):
        if ours != theirs:
            found.append(
                f"{page}: {what} {number} is {ours} in the English page but {theirs} in the translation"
            )
    if len(english) != len(translated):
        found.append(
            f"{page}: the English page has {len(english)} {what}(s), the translation {len(translated)}; "
            f"they must match one for one, in order"
        )
    return found


def placeholders(markdown: str) -> Counter[str]:
    return Counter("{{ " + " ".join(m.group(1).split()) + " }}" for m in PLACEHOLDER.finditer(markdown))


def cited_sources(markdown: str) -> Counter[str]:
    ids = {source_id for group in _citation_groups(markdown) for source_id in group}
    return Counter(f"[@{source_id}]" for source_id in ids)


def sources_beside(english: str, translated: str, language: str) -> Counter[str]:
    """The extra sources a translation may cite: each written in the translation's language (`language` in
    sources.toml) and cited, every time, in the same brackets as a source the English page cites
    (`[@astanatimes-mou; @lada-kz-mou-2025-11-07]`). So it backs a fact the English page states, as that
    language's own press reports it (issue #26), never a fact of its own, and never replaces the English source.
    """
    english_ids = {source_id for group in _citation_groups(english) for source_id in group}
    groups = [set(group) for group in _citation_groups(translated)]
    extra = set().union(*groups) - english_ids
    return Counter(
        f"[@{source_id}]"
        for source_id in extra
        if _language(source_id) == language
        and all(group & english_ids for group in groups if source_id in group)
    )


def _citation_groups(markdown: str) -> list[list[str]]:
    """The ids of each citation, `[@a; @b]`, as one group."""
    return [
        [part.strip().lstrip("@") for part in m[1].split(";")] for m in citations.CITATION.finditer(markdown)
    ]


def _language(source_id: str) -> str | None:
    source = sources.all_sources().get(source_id)  # an unknown id is the build's to name, not allowed here
    return source.language if source else None


def scenario_links(markdown: str) -> Counter[str]:
    """Each link with settings in its address, its words to translate left out: `page.md?key=value&...`."""
    links: Counter[str] = Counter()
    for match in versions.SCENARIO_LINK.finditer(markdown):
        pairs = []
        for key, value in parse_qsl(match.group("query"), keep_blank_values=True):
            translatable = key.rsplit(".", 1)[-1] in TEXT_KEYS
            pairs.append(f"{key}=…" if translatable else f"{key}={value}")
        links[f"{match.group('path')}?{'&'.join(sorted(pairs))}"] += 1
    return links


def short_addresses(markdown: str) -> Counter[str]:
    return Counter(f'data-go="{m[1]}"' for m in SHORT_ADDRESS.finditer(markdown))


def markers(markdown: str) -> Counter[str]:
    return Counter(f"<!-- {m[1]} -->" for m in MARKER.finditer(markdown))


def snippets(markdown: str) -> Counter[str]:
    return Counter(m[1] for m in SNIPPET.finditer(markdown))


def figures(markdown: str) -> list[str]:
    """Each figure fence's header as the build reads it (its words in a fixed order)."""
    found = []
    for match in fence_header.FENCE_HEADER.finditer(markdown):
        words = fence_header.header_words(match.group("words") or "")
        found.append(
            f"```{match['kind']} " + " ".join(k if k == v else f'{k}="{v}"' for k, v in sorted(words.items()))
        )
    return found


def quiz_answers(markdown: str) -> list[str]:
    """What each quiz counts as right: "option 2 of 4", or "148 ± 0.01" (read as quiz.py reads it)."""
    answers = []
    for match in QUIZ_FENCE.finditer(markdown):
        lines = [line.strip() for line in match.group(1).splitlines() if line.strip()]
        numeric = quiz.NUMBER.match(lines[1]) if len(lines) == 2 else None
        if numeric:
            value, tolerance = quiz._number(numeric["value"]), quiz._number(numeric["tolerance"] or "0")
            answers.append(f"the number {_number(value)} ± {_number(tolerance)}")
            continue
        marks = [choice["mark"] for line in lines[1:] if (choice := quiz.CHOICE.match(line))]
        right = ", ".join(str(n) for n, mark in enumerate(marks, start=1) if mark == "x") or "none"
        answers.append(f"option {right} of {len(marks)}")
    return answers


def _number(value: float | None) -> str:
    return "(not a number)" if value is None else f"{value:g}"


def heading_ids(markdown: str) -> list[str]:
    """Each heading's level and id, as the page's table of contents makes them: an explicit `{ #id }`, or
    the slug of the heading's words with its `{{ … }}` values filled in as the build fills them."""
    lines = "\n\n".join(HEADING.findall(ANY_FENCE.sub("", markdown)))
    lines = lines.replace(corrections.AS_OF_PLACEHOLDER, corrections.as_of_text())
    try:
        lines = data_in_prose.fill(lines)
    except data_in_prose.UnknownDataReference:
        pass  # the build names it; here the heading's id is read from its words as written
    html = python_markdown.markdown(lines, extensions=["toc", "attr_list"])
    return [f'h{level} id="{ident}"' for level, ident, _ in HEADING_ID.findall(html)]
