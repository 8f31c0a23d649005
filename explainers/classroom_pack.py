"""The classroom pack: the whole built site as one zip, for a room with no internet.

Unzipped, it is one folder, `busan-explainer/`, and `start-classroom.py` beside it
(explainers/classroom_start.py): any computer with Python runs it to serve the folder to the room and
prints the address students open. Written after the build, from the site folder, last of all (it
includes the service worker), never including itself.

The page that links to it needs the file to exist while MkDocs checks links, so `on_files` registers a
placeholder and `on_post_build` overwrites it with the real zip.
"""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

SITE_PATH = "classroom-pack.zip"
FOLDER = "busan-explainer"
START_SCRIPT = "start-classroom.py"
START = f"python3 {START_SCRIPT}"
SERVE = f"python3 -m http.server --directory {FOLDER} 8000"  # the same without the script
# The start script's QR encoder: the pinned `qrcodegen` from PyPI (pyproject.toml), beside the script, where
# Python finds it; its MIT licence is the head of the file, and a copy of it goes beside it too.
QR_ENCODER = "qrcodegen.py"
QR_LICENCE = "qrcodegen-LICENSE.txt"
SKIPPED_SUFFIXES = (".map",)  # source maps are for developers
STORED_SUFFIXES = (".gz", ".zip", ".png", ".jpg", ".woff2")  # compressed already: deflate gains nothing
README = f"""The Busan truce explainer: the whole site, for a room without internet.

1. Unzip this file. You get a folder called {FOLDER}, the script {START_SCRIPT} and
   {QR_ENCODER}, which it uses to draw the address as a QR code (licence: {QR_LICENCE}).
2. In a terminal, in the folder that holds them, run (Python 3 is all it needs):

       {START}

   (on Windows: py {START_SCRIPT}). It prints the address students open, such as
   http://192.168.1.20:8000/, and opens this computer's browser there. Make assignment links in
   that browser: they then carry the address students' devices can reach. If the computer's
   firewall asks, allow Python on private networks.
3. Students on the same network open the printed address in Chrome, Edge, Firefox or Safari
   (the widgets start Python in each browser). Leave the window open during the lesson.

Without the script: {SERVE}
then open http://<this computer's address>:8000/ (not 127.0.0.1, which means "this computer").

Opening the files directly (file://) does not work: browsers do not run Python from files.

The site is in English and in Russian: add ru/ to the printed address for the Russian edition
(http://192.168.1.20:8000/ru/); the language button in each page's header switches between them.
Сайт на русском языке: добавьте ru/ к напечатанному адресу (например, http://192.168.1.20:8000/ru/).
"""


def qr_encoder() -> tuple[bytes, str]:
    """The installed `qrcodegen` module's source, and its licence: the comment block it starts with."""
    spec = importlib.util.find_spec("qrcodegen")
    if spec is None or spec.origin is None:
        raise RuntimeError("qrcodegen is not installed: run `make setup` (it is pinned in pyproject.toml)")
    source = Path(spec.origin).read_bytes()
    head = []
    for line in source.decode("utf-8").splitlines():
        if not line.startswith("#"):
            break
        head.append(line[1:].removeprefix(" "))
    licence = "\n".join(head).strip()
    if "MIT License" not in licence or "Permission is hereby granted" not in licence:
        raise RuntimeError(f"{spec.origin} no longer starts with its MIT licence: check the new version")
    return source, licence + "\n"


def placeholder() -> bytes:
    """What the build writes before the site exists (and what `mkdocs serve` keeps)."""
    return b""


def write_pack(site_dir: Path) -> Path:
    """Zip every file of the built site (but this zip) under one folder, with a README beside it."""
    target = site_dir / SITE_PATH
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as pack:
        pack.writestr(zipfile.ZipInfo("README.txt", date_time=(1980, 1, 1, 0, 0, 0)), README)
        start = zipfile.ZipInfo(START_SCRIPT, date_time=(1980, 1, 1, 0, 0, 0))
        start.external_attr = 0o755 << 16  # runnable as ./start-classroom.py too
        start.compress_type = zipfile.ZIP_DEFLATED
        pack.writestr(start, (Path(__file__).parent / "classroom_start.py").read_bytes())
        encoder, licence = qr_encoder()
        for name, content in ((QR_ENCODER, encoder), (QR_LICENCE, licence)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            pack.writestr(info, content)
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
