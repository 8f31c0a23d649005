"""Vega's expressions for the widgets' charts, compiled at build time into `assets/runtime/vega-compiled.js`.

The site's Content-Security-Policy refuses `new Function`, so in the browser Vega evaluates each
expression (every encoder of every data point, every formula) with its AST interpreter: on a slider
move, most of a redraw. Node.js parses the same Vega specs here with Vega's own code generator
(explainers/vega_compile.mjs) and the build ships the functions it makes as an ordinary module; charts.js
gives them to Vega by key and leaves anything not found (other charts, a spec changed at run time) to the
interpreter. Cached under node_modules/.cache by the specs, the script and Vega's version.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

from explainers import catalog, catalogs
from explainers.charts.base import to_spec
from explainers.languages import LANGUAGES
from explainers.runtime_assets import NODE_MODULES, VEGA_COMPILED_MODULE
from explainers.snapshot import find_node
from explainers.vega_build import vega_spec
from widgets import numbers, words

MODULE = VEGA_COMPILED_MODULE
SCRIPT = Path(__file__).with_name("vega_compile.mjs")
CACHE = NODE_MODULES / ".cache" / "busan-vega-compiled"


# The module's exports, for tsc (tools/js_checks.py): the functions by key, and how a key is made.
DECLARATIONS = """\
export const key: (kind: string, expr: object) => string;
export const COMPILED: Map<string, Function>;
"""


class CompileFailed(RuntimeError):
    pass


def widget_specs() -> list[dict[str, Any]]:
    """The Vega spec of every widget view, as pages carry them (explainers/figures.py), in every edition's
    language: an expression is found by its text, and a Russian chart's expressions hold Russian words (its
    labels, its tooltips' titles), so specs in English alone left every Russian chart to the interpreter.
    The data only fills the spec, and expressions do not depend on it."""
    specs: list[dict[str, Any]] = []
    speaking = words.language()
    try:
        for code in LANGUAGES:
            catalogs.use(code)
            with numbers.speaking(code):
                for widget in catalog.WIDGETS.values():
                    data = widget.model.run(widget.model.defaults()).data
                    specs.extend(vega_spec(to_spec(view(), data)) for view in widget.charts.views)
    finally:
        catalogs.use(speaking)
    return specs


def runtime_module() -> str:
    specs = json.dumps(widget_specs())  # key order kept: an encoder's channels are compiled in order
    key = hashlib.sha256(
        specs.encode() + SCRIPT.read_bytes() + (NODE_MODULES / "vega" / "package.json").read_bytes()
    ).hexdigest()[:20]
    cached = CACHE / f"{key}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    done = subprocess.run(
        [find_node(), str(SCRIPT)], input=specs, capture_output=True, text=True, cwd=SCRIPT.parent.parent
    )
    if done.returncode != 0 or "export const COMPILED" not in done.stdout:
        raise CompileFailed(f"Vega's expressions could not be compiled:\n{done.stderr[-2000:]}")
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob("*.js"):
        old.unlink()
    cached.write_text(done.stdout, encoding="utf-8")
    return done.stdout
