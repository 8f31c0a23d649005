"""The language editions (explainers/editions.py): one site, English at the root as before, Russian under
ru/, one runtime and one service worker for both, a switcher that stays on the page, and a page not yet
translated shown in English with a notice."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from explainers import corrections, editions, offline
from explainers.build import Build, BuildProblem
from explainers.languages import LANGUAGES
from widgets import numbers

ROOT = Path(__file__).resolve().parent.parent
RU = LANGUAGES["ru"]
TRANSLATED = editions.translated_pages(ROOT / "locales", RU)


def untranslated_page() -> str:
    """A page of docs/ with no Russian translation yet (the test needs one; skipped once all are done)."""
    for path in sorted((ROOT / "docs").rglob("*.md")):
        src_uri = path.relative_to(ROOT / "docs").as_posix()
        if not src_uri.startswith("includes/") and src_uri not in TRANSLATED and src_uri != "index.md":
            return src_uri
    pytest.skip("every page is translated")


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_every_english_page_has_a_russian_page_at_the_same_path(built_site):
    english = {
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("index.html")
        if not p.relative_to(built_site).as_posix().startswith("ru/")
    }
    russian = {p.relative_to(built_site / "ru").as_posix() for p in (built_site / "ru").rglob("index.html")}
    assert english - russian == set()  # embed/, assign/ and go/ included
    assert '<html lang="ru"' in html(built_site, "ru")
    assert '<html lang="en"' in html(built_site, "")


def test_the_runtime_and_the_classroom_pack_exist_once_at_the_root(built_site):
    for shared in ("assets/runtime", "assets/vendor", "classroom-pack.zip", "sw.js"):
        assert (built_site / shared).exists(), shared
        assert not (built_site / "ru" / shared).exists(), f"ru/{shared} is a copy"
    page = html(built_site, "ru/busan-meeting")
    assert 'src="../../assets/runtime/main.js"' in page
    assert 'href="../../assets/runtime/widgets.css"' in page
    assert '"../../assets/runtime/worker.js"' in page  # the early start of Python's worker
    teachers = html(built_site, "ru/teachers")
    assert 'href="../../classroom-pack.zip"' in teachers


def test_one_service_worker_lists_both_editions_and_russian_search(built_site):
    files = offline.read_manifest(built_site)["files"]
    assert "index.html" in files and "ru/index.html" in files and "ru/busan-meeting/index.html" in files
    assert "ru/search/search_index.json" in files
    assert "ru/assets/javascripts/lunr/min/lunr.ru.min.js" in files
    assert "ru/assets/javascripts/lunr/min/lunr.stemmer.support.min.js" in files
    assert not any(name.startswith("ru/assets/runtime/") for name in files)
    assert not any(name.startswith("assets/javascripts/lunr/") for name in files)  # English needs none


def test_the_classroom_pack_holds_both_editions(built_site):
    with zipfile.ZipFile(io.BytesIO((built_site / "classroom-pack.zip").read_bytes())) as pack:
        names = set(pack.namelist())
    assert {"busan-explainer/index.html", "busan-explainer/ru/index.html", "busan-explainer/sw.js"} <= names
    assert not any(name.startswith("busan-explainer/ru/assets/runtime/") for name in names)


def test_the_switcher_links_each_page_to_the_same_page_in_the_other_language(built_site):
    def switcher(page: str) -> dict[str, str]:
        return {
            lang: href
            for href, lang in re.findall(
                r'<a href="([^"]*)" hreflang="([^"]*)" lang="[^"]*"\s+class="md-select__link"', page
            )
        }

    assert switcher(html(built_site, "busan-meeting")) == {
        "en": "../busan-meeting/",
        "ru": "../ru/busan-meeting/",
    }
    assert switcher(html(built_site, "ru/teachers/lesson-tariffs")) == {
        "en": "../../../teachers/lesson-tariffs/",
        "ru": "../../../ru/teachers/lesson-tariffs/",
    }
    assert switcher(html(built_site, "ru")) == {"en": "../", "ru": "../ru/"}
    # Material's own alternates (the editions' home pages) would send its JavaScript after a sitemap per link
    assert 'rel="alternate" href=' not in html(built_site, "ru/busan-meeting")


def test_sitemaps_give_each_translated_page_its_alternates(built_site, site):
    for sitemap in ("sitemap.xml", "ru/sitemap.xml"):
        text = (built_site / sitemap).read_text(encoding="utf-8")
        assert f'hreflang="ru" href="{site.url}ru/"' in text, sitemap
        assert f'hreflang="x-default" href="{site.url}"' in text, sitemap
    assert (built_site / "ru/sitemap.xml").read_text(encoding="utf-8").count(f"<loc>{site.url}ru/") > 20


def test_the_translated_home_page_keeps_every_english_heading_id(built_site):
    russian = html(built_site, "ru")
    assert "bx-untranslated" not in russian
    assert "Пусанское перемирие" in russian
    for heading_id in editions.heading_ids(html(built_site, "")):
        assert f'id="{heading_id}"' in russian, heading_id
    assert re.search(r'<link rel="canonical" href="[^"]*/ru/">', russian)


def test_an_untranslated_page_is_english_under_a_russian_notice_with_its_canonical_in_english(
    built_site, site
):
    src_uri = untranslated_page()
    url = editions.page_url(src_uri)
    page = html(built_site, f"ru/{url}")
    notice = re.search(
        r'<div class="admonition info bx-untranslated" lang="ru">(.*?)</div><div lang="en">', page
    )
    assert notice, src_uri
    assert "не переведена" in notice[1]
    english_link = "../" * (url.count("/") + 1) + url
    assert f'href="{english_link}" hreflang="en"' in notice[1]
    assert f'<link rel="canonical" href="{site.url}{url}">' in page


def test_a_translation_that_loses_a_heading_id_fails_the_build_naming_page_and_id():
    build = Build(
        site_url="http://example.org/ru/",
        docs_dir=ROOT / "docs",
        serving=False,
        language="ru",
        config_file=str(ROOT / "mkdocs.yml"),
        english_heading_ids={"index.md": ["the-three-minute-version", "for-teachers"]},
    )
    build.edition.translated["index.md"] = ROOT / "locales/ru/docs/index.md"
    kept = '<h1 id="x">Главная</h1><h2 id="the-three-minute-version">Коротко</h2><h2 id="for-teachers">Учителям</h2>'
    build.page_content(kept, src_uri="index.md", url="", canonical_url="", nav_title="Главная")
    lost = '<h1 id="x">Главная</h1><h2 id="the-three-minute-version">Коротко</h2><h2 id="_2">Учителям</h2>'
    with pytest.raises(BuildProblem, match=r"locales/ru/docs/index\.md: .*#for-teachers"):
        build.page_content(lost, src_uri="index.md", url="", canonical_url="", nav_title="Главная")


def test_only_the_shared_folders_are_linked_one_level_up():
    edition = editions.Edition(RU, ROOT / "locales")
    page = (
        '<script src="../assets/runtime/main.js"></script><link href="assets/vendor/vega.min.js">'
        '<a href="../../classroom-pack.zip">pack</a><img src="../assets/images/x.png">'
        '<a href="../downloads/a.csv">data</a>'
    )
    assert editions.link_shared(page, edition) == (
        '<script src="../../assets/runtime/main.js"></script><link href="../assets/vendor/vega.min.js">'
        '<a href="../../../classroom-pack.zip">pack</a><img src="../assets/images/x.png">'
        '<a href="../downloads/a.csv">data</a>'
    )
    not_found = '<script src="/site/ru/assets/runtime/main.js"></script><a href="/site/ru/">home</a>'
    assert editions.link_shared(not_found, edition) == (
        '<script src="/site/assets/runtime/main.js"></script><a href="/site/ru/">home</a>'
    )
    english = editions.Edition(LANGUAGES["en"], ROOT / "locales")
    assert editions.link_shared(page, english) == page


def test_the_russian_navigation_translates_titles_and_keeps_pages():
    nav = [
        {"Home": "index.md"},
        {"The story": [{"The Busan meeting": "busan-meeting.md"}, {"New": "new.md"}]},
    ]
    titles = editions.read_toml(ROOT / "locales/ru/nav.toml")["nav"]
    assert editions.nav_translated(nav, titles) == [
        {"Главная": "index.md"},
        {"История": [{"Встреча в Пусане": "busan-meeting.md"}, {"New": "new.md"}]},
    ]


def test_editions_names_the_languages_a_quick_serve_rebuilds(monkeypatch):
    monkeypatch.setenv("EDITIONS", "en")
    assert editions.other_languages() == []
    monkeypatch.setenv("EDITIONS", "en,ru")
    assert editions.other_languages() == [RU]
    monkeypatch.delenv("EDITIONS")
    assert editions.other_languages() == [RU]


def test_every_translated_page_says_which_english_version_it_translates():
    for src_uri, path in TRANSLATED.items():
        assert (ROOT / "docs" / src_uri).is_file(), f"{path}: docs/{src_uri} does not exist"
        assert re.search(r"^translated_from: [0-9a-f]{40}$", path.read_text(encoding="utf-8"), re.M), path


def test_a_translated_page_shows_what_the_build_writes_from_the_log_and_models_in_english_marked_so(
    built_site,
):
    """The corrections log and the models' notes are written from one English log and the models' code: a
    Russian page writes them in English, dates included, under lang="en", with the English page's ids."""
    latest = corrections.entries()[0]
    english_date = numbers.date(latest.date, "en")
    for url in ("corrections", "methodology"):
        russian = html(built_site, f"ru/{url}")
        assert "bx-untranslated" not in russian, url
        assert '<div lang="en">' in russian, url
        for heading_id in editions.heading_ids(html(built_site, url)):
            assert f'id="{heading_id}"' in russian, (url, heading_id)
    log = html(built_site, "ru/corrections")
    assert re.search(rf'<div lang="en">\s*<h2 id="[^"]+">{english_date}<', log)
    assert f'<span lang="en">{english_date}</span>' in log  # its entry in the table of contents
