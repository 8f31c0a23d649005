"""The source registry: every fact, data row and default value on the site points at an id here."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REGISTRY = Path(__file__).with_name("sources.toml")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str = ""
    url: str = ""
    author: str = ""
    note: str = ""
    quotes: tuple[str, ...] = ()  # the source's exact words that the site quotes (explainers/quotations.py)
    language: str = "en"  # the language of its title and words (BCP 47), for `lang` where the site cites it
    # Our translations of those words, by language and then by the recorded original: a translated page may
    # quote only these (`quotes_ru = { "original" = "перевод" }` in sources.toml).
    translations: dict[str, dict[str, str]] = field(default_factory=dict)

    def quotes_in(self, language: str) -> tuple[str, ...]:
        """The words a page in `language` may quote: our recorded translations (none for the original)."""
        return tuple(self.translations.get(language, {}).values())


class UnknownSource(KeyError):
    def __str__(self) -> str:  # KeyError quotes its message; a build error should read plainly
        return f"unknown source id {self.args[0]!r}: add it to {REGISTRY.name} or fix the reference"


class UntranslatableQuote(ValueError):
    """A translation recorded for words the source's `quotes` do not hold: a translation must say which
    recorded original it renders, or a reader could not check it."""


TRANSLATED_QUOTES = "quotes_"  # quotes_ru, quotes_kk...: one inline table per language


@lru_cache(maxsize=1)
def all_sources() -> dict[str, Source]:
    with REGISTRY.open("rb") as handle:
        table = tomllib.load(handle)
    return {key: read_source(key, fields) for key, fields in table.items()}


def read_source(key: str, fields: dict) -> Source:
    """One registry entry; each translated quotation must be keyed by one of the source's recorded quotes
    (or by its title, which a page may quote too, unless we wrote it: a "Descriptive title" in the note)."""
    own = {name: value for name, value in fields.items() if not name.startswith(TRANSLATED_QUOTES)}
    quotes = tuple(fields.get("quotes", ()))
    descriptive = "descriptive title" in fields.get("note", "").casefold()
    originals = (*quotes, *(() if descriptive else (fields.get("title", ""),)))
    translations: dict[str, dict[str, str]] = {}
    for name, table in fields.items():
        if name.startswith(TRANSLATED_QUOTES):
            language = name.removeprefix(TRANSLATED_QUOTES)
            for original, translation in table.items():
                if original not in originals:
                    raise UntranslatableQuote(
                        f"{REGISTRY.name}, [{key}]: {name} translates {original!r}, which is neither one of the "
                        f"source's recorded quotes nor its title; key each translation by the exact words in "
                        f"`quotes`"
                    )
                if not isinstance(translation, str) or not translation.strip():
                    raise UntranslatableQuote(
                        f"{REGISTRY.name}, [{key}]: {name} has no translation of {original!r}"
                    )
            translations[language] = dict(table)
    return Source(id=key, **{**own, "quotes": quotes}, translations=translations)


def get(source_id: str) -> Source:
    try:
        return all_sources()[source_id]
    except KeyError:
        raise UnknownSource(source_id) from None


def split_ids(field: str) -> list[str]:
    """A data row's `source` field may hold several ids separated by ';'."""
    return [part.strip() for part in field.split(";") if part.strip()]
