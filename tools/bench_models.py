"""How long one model run takes, in CPython and in Pyodide (a benchmark, not a test).

    .venv/bin/python -m tools.bench_models

The same `widgets` files run in both: CPython imports them from the repository; Pyodide unpacks the
built site's widgets.zip, in headless Chromium, and times the runs with the same loop. (Not timeit: the site's
trimmed standard library leaves it out, as it leaves out every module the widgets do not import.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.browser_setup import launch_args
from tools.site_server import SiteServer
from widgets import registry

ROOT = Path(__file__).resolve().parent.parent
TIMING = """
import json, time
from widgets import registry
def median_ms(name, repeat=7, number=50):
    model = registry.get(name)
    values = model.defaults()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            model.run(values)
        runs.append(time.perf_counter() - start)
    return sorted(runs)[len(runs) // 2] / number * 1000
json.dumps({name: median_ms(name) for name in sorted(registry.MODELS)})
"""


def cpython() -> dict[str, float]:
    scope: dict = {}
    exec(TIMING.rsplit("\n", 2)[0], scope)  # everything but the final expression
    return {name: scope["median_ms"](name) for name in sorted(registry.MODELS)}


def pyodide(site: SiteServer) -> dict[str, float]:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_args())
        page = browser.new_page()
        page.goto(site.url + "sources/")
        result = page.evaluate(
            """async ([base, code]) => {
            const { loadPyodide } = await import(base + "assets/vendor/pyodide/pyodide.mjs");
            const py = await loadPyodide({ indexURL: base + "assets/vendor/pyodide/" });
            const zip = await (await fetch(base + "assets/runtime/widgets.zip")).arrayBuffer();
            py.unpackArchive(zip, "zip", { extractDir: "/home/pyodide/bx" });
            py.runPython("import sys; sys.path.insert(0, '/home/pyodide/bx')");
            return py.runPython(code);
        }""",
            [site.url, TIMING],
        )
        browser.close()
    return json.loads(result)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
            cwd=ROOT,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        with SiteServer(site_dir) as site:
            browser = pyodide(site)
    native = cpython()
    print("model run time, default parameters (median of 7 x 50 runs)")
    print(f"  {'model':<24}{'CPython':>12}{'Pyodide':>12}{'ratio':>8}")
    for name in sorted(native):
        print(
            f"  {name:<24}{native[name]:>10.3f}ms{browser[name]:>10.3f}ms{browser[name] / native[name]:>8.1f}"
        )


if __name__ == "__main__":
    main()
