"""The page's JavaScript modules, unit-tested in Node.js (`node --test`), no browser needed.

The runtime's modules import the generated contract.js, which exists only in a built site: each run
copies widgets/runtime/*.js, tests/js and their cases into a temporary tree and writes contract.js
beside the modules, as the build does. `python -m tests.test_js_units` runs them the same way and shows
node's own report."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from explainers import contract
from explainers.runtime_assets import RUNTIME_DIR
from explainers.snapshot import find_node

ROOT = Path(__file__).resolve().parent.parent
JS_TESTS = ROOT / "tests" / "js"


def run_node_tests(tree: Path) -> subprocess.CompletedProcess[str]:
    """`node --test` over tests/js/*.test.mjs, in `tree` laid out as the repository is."""
    shutil.copytree(RUNTIME_DIR, tree / "widgets" / "runtime")
    (tree / "widgets" / "runtime" / contract.MODULE.rsplit("/", 1)[-1]).write_text(contract.runtime_module())
    shutil.copytree(JS_TESTS, tree / "tests" / "js")
    shutil.copytree(
        ROOT / "docs" / "assets", tree / "docs" / "assets", ignore=shutil.ignore_patterns("*.css")
    )
    shutil.copytree(ROOT / "tests" / "cases", tree / "tests" / "cases")
    (tree / "package.json").write_text('{"type": "module"}\n')  # the runtime's .js files are ES modules
    tests = sorted(p.relative_to(tree).as_posix() for p in (tree / "tests" / "js").glob("*.test.mjs"))
    assert tests, "no JavaScript tests found"
    return subprocess.run(
        [find_node(), "--test", *tests], cwd=tree, capture_output=True, text=True, timeout=120
    )


def test_javascript_units_pass_in_node(tmp_path):
    done = run_node_tests(tmp_path)
    assert done.returncode == 0, f"node --test failed:\n{done.stdout[-6000:]}\n{done.stderr[-3000:]}"


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        done = run_node_tests(Path(tmp))
    print(done.stdout, done.stderr, sep="", end="")
    sys.exit(done.returncode)
