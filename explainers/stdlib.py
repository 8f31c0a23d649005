"""Python's standard library trimmed to what the widgets use: 2.5 MB of Pyodide's 6.4 MB download.

Pyodide ships the whole standard library as one zip (python_stdlib.zip, 2.5 MB, already deflated, so
gzip does not help). The models import a few dozen modules of it. At build time, Pyodide itself (in
Node.js, like the memory snapshot) boots from the full zip, runs every model and every path of the
sandbox (`stdlib_exercise.py`), imports the modules a reader's edited model may reach for
(READER_MODULES), and records what it loaded; the site ships a zip of exactly those files, under
Pyodide's own name so `loadPyodide` needs no option. A test runs the same exercise against the trimmed
zip and checks every import in `widgets/` statically, so a model that starts importing something new
fails the tests rather than a reader's browser.

Cached under node_modules/.cache per (Pyodide, models, this recipe), like the snapshot.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import tempfile
import zipfile
from pathlib import Path

from explainers.runtime_assets import NODE_MODULES, MissingRuntime

SITE_PATH = "assets/vendor/pyodide/python_stdlib.zip"
PYODIDE = NODE_MODULES / "pyodide"
FULL = PYODIDE / "python_stdlib.zip"
SCRIPT = Path(__file__).with_name("stdlib_modules.mjs")
EXERCISE = Path(__file__).with_name("stdlib_exercise.py")
CACHE = NODE_MODULES / ".cache" / "busan-stdlib"

# A reader's edit in "look inside" may import these (and whatever they import): numbers, randomness,
# statistics, dates, text. Anything else an edit imports fails with Python's own ModuleNotFoundError.
READER_MODULES = (
    "bisect",
    "calendar",
    "cmath",
    "collections",
    "contextlib",
    "copy",
    "dataclasses",
    "datetime",
    "decimal",
    "enum",
    "fractions",
    "functools",
    "heapq",
    "itertools",
    "json",
    "math",
    "numbers",
    "operator",
    "pprint",
    "random",
    "re",
    "statistics",
    "string",
    "textwrap",
    "typing",
    # codecs a str.encode/bytes.decode may name
    "encodings.ascii",
    "encodings.latin_1",
    "encodings.cp1252",
    "encodings.utf_16",
    "encodings.utf_32",
    "encodings.unicode_escape",
    "encodings.raw_unicode_escape",
)
# Pyodide's own Python side, small, and called lazily by its JavaScript API: shipped whole.
WHOLE_PACKAGES = ("pyodide", "_pyodide")


class StdlibFailed(RuntimeError):
    pass


def modules_loaded(stdlib_zip: Path, widgets_zip: bytes) -> dict[str, list[str]]:
    """{"modules": names loaded from the zip, "builtins": names compiled into the interpreter}, as
    Pyodide reports them after the exercise; raises if any part of the exercise fails."""
    from explainers.snapshot import find_node

    if not FULL.is_file():
        raise MissingRuntime(FULL)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "widgets.zip"
        archive.write_bytes(widgets_zip)
        done = subprocess.run(
            [
                find_node(),
                str(SCRIPT),
                str(PYODIDE),
                str(stdlib_zip),
                str(archive),
                str(EXERCISE),
                json.dumps(READER_MODULES),
            ],
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        raise StdlibFailed(
            f"the models failed in Pyodide with the standard library {stdlib_zip.name}:\n"
            f"{done.stderr[-3000:]}"
        )
    return json.loads(done.stdout)


def files_for(modules: list[str], names: set[str]) -> set[str]:
    """The zip entries that hold these modules, their parent packages, and WHOLE_PACKAGES."""
    wanted = {n for n in names if n.split("/", 1)[0] in WHOLE_PACKAGES}
    for module in modules:
        parts = module.split(".")
        for depth in range(1, len(parts) + 1):
            stem = "/".join(parts[:depth])
            for candidate in (f"{stem}.py", f"{stem}/__init__.py", f"{stem}/"):
                if candidate in names and (
                    depth == len(parts) or not candidate.endswith(".py") or "__init__" in candidate
                ):
                    wanted.add(candidate)
    return wanted


def trimmed(full: bytes, keep: set[str]) -> bytes:
    """A zip of the kept entries, with the original's timestamps (identical bytes each build)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(full)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
    ):
        for info in source.infolist():
            if info.filename in keep:
                out.writestr(
                    info,
                    source.read(info),
                    compress_type=zipfile.ZIP_DEFLATED if not info.is_dir() else zipfile.ZIP_STORED,
                    compresslevel=9,
                )
    return buffer.getvalue()


def stdlib(widgets_zip: bytes) -> bytes:
    """The trimmed python_stdlib.zip for these models (from the cache when it is there)."""
    if not FULL.is_file():
        raise MissingRuntime(FULL)
    full = FULL.read_bytes()
    key = hashlib.sha256(
        full
        + (PYODIDE / "package.json").read_bytes()
        + widgets_zip
        + SCRIPT.read_bytes()
        + EXERCISE.read_bytes()
        + Path(__file__).read_bytes()
    ).hexdigest()[:20]
    cached = CACHE / f"{key}.zip"
    if cached.is_file():
        return cached.read_bytes()
    with zipfile.ZipFile(io.BytesIO(full)) as source:
        names = set(source.namelist())
    data = trimmed(full, files_for(modules_loaded(FULL, widgets_zip)["modules"], names))
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob("*.zip"):
        old.unlink()
    cached.write_bytes(data)
    return data
