"""A temporary copy of the project for tests that edit it (tests/test_recipes.py, tests/test_serve.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ".cache"  # node_modules/.cache: the build's trimmed standard library and memory snapshot


def project_copy(tmp: Path) -> Path:
    """The project as git sees it (tracked and new files), with the installed browser runtime beside it:
    node_modules' packages linked (read only), its build cache copied, so that a copy whose models change
    makes its own snapshot and leaves the project's alone (the cache keeps one)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    copy = tmp / "project"
    for name in listed:
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    modules = copy / "node_modules"
    modules.mkdir()
    for entry in (ROOT / "node_modules").iterdir():  # installed by `make setup`
        if entry.name == CACHE:
            shutil.copytree(entry, modules / CACHE)
        else:
            (modules / entry.name).symlink_to(entry)
    return copy


def copy_env(copy: Path) -> dict[str, str]:
    """The environment of a command in the copy: it imports the copy's packages, not the installed project's."""
    return {**os.environ, "PYTHONPATH": str(copy), "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
