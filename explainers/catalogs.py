"""The translation catalogs: `locales/<code>/LC_MESSAGES/messages.po`, read with Babel and compiled at build
time (no compiled .mo or .json is committed: the PO file is the one thing a translator edits).

- for the build's own language, into the table widgets/words.py writes with (`use`);
- for the browser, into `assets/runtime/words/<code>.json`, one file per language, the same in every
  edition (the runtime is shared): the page's words.js reads it, and the page hands it to Python's worker.

`make messages` extracts the template (`locales/messages.pot`) from the code with Babel's extractors for
Python, Jinja2 and JavaScript (babel.cfg) and updates every language's catalog from it; tests/test_catalogs.py
fails when the template is not current, or a published language has an entry untranslated or fuzzy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from explainers.languages import LANGUAGES, LOCALES, ORIGINAL
from widgets import words

TEMPLATE = LOCALES / "messages.pot"
SITE_FOLDER = "assets/runtime/words/"


def po_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / "messages.po"


def read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


@dataclass
class Compiled:
    """A catalog as the code reads it: each English message with its translation, each English singular
    with its plural forms. Untranslated and fuzzy entries are left out (their English shows)."""

    messages: dict[str, str] = field(default_factory=dict)
    plurals: dict[str, list[str]] = field(default_factory=dict)

    def as_json(self, code: str) -> str:
        payload = {"language": code, "messages": self.messages, "plurals": self.plurals}
        return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def compiled(code: str) -> Compiled:
    """The language's catalog, or an empty one (English, or a language with no catalog yet)."""
    path = po_path(code)
    result = Compiled()
    if code == ORIGINAL.code or not path.exists():
        return result
    for message in read(path):
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, (tuple, list)):
            forms = [str(form or "") for form in message.string] if message.string else []
            if forms and all(forms):
                result.plurals[str(message.id[0])] = forms
        elif isinstance(message.string, str) and message.string:
            result.messages[str(message.id)] = message.string
    return result


def use(code: str) -> None:
    """Write the build's words in language `code` (MkDocs' theme.language)."""
    table = compiled(code)
    words.use(code if code in words.PLURAL_RULES else ORIGINAL.code, table.messages, table.plurals)


def site_files() -> dict[str, str]:
    """`assets/runtime/words/<code>.json` for every language but the original, by site path."""
    return {
        f"{SITE_FOLDER}{code}.json": compiled(code).as_json(code)
        for code in LANGUAGES
        if code != ORIGINAL.code
    }
