"""One build of the site: the steps a build takes, in the order the engine's events call them, and the
state they share. A `Build` is made for one build and dropped after it (explainers/plugin.py, MkDocs'
adapter, does both), so nothing one build reads or makes is seen by the next: its download files, its
pages' widget keys and its numbering of quizzes live here, not in modules.

- config: the site's "as of" date (from the corrections log) and version, for the footer and every
  citation; the ```chart, ```widget and ```quiz fences for superfences.
- files: the self-hosted runtime (Vega, Pyodide with its standard library trimmed to what the models use
  and its memory snapshot, the widget JS, the chart theme, Vega's expressions for the widgets' charts
  compiled ahead of time, the size of Python's download and the `widgets` package), one embeddable page and one assignment page per widget, the short addresses of the lessons'
  assignments (go/), and every figure's download files.
- page_markdown: a lesson's short addresses beside their links; the "as of" date and numbers read from the data sets; the truce's terms as a table; the benchmark's figures; the
  generated bibliography, methodology, corrections and model-versions pages; every quotation checked
  against its source's recorded words; scenario links checked for their model's version; inline citations.
- page_content: "Cite this page", and the figures' links made relative to the page.
- post_page / post_template: the Content-Security-Policy (404.html included); runtime preloads on chart
  pages, and an early start of Python's worker on widget pages.
- post_build: the service worker with its manifest of this build's files (offline after one visit),
  then the classroom pack (the whole site as one zip).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

from explainers import (
    assign,
    catalogs,
    citations,
    cite,
    class_results,
    classroom_pack,
    contract,
    corrections,
    csp,
    data_in_prose,
    editions,
    embeds,
    fences,
    methodology,
    offline,
    performance,
    quotations,
    runtime_assets,
    short_pages,
    snapshot,
    sources,
    stdlib,
    toc_languages,
    translations,
    truce_terms,
    vega_compiled,
    versions,
)
from explainers.charts import theme
from explainers.downloads import Downloads, link_site_paths
from widgets import numbers, words

BIBLIOGRAPHY_MARKER = "<!-- bibliography -->"
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
PERMALINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
TAG = re.compile(r"<[^>]+>")


class BuildProblem(ValueError):
    """What the content says that the build refuses (an unknown source, a misquotation, a short name it
    cannot honour...), in words that name the page."""


class Build:
    def __init__(
        self,
        *,
        site_url: str,
        docs_dir: Path,
        serving: bool,
        language: str = numbers.ORIGINAL,
        config_file: str | None = None,
        english_heading_ids: dict[str, list[str]] | None = None,
    ) -> None:
        catalogs.use(language)  # first: every step below writes with widgets/words.py
        self.gettext, self.ngettext = words._, words.ngettext  # for the theme's templates (on_env)
        self.site_url = site_url
        # MkDocs' theme.language: every number and date this build writes (read-outs, `{{ data }}`, the
        # footer's date) is written as that language writes it (widgets/numbers.py).
        self.language = numbers.set_language(language)
        self.docs_dir = docs_dir
        self.serving = serving  # `mkdocs serve`: its live-reload script needs a looser policy
        # Which language this build writes, where its translated pages are, how it links the shared runtime.
        self.edition = editions.Edition.for_config(language, config_file, site_url)
        # The English pages' heading ids, by page: English collects them, a translation must keep them.
        self.heading_ids: dict[str, list[str]] = (
            english_heading_ids if english_heading_ids is not None else {}
        )
        self.fallbacks: set[str] = set()  # this edition's pages shown in English, by URL
        self.downloads = Downloads(site_url, docs_dir)
        self.widget_keys = versions.widget_keys(docs_dir)  # the links each page's widgets answer to

    def extra(self) -> dict[str, Any]:
        """Values every page's template reads: the footer's date and version."""
        return {
            "as_of": corrections.as_of_text(self.language),
            "site_version": versions.site_version(),
            "alternate": editions.switcher_entries(),  # the header's language switcher
            "edition_prefix": self.edition.language.prefix,
        }

    def translation(self, src_uri: str) -> Path | None:
        """The translated Markdown this edition reads instead of docs/<src_uri>, if there is one."""
        return self.edition.translated.get(src_uri)

    def fences(self) -> list[dict[str, Any]]:
        """superfences' custom fences, bound to this build's downloads and quiz numbering."""
        return fences.custom_fences(self.downloads)

    def files(self) -> dict[str, Path | bytes | str]:
        """Files the build adds to the site, by site path: a file to copy, or the content to write (text
        for a page, which is then built like the pages under docs/)."""
        added: dict[str, Path | bytes | str] = self._runtime() if self.edition.language.original else {}
        # Linked from "For teachers": listed now so link checks pass, written after the build (at the root).
        added[classroom_pack.SITE_PATH] = classroom_pack.placeholder()
        added.update({**embeds.embed_pages(), **assign.assign_pages()})
        try:  # short addresses for the lessons' assignments, and the page that opens a short code
            added.update(short_pages.files(self.docs_dir))
        except short_pages.ShortPageError as error:
            raise BuildProblem(str(error)) from None
        added.update(self.downloads.files())
        return added

    def _runtime(self) -> dict[str, Path | bytes | str]:
        """The browser runtime, built once at the site's root for every edition (explainers/editions.py)."""
        added: dict[str, Path | bytes | str] = {
            **runtime_assets.vendor_files(),
            **runtime_assets.runtime_files(),
        }
        archive = runtime_assets.widgets_archive()
        added[runtime_assets.WIDGETS_ARCHIVE] = archive
        python_stdlib = stdlib.stdlib(archive)  # trimmed to what the models use
        added[stdlib.SITE_PATH] = python_stdlib
        memory = snapshot.snapshot(archive, python_stdlib)
        added[snapshot.SITE_PATH] = memory
        added[runtime_assets.DOWNLOAD_SIZE_MODULE] = runtime_assets.download_size_module(
            python_stdlib, archive, memory
        )
        added[runtime_assets.THEME_MODULE] = theme.runtime_module()
        added[contract.MODULE] = contract.runtime_module()
        added[vega_compiled.MODULE] = vega_compiled.runtime_module()  # Vega's expressions, compiled ahead
        added.update(catalogs.site_files())  # every language's words for the browser, from its PO file
        return added

    def page_markdown(self, markdown: str, *, src_uri: str, url: str) -> str:
        try:
            translation = translations.translation_path(self.language, src_uri)
            if translation is not None:  # checked against its English page, with a notice if behind it
                markdown = translations.translated_markdown(
                    markdown,
                    page=src_uri,
                    url=url,
                    language=self.language,
                    english=self.docs_dir / src_uri,
                    translation=translation,
                )
            markdown = short_pages.mark(markdown, url)  # a lesson's short addresses, beside their links
            return self._page_markdown(markdown, src_uri)
        except (
            translations.TranslationProblem,
            quotations.QuotationNotFound,
            sources.UnknownSource,
            data_in_prose.UnknownDataReference,
            BuildProblem,
        ) as error:
            message = str(error) if str(error).startswith(src_uri) else f"{src_uri}: {error}"
            raise BuildProblem(message) from None

    def _page_markdown(self, markdown: str, src_uri: str) -> str:
        if methodology.MARKER in markdown:
            markdown = markdown.replace(
                methodology.MARKER, self._in_english(methodology.methodology_markdown)
            )
        markdown = markdown.replace(corrections.AS_OF_PLACEHOLDER, corrections.as_of_text(self.language))
        # numbers repeated from a data set are read from it, and written as the build's language writes them
        markdown = data_in_prose.fill(markdown, self.language)
        if performance.MARKER in markdown:  # the benchmark's figures (docs/developers/performance.json)
            markdown = markdown.replace(performance.MARKER, performance.figures_markdown())
        if truce_terms.MARKER in markdown:  # What happened next: the truce, term by term
            markdown = markdown.replace(truce_terms.MARKER, truce_terms.table_markdown())
        # A quotation not in its source's recorded words (or our recorded translation of them) fails the build.
        quotations.check(markdown, src_uri, self.language)
        markdown = quotations.mark_translations(markdown, self.language)  # "(пер. наш)"
        # After the check: the bibliography quotes titles, and the corrections log the site's own earlier words.
        if BIBLIOGRAPHY_MARKER in markdown:
            markdown = markdown.replace(BIBLIOGRAPHY_MARKER, citations.bibliography_markdown())
        if corrections.MARKER in markdown:
            markdown = markdown.replace(corrections.MARKER, self._in_english(corrections.log_markdown))
        markdown = assign.fill_builder(markdown)  # the teachers' assignment builder
        markdown = class_results.fill(markdown)  # the teachers' class results page
        markdown = citations.cite(markdown, src_uri)
        # A lesson's scenario link says the model version it was written for, so that its readers are told
        # when the model changes.
        problems = versions.unversioned_links(markdown, src_uri, self.widget_keys)
        if problems:
            raise BuildProblem("; ".join(problems))
        if versions.MARKER in markdown:  # the corrections page lists the models' versions
            markdown = markdown.replace(versions.MARKER, self._in_english(versions.log_markdown))
        return markdown

    def _in_english(self, generate: Callable[[], str]) -> str:
        """The models' notes, the corrections log and the models' versions are written from the code and the one
        changes log, in English: another edition shows them in English, its dates and numbers too (so that their
        headings keep the English page's ids, `#6-december-2026`), marked `lang="en"` for screen readers and for
        the check for English left in a translation."""
        if self.edition.language.original:
            return generate()
        with numbers.speaking(numbers.ORIGINAL):
            text = generate()
        return f'<div lang="en" markdown="1">\n\n{text}\n\n</div>'

    def page_content(self, html: str, *, src_uri: str, url: str, canonical_url: str, nav_title: str) -> str:
        """ "Cite this page" at the end; download links relative to the page; the page's address in citations."""
        fallback = self.edition.is_fallback(src_uri, self.docs_dir)  # shown in English: cited in English
        citation = cite.Citation(
            page_title(html, nav_title),
            self.edition.original_site_url + url if fallback else canonical_url or url,
            corrections.as_of(),
            versions.site_version(),
            key=cite.key(self.edition.language.prefix + src_uri, corrections.as_of()),  # one key per edition
        )
        if self.edition.language.original:
            self.heading_ids[src_uri] = editions.heading_ids(html)
        elif src_uri in self.edition.translated and src_uri in self.heading_ids:
            try:  # `#for-teachers` must work in every edition
                editions.check_heading_ids(self.heading_ids[src_uri], html, src_uri, self.edition.language)
            except editions.EditionProblem as problem:
                raise BuildProblem(str(problem)) from None
        html += str(
            cite.block_html(citation, words._("Cite this page"), "cite-this-page")
        )  # str: Markup would escape html
        html = link_site_paths(html, url, canonical_url or url)
        if fallback:
            self.fallbacks.add(url)
            html = self.edition.fallback_html(html, url)
        return html

    def page_toc(self, toc: Any, html: str) -> None:
        """In a translation, the table of contents keeps an English heading English (`lang="en"`)."""
        if not self.edition.language.original:
            toc_languages.mark(toc, html, self.language)

    def post_page(self, output: str, url: str) -> str:
        """Every page gets its Content-Security-Policy. Pages with a chart fetch Vega and the runtime
        modules while the page is still parsing; pages with a widget also start Python's worker there."""
        if 'class="bx-figure' in output:
            root = "../" * url.count("/")  # relative: any sub-path works (link_shared: another edition's)
            links = "".join(
                f'<link rel="preload" as="script" href="{root}{path}">'
                for path in runtime_assets.CHART_SCRIPTS
            )
            # At low priority: some thirty modules at the default one held a host's connections (six on
            # HTTP/1.1) ahead of Material's own script, and the page started late. Simulated 100 Mbit/s
            # line, 40 ms a request, medians of 3-4 visits each: the widget's first answer in Firefox
            # 2564 -> 2353 ms, in Chromium 2520 -> 2333 ms, in WebKit unchanged (3293 -> 3320); the first
            # live chart on rare-earths-101/ in Firefox 1232 -> 1100 ms, Chromium 1328 -> 1278 ms.
            links += "".join(
                f'<link rel="modulepreload" fetchpriority="low" href="{root}{path}">'
                for path in runtime_assets.page_modules()
            )
            output = output.replace("</head>", links + "</head>", 1)
            if 'class="bx-figure bx-widget' in output:
                # First in <head>: an inline script after the stylesheets would wait for them.
                early = runtime_assets.early_worker_script(f"{self.edition.up}{root}")
                output = output.replace("<head>", "<head>" + early, 1)
        output = editions.without_material_alternates(output)
        if url in self.fallbacks:
            output = self.edition.fallback_canonical(output, url)
        output = editions.link_shared(output, self.edition)
        return csp.with_policy(output, live_reload=self.serving)

    def post_template(self, output: str, template_name: str) -> str:
        """Static templates (404.html) get the same policy as pages."""
        if template_name.endswith(".html"):
            output = editions.link_shared(editions.without_material_alternates(output), self.edition)
            return csp.with_policy(output, live_reload=self.serving)
        return output

    def post_build(self, site_dir: Path) -> None:
        if not self.edition.language.original:  # the root's build writes what is shared, after every edition
            (site_dir / classroom_pack.SITE_PATH).unlink(missing_ok=True)  # the root's pack is linked
            return
        editions.add_sitemap_alternates(
            site_dir, self.site_url, editions.translated_urls(self.edition.locales)
        )
        offline.write_service_worker(site_dir)
        if not self.serving:  # 25 MB zipped on every live reload would slow editing; `mkdocs build` writes it
            classroom_pack.write_pack(site_dir)  # last: it holds every other file, the service worker too


def page_title(html: str, nav_title: str) -> str:
    """The page's own heading, as a reader sees it ("Home" in the navigation is "The Busan truce explainer")."""
    match = HEADING.search(html)
    heading = unescape(TAG.sub("", PERMALINK.sub("", match.group(1)))).strip() if match else ""
    return heading or nav_title
