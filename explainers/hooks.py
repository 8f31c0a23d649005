"""MkDocs hooks (see `hooks:` in mkdocs.yml): project-local build steps, each delegating to a module.

- on_startup: note whether this is `mkdocs serve` (its live-reload script needs a looser policy).
- on_config: the site's "as of" date for the footer, from the corrections log.
- on_files: add the self-hosted runtime (Vega, Pyodide with its standard library trimmed to what the
  models use and its memory snapshot, the widget JS, the chart theme, Vega's expressions for the widgets'
  charts compiled ahead of time, the size of Python's download and
  the `widgets` package), one embeddable page and one assignment page per widget.
- on_page_markdown: the "as of" date and numbers read from the data sets; the truce's terms as a table; the generated bibliography,
  methodology and corrections pages; every quotation checked against its source's recorded words; inline citations.
- explainers/reuse.py (called from on_config, on_files, on_page_markdown, on_page_content): the site version,
  download files, versioned scenario links, and "cite this page".
- on_post_page / on_post_template: the Content-Security-Policy (404.html included); runtime
  preloads on chart pages, and an early start of Python's worker on widget pages.
- on_post_build: the service worker with its manifest of this build's files (offline after one visit),
  then the classroom pack (the whole site as one zip).
- on_serve: rebuild when the models, charts or runtime change, not only docs/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from explainers import (
    assign,
    citations,
    class_results,
    classroom_pack,
    contract,
    corrections,
    csp,
    data_in_prose,
    embeds,
    methodology,
    offline,
    performance,
    quotations,
    reuse,
    runtime_assets,
    short_pages,
    snapshot,
    sources,
    stdlib,
    truce_terms,
    vega_compiled,
)
from explainers.charts import theme

BIBLIOGRAPHY_MARKER = "<!-- bibliography -->"
_serving = False  # set by on_startup: `mkdocs serve` injects a live-reload script the CSP must allow


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: Any) -> Any:
    config.extra["as_of"] = corrections.as_of_text()
    reuse.on_config(config)
    return config


def on_files(files: Files, config: Any) -> Files:
    for site_path, path in {**runtime_assets.vendor_files(), **runtime_assets.runtime_files()}.items():
        files.append(File.generated(config, site_path, abs_src_path=str(path)))
    archive = runtime_assets.widgets_archive()
    files.append(File.generated(config, runtime_assets.WIDGETS_ARCHIVE, content=archive))
    python_stdlib = stdlib.stdlib(archive)  # trimmed to what the models use
    files.append(File.generated(config, stdlib.SITE_PATH, content=python_stdlib))
    memory = snapshot.snapshot(archive, python_stdlib)
    files.append(File.generated(config, snapshot.SITE_PATH, content=memory))
    size_module = runtime_assets.download_size_module(python_stdlib, archive, memory)
    files.append(File.generated(config, runtime_assets.DOWNLOAD_SIZE_MODULE, content=size_module))
    files.append(File.generated(config, runtime_assets.THEME_MODULE, content=theme.runtime_module()))
    files.append(File.generated(config, contract.MODULE, content=contract.runtime_module()))
    files.append(File.generated(config, vega_compiled.MODULE, content=vega_compiled.runtime_module()))
    # Linked from "For teachers": registered now so link checks pass, written after the build.
    files.append(File.generated(config, classroom_pack.SITE_PATH, content=classroom_pack.placeholder()))
    for src_uri, markdown in {**embeds.embed_pages(), **assign.assign_pages()}.items():
        files.append(File.generated(config, src_uri, content=markdown))
    try:  # short addresses for the lessons' assignments, and the page that opens a short code
        for site_path, content in short_pages.files(Path(config["docs_dir"])).items():
            files.append(File.generated(config, site_path, content=content))
    except short_pages.ShortPageError as error:
        raise PluginError(str(error)) from None
    reuse.on_files(files, config)
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    try:
        # versioned links; model versions
        markdown = short_pages.mark(markdown, page.url)  # a lesson's short addresses, beside their links
        return reuse.on_page_markdown(_page_markdown(markdown, page.file.src_uri), page)
    except (
        quotations.QuotationNotFound,
        sources.UnknownSource,
        data_in_prose.UnknownDataReference,
        reuse.UnversionedScenarioLink,
    ) as error:
        where = page.file.src_uri
        message = str(error) if str(error).startswith(where) else f"{where}: {error}"
        raise PluginError(message) from None  # a plain message, not a traceback


def _page_markdown(markdown: str, src_uri: str) -> str:
    if methodology.MARKER in markdown:
        markdown = markdown.replace(methodology.MARKER, methodology.methodology_markdown())
    markdown = markdown.replace(corrections.AS_OF_PLACEHOLDER, corrections.as_of_text())
    markdown = data_in_prose.fill(markdown)  # numbers repeated from a data set are read from it
    if performance.MARKER in markdown:  # the benchmark's figures (docs/developers/performance.json)
        markdown = markdown.replace(performance.MARKER, performance.figures_markdown())
    if truce_terms.MARKER in markdown:  # What happened next: the truce, term by term
        markdown = markdown.replace(truce_terms.MARKER, truce_terms.table_markdown())
    quotations.check(markdown, src_uri)  # a quotation not in its source's recorded words fails the build
    # After the check: the bibliography quotes titles, and the corrections log the site's own earlier words.
    if BIBLIOGRAPHY_MARKER in markdown:
        markdown = markdown.replace(BIBLIOGRAPHY_MARKER, citations.bibliography_markdown())
    if corrections.MARKER in markdown:
        markdown = markdown.replace(corrections.MARKER, corrections.log_markdown())
    markdown = assign.fill_builder(markdown)  # the teachers' assignment builder
    markdown = class_results.fill(markdown)  # the teachers' class results page
    return citations.cite(markdown, src_uri)


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    # download links, the page's address in citations, "cite this page"
    return reuse.on_page_content(html, page)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Every page gets its Content-Security-Policy. Pages with a chart fetch Vega and the runtime
    modules while the page is still parsing; pages with a widget also start Python's worker there."""
    if 'class="bx-figure' in output:
        here = lambda path: get_relative_url(path, page.url)  # noqa: E731 (relative: any sub-path works)
        links = "".join(
            f'<link rel="preload" as="script" href="{here(path)}">' for path in runtime_assets.CHART_SCRIPTS
        )
        links += "".join(
            f'<link rel="modulepreload" href="{here(path)}">' for path in runtime_assets.page_modules()
        )
        output = output.replace("</head>", links + "</head>", 1)
        if 'class="bx-figure bx-widget' in output:
            # First in <head>: an inline script after the stylesheets would wait for them.
            early = runtime_assets.early_worker_script(here("assets/runtime/worker.js"))
            output = output.replace("<head>", "<head>" + early, 1)
    return csp.with_policy(output, live_reload=_serving)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Static templates (404.html) get the same policy as pages."""
    if template_name.endswith(".html"):
        return csp.with_policy(output_content, live_reload=_serving)
    return output_content


def on_post_build(config: Any) -> None:
    site_dir = Path(config.site_dir)
    offline.write_service_worker(site_dir)
    if not _serving:  # 25 MB zipped on every live reload would slow editing; `mkdocs build` writes it
        classroom_pack.write_pack(site_dir)  # last: it holds every other file, the service worker too


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    for folder in ("widgets", "explainers"):
        server.watch(str(runtime_assets.ROOT / folder))
    return server
