"""The contract between the Python side and the page's JavaScript, written once, in Python.

Every value both sides must agree on (the grammar of a number, the decimals of a figure, the key of a
link's model version, the names of the worker's messages and calls, the files the worker fetches, the
boot steps it runs) is defined in the Python module that uses it, and the build writes them all into
one ES module, `assets/runtime/contract.js`, which the runtime's JavaScript imports instead of
repeating them (as theme.js carries explainers/charts/theme.py). Rules that are code on both sides
(formatting a number, reading a quiz answer) are held together by the shared cases in
tests/cases/contract_cases.json, which pytest and `node --test` both run.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from explainers import assign, quiz, runtime_assets, short_pages, snapshot, stdlib, versions
from widgets import params

MODULE = runtime_assets.CONTRACT_MODULE


def values() -> dict[str, Any]:
    """Each export of contract.js: its name and its (JSON) value."""
    return {
        # A RegExp source: widgets/params.py reads the same text with Python's `re` (a test checks that
        # both engines take it, and the shared cases that they accept the same texts).
        "NUMBER_TEXT": params.NUMBER_TEXT.pattern,
        "DEFAULT_DIGITS": params.DEFAULT_DIGITS,
        "MONEY_DIGITS": params.MONEY_DIGITS,
        "PLURAL_UNITS": list(params.PLURAL_UNITS),
        "ANSWER_SPACES": quiz.ANSWER_SPACES,
        "ANSWER_AFFIXES": quiz.ANSWER_AFFIXES,
        "VERSION_KEY": versions.VERSION_KEY,
        "ASSIGN_FOLDER": assign.FOLDER,  # assignment pages: assign/<widget>/
        "GO_FOLDER": short_pages.FOLDER,  # short addresses: go/<name>/ and go/#<code>
        "MESSAGES": runtime_assets.WORKER_MESSAGES,
        "CALLS": runtime_assets.WORKER_CALLS,
        "MODELS_DIR": snapshot.MODELS_DIR,
        "BOOT_PYTHON": snapshot.BOOT_PYTHON,
        # Site paths of what the worker and the page fetch, relative to the site root (SITE_ROOT).
        "FILES": {
            "widgets": runtime_assets.WIDGETS_ARCHIVE,
            "snapshot": snapshot.SITE_PATH,
            "pythonStdlib": stdlib.SITE_PATH,
            "pyodide": posixpath.dirname(stdlib.SITE_PATH) + "/",
        },
        "CHART_SCRIPTS": list(runtime_assets.CHART_SCRIPTS),  # in the order they must run
    }


def runtime_module() -> str:
    """`assets/runtime/contract.js`. Its `site(path)` turns a site path into an address, from wherever
    the module is served (the site may live under a sub-path)."""
    depth = MODULE.count("/")  # assets/runtime/contract.js: two folders below the site root
    lines = [
        "// Generated at build by explainers/contract.py from the Python modules it names: edit them there.",
        *(f"export const {name} = {json.dumps(value)};" for name, value in values().items()),
        f"export const SITE_ROOT = new URL({json.dumps('../' * depth)}, import.meta.url).href;",
        "export const site = (path) => new URL(path, SITE_ROOT).href;",
    ]
    return "\n".join(lines) + "\n"
