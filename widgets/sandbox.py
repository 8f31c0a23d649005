"""Run a reader's edited copy of a model ("look inside"), in the browser's worker only.

The edited source is executed as a fresh module; its MODEL must produce the same data sets, row
fields and figures as the original, so the page's charts can draw it. Every failure becomes a
plain-language message with a line number; the page keeps its last good chart.
"""

from __future__ import annotations

import ast
import json
import math
import sys
import traceback
from pathlib import Path
from typing import Any

from widgets import registry
from widgets.model import Result
from widgets.params import ParameterError
from widgets.wire import EditedReply, Failure
from widgets.words import _

FILENAME = "<your model>"


def model_source(name: str) -> str:
    """The real module behind a widget, as the worker runs it."""
    return _module_text(registry.get(name).compute.__module__)


def _line_of(error: BaseException) -> int | None:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == FILENAME]
    return frames[-1].lineno if frames else None


def _fail(message: str, line: int | None = None) -> str:
    where = _("Line {line}: ").format(line=line) if line else ""
    failure: Failure = {"ok": False, "error": where + message}  # the line is in the text the reader sees
    return json.dumps(failure)


def _shape_problem(original: Result, edited: Any) -> str | None:
    if not isinstance(edited, Result):
        return _("MODEL.run must return a Result; it returned {kind}.").format(kind=type(edited).__name__)
    for name, rows in original.data.items():
        new_rows = edited.data.get(name) if isinstance(edited.data, dict) else None
        if not isinstance(new_rows, list) or not new_rows:
            return _("the data set “{name}” is missing or empty; the chart needs it.").format(name=name)
        fields = set(rows[0])
        for row in new_rows:
            if not isinstance(row, dict) or not fields <= set(row):
                return _("each row of “{name}” needs the fields {fields}.").format(
                    name=name, fields=", ".join(sorted(fields))
                )
            for key in fields:
                value = row[key]
                if isinstance(value, float) and not math.isfinite(value):
                    return _("“{name}” has a value that is not a finite number ({key} = {value}).").format(
                        name=name, key=key, value=value
                    )
    return None


def run_edited(name: str, code: str, values_json: str) -> str:
    """JSON in (settings, or settings with a baseline), JSON out, like registry.run_json, for the reader's
    version of model `name`."""
    original_model = registry.get(name)
    try:
        compiled = compile(code, FILENAME, "exec")
    except SyntaxError as error:
        return _fail(_("Python cannot read this: {why}.").format(why=error.msg), error.lineno)
    namespace: dict[str, Any] = {"__name__": f"reader_{name}"}
    try:
        exec(compiled, namespace)
        edited_model = namespace.get("MODEL")
        if edited_model is None:
            return _fail(_("the code must still define MODEL (the widget looks for it)."))
        settings, baseline, previous = registry.parse_request(values_json)
        original = original_model.run(settings, baseline)
        edited = edited_model.run(settings, baseline, words=False)
        problem = _shape_problem(original, edited)
        if problem:
            return _fail(_("The output has the wrong shape: {problem}").format(problem=problem))
        said: Result = edited_model.run(settings, baseline, previous)  # and in words
    except ParameterError as error:
        return _fail(str(error))
    except Exception as error:  # the reader's code may raise anything; report it, keep the page alive
        return _fail(f"{type(error).__name__}: {error}", _line_of(error))
    reply: EditedReply = {"ok": True, **said.as_dict(), "original": original.as_dict()["figures"]}
    return json.dumps(reply)


def standalone(code: str) -> str:
    """One .py file that runs with plain CPython: the shared helpers, then the reader's model."""
    helpers = ("widgets.numbers", "widgets.words", "widgets.params", "widgets.describe", "widgets.model")
    parts = [_module_text(m) for m in helpers] + [code]
    body = "\n\n".join(_without_package_imports(part) for part in parts)
    return (
        '"""A model from the Busan truce explainer, with its helpers, as one file.\n\n'
        'Run it with:  python3 this_file.py\n"""\n\nfrom __future__ import annotations\n\n'
        f'{body}\n\n\nif __name__ == "__main__":\n'
        "    for figure in MODEL.run(MODEL.defaults()).figures:\n"
        '        print(f"{_(figure.label)}: {figure.text}")\n'
    )


def _module_text(module: str) -> str:
    """The source of an imported module, read from the file it was loaded from (in Pyodide as well)."""
    return Path(str(sys.modules[module].__file__)).read_text(encoding="utf-8")


def _without_package_imports(source: str) -> str:
    """Drop `from widgets... import` and `from __future__` statements (however many lines they span):
    in the single file, those names are defined above."""
    drop: set[int] = set()
    for node in ast.parse(source).body:
        module = node.module if isinstance(node, ast.ImportFrom) else None
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if (module or "").startswith(("widgets", "__future__")) or any(
            n.startswith("widgets") for n in names
        ):
            drop.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    lines = source.splitlines()
    return "\n".join(line for number, line in enumerate(lines, start=1) if number not in drop).strip()
