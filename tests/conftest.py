"""Shared fixtures: the site is built once per test session from the working tree, then served on
loopback under a sub-path; browser tests open it in headless Chromium."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.browser_setup import launch_args
from tools.site_server import SiteServer, finish_build, start_build


def _uses_site(item: pytest.Item) -> bool:
    return "site" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)  # after `-m` and `-k` have deselected what will not run
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that read the built site run last, so that the tests before them run while it builds."""
    items[:] = [item for item in items if not _uses_site(item)] + [item for item in items if _uses_site(item)]


@pytest.fixture(scope="session", autouse=True)
def _site_build(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[SiteServer, subprocess.Popen[bytes]] | None]:
    """The site's build, started with the session in its own process when a test will read the site: a
    build is seconds of one core's time, which the tests that need no site use the other core meanwhile."""
    if not any(_uses_site(item) for item in request.session.items):
        yield None
        return
    out = tmp_path_factory.mktemp("site")
    server = SiteServer(out)  # the port is bound before the build, which writes the address into the site
    build = start_build(out, server.url)
    yield server, build
    if build.poll() is None:  # the session ended before any test needed the site (-x, Ctrl-C)
        build.kill()
        build.wait()


@pytest.fixture(scope="session")
def site(_site_build: tuple[SiteServer, subprocess.Popen[bytes]] | None):
    """The built site, served on loopback under a sub-path."""
    assert _site_build is not None, "the session found no test using the site"
    server, build = _site_build
    finish_build(build)
    with server:
        yield server


@pytest.fixture(scope="session")
def built_site(site: SiteServer) -> Path:
    return site.directory


@pytest.fixture(scope="module")
def browser(launch_browser):
    """A fresh Chromium for each test module (pytest-playwright keeps one for the whole session): the few
    flaky failures of full runs came in a browser that had served dozens of tests before (a page that seemed
    to stop drawing frames), never in a module run alone. A launch is about a second."""
    browser = launch_browser()
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, **launch_args()}


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A Russian `Build` (or a test that speaks Russian) sets the process's language for numbers and words,
    as a build of one language should; the next test starts in English again, as a new process would."""
    yield
    from widgets import numbers, words

    numbers.set_language(numbers.ORIGINAL)
    words.use(words.ORIGINAL, {}, {})
