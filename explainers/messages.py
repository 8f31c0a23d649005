"""`make messages`: extract the words the code writes into the template, locales/messages.pot, with Babel's
extractors for Python, Jinja2 and JavaScript (babel.cfg), then update every language's catalog from it:
a new message arrives there untranslated, a removed one is dropped (its translation stays in git's history).

The same extraction runs in tests/test_catalogs.py, which fails when the template is not current: a string
added in code without `make messages` is a string no translator will see.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

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


def extract_data(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel's extractor for explainers/data/*.csv (babel.cfg): the values of the columns a reader sees
    (READER_TEXT in explainers/data.py), each a message keyed by its English text, so that a row added to
    a data set reaches the translators as a string added in code does. Other columns are never words."""
    from explainers.data import READER_TEXT  # here: Babel imports this module by name, without the build

    name = Path(getattr(fileobj, "name", "")).stem
    columns = READER_TEXT.get(name, ())
    reader = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8", newline=""))
    for row in reader:
        for column in columns:
            if row.get(column):
                yield reader.line_num, None, row[column], [f"{name}.csv, column {column}"]


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
