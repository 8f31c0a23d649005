"""The classroom pack: the whole built site as one zip, for a room with no internet.

Unzipped, it is one folder, `busan-explainer/`, that any computer with Python serves to itself (and to
the room) with `python3 -m http.server --directory busan-explainer 8000`. Written after the build, from
the site folder, last of all (it includes the service worker), never including itself.

The page that links to it needs the file to exist while MkDocs checks links, so `on_files` registers a
placeholder and `on_post_build` overwrites it with the real zip.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

SITE_PATH = "classroom-pack.zip"
FOLDER = "busan-explainer"
SERVE = f"python3 -m http.server --directory {FOLDER} 8000"
SKIPPED_SUFFIXES = (".map",)  # source maps are for developers
STORED_SUFFIXES = (".gz", ".zip", ".png", ".jpg", ".woff2")  # compressed already: deflate gains nothing
README = f"""The Busan truce explainer: the whole site, for a room without internet.

1. Unzip this file. You get a folder called {FOLDER}.
2. In a terminal, in the folder that holds {FOLDER}, run (Python 3 is all it needs):

       {SERVE}

3. Open http://127.0.0.1:8000/ in Chrome, Edge or Firefox. Students on the same network open
   http://<this computer's address>:8000/ (the widgets start Python in each browser).

Opening the files directly (file://) does not work: browsers do not run Python from files.
"""


def placeholder() -> bytes:
    """What the build writes before the site exists (and what `mkdocs serve` keeps)."""
    return b""


def write_pack(site_dir: Path) -> Path:
    """Zip every file of the built site (but this zip) under one folder, with a README beside it."""
    target = site_dir / SITE_PATH
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as pack:
        pack.writestr(zipfile.ZipInfo("README.txt", date_time=(1980, 1, 1, 0, 0, 0)), README)
        for path in sorted(site_dir.rglob("*")):
            relative = path.relative_to(site_dir).as_posix()
            if not path.is_file() or path in (target, partial) or relative.endswith(SKIPPED_SUFFIXES):
                continue
            info = zipfile.ZipInfo(f"{FOLDER}/{relative}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = (
                zipfile.ZIP_STORED if relative.endswith(STORED_SUFFIXES) else zipfile.ZIP_DEFLATED
            )
            info.external_attr = 0o644 << 16
            pack.writestr(info, path.read_bytes())
    partial.replace(target)
    return target
