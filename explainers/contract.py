"""The contract between the Python side and the page's JavaScript, written once, in Python.

Every value both sides must agree on (the grammar of a number, the decimals of a figure, the key of a
link's model version, the names of the worker's messages and calls, the files the worker fetches, the
boot steps it runs) is defined in the Python module that uses it, and the build writes them all into
one ES module, `assets/runtime/contract.js`, which the runtime's JavaScript imports instead of
repeating them (as theme.js carries explainers/charts/theme.py). Rules that are code on both sides
(formatting a number, reading a quiz answer) are held together by the shared cases in
tests/cases/contract_cases.json, which pytest and `node --test` both run.

The shapes both sides pass each other (a model run's reply, its read-outs, the worker's messages) are
TypedDicts on the Python side (widgets/wire.py, explainers/runtime_assets.py), which mypy checks; the same
shapes are written here as TypeScript declarations (`declarations()`), with the types of contract.js's
exports, which tsc checks the runtime's JavaScript against (`make check`, tools/js_checks.py).
"""

from __future__ import annotations

import json
import posixpath
import types
from typing import Any, Literal, NotRequired, Union, get_args, get_origin, get_type_hints, is_typeddict

from explainers import assign, quiz, runtime_assets, short_pages, snapshot, stdlib, versions
from explainers.languages import LANGUAGES
from widgets import numbers, params, wire

MODULE = runtime_assets.CONTRACT_MODULE


def values() -> dict[str, Any]:
    """Each export of contract.js: its name and its (JSON) value."""
    return {
        # A RegExp source: widgets/params.py reads the same text with Python's `re` (a test checks that
        # both engines take it, and the shared cases that they accept the same texts).
        "NUMBER_TEXT": params.NUMBER_TEXT.pattern,
        "DEFAULT_DIGITS": numbers.DEFAULT_DIGITS,
        "MONEY_DIGITS": numbers.MONEY_DIGITS,
        "PLURAL_UNITS": list(numbers.PLURAL_UNITS),
        "ANSWER_SPACES": quiz.ANSWER_SPACES,
        "ANSWER_AFFIXES": quiz.ANSWER_AFFIXES,
        "ANSWER_GROUP": quiz.ANSWER_GROUP,
        "NUMBER_STYLES": numbers.runtime_styles(),  # each language's separators, months and unit words
        "VERSION_KEY": versions.VERSION_KEY,
        "ASSIGN_FOLDER": assign.FOLDER,  # assignment pages: assign/<widget>/
        "GO_FOLDER": short_pages.FOLDER,  # short addresses: go/<name>/ and go/#<code>
        # Each language's edition: its folder under the site's root, by the code in <html lang> (edition.js).
        "EDITIONS": {code: language.prefix for code, language in LANGUAGES.items()},
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
        "WORKER_MODULES": runtime_assets.worker_bootstrap(),  # the worker's bootstrap imports them all at once
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


# The shapes declared for the JavaScript, in the order they are written: replies (widgets/wire.py), then
# the worker's messages and calls (explainers/runtime_assets.py).
SHAPES: tuple[type, ...] = (
    wire.FigureReply,
    wire.DescriptionReply,
    wire.ResultReply,
    wire.RunReply,
    wire.EditedReply,
    wire.TextReply,
    wire.Failure,
    *runtime_assets.WORKER_MESSAGE_SHAPES.values(),
    runtime_assets.Call,
)
UNIONS = {
    # What each call resolves to once python.js has read it (a reply that cannot be read is a Failure).
    "ModelReply": (wire.RunReply, wire.Failure),
    "EditedModelReply": (wire.EditedReply, wire.Failure),
    "StandaloneReply": (wire.TextReply, wire.Failure),
    "WorkerMessage": tuple(runtime_assets.WORKER_MESSAGE_SHAPES.values()),
}
SCALARS = {str: "string", int: "number", float: "number", bool: "boolean", type(None): "null", Any: "unknown"}


def typescript(hint: Any) -> str:
    """A Python type hint as a TypeScript type: TypedDicts by name (each is declared), JSON's types by theirs."""
    if hint in SCALARS:
        return SCALARS[hint]
    if is_typeddict(hint):
        return hint.__name__
    origin, args = get_origin(hint), get_args(hint)
    if origin is Literal:
        return " | ".join(json.dumps(arg) for arg in args)
    if origin in (Union, types.UnionType):
        return " | ".join(typescript(arg) for arg in args)
    if origin is list:
        item = typescript(args[0])
        return f"({item})[]" if " | " in item else f"{item}[]"
    if origin is dict:
        return f"Record<{typescript(args[0])}, {typescript(args[1])}>"
    raise TypeError(f"no TypeScript type for {hint!r}: add it to contract.typescript()")


def _comment(text: str | None) -> list[str]:
    lines = [line.strip() for line in (text or "").strip().splitlines()]
    if len(lines) <= 1:
        return [f"/** {lines[0]} */"] if lines and lines[0] else []
    return [f"/** {lines[0]}", *(f" *  {line}" for line in lines[1:] if line), " */"]


def interface(shape: type) -> str:
    """One TypedDict as a TypeScript interface, every field written out (inherited ones too)."""
    fields = []
    # `__optional_keys__` misses NotRequired[...] written as a string (postponed annotations) before 3.12.
    for name, hint in get_type_hints(shape, include_extras=True).items():
        optional = get_origin(hint) is NotRequired
        fields.append(
            f"  {name}{'?' if optional else ''}: {typescript(get_args(hint)[0] if optional else hint)};"
        )
    return "\n".join([*_comment(shape.__doc__), f"export interface {shape.__name__} {{", *fields, "}"])


def _value_type(value: Any) -> str:
    """The exact type of one JSON value, as a `const` declaration would infer it (readonly, literal)."""
    if isinstance(value, dict):
        fields = "; ".join(f"readonly {json.dumps(k)}: {_value_type(v)}" for k, v in value.items())
        return f"{{ {fields} }}"
    if isinstance(value, list):
        return f"readonly [{', '.join(_value_type(v) for v in value)}]"
    return json.dumps(value)


def declarations() -> str:
    """`contract.d.ts`: the types of contract.js's exports and of the shapes above, for tsc (never shipped)."""
    lines = [
        "// Generated by explainers/contract.py from the Python modules it names: edit them there.",
        *(f"export declare const {name}: {_value_type(value)};" for name, value in values().items()),
        "export declare const SITE_ROOT: string;",
        "export declare function site(path: string): string;",
        "",
    ]
    for shape in SHAPES:
        lines += [interface(shape), ""]
    for name, members in UNIONS.items():
        lines.append(f"export type {name} = {' | '.join(member.__name__ for member in members)};")
    return "\n".join(lines) + "\n"
