"""The TypeScript declarations explainers/contract.py writes from the Python side's TypedDicts, against which
tsc checks the page's JavaScript (`make check`, tools/js_checks.py)."""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

import pytest

from explainers import contract, runtime_assets
from tools import js_checks
from widgets import registry, wire


class Example(TypedDict):
    """An example.

    Over two lines."""

    name: str
    count: int
    share: float | None
    flags: list[bool]
    rows: list[dict[str, Any]]
    either: list[int | str]
    kind: Literal["a", "b"]
    done: Literal[True]
    later: NotRequired[wire.FigureReply]


def test_python_types_are_written_as_typescript_types():
    assert contract.interface(Example).splitlines() == [
        "/** An example.",
        " *  Over two lines.",
        " */",
        "export interface Example {",
        "  name: string;",
        "  count: number;",
        "  share: number | null;",
        "  flags: boolean[];",
        "  rows: Record<string, unknown>[];",
        "  either: (number | string)[];",
        '  kind: "a" | "b";',
        "  done: true;",
        "  later?: FigureReply;",
        "}",
    ]


def test_a_type_without_a_typescript_form_is_refused_not_guessed():
    with pytest.raises(TypeError, match="no TypeScript type"):
        contract.typescript(set[int])
    with pytest.raises(TypeError, match="no TypeScript type"):
        contract.typescript(tuple[int, str])


def test_every_shape_the_javascript_reads_is_declared_with_contract_js_exports():
    declared = contract.declarations()
    for shape in contract.SHAPES:
        assert f"export interface {shape.__name__} {{" in declared
    for name in contract.values():
        assert f"export declare const {name}: " in declared
    for name in contract.UNIONS:
        assert f"export type {name} = " in declared
    assert set(contract.UNIONS["WorkerMessage"]) == set(runtime_assets.WORKER_MESSAGE_SHAPES.values())


def test_each_message_type_name_is_the_one_its_shape_declares():
    declared = contract.declarations()
    for name, type_name in runtime_assets.WORKER_MESSAGES.items():
        shape = runtime_assets.WORKER_MESSAGE_SHAPES[name]
        assert f'export interface {shape.__name__} {{\n  type: "{type_name}";' in declared


def test_a_run_reply_has_exactly_the_declared_fields():
    """What registry.run_json sends is what the declaration says, field for field (mypy checks the types)."""
    import json

    model = registry.MODELS["tariff_stack"]
    reply = json.loads(registry.run_json("tariff_stack", json.dumps(model.defaults())))
    fields = set(wire.RunReply.__annotations__) | set(wire.ResultReply.__annotations__)
    assert set(reply) == fields
    assert set(reply["figures"][0]) == set(wire.FigureReply.__annotations__)
    assert set(reply["description"]) == set(wire.DescriptionReply.__annotations__)
    failure = json.loads(registry.run_json("tariff_stack", "{not json"))
    assert set(failure) == set(wire.Failure.__annotations__)


def test_the_checks_see_what_the_build_generates(tmp_path, monkeypatch):
    monkeypatch.setattr(js_checks, "TYPES_DIR", tmp_path)
    js_checks.write_declarations()
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == sorted(js_checks.generated())
    assert (tmp_path / "runtime/contract.d.ts").read_text() == contract.declarations()
