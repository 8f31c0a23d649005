"""The offline copy: a service worker at the site root with a manifest of this build's files.

After the site is written, every file a reader may need offline is listed with a hash of its content,
and `sw.js` is written at the site root (so its scope is the whole site, under any sub-path) as one line
setting MANIFEST, then widgets/runtime/sw.js. Any changed file changes sw.js, which the browser
compares byte for byte: a new build installs a new worker that downloads only the changed files.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from explainers import downloads
from explainers.languages import LANGUAGES
from explainers.runtime_assets import RUNTIME_DIR

SERVICE_WORKER = "sw.js"
SOURCE = RUNTIME_DIR / SERVICE_WORKER
HASH_LENGTH = 16  # hex digits of SHA-256: plenty to tell two builds' files apart

# One service worker for the whole site: every language's edition (explainers/editions.py) is listed.
# Not in the offline copy: source maps (for developers), Material's search stemmers but those of each
# edition's own language (English loads none; Russian search needs its stemmer offline too), the build's
# memory snapshot (fetched only on a fast line, and then kept by the Python worker itself:
# worker-boot.js), downloads (chart data and pictures: fetched when asked for), and the worker itself.
LUNR = "assets/javascripts/lunr/"
SKIPPED_PREFIXES = tuple(
    f"{language.prefix}{folder}"
    for language in LANGUAGES.values()
    for folder in (LUNR, f"{downloads.FOLDER}/")
)
SKIPPED_SUFFIXES = (".map", ".gz", ".zip")
SKIPPED_NAMES = (SERVICE_WORKER,)
# the runtime needs these
KEPT_ZIPS = ("assets/runtime/widgets.zip", "assets/vendor/pyodide/python_stdlib.zip")


def search_language_files() -> tuple[str, ...]:
    """What Material's search worker loads for each edition's language (one language per edition): the
    stemmer support and the language's own stemmer and stop words."""
    return tuple(
        f"{language.prefix}{LUNR}min/{name}"
        for language in LANGUAGES.values()
        if not language.original
        for name in ("lunr.stemmer.support.min.js", f"lunr.{language.code}.min.js")
    )


def offline_files(site_dir: Path) -> list[str]:
    files = []
    kept_search = search_language_files()
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or relative in SKIPPED_NAMES:
            continue
        if relative.startswith(SKIPPED_PREFIXES) and relative not in kept_search:
            continue
        if relative.endswith(SKIPPED_SUFFIXES) and relative not in KEPT_ZIPS:
            continue
        files.append(relative)
    return files


def manifest(site_dir: Path) -> dict:
    files = {
        path: hashlib.sha256((site_dir / path).read_bytes()).hexdigest()[:HASH_LENGTH]
        for path in offline_files(site_dir)
    }
    version = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:HASH_LENGTH]
    # The folders of the editions other than the root's: a reader's worker copies its own edition's pages
    # and the shared runtime (sw.js, `?edition=`), not every language's.
    editions = [language.prefix for language in LANGUAGES.values() if not language.original]
    return {"version": version, "hashLength": HASH_LENGTH, "files": files, "editions": editions}


def write_service_worker(site_dir: Path) -> dict:
    """Write sw.js for the site in `site_dir` (after everything else is written); returns the manifest."""
    listed = manifest(site_dir)
    text = f"const MANIFEST = {json.dumps(listed, sort_keys=True)};\n" + SOURCE.read_text(encoding="utf-8")
    (site_dir / SERVICE_WORKER).write_text(text, encoding="utf-8")
    return listed


def read_manifest(site_dir: Path) -> dict:
    first = (site_dir / SERVICE_WORKER).read_text(encoding="utf-8").split("\n", 1)[0]
    return json.loads(first.removeprefix("const MANIFEST = ").removesuffix(";"))
