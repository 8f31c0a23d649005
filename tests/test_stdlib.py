"""The site ships Python's standard library trimmed to what the models use (explainers/stdlib.py): a
model that starts importing something the trimmed zip lacks must fail here, not in a reader's browser."""

from __future__ import annotations

import ast
import io
import zipfile
from pathlib import Path

import pytest

from explainers import runtime_assets, stdlib

WIDGETS = Path(runtime_assets.WIDGETS_DIR)


@pytest.fixture(scope="module")
def trimmed_zip(built_site) -> Path:
    return built_site / stdlib.SITE_PATH


@pytest.fixture(scope="module")
def report(trimmed_zip) -> dict[str, list[str]]:
    """Every model and sandbox path, run by Pyodide with the trimmed zip (raises on a missing module)."""
    return stdlib.modules_loaded(trimmed_zip, runtime_assets.widgets_archive())


def imported_modules(source: str) -> set[str]:
    """Every module a file imports, at any depth (an import inside a function counts too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_every_model_and_sandbox_path_runs_with_the_trimmed_standard_library(report):
    assert "json" in report["modules"]  # the exercise really ran the models


def unshipped(sources: dict[str, str], trimmed_zip: Path, builtin: set[str]) -> list[str]:
    """`name: import module` for each import of these sources that the trimmed zip lacks."""
    names = set(zipfile.ZipFile(trimmed_zip).namelist())
    missing = []
    for name, source in sources.items():
        for module in imported_modules(source):
            if module.split(".")[0] in ("widgets", "__future__") or module in builtin:
                continue
            stem = module.replace(".", "/")
            if f"{stem}.py" not in names and f"{stem}/__init__.py" not in names:
                missing.append(f"{name}: import {module}")
    return missing


def test_every_import_in_the_widgets_package_is_shipped(trimmed_zip, report):
    sources = {path.name: path.read_text(encoding="utf-8") for path in sorted(WIDGETS.glob("*.py"))}
    missing = unshipped(sources, trimmed_zip, set(report["builtins"]))
    assert not missing, (
        "not in the trimmed python_stdlib.zip (add it to explainers/stdlib.py READER_MODULES "
        "or make the exercise reach it):\n" + "\n".join(missing)
    )


def test_the_model_benchmark_imports_only_what_the_site_ships(trimmed_zip, report):
    """tools.bench_models runs its timing code in the site's Pyodide (it once imported timeit, which is left out)."""
    from tools import bench_models

    assert not unshipped({"bench_models.TIMING": bench_models.TIMING}, trimmed_zip, set(report["builtins"]))


def test_the_trimmed_library_is_a_fraction_of_the_full_one(trimmed_zip):
    assert trimmed_zip.stat().st_size < 0.5 * stdlib.FULL.stat().st_size
    with zipfile.ZipFile(io.BytesIO(trimmed_zip.read_bytes())) as archive:
        assert archive.testzip() is None
        assert "encodings/utf_8.py" in archive.namelist() and "pydoc.py" not in archive.namelist()
