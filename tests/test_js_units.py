"""The page's JavaScript modules, unit-tested in Node.js (`node --test tests/js/`), no browser needed.

The runtime's modules import the generated contract.js, which exists only in a built site: each run
copies widgets/runtime/*.js, the tests and their cases into a temporary tree and writes contract.js
beside the modules, as the build does."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from explainers import contract
from explainers.runtime_assets import RUNTIME_DIR
from explainers.snapshot import find_node

ROOT = Path(__file__).resolve().parent.parent
JS_TESTS = ROOT / "tests" / "js"


def js_tree(tmp: Path) -> Path:
    """A tree in which `node --test` runs the JS tests as they import from the repository's layout."""
    shutil.copytree(RUNTIME_DIR, tmp / "widgets" / "runtime")
    (tmp / "widgets" / "runtime" / contract.MODULE.rsplit("/", 1)[-1]).write_text(contract.runtime_module())
    shutil.copytree(JS_TESTS, tmp / "tests" / "js")
    shutil.copytree(ROOT / "tests" / "cases", tmp / "tests" / "cases")
    (tmp / "package.json").write_text('{"type": "module"}\n')  # the runtime's .js files are ES modules
    return tmp


def test_javascript_units_pass_in_node(tmp_path):
    tree = js_tree(tmp_path)
    tests = sorted(str(p.relative_to(tree)) for p in (tree / "tests" / "js").glob("*.test.mjs"))
    assert tests, "no JavaScript tests found"
    done = subprocess.run(
        [find_node(), "--test", *tests], cwd=tree, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"node --test failed:\n{done.stdout[-6000:]}\n{done.stderr[-3000:]}"
