"""The table of contents keeps a heading's language (explainers/toc_languages.py)."""

from __future__ import annotations

from mkdocs.structure.toc import AnchorLink

from explainers import toc_languages

PAGE = (
    '<h1 id="changes-and-corrections">Изменения и исправления</h1><p>Текст<br />журнала.</p>'
    '<div lang="en"><h2 id="6-december-2026">6 December 2026</h2><ul><li><p>Was: …</p></li></ul></div>'
    '<h2 id="model-versions">Версии моделей</h2>'
    '<div lang="en"><h3 id="model-tariff_stack">What US tariffs do</h3>'
    '<h4 id="model-tariff_stack-v3">Version 3, 6 December 2026</h4></div>'
)


def test_each_heading_has_the_language_of_its_nearest_lang():
    assert toc_languages.heading_languages(PAGE, "ru") == {
        "changes-and-corrections": "ru",
        "6-december-2026": "en",
        "model-versions": "ru",  # after the English block closed
        "model-tariff_stack": "en",
        "model-tariff_stack-v3": "en",
    }


def test_an_english_heading_stays_english_in_a_russian_table_of_contents():
    versions = AnchorLink("Версии моделей", "model-versions", 2)
    model = AnchorLink("What US tariffs do", "model-tariff_stack", 3)
    model.children = [AnchorLink("Version 3, 6 December 2026", "model-tariff_stack-v3", 4)]
    versions.children = [model]
    toc = [AnchorLink("6 December 2026", "6-december-2026", 2), versions]
    toc_languages.mark(toc, PAGE, "ru")
    assert toc[0].title == '<span lang="en">6 December 2026</span>'
    assert versions.title == "Версии моделей"
    assert model.title == '<span lang="en">What US tariffs do</span>'
    assert model.children[0].title == '<span lang="en">Version 3, 6 December 2026</span>'
