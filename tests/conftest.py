"""Shared fixtures: the site is built once per test session from the working tree, then served on
loopback under a sub-path; browser tests open it in headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.browser_setup import launch_args
from tools.site_server import SiteServer, build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory):
    """The built site, served on loopback under a sub-path (the port is bound before the build)."""
    out = tmp_path_factory.mktemp("site")
    server = SiteServer(out)
    build_site(out, server.url)
    with server:
        yield server


@pytest.fixture(scope="session")
def built_site(site: SiteServer) -> Path:
    return site.directory


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, **launch_args()}
