"""The public log of changes and corrections, and the site's "as of" date: both live in corrections.toml.

A teacher who printed a page last week must be able to see what changed since: each entry says what a page
said, what it says now, the source for the correction, and the date. The "as of" date is the day the site's
facts were last checked against their sources; pages write `{{ as_of }}` and the footer shows it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from explainers import runtime_assets, sources
from widgets import numbers

LOG = Path(__file__).with_name("corrections.toml")
MARKER = "<!-- corrections -->"
AS_OF_PLACEHOLDER = "{{ as_of }}"
PAGE = "corrections.md"


@dataclass(frozen=True)
class Correction:
    date: dt.date
    page: str  # the page's source path under docs/, e.g. "how-we-got-here.md"
    was: str
    now: str
    sources: tuple[str, ...]
    kind: str  # the class of error: "wrong date", "quotation", "superseded", ...


@lru_cache(maxsize=1)
def _log() -> dict:
    with LOG.open("rb") as handle:
        return tomllib.load(handle)


def as_of() -> dt.date:
    return _log()["as_of"]


def as_of_text(language: str | None = None) -> str:
    """27 November 2026 (27 ноября 2026 г.): the form every page uses, in the build's language."""
    return numbers.date(as_of(), language)


def entries() -> list[Correction]:
    """Newest first, then by page; every source id must resolve (an unknown one fails the build)."""
    found = []
    for item in _log()["correction"]:
        entry = Correction(
            date=item["date"],
            page=item["page"],
            was=item["was"],
            now=item["now"],
            sources=tuple(item["sources"]),
            kind=item["kind"],
        )
        for source_id in entry.sources:
            sources.get(source_id)
        found.append(entry)
    found.sort(key=lambda e: e.page)  # within a date, one page's entries together
    return sorted(found, key=lambda e: e.date, reverse=True)


def _page_title(page: str) -> str:
    """The page's own heading, as readers know it (the log links to it)."""
    path = runtime_assets.PROJECT / "docs" / page
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page.removesuffix(".md")


def log_markdown() -> str:
    """The corrections page body: one section per date, one entry per change, with its sources cited."""
    parts = []
    for date, group in groupby(entries(), key=lambda e: e.date):
        parts.append(f"## {numbers.date(date)}\n")
        for entry in group:
            cites = "; ".join(f"@{s}" for s in entry.sources)
            parts.append(
                f"- **[{_page_title(entry.page)}]({entry.page})** · *{entry.kind}*  \n"
                f"  **Was:** {entry.was}  \n  **Now:** {entry.now} [{cites}]\n"
            )
    return "\n".join(parts)


def model_versions() -> list[dict]:
    """The log's `[[model_version]]` entries: what each version of a widget's model changed
    (read by explainers/versions.py)."""
    return list(_log().get("model_version", []))
