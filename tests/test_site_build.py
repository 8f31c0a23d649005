"""The built site is complete, self-contained and deployable under any sub-path."""

from __future__ import annotations

import io
import itertools
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from explainers import runtime_assets
from widgets import registry

ROOT = Path(__file__).resolve().parent.parent


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.figures: list[dict[str, str]] = []  # per <figure>: its class, and its JSON blocks by class
        self._block: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("src", "href"):
            if attributes.get(name):
                self.links.append(attributes[name])
        if tag == "figure" and "bx-figure" in (attributes.get("class") or ""):
            self.figures.append({"class": attributes["class"]})
        kind = attributes.get("class") if tag == "template" else None
        self._block = kind if kind in ("bx-specs", "bx-meta") else None

    def handle_data(self, data):
        if self._block is not None:
            self.figures[-1][self._block] = data
            self._block = None


def parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_page_uses_relative_asset_paths_so_a_sub_path_works(built_site):
    # 404.html is the exception by design: a host serves it at any missing path, so MkDocs writes its
    # links from site_url (set SITE_URL to the deployed address, as the Pages workflow does).
    pages = [p for p in built_site.rglob("*.html") if p.name != "404.html"]
    assert pages
    for page in pages:
        for link in parse(page).links:
            assert not link.startswith("/"), f"{page.relative_to(built_site)}: absolute path {link}"


def test_scripts_and_styles_come_from_the_site_itself(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loads = r'<(?:script[^>]+src|link[^>]+rel="(?:stylesheet|preload|modulepreload|icon)"[^>]+href)="(https?:)?//'
        for match in re.finditer(loads, text):
            raise AssertionError(f"{page.name} loads from another host: {match.group(0)}")


def test_a_chart_page_preloads_its_modules_at_low_priority(built_site):
    """Some thirty modules at the default priority held the host's connections ahead of Material's own
    script (explainers/build.py post_page has the figures): every preload of a runtime module is low."""
    page = (built_site / "busan-meeting" / "index.html").read_text(encoding="utf-8")
    preloads = re.findall(r'<link rel="modulepreload"[^>]*>', page)
    assert len(preloads) == len(runtime_assets.page_modules())
    assert all('fetchpriority="low"' in link for link in preloads), preloads


def test_runtime_is_vendored_at_the_locked_versions(built_site):
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    for site_path in runtime_assets.VENDOR:
        assert (built_site / site_path).is_file(), site_path
    embedded = {  # each bundle states its own version
        "assets/vendor/pyodide/pyodide.mjs": ("pyodide", '"{}"'),
        "assets/vendor/vega.min.js": ("vega", 'version="{}"'),
    }
    for site_path, (package, pattern) in embedded.items():
        version = lock[f"node_modules/{package}"]["version"]
        assert pattern.format(version) in (built_site / site_path).read_text(encoding="utf-8"), site_path


def test_browser_gets_the_same_model_files_pytest_checks(built_site):
    archive = zipfile.ZipFile(io.BytesIO((built_site / runtime_assets.WIDGETS_ARCHIVE).read_bytes()))
    shipped = {name: archive.read(name) for name in archive.namelist()}
    local = {f"widgets/{p.name}": p.read_bytes() for p in (ROOT / "widgets").glob("*.py")}
    assert shipped == local


def test_widget_figures_carry_their_starting_scenario_computed_by_the_model(built_site):
    checked = 0
    for page in built_site.rglob("*.html"):
        for figure in parse(page).figures:
            if "bx-widget" not in figure["class"]:
                continue
            meta = json.loads(figure["bx-meta"])
            model = registry.get(meta["widget"])
            assert set(meta["start"]) == {p.name for p in model.params}
            expected = json.loads(
                json.dumps(model.run(meta["start"], meta["startBaseline"]).as_dict()["data"])
            )
            for view in json.loads(figure["bx-specs"]):
                assert view["datasets"], "a widget view that reads none of its model's data"
                for data in view["vega"]["data"]:
                    if data["name"] in view["datasets"]:
                        assert data["values"] == expected[data["name"]], (
                            f"{page.relative_to(built_site)}: {meta['widget']} {data['name']}"
                        )
            checked += 1
    assert checked >= 6, "widget figures missing from the built site"


def test_every_relative_link_and_asset_resolves_to_a_built_file(built_site):
    for page in built_site.rglob("*.html"):
        if page.name == "404.html":
            continue
        for link in parse(page).links:
            if link.startswith(("http:", "https:", "#", "mailto:", "data:")):
                continue
            target = (page.parent / link.split("#", 1)[0].split("?", 1)[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(built_site)} links to missing {link}"


def test_built_pages_allow_only_hashed_inline_scripts_and_never_eval(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
        script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, page.name


def test_search_indexes_the_prose_not_the_figures_data(built_site):
    # Material's search indexes a page's text, <template> content included: the figures' JSON and the
    # pictures' labels are marked data-search-exclude (a 150 kB index would otherwise pass 400 kB).
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for marker in ('\\"signals\\"', '\\"datasets\\"', "role-axis", "Before Busan (Oct 2025)Before"):
        assert marker not in index, marker
    assert "Busan" in index  # the prose is still there


def test_every_chart_view_has_a_picture_per_colour_scheme_and_width(built_site):
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        views = html.count('<div class="bx-view"')
        for scheme, fits in itertools.product(("default", "slate"), ("wide", "narrow")):
            pictures = re.findall(
                rf'<div class="bx-picture" data-scheme="{scheme}" data-fits="{fits}">'
                r'<svg aria-hidden="true"[^>]*>(.*?)</svg></div>',
                html,
                re.S,
            )
            assert len(pictures) == views, f"{page.relative_to(built_site)} {scheme} {fits}"
            assert all("<text" in svg and "<path" in svg for svg in pictures), page
