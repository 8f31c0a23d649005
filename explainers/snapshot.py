"""A Pyodide memory snapshot with the widget models already imported, made at build time.

Python's interpreter start and imports are most of a cold boot (about 2.5 s of CPU here); restoring
a snapshot of the memory they leave behind takes a fraction of that. The snapshot is made by the same
Pyodide (from node_modules) in Node.js, which the setup installs anyway, and ships gzipped: about
6 MB on the wire for 31 MB of memory. The worker falls back to a plain boot if it is missing or fails.

Made once per (Pyodide, models) pair and cached under node_modules/.cache, so rebuilds stay fast.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from explainers.runtime_assets import NODE_MODULES, MissingRuntime

SITE_PATH = "assets/vendor/pyodide/snapshot.bin.gz"
SCRIPT = Path(__file__).with_name("make_snapshot.mjs")
PYODIDE = NODE_MODULES / "pyodide"
CACHE = NODE_MODULES / ".cache" / "busan-snapshot"

# The boot steps after Pyodide's own start, written once: make_snapshot.mjs takes them as arguments and
# the browser's worker.js from contract.js, so the snapshot holds exactly what a boot in the browser would.
MODELS_DIR = "/home/pyodide/bx"  # where the `widgets` package is unpacked
# Run once the package is unpacked; a restored snapshot already has the path and the modules.
BOOT_PYTHON = (
    f"import sys; {MODELS_DIR!r} in sys.path or sys.path.insert(0, {MODELS_DIR!r}); "
    "import widgets.registry, widgets.sandbox"
)


class SnapshotFailed(RuntimeError):
    pass


def find_node() -> str:
    venv_bin = Path(sys.executable).parent
    for candidate in (shutil.which("node"), venv_bin / "node"):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise MissingRuntime("node (Node.js)")


def make_memory(archive: Path, stdlib_zip: Path, output: Path) -> bytes:
    """Boot Pyodide in Node.js as the browser's worker boots it and return its memory (not gzipped)."""
    arguments = [
        str(SCRIPT),
        str(PYODIDE),
        str(archive),
        str(output),
        str(stdlib_zip),
        MODELS_DIR,
        BOOT_PYTHON,
    ]
    done = subprocess.run([find_node(), *arguments], capture_output=True, text=True)
    if done.returncode != 0 or not output.is_file():
        raise SnapshotFailed(f"Pyodide could not make its memory snapshot:\n{done.stderr[-2000:]}")
    return output.read_bytes()


def snapshot(widgets_zip: bytes, stdlib_zip: bytes) -> bytes:
    """The gzipped snapshot for these models and this standard library zip (from the cache when it is there)."""
    wasm = PYODIDE / "pyodide.asm.wasm"
    if not wasm.is_file():
        raise MissingRuntime(wasm)
    key = hashlib.sha256(
        wasm.read_bytes()
        + (PYODIDE / "package.json").read_bytes()
        + widgets_zip
        + stdlib_zip
        + SCRIPT.read_bytes()
        + (MODELS_DIR + BOOT_PYTHON).encode()
    ).hexdigest()[:20]
    cached = CACHE / f"{key}.bin.gz"
    if cached.is_file():
        return cached.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive, output, stdlib = folder / "widgets.zip", folder / "snapshot.bin", folder / "stdlib.zip"
        archive.write_bytes(widgets_zip)
        stdlib.write_bytes(stdlib_zip)
        data = gzip.compress(make_memory(archive, stdlib, output), compresslevel=6, mtime=0)
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob("*.bin.gz"):
        old.unlink()  # one snapshot is enough: the cache is for rebuilds of the same models
    cached.write_bytes(data)
    return data
