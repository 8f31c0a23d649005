"""`mkdocs serve` shows every edit: in a temporary copy of the project, the server is started on a free
loopback port, each kind of file a contributor edits is changed in turn, and the page that shows it is
fetched over HTTP until the change is there (explainers/plugin.py reads our modules afresh for each
rebuild; without that, the server keeps the first build's sources, data, log, charts and models).

Slow (a first build, then one rebuild per edit, about half a minute each): `make test` runs it,
`make test-fast` does not.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.project_copy import copy_env, project_copy

pytestmark = pytest.mark.serve

FIRST_BUILD = 300  # s: the first build of a copy (its stdlib and snapshot come from the copied cache)
REBUILD = 180  # s: from saving a file to the page showing it, both editions rebuilt (about 60 s here)

# (what a contributor edits, the file, its words before and after, the page that shows it, and how)
EDITS = [
    (
        "a source's title",
        "explainers/sources.toml",
        'title = "US-China trade arrangements following the Trump-Xi meeting in Busan"',
        'title = "US-China trade arrangements after the Busan meeting of Trump and Xi"',
        "sources/",
        "US-China trade arrangements after the Busan meeting of Trump and Xi",
    ),
    (
        "a value in a data set",
        "explainers/data/rare_earth_production_2024.csv",
        "Myanmar,31000,",
        "Myanmar,31234,",
        "rare-earths-101/",
        "31,234",
    ),
    (
        "the corrections log's as-of date",
        "explainers/corrections.toml",
        "as_of = 2026-12-06",
        "as_of = 2026-12-05",
        "about/",
        "5 December 2026",
    ),
    (
        "a page",
        "docs/about.md",
        "# About this site\n",
        "# About this site\n\nA sentence written while the server ran.\n",
        "about/",
        "A sentence written while the server ran.",
    ),
    (
        "a chart module",
        "explainers/charts/timeline.py",
        'title=_("Additional tariffs in 2025: escalation and truces")',
        'title=_("Tariffs added in 2025: escalation and truces")',
        "how-we-got-here/",
        "Tariffs added in 2025: escalation and truces",
    ),
    (
        "a model module",
        "widgets/tariff_stack.py",
        '"Section 301 tariff (China only)"',
        '"Section 301 tariff (on China only)"',
        "busan-meeting/",
        # the slider's label: the page's "look inside" shows the model's file as it is on disk
        ">Section 301 tariff (on China only) (%)</label>",
    ),
    (
        "a translated page",
        "locales/ru/docs/index.md",
        "## Коротко, за три минуты { #the-three-minute-version }\n",
        "## Коротко, за три минуты { #the-three-minute-version }\n\nФраза, написанная во время работы сервера.\n",
        "ru/",
        "Фраза, написанная во время работы сервера.",
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never a proxy
    try:
        with opener.open(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:  # not up yet, or between two builds
        return ""


def wait_for(url: str, words: str, seconds: float, server: subprocess.Popen, log: Path) -> float:
    """Seconds until the page at `url` shows `words`; fails after `seconds`, with the server's log."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        assert server.poll() is None, f"mkdocs serve stopped:\n{log.read_text(encoding='utf-8')[-4000:]}"
        if words in fetch(url):
            return time.monotonic() - start
        time.sleep(1)
    pytest.fail(
        f"{url} did not show {words!r} within {seconds} s:\n{log.read_text(encoding='utf-8')[-4000:]}"
    )


def test_mkdocs_serve_shows_every_kind_of_edit(tmp_path):
    copy = project_copy(tmp_path)
    for _, path, before, *_ in EDITS:  # the test's own premise: each edit is there to make
        assert before in (copy / path).read_text(encoding="utf-8"), f"{path} no longer says {before!r}"
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=copy,
            env=copy_env(copy),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            site = f"http://127.0.0.1:{port}/"
            wait_for(site + "about/", "About this site", FIRST_BUILD, server, log)
            for what, path, before, after, page, shown in EDITS:
                assert shown not in fetch(site + page), f"{page} shows {shown!r} before the edit"
                file = copy / path
                file.write_text(file.read_text(encoding="utf-8").replace(before, after, 1), encoding="utf-8")
                took = wait_for(site + page, shown, REBUILD, server, log)
                print(f"{what}: shown after {took:.0f} s")
        finally:
            server.terminate()
            server.wait(timeout=30)
