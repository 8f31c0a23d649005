"""Versions: the site's (one string for citations and downloads) and each model's (carried by scenario links).

- The site version is the "as of" date of the facts plus a short hash of the content that makes the site
  (pages, data, sources, models): two builds with different content never share a version, and a reader
  still sees a date.
- A model's version is `Model.version`, one line in its file. Its history lives in the changes log
  (explainers/corrections.toml, `[[model_version]]`): what each version changed, and a fingerprint of the
  model's settings and results, so a test notices when the equations or defaults change without a new
  version. A scenario link carries its model's version (`?tariff_stack.v=1`); a link without one was made
  before links were versioned, that is with version 1.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explainers import catalog, corrections, fence_header, runtime_assets
from widgets import numbers
from widgets.model import Model

ROOT = runtime_assets.ROOT
PAGES = "docs/**/*.md"  # in the project (runtime_assets.PROJECT), the rest beside this package
CONTENT = (
    PAGES,
    "explainers/*.toml",
    "explainers/data/*.csv",
    "explainers/**/*.py",
    "explainers/templates/*.html",
    "widgets/*.py",
)
# ?<widget key>.v=<model version>; the page reads it from contract.js (explainers/contract.py)
VERSION_KEY = "v"
UNVERSIONED = 1  # a link made before links carried a version was made with each model's first version
MARKER = "<!-- model-versions -->"
SIGNIFICANT = 9  # digits of each number the fingerprint keeps: enough to see any change in an equation


@functools.lru_cache(maxsize=1)
def content_hash() -> str:
    """Computed once per build: a build reads this module afresh (explainers/plugin.py, for `mkdocs serve`)."""
    digest = hashlib.sha256()
    for pattern in CONTENT:
        base = runtime_assets.PROJECT if pattern == PAGES else ROOT
        for path in sorted(base.glob(pattern)):
            digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:7]


def site_version() -> str:
    """e.g. 2026-11-27+3f2a9c1: the facts' "as of" date and the content's hash."""
    return f"{corrections.as_of().isoformat()}+{content_hash()}"


@dataclass(frozen=True)
class ModelVersion:
    model: str
    version: int
    date: dt.date
    what: str
    fingerprint: str

    @property
    def anchor(self) -> str:
        return f"model-{self.model}-v{self.version}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "date": self.date.isoformat(),
            "what": self.what,
            "anchor": self.anchor,
        }


class UnloggedModelVersion(ValueError):
    pass


def history(name: str) -> list[ModelVersion]:
    """A model's logged versions, oldest first; its current version must be among them."""
    found = sorted(
        (
            ModelVersion(e["model"], e["version"], e["date"], e["what"], e["fingerprint"])
            for e in corrections.model_versions()
            if e["model"] == name
        ),
        key=lambda v: v.version,
    )
    current = catalog.widget(name).model.version
    if [v.version for v in found] != list(range(1, current + 1)):
        raise UnloggedModelVersion(
            f"{name} is at version {current}, but the changes log ({corrections.LOG.name}) has versions "
            f"{[v.version for v in found]}: add one [[model_version]] entry per version, saying what changed; "
            f'version {current}\'s is fingerprint = "{fingerprint(catalog.widget(name).model)}"'
        )
    return found


def _rounded(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return float(f"{value:.{SIGNIFICANT}g}") + 0.0  # + 0.0: no negative zero


def fingerprint(model: Model) -> str:
    """A short hash of what a scenario link depends on: the settings (names, ranges, steps, defaults), the
    presets, and the results at the defaults and at every preset. Labels and help texts are left out."""

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [walk(v) for v in value]
        return _rounded(value)

    states = [model.defaults()] + [dict(p.values) for p in model.presets]
    payload = {
        "params": [[p.name, p.minimum, p.maximum, p.step, p.default] for p in model.params],
        "presets": {p.key: dict(p.values) for p in model.presets},
        "runs": [
            {"data": r["data"], "figures": [f["value"] for f in r["figures"]]}
            for r in (model.run(state).as_dict() for state in states)
        ],
    }
    text = json.dumps(walk(payload), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def link_data(model: Model) -> dict[str, Any]:
    """What the page needs to version its links and to tell a reader what changed since a link was made."""
    return {
        "version": model.version,
        "unversioned": UNVERSIONED,
        "changes": [v.as_dict() for v in history(model.name)],
    }


def log_markdown() -> str:
    """The corrections page's section on model versions: newest first, one anchor per version."""
    parts = []
    for name, widget in catalog.WIDGETS.items():
        model = widget.model
        parts.append(f"### {model.title} {{ #model-{name} }}\n")
        parts.append(
            f"Widget `{name}`, now at version {model.version}. [How the model works](methodology.md#{name}).\n"
        )
        for version in reversed(history(name)):
            parts.append(
                f"#### Version {version.version}, {numbers.date(version.date)} {{ #{version.anchor} }}\n"
            )
            parts.append(f"{version.what}\n")
    return "\n".join(parts)


# A scenario link in the site's own pages: `](page.md?key.param=…)`. Lessons send a class to one scenario;
# each such link must say which model version it was written for.
SCENARIO_LINK = re.compile(r"\]\((?P<path>[^)\s?#]*\.md)\?(?P<query>[^)#\s]+)")


def widget_keys(docs: Path) -> dict[str, dict[str, str]]:
    """page (under docs/) -> {link key: model name}, read from the pages' ```widget fences."""
    # Generated pages (explainers/embeds.py, assign.py) hold one widget each, under its own name.
    found: dict[str, dict[str, str]] = {
        f"{folder}/{name}.md": {name: name} for folder in ("embed", "assign") for name in catalog.WIDGETS
    }
    for page in docs.rglob("*.md"):
        for header in fence_header.page_headers(
            page.read_text(encoding="utf-8"), "widget", page.relative_to(docs).as_posix()
        ):
            key = header.figure_id.removeprefix("widget-")
            found.setdefault(page.relative_to(docs).as_posix(), {})[key] = header.name
    return found


def unversioned_links(markdown: str, page: str, keys: dict[str, dict[str, str]]) -> list[str]:
    """Scenario links on `page` that do not say their model's version, each with the fix."""
    problems = []
    for match in SCENARIO_LINK.finditer(markdown):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), match.group("path")))
        names = {pair.split("=", 1)[0] for pair in match.group("query").split("&")}
        for key, model in keys.get(target, {}).items():
            if any(n.startswith(f"{key}.") for n in names) and f"{key}.{VERSION_KEY}" not in names:
                version = catalog.widget(model).model.version
                problems.append(
                    f"{page}: the link to {target}?{match.group('query')} does not say which version of "
                    f"{model} it was written for: add &{key}.{VERSION_KEY}={version}"
                )
    return problems
