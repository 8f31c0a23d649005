"""The translation catalogs (locales/): current with the code, complete in every published language, and
faithful to each message's placeholders and plural forms (explainers/catalogs.py, explainers/messages.py,
widgets/words.py, widgets/runtime/words.js)."""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message

from explainers import catalogs, messages
from explainers.languages import LANGUAGES, ORIGINAL
from widgets import words

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [code for code in LANGUAGES if code != ORIGINAL.code]
# {value} (str.format and words.js), %(value)s (Jinja2's _()), and a literal %% where a Jinja2 message has one.
PLACEHOLDER = re.compile(r"\{\w+\}|%\(\w+\)[sd]|%%")
PLURAL_CASES = json.loads((ROOT / "tests" / "cases" / "plural_cases.json").read_text())


def ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id for m in catalog if m.id}


def forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string or ""]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Catalog:
    """The template as `make messages` would write it from the code now."""
    path = tmp_path_factory.mktemp("pot") / "messages.pot"
    messages.extract(path)
    return messages.read(path)


def test_the_template_is_current_with_the_code(extracted):
    """A string added to (or removed from) the code without `make messages` never reaches a translator."""
    committed = messages.read(messages.TEMPLATE)
    added, removed = ids(extracted) - ids(committed), ids(committed) - ids(extracted)
    assert not added and not removed, (
        f"locales/messages.pot is not current: run `make messages`. New in the code: {sorted(map(str, added))[:5]}; "
        f"gone from it: {sorted(map(str, removed))[:5]}"
    )


def test_the_template_finds_python_jinja_and_javascript_strings(extracted):
    found = {m.id if isinstance(m.id, str) else m.id[0]: m for m in extracted if m.id}
    where = {Path(path).suffix for m in found.values() for path, _ in m.locations}
    assert {".py", ".html", ".js"} <= where


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalog_holds_the_templates_messages(code):
    catalog, template = catalogs.read(catalogs.po_path(code)), messages.read(messages.TEMPLATE)
    assert ids(catalog) == ids(template), (
        f"locales/{code}: run `make messages` to update it from the template"
    )


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_published_language_has_every_message_translated(code):
    """Nothing untranslated, nothing fuzzy (a guess Babel made, which no translator has checked)."""
    catalog = catalogs.read(catalogs.po_path(code))
    untranslated = [m.id for m in catalog if m.id and not all(forms(m))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, f"{code}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_translation_keeps_its_placeholders(code):
    """A translation with a placeholder missing, misspelt or added would write a wrong or broken sentence."""
    problems = []
    for message in catalogs.read(catalogs.po_path(code)):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[-1]  # the plural has them all
        wanted = sorted(PLACEHOLDER.findall(source))
        for form in forms(message):
            if form and sorted(PLACEHOLDER.findall(form)) != wanted:
                problems.append(f"{source!r}: {form!r}")
    assert not problems, f"{code}: placeholders differ from the English in {problems[:5]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_plural_forms_agree_with_the_code_and_are_complete(code):
    """The PO header's rule is the one widgets/words.py and words.js apply (the shared cases), and every
    plural message has each of the language's forms."""
    catalog = catalogs.read(catalogs.po_path(code))
    header_rule = gettext.c2py(catalog.plural_expr)
    counts = PLURAL_CASES["counts"]
    assert [header_rule(n) for n in counts] == PLURAL_CASES["forms"][code]
    assert [words.PLURAL_RULES[code](n) for n in counts] == PLURAL_CASES["forms"][code]
    for message in catalog:
        if message.id and isinstance(message.id, (list, tuple)):
            assert len(forms(message)) == catalog.num_plurals, (
                f"{code}: {message.id[0]!r} needs {catalog.num_plurals} forms"
            )


def test_russian_counts_take_their_three_forms():
    forms_ru = dict(zip(PLURAL_CASES["counts"], PLURAL_CASES["forms"]["ru"], strict=True))
    # 1 месяц, 2 месяца, 5 месяцев; 11 месяцев, 21 месяц, 22 месяца, 111 месяцев, 1001 месяц
    assert [forms_ru[n] for n in (1, 2, 5, 11, 12, 14, 21, 22, 25, 111, 112, 1001)] == [
        0,
        1,
        2,
        2,
        2,
        2,
        0,
        1,
        2,
        2,
        2,
        0,
    ]


def test_the_compiled_catalog_writes_russian_and_english_is_unchanged():
    catalogs.use("ru")
    try:
        assert words.language() == "ru"
        assert words._("Reset") != "Reset"
        assert words._("no such message") == "no such message"
    finally:
        catalogs.use("en")
    assert words._("Reset") == "Reset"


def test_the_browser_gets_each_languages_words_as_json():
    files = catalogs.site_files()
    assert set(files) == {f"assets/runtime/words/{code}.json" for code in TRANSLATED}
    payload = json.loads(files["assets/runtime/words/ru.json"])
    assert payload["language"] == "ru" and payload["messages"]["Reset"]


def test_the_worker_is_told_its_language_after_the_snapshot():
    """One snapshot for every language: the worker's Python starts in English and is told the page's
    language by a call (python.js sends it before a page's first run)."""
    assert json.loads(words.use_json("ru", catalogs.compiled("ru").as_json("ru"))) == {"ok": True}
    try:
        assert words.language() == "ru" and words._("Reset") != "Reset"
    finally:
        words.use_json("en", "")
    assert words.language() == "en" and words._("Reset") == "Reset"


# A t("…") call whose message is one string literal (not one joined with `+`), in the runtime's JavaScript.
JS_CALL = re.compile(r'\b(?:t|tn|N_)\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]')


def test_every_javascript_message_reaches_the_template():
    """Babel's JavaScript extractor skips a call nested in another's arguments (t("…", { x: t("…") })):
    such a message would never be translated, and the check of the template above could not see it."""
    template = {m.id if isinstance(m.id, str) else m.id[0] for m in messages.read(messages.TEMPLATE) if m.id}
    runtime = ROOT / "widgets" / "runtime"
    found = [
        (path.name, json.loads('"' + text + '"'))  # the literal as JavaScript reads it (escapes)
        for path in sorted(runtime.glob("*.js"))
        if path.name != "words.js"  # which defines them, and shows them in its comments
        for text in JS_CALL.findall(path.read_text(encoding="utf-8"))
    ]
    missed = [f"{name}: {message!r}" for name, message in found if message not in template]
    assert not missed, f"not extracted (move the call out of the other's arguments): {missed[:5]}"
