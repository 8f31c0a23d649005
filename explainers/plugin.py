"""The site's MkDocs plugin (`busan` under `plugins:` in mkdocs.yml, registered in pyproject.toml): a thin
adapter from MkDocs' events to one `Build` (explainers/build.py), which holds the build's steps and state.
A Build is made in on_config and dropped once the build is over, so no build sees another's state.

`mkdocs serve` keeps one Python process across rebuilds, and Python imports a module once: the data a
module caches (sources.toml, the data sets, the corrections log) and the code itself (a chart, a model)
would stay as the first build read them. So when serving, on_config first forgets every module of the
packages below (this adapter excepted: MkDocs holds it) and the build imports them afresh: each rebuild
sees every edit, as `mkdocs build` in a new process would. on_serve watches the same packages' folders.
Nothing of ours is imported while MkDocs reads mkdocs.yml (the fences come from here, not from the
YAML), so nothing of an earlier build's code is left in the configuration.

Languages (explainers/editions.py): the build whose theme language is English is the site's root; when it is
written, on_post_build runs each other language's build into its folder (`ru/`), with a plugin of its own,
then writes what every edition shares (the service worker, the classroom pack). `mkdocs serve` rebuilds
them all and watches locales/ too.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

SUPERFENCES = "pymdownx.superfences"


class BuildConfig(Config):
    # The packages whose code and data make the site: watched, and read afresh for each rebuild, when serving.
    packages = c.ListOfItems(c.Type(str), default=["explainers", "widgets"])


class BuildPlugin(BasePlugin[BuildConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.build: Any = None  # explainers.build.Build, for the build under way
        self.problem: type[Exception] = Exception  # explainers.build.BuildProblem, of the same import
        # Set by the English build when it runs another language's (explainers/editions.py):
        self.edition_of_serve = False  # our modules were read afresh for this rebuild already
        self.english_heading_ids: dict[str, list[str]] | None = None  # a translation must keep them
        self.config_file: str | None = None
        self.strict = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup keeps this one object for every rebuild of a `mkdocs serve`.
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        if self.serving and not self.edition_of_serve:
            forget_modules(self.config.packages)
        build = importlib.import_module("explainers.build")
        self.problem = build.BuildProblem
        self.config_file = config.config_file_path
        self.strict = bool(config.strict)
        self.build = build.Build(
            site_url=config.site_url or "",
            docs_dir=Path(config.docs_dir),
            serving=self.serving,
            language=config.theme.get("language") or "en",  # Material's theme.language: the edition's
            config_file=config.config_file_path,
            english_heading_ids=self.english_heading_ids,
        )
        config.extra.update(self.build.extra())
        if SUPERFENCES not in config.markdown_extensions:
            raise PluginError(
                f"the figures and quizzes are {SUPERFENCES} fences: add it to markdown_extensions"
            )
        superfences = config.mdx_configs.setdefault(SUPERFENCES, {})
        superfences["custom_fences"] = [*superfences.get("custom_fences", []), *self.build.fences()]
        return config

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        # The theme's templates (overrides/) write the build's words with {{ _("...") }}, as ours do.
        env.install_gettext_callables(gettext=self.build.gettext, ngettext=self.build.ngettext, newstyle=True)
        return env

    def on_files(self, files: Files, *, config: Any) -> Files:
        try:
            added = self.build.files()
        except self.problem as problem:
            raise PluginError(str(problem)) from None  # a plain message, not a traceback
        for page in files.documentation_pages():
            translated = self.build.translation(page.src_uri)
            if translated is not None:  # another edition's page: read from locales/<code>/docs/
                page.abs_src_path = str(translated)
        for site_path, source in added.items():
            if isinstance(source, Path):
                files.append(File.generated(config, site_path, abs_src_path=str(source)))
            else:
                files.append(File.generated(config, site_path, content=source))
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        try:
            return self.build.page_markdown(markdown, src_uri=page.file.src_uri, url=page.url)
        except self.problem as problem:
            raise PluginError(str(problem)) from None  # a plain message, not a traceback

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        try:
            html = self.build.page_content(
                html,
                src_uri=page.file.src_uri,
                url=page.url,
                canonical_url=page.canonical_url or "",
                nav_title=page.title or "",
            )
        except self.problem as problem:
            raise PluginError(str(problem)) from None  # a plain message, not a traceback
        self.build.page_toc(page.toc, html)
        return html

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return self.build.post_page(output, page.url)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        return self.build.post_template(output_content, template_name)

    def on_post_build(self, *, config: Any) -> None:
        site_dir = Path(config.site_dir)
        build, config_file, strict = self.build, self.config_file, self.strict
        if build.edition.language.original and config_file:
            editions = importlib.import_module("explainers.editions")
            for language in editions.other_languages():
                editions.build_edition(  # through this same plugin object: see build_edition
                    config_file,
                    language,
                    site_dir=site_dir,
                    site_url=config.site_url or "",
                    english_heading_ids=build.heading_ids,
                    strict=strict,
                )
        build.post_build(site_dir)
        self.build = None

    def on_build_error(self, *, error: Exception) -> None:
        self.build = None

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        for package in self.config.packages:
            for folder in importlib.import_module(package).__path__:
                server.watch(folder)
        locales = importlib.import_module("explainers.editions").locales_folder(config.config_file_path)
        if locales.is_dir():  # the translations
            server.watch(str(locales))
        return server


def forget_modules(packages: list[str]) -> None:
    """Drop the packages' modules (not this one) from Python's module cache: the next import reads them
    from their files again, with empty caches."""
    for name in list(sys.modules):
        if name != __name__ and any(name == p or name.startswith(f"{p}.") for p in packages):
            del sys.modules[name]
    importlib.invalidate_caches()  # a module added since the last build is found too
