"""A plain, not editable, `pip install .` builds the site: every file the build reads beside the code
(templates, .mjs scripts, sources, data, the browser runtime) is package data, and nothing is looked up
beside the installed package that lives in the project (pages, npm packages).

Slow (a new virtual environment and its packages, then a build): `make test` runs it, `make test-fast` does not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.project_copy import ROOT, project_copy

pytestmark = pytest.mark.recipe


def test_a_plain_install_builds_the_site_from_a_folder_of_pages(tmp_path):
    source = project_copy(tmp_path)  # installing from it leaves no build/ folder in the repository
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run(
        [str(venv / "bin/python"), "-m", "pip", "install", "--quiet", str(source)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr[-3000:]

    # What a site's author keeps: the pages and their translations, the configuration, the theme overrides
    # and the npm packages (the build's plugin is found through the installed package's entry point).
    project = tmp_path / "pages"
    project.mkdir()
    for name in ("docs", "locales", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy2(ROOT / "mkdocs.yml", project)
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # installed by `make setup`; read only

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    site = tmp_path / "site"
    built = subprocess.run(
        [str(venv / "bin/mkdocs"), "build", "--strict", "-d", str(site)],
        cwd=project,
        env={**env, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    page = (site / "busan-meeting/index.html").read_text(encoding="utf-8")
    assert 'class="bx-figure bx-widget"' in page  # a template rendered
    for generated in (
        "assets/runtime/widget.js",
        "assets/runtime/widgets.zip",
        "sw.js",
        "classroom-pack.zip",
        "ru/index.html",  # the Russian edition, from locales/ beside mkdocs.yml
    ):
        assert (site / generated).is_file(), generated
    # the installed package, not this checkout, made it
    where = subprocess.run(
        [str(venv / "bin/python"), "-c", "import explainers; print(explainers.__file__)"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "site-packages" in where.stdout, where.stdout
