"""A reader's edited model: run, explained when it fails, and downloadable as one runnable file."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from widgets import registry, sandbox


@pytest.fixture(params=sorted(registry.MODELS))
def name(request):
    return request.param


def defaults_json(name):
    return json.dumps(registry.get(name).defaults())


def test_unchanged_source_gives_the_original_figures(name):
    reply = json.loads(sandbox.run_edited(name, sandbox.model_source(name), defaults_json(name)))
    assert reply["ok"] and [f["text"] for f in reply["figures"]] == [f["text"] for f in reply["original"]]


def test_errors_name_their_line(name):
    source = sandbox.model_source(name)
    lines = source.splitlines()
    target = next(i for i, line in enumerate(lines) if line.startswith("def compute("))
    broken = "\n".join(lines[: target + 1] + ["    raise ValueError('my mistake')"] + lines[target + 1 :])
    reply = json.loads(sandbox.run_edited(name, broken, defaults_json(name)))
    assert reply == {"ok": False, "error": f"Line {target + 2}: ValueError: my mistake"}
    reply = json.loads(sandbox.run_edited(name, source + "\ndef (:\n", defaults_json(name)))
    assert reply["ok"] is False and reply["error"].startswith(
        f"Line {len(lines) + 2}: Python cannot read this"
    )


def test_missing_model_and_wrong_shape_are_explained():
    source = sandbox.model_source("tariff_stack")
    no_model = json.loads(
        sandbox.run_edited(
            "tariff_stack", source.replace("MODEL = Model(", "OTHER = Model("), defaults_json("tariff_stack")
        )
    )
    assert "must still define MODEL" in no_model["error"]
    wrong = json.loads(
        sandbox.run_edited(
            "tariff_stack",
            source.replace('"rate": charged[key]', '"rates": charged[key]'),
            defaults_json("tariff_stack"),
        )
    )
    assert "wrong shape" in wrong["error"] and "rate" in wrong["error"]


def test_standalone_file_runs_with_plain_cpython(name, tmp_path):
    path = tmp_path / f"{name}.py"
    path.write_text(sandbox.standalone(sandbox.model_source(name)), encoding="utf-8")
    output = subprocess.run(
        [sys.executable, "-I", str(path)], capture_output=True, text=True, cwd=tmp_path, check=True
    ).stdout
    expected = [f"{f.label}: {f.text}" for f in registry.get(name).run(registry.get(name).defaults()).figures]
    assert output.splitlines() == expected
