"""The words the code writes, in the reader's language: gettext's `_()` and `ngettext()`, read from one
table per build (at build time) or per page (in the browser's worker).

Standard library only, so that the same module runs in CPython at build time and in Pyodide in the reader's
browser: the build fills the table from its language's catalog (explainers/catalogs.py compiles
locales/<code>/LC_MESSAGES/messages.po), the worker from the same catalog compiled to JSON, sent by the
page once Python is ready. The snapshot of Python's memory is taken before any language is chosen, so one
snapshot serves every language. An empty table is English, the language the code is written in.

Strings defined when a module is imported (a model's parameter labels, units, help, presets) are marked
with `N_()`, which only marks them for extraction: they stay English in the data, and the code that shows
them translates them then (`_(param.label)`). Keys (parameter names, preset keys, data-set names) are never
marked: a scenario link works in every language.

Placeholders are named and filled with str.format ("{value}"), never f-strings: an f-string's text is not
known until it runs, so it cannot be looked up (nor extracted).
"""

from __future__ import annotations

import json
from typing import Callable, Mapping

ORIGINAL = "en"

# Which plural form a count takes, per language: the same rule as the Plural-Forms header of the language's
# PO file (tests/test_catalogs.py checks that they agree), and as widgets/runtime/words.js.
PLURAL_RULES: dict[str, Callable[[int], int]] = {
    "en": lambda n: 0 if n == 1 else 1,
    "ru": lambda n: (
        0 if n % 10 == 1 and n % 100 != 11 else 1 if 2 <= n % 10 <= 4 and not 10 <= n % 100 < 20 else 2
    ),
}

# The form a count with decimals takes ("1.5 points", "1,5 пункта"): gettext's rules speak of integers only.
FRACTION_FORMS = {"en": 1, "ru": 1}

_language = ORIGINAL
_messages: dict[str, str] = {}
_plurals: dict[str, list[str]] = {}


def use(language: str, messages: Mapping[str, str], plurals: Mapping[str, list[str]]) -> None:
    """Write in `language` from now on: `messages` maps an English message to its translation, `plurals`
    an English singular to every plural form of its translation."""
    global _language, _messages, _plurals
    if language not in PLURAL_RULES:
        raise ValueError(f"No plural rule for the language {language!r}: add it to widgets/words.py.")
    _language, _messages, _plurals = language, dict(messages), dict(plurals)


def use_json(language: str, catalog_json: str) -> str:
    """The worker's `language` call: the page's language and its compiled catalog (JSON text, "" for
    English). Answers JSON, as every call of the worker does."""
    if not catalog_json:
        use(ORIGINAL, {}, {})  # English, or a language with no catalog yet: the code's own words
        return json.dumps({"ok": True})
    catalog = json.loads(catalog_json)
    use(language, catalog.get("messages", {}), catalog.get("plurals", {}))
    return json.dumps({"ok": True})


def language() -> str:
    """The code of the language the words are written in now ("en", "ru")."""
    return _language


def _(message: str) -> str:
    """`message` in the current language (itself, when it has no translation)."""
    return _messages.get(message) or message


def N_(message: str) -> str:
    """Marks a string for translation where it is defined; it is translated where it is shown, by `_()`."""
    return message


def ngettext(singular: str, plural: str, count: float) -> str:
    """The form of a message for `count` things: English has two, Russian three ("1 месяц", "2 месяца",
    "5 месяцев"), and a count with decimals its own ("1,5 месяца")."""
    forms = _plurals.get(singular)
    whole = float(count).is_integer()
    index = PLURAL_RULES[_language](abs(int(count))) if whole else FRACTION_FORMS.get(_language, 1)
    if forms and index < len(forms) and forms[index]:
        return forms[index]
    return singular if count == 1 else plural
