"""The build hook's share of "reuse this work", kept here so hooks.py only delegates:

- on_config: the site version, for the footer and every citation;
- on_files: the download files of every chart and widget figure (explainers/downloads.py);
- on_page_markdown: scenario links in the pages must say their model's version (a lesson written for one
  version of a model is flagged to its readers when the model changes); the corrections page lists the
  model versions;
- on_page_content: download links relative to the page, the page's address in citations, and the
  "Cite this page" block at the end of every page.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from explainers import cite, corrections, downloads, versions

_widget_keys: dict[str, dict[str, str]] = {}


class UnversionedScenarioLink(ValueError):
    pass


def on_config(config: Any) -> None:
    versions.content_hash.cache_clear()
    config.extra["site_version"] = versions.site_version()


def on_files(files: Files, config: Any) -> None:
    docs = Path(config.docs_dir)
    _widget_keys.clear()
    _widget_keys.update(versions.widget_keys(docs))
    for site_path, content in downloads.all_files(config.site_url or "", docs).items():
        files.append(File.generated(config, site_path, content=content))


def on_page_markdown(markdown: str, page: Any) -> str:
    problems = versions.unversioned_links(markdown, page.file.src_uri, _widget_keys)
    if problems:
        raise UnversionedScenarioLink("; ".join(problems))
    if versions.MARKER in markdown:
        markdown = markdown.replace(versions.MARKER, versions.log_markdown())
    return markdown


HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
PERMALINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
TAG = re.compile(r"<[^>]+>")


def page_title(html: str, page: Any) -> str:
    """The page's own heading, as a reader sees it ("Home" in the navigation is "The Busan truce explainer")."""
    match = HEADING.search(html)
    heading = unescape(TAG.sub("", PERMALINK.sub("", match.group(1)))).strip() if match else ""
    return heading or page.title or ""


def page_citation(html: str, page: Any) -> cite.Citation:
    return cite.Citation(
        page_title(html, page),
        page.canonical_url or page.url,
        corrections.as_of(),
        versions.site_version(),
        key=cite.key(page.file.src_uri, corrections.as_of()),
    )


def on_page_content(html: str, page: Any) -> str:
    # str: Markup would escape html
    html += str(cite.block_html(page_citation(html, page), "Cite this page", "cite-this-page"))
    return downloads.link_site_paths(html, page.url, page.canonical_url or page.url)
