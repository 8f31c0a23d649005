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
    # Our translation of each quoted passage, by language, keyed by the English passage as recorded in `quotes`:
    # a translated page quotes these words, never its own paraphrase of the source.
    quotes_ru: dict[str, str] = field(default_factory=dict, hash=False)


class UnknownSource(KeyError):
    def __str__(self) -> str:  # KeyError quotes its message; a build error should read plainly
        return f"unknown source id {self.args[0]!r}: add it to {REGISTRY.name} or fix the reference"


@lru_cache(maxsize=1)
def all_sources() -> dict[str, Source]:
    with REGISTRY.open("rb") as handle:
        table = tomllib.load(handle)
    return {
        key: Source(id=key, **{**fields, "quotes": tuple(fields.get("quotes", ()))})
        for key, fields in table.items()
    }


def get(source_id: str) -> Source:
    try:
        return all_sources()[source_id]
    except KeyError:
        raise UnknownSource(source_id) from None


def split_ids(field: str) -> list[str]:
    """A data row's `source` field may hold several ids separated by ';'."""
    return [part.strip() for part in field.split(";") if part.strip()]
