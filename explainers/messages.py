"""`make messages`: extract the words the code writes into the template, locales/messages.pot, with Babel's
extractors for Python, Jinja2 and JavaScript (babel.cfg), then update every language's catalog from it:
a new message arrives there untranslated, a removed one is dropped (its translation stays in git's history).

The same extraction runs in tests/test_catalogs.py, which fails when the template is not current: a string
added in code without `make messages` is a string no translator will see.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from explainers.languages import LANGUAGES, LOCALES, ORIGINAL

ROOT = LOCALES.parent
TEMPLATE = LOCALES / "messages.pot"
# Babel's own keywords (_, gettext, ngettext, N_, ...) and the runtime's t() and tn() (widgets/runtime/words.js).
KEYWORDS = ("-k", "t", "-k", "tn:1,2")


def extract(output: Path) -> None:
    """The template, as Babel extracts it from the code now."""
    command = [
        *_pybabel(),
        "--quiet",
        "extract",
        "-F",
        "babel.cfg",
        *KEYWORDS,
        "--sort-output",
        "--add-comments=TRANSLATORS:",
        "--project=busan-explainer",
        "-o",
        str(output),
        "--ignore-dirs=.* _* node_modules site tests tools docs locales",
        ".",
    ]
    subprocess.run(command, cwd=ROOT, check=True)


def update() -> None:
    """Each language's catalog brought up to the template: made with the language's plural forms if new."""
    for code in LANGUAGES:
        if code == ORIGINAL.code:
            continue
        po = LOCALES / code / "LC_MESSAGES" / "messages.po"
        action = "update" if po.exists() else "init"
        command = [
            *_pybabel(),
            "--quiet",
            action,
            "-i",
            str(TEMPLATE),
            "-d",
            str(LOCALES),
            "-l",
            code,
            "-D",
            "messages",
        ]
        if action == "update":
            command += ["--no-fuzzy-matching", "--ignore-obsolete"]
        subprocess.run(command, cwd=ROOT, check=True)


def read(path: Path) -> Catalog:
    return read_po(io.BytesIO(path.read_bytes()))


def _pybabel() -> list[str]:
    return [sys.executable, "-m", "babel.messages.frontend"]


def main() -> None:
    extract(TEMPLATE)
    update()


if __name__ == "__main__":
    main()
