"""The site's language editions: one MkDocs build per language, joined into one site.

English, the original, is built first, at the site's root, exactly as before (links teachers shared keep
working). Once it is written, its build runs each other language's build (`build_edition`) from the same
mkdocs.yml, overridden: the theme's language, the Russian navigation titles (`locales/<code>/nav.toml`), and
the site folder `<site>/<code>/`. The pages are docs/'s, each read from `locales/<code>/docs/<same path>`
where a translation exists (`translated_pages`); a page not translated yet is the English text under a
notice in the edition's language, marked `lang="en"`, with its canonical link to the English page.

What is shared is built once, by the English build, at the root: the runtime (Pyodide, Vega, the models,
the snapshot: `assets/runtime/`, `assets/vendor/`) and the classroom pack; an edition's pages link them one
folder up (`link_shared`). One service worker at the root lists every edition's files (explainers/offline.py).

The header's language switcher links each page to the same page in the other edition (written here per page,
kept so by docs/assets/editions.js after instant navigation, with the query string and hash); the sitemaps
carry the per-page hreflang alternates. Each edition's search uses lunr's stemmer for its language.

Why not mkdocs-static-i18n: its 1.3.1 fails on pages generated without a source file (embed/, assign/),
its switcher is incompatible with instant navigation, and it rewrites the search index after our
service worker's manifest is written. One build per language is what Material's maintainer recommends.
"""

from __future__ import annotations

import gzip
import os
import re
import tomllib
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from explainers.languages import LANGUAGES, ORIGINAL, Language

INCLUDES = "includes/"  # snippets appended to pages (the abbreviations), not pages: mkdocs.yml's exclude_docs
# Built once, at the root, by the English build: every edition links these, none copies them.
SHARED_PREFIXES = ("assets/runtime/", "assets/vendor/", "classroom-pack.zip")
SHARED_LINK = re.compile(
    r"""(?P<attr>\b(?:href|src)=["'])(?P<up>(?:\.\./)*)(?P<path>"""
    + "|".join(re.escape(p) for p in SHARED_PREFIXES)
    + ")"
)
# Material writes one <link rel="alternate" hreflang> per `extra.alternate` entry (the editions' home
# pages), and its JavaScript then fetches the sitemap beside each and rewrites cross-edition links to the
# other edition's home page when its prefixes overlap (ru/ lies under the root). The per-page alternates
# are in the sitemaps instead (`add_sitemap_alternates`), and the switcher's links are per page.
MATERIAL_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">')
HEADING_ID = re.compile(r"<h([2-6])\b[^>]*\bid=\"([^\"]+)\"")
# Material's search leaves lunr's stemmer out unless told (its default pipeline is the stop-word filter
# only): a Russian reader who types «пошлинами» must find «пошлины». No trimmer: Russian's keeps Cyrillic
# letters only and would empty the English words of a page not yet translated. (Material also stars every
# word of a query, which lunr then leaves unstemmed: docs/assets/editions.js adds each word unstarred.)
SEARCH_PIPELINE = ("stemmer", "stopWordFilter")
SITEMAP_URL = re.compile(r"<url>\s*<loc>([^<]*)</loc>")
XHTML = 'xmlns:xhtml="http://www.w3.org/1999/xhtml"'


class EditionProblem(ValueError):
    """A translation the build refuses, in words that name the page."""


@dataclass
class Edition:
    """One language's build: where its pages come from and how its pages link the shared files."""

    language: Language
    locales: Path  # the project's locales/ folder (beside mkdocs.yml)
    original_site_url: str = ""  # the English edition's address: canonical links of untranslated pages
    translated: dict[str, Path] = field(default_factory=dict)  # src_uri -> the translated Markdown

    @classmethod
    def for_config(cls, language_code: str, config_file: str | None, site_url: str) -> Edition:
        language = LANGUAGES.get(language_code, ORIGINAL)
        locales = locales_folder(config_file)
        original_site_url = site_url.removesuffix(language.prefix) if language.prefix else site_url
        return cls(
            language,
            locales,
            original_site_url,
            {} if language.original else translated_pages(locales, language),
        )

    @property
    def up(self) -> str:
        """From this edition's root to the site's root."""
        return "../" * self.language.prefix.count("/")

    def is_fallback(self, src_uri: str, docs_dir: Path) -> bool:
        """A page of docs/ this edition has no translation of (generated pages are not docs/'s)."""
        return (
            not self.language.original and src_uri not in self.translated and (docs_dir / src_uri).is_file()
        )

    def words(self) -> dict[str, str]:
        return read_toml(self.locales / self.language.code / "nav.toml").get("words", {})

    def fallback_html(self, html: str, url: str) -> str:
        """An untranslated page: the notice in this edition's language, then the English text marked as such."""
        english = self.up + "../" * url.count("/") + url
        notice = self.words().get(
            "untranslated",
            "This page is not translated yet: below is the English text. {link}",
        )
        link_text = self.words().get("read_in_english", "The English page")
        link = f'<a href="{escape(english or "./")}" hreflang="en">{escape(link_text)}</a>'
        return (
            f'<div class="admonition info bx-untranslated" lang="{self.language.code}">'
            f"<p>{escape(notice).replace('{link}', link)}</p></div>"
            f'<div lang="en">{html}</div>'
        )

    def fallback_canonical(self, output: str, url: str) -> str:
        """The untranslated page's canonical address is the English page's."""
        return CANONICAL.sub(
            lambda _: f'<link rel="canonical" href="{escape(self.original_site_url + url)}">', output, count=1
        )


def locales_folder(config_file: str | None) -> Path:
    """The project's translations, beside its mkdocs.yml (like docs/, they are the site's, not the package's)."""
    return (Path(config_file).resolve().parent if config_file else Path.cwd()) / "locales"


def read_toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def translated_pages(locales: Path, language: Language) -> dict[str, Path]:
    """Every translated page of one language, by the path of its English original under docs/."""
    folder = locales / language.code / "docs"
    if not folder.is_dir():
        return {}
    pages = {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*.md"))}
    return {src_uri: path for src_uri, path in pages.items() if not src_uri.startswith(INCLUDES)}


def page_url(src_uri: str) -> str:
    """A page's address in its edition (directory URLs): `teachers/index.md` -> `teachers/`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def translated_urls(locales: Path) -> dict[str, set[str]]:
    """Each language's translated pages, by address in its edition."""
    return {
        language.code: {page_url(src_uri) for src_uri in translated_pages(locales, language)}
        for language in LANGUAGES.values()
        if not language.original
    }


def link_shared(output: str, edition: Edition) -> str:
    """An edition's page links the runtime and the classroom pack at the site's root, one folder up."""
    if edition.language.original:
        return output
    output = SHARED_LINK.sub(lambda m: f"{m['attr']}{edition.up}{m['up']}{m['path']}", output)
    # 404.html's links are written from the site's address (a host serves it at any path): drop the folder
    shared = "|".join(re.escape(p) for p in SHARED_PREFIXES)
    absolute = re.compile(
        rf"""(\b(?:href|src)=["'][^"']*/){re.escape(edition.language.prefix)}(?={shared})"""
    )
    return absolute.sub(r"\1", output)


def without_material_alternates(output: str) -> str:
    return MATERIAL_ALTERNATE.sub("", output)


def switcher_entries() -> list[dict[str, str]]:
    """`extra.alternate` for Material's header: which editions the switcher lists. Its links are made per
    page by overrides/partials/alternate.html and docs/assets/editions.js."""
    return [
        {"name": language.name, "lang": language.code, "link": language.prefix, "prefix": language.prefix}
        for language in LANGUAGES.values()
    ]


def heading_ids(html: str) -> list[str]:
    """The ids of a page's headings below its title: what `page/#id` links point at."""
    return [match[2] for match in HEADING_ID.finditer(html)]


def check_heading_ids(english_ids: list[str], html: str, src_uri: str, language: Language) -> None:
    """A translated page keeps every heading id of the English page, so `#for-teachers` works in both."""
    present = set(heading_ids(html))
    missing = [name for name in english_ids if name not in present]
    if missing:
        where = f"locales/{language.code}/docs/{src_uri}"
        raise EditionProblem(
            f"{where}: the English page's heading ids {', '.join('#' + m for m in missing)} are missing; "
            "keep each one on the translated heading, as `## Заголовок { #" + missing[0] + " }`"
        )


def nav_translated(nav: Any, titles: dict[str, str]) -> Any:
    """mkdocs.yml's navigation with each title the translation lists (any other stays English)."""
    if isinstance(nav, list):
        return [nav_translated(item, titles) for item in nav]
    if isinstance(nav, dict):
        return {titles.get(title, title): nav_translated(value, titles) for title, value in nav.items()}
    return nav


def other_languages() -> list[Language]:
    """The editions the English build runs after its own: every other language, or those EDITIONS names
    (`EDITIONS=en make serve` rebuilds English only, in half the time; `make build` and the tests build all)."""
    chosen = os.environ.get("EDITIONS", "").replace(",", " ").split()
    return [
        language
        for language in LANGUAGES.values()
        if not language.original and (not chosen or language.code in chosen)
    ]


def build_edition(
    config_file: str,
    language: Language,
    *,
    site_dir: Path,
    site_url: str,
    english_heading_ids: dict[str, list[str]],
    strict: bool,
) -> None:
    """Build one language's edition into `<site>/<code>/`, from the same mkdocs.yml."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    locales = locales_folder(config_file)
    config = load_config(
        config_file,
        site_dir=str(site_dir / language.prefix),
        site_url=site_url + language.prefix,
        strict=strict,
    )
    config.theme["language"] = language.code
    translation = read_toml(locales / language.code / "nav.toml")
    config.nav = nav_translated(config.nav, translation.get("nav", {}))
    site = translation.get("site", {})
    config.site_name = site.get("name", config.site_name)
    config.site_description = site.get("description", config.site_description)
    # The abbreviations' tooltips: the translated definitions appended after the English ones (which stay
    # for the English words of a page not translated yet), so that a term both define reads translated.
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    appended = []
    for path in snippets.get("auto_append", []):
        appended.append(path)
        translated = f"locales/{language.code}/{path}"
        if (
            path.startswith(f"docs/{INCLUDES}")
            and (Path(config_file).resolve().parent / translated).is_file()
        ):
            appended.append(translated)
    if appended:
        snippets["auto_append"] = appended
    search = config.plugins.get("search") or config.plugins.get("material/search")
    if search is not None:
        search.config.pipeline = list(SEARCH_PIPELINE)
    # MkDocs keeps one object per plugin for the whole process: this edition's build runs through the same
    # plugin objects as the English build under way (whose own state the caller keeps meanwhile).
    plugin = config.plugins["busan"]
    plugin.edition_of_serve = True  # type: ignore[attr-defined]  # our modules are read afresh already
    plugin.english_heading_ids = english_heading_ids  # type: ignore[attr-defined]
    try:
        build(config)
    finally:
        plugin.edition_of_serve = False  # type: ignore[attr-defined]
        plugin.english_heading_ids = None  # type: ignore[attr-defined]


def add_sitemap_alternates(site_dir: Path, site_url: str, translated: dict[str, set[str]]) -> None:
    """Each sitemap lists, for every translated page, its address in each language (hreflang), and the
    English page as x-default: how search engines learn the editions are one site, without a per-page
    <link rel="alternate"> in the head (Material's JavaScript would fetch a sitemap beside each)."""
    for language in LANGUAGES.values():
        path = site_dir / language.prefix / "sitemap.xml"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        edition_url = site_url + language.prefix

        def alternates(match: re.Match[str], edition_url: str = edition_url) -> str:
            url = match[1].removeprefix(edition_url)
            if url.startswith(("http:", "https:")):
                return match[0]
            links = [("x-default", site_url + url), (ORIGINAL.code, site_url + url)]
            links += [
                (other.code, site_url + other.prefix + url)
                for other in LANGUAGES.values()
                if not other.original and url in translated.get(other.code, set())
            ]
            if len(links) == 2:  # no translation: nothing to say
                return match[0]
            return match[0] + "".join(
                f'\n         <xhtml:link rel="alternate" hreflang="{code}" href="{escape(href)}"/>'
                for code, href in links
            )

        text = SITEMAP_URL.sub(alternates, text)
        if XHTML not in text:
            text = text.replace("<urlset ", f"<urlset {XHTML} ", 1)
        path.write_text(text, encoding="utf-8")
        gzipped = path.with_suffix(".xml.gz")
        if gzipped.is_file():
            gzipped.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
