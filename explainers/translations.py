"""A translated page, checked against its English page before it is built.

`check_translated_page(english, translation, page, language)` returns every problem, each naming the page:
the front matter that says which English version was translated (explainers/translation_status.py), the
facts that must be the English page's (explainers/translation_parity.py), and each quotation, which must be
our recorded translation of its source's words (explainers/quotations.py). `translated_markdown` is what a
language's build calls for each page: it refuses a page with problems and opens a page that is behind its
English page with a notice. A page with no translation is not this module's (it is shown in English).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils.meta import get_data

from explainers import quotations, translation_parity, translation_status
from explainers.languages import LOCALES


class TranslationProblem(ValueError):
    """A translated page the build refuses, with every reason, each naming the page."""


def translation_path(language: str, page: str, locales: Path = LOCALES) -> Path | None:
    """Where the translation of docs/<page> is kept, if it has one."""
    path = locales / language / "docs" / page
    return path if path.is_file() else None


def check_translated_page(english: str, translation: str, page: str, language: str = "ru") -> list[str]:
    """Every problem of a translated page (its Markdown with its front matter) against its English page."""
    body = get_data(translation)[0]
    found = translation_status.problems(translation, page)
    found += translation_parity.problems(get_data(english)[0], body, page, language)
    found += [str(problem) for problem in quotations.unrecorded(body, page, language)]
    return found


def translated_markdown(
    markdown: str, *, page: str, url: str, language: str, english: Path, translation: Path
) -> str:
    """A translated page's Markdown as its build reads it (`markdown`, front matter removed), checked, and
    with the notice that it is behind its English page when it is."""
    english_bytes = english.read_bytes()
    translation_text = translation.read_text(encoding="utf-8")
    found = check_translated_page(english_bytes.decode("utf-8"), translation_text, page, language)
    if found:
        raise TranslationProblem("\n".join(found))
    state = translation_status.status(english_bytes, translation_text, page)
    return translation_status.with_notice(
        markdown, translation_status.notice_markdown(state, url=url, language=language)
    )
