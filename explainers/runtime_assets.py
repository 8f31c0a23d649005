"""The browser runtime the site ships: vendored npm builds, the widget JS and the `widgets` package.

Everything is copied into the built site so that a reader's browser contacts no other host.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
RUNTIME_DIR = ROOT / "widgets" / "runtime"
WIDGETS_DIR = ROOT / "widgets"

# site path -> file in node_modules. Only what the browser needs: no source maps, no CDN fallbacks.
VENDOR = {
    "assets/vendor/vega.min.js": "vega/build/vega.min.js",
    "assets/vendor/vega-embed.min.js": "vega-embed/build/vega-embed.min.js",
    **{
        f"assets/vendor/pyodide/{name}": f"pyodide/{name}"
        for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
    },
}  # and python_stdlib.zip, trimmed to what the models use (explainers/stdlib.py)
WIDGETS_ARCHIVE = "assets/runtime/widgets.zip"
THEME_MODULE = "assets/runtime/theme.js"  # generated from explainers/charts/theme.py
SERVICE_WORKER_SOURCE = "sw.js"  # written to the site root with its manifest (explainers/offline.py)


# Vega-Lite is not shipped: the build compiles every chart to Vega (explainers/vega_build.py).
CHART_SCRIPTS = ("assets/vendor/vega.min.js", "assets/vendor/vega-embed.min.js")


# Inlined at the top of <head> on pages with a widget: Python's worker starts while the page is still
# parsing, about half a second before the page's modules run; python.js adopts it (and the messages it
# sent meanwhile). Seconds of boot are the longest wait on the site, so they start first.
EARLY_WORKER = (
    "(function(){var q=[],w=new Worker(%s,{type:'module'});"
    "w.onmessage=function(e){q.push(e.data)};"
    "w.onerror=function(e){e.preventDefault();q.push({type:'boot-error',text:'the Python worker failed to start'})};"
    "window.busanExplainer=Object.assign(window.busanExplainer||{},{earlyWorker:{worker:w,queued:q}})})()"
)


def early_worker_script(worker_url: str) -> str:
    return f"<script>{EARLY_WORKER % json.dumps(worker_url)}</script>"


class MissingRuntime(FileNotFoundError):
    def __str__(self) -> str:
        return f"{self.args[0]} is missing: run `make setup` (it installs the pinned npm packages)"


def vendor_files() -> dict[str, Path]:
    files = {}
    for site_path, package_path in VENDOR.items():
        path = NODE_MODULES / package_path
        if not path.is_file():
            raise MissingRuntime(path)
        files[site_path] = path
    return files


def runtime_files() -> dict[str, Path]:
    """The site's own JS and CSS, which live beside the widget models they serve."""
    return {f"assets/runtime/{p.name}": p for p in sorted(RUNTIME_DIR.iterdir())
            if p.suffix in {".js", ".css"} and p.name != SERVICE_WORKER_SOURCE}


def page_modules() -> list[str]:
    """Site paths of the ES modules a page imports (for <link rel="modulepreload">): the runtime's own,
    and the generated theme; not worker.js and worker-boot.js, which run in the worker, not in the page."""
    own = [path for path in runtime_files()
           if path.endswith(".js") and not path.rsplit("/", 1)[-1].startswith("worker")]
    return [*own, THEME_MODULE]


def widgets_archive() -> bytes:
    """The pure-Python `widgets` package as a zip for Pyodide's unpackArchive: the very files pytest
    checks. A plain zip rather than a wheel: no installer runs in the browser, and nothing is compiled.
    Fixed timestamps keep the bytes identical from build to build (cache-friendly)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(WIDGETS_DIR.glob("*.py")):
            info = zipfile.ZipInfo(f"widgets/{path.name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()
