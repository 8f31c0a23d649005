"""A first visit's boot is chosen from the line's speed (worker-boot.js): on a line fast enough, the
build's memory snapshot (6.2 MB) saves more time than its download costs; on a slower one, the ordinary
boot. The line is tools/net_server.py's (gzip as hosts send, 40 ms per request, one shared line), and the
estimate must read that line, not a share of it, the round trips or the decoded bytes."""

from __future__ import annotations

import re

import pytest

from tests.browser.reader import Reader
from tools.net_server import NetServer, Profile

PAGE, WIDGET = "busan-meeting/", "widget-tariff_stack"


@pytest.mark.parametrize(("mbit", "boot"), [(50, "build snapshot"), (20, "plain boot")])
def test_the_first_visit_boots_as_the_line_allows(context, built_site, mbit, boot):
    with NetServer(built_site, Profile(f"{mbit} Mbit/s", mbit=mbit, latency_ms=40)) as server:
        server.precompress()
        reader = Reader.open(context, server.url)
        page = reader.goto(PAGE)
        reader.wait_python_ready(WIDGET)
        source = page.evaluate(
            "() => window.busanExplainer.metrics.filter(m => m.name === 'python-boot').at(-1).source"
        )
        assert source.startswith(boot), source
        # The estimate reads the line (wide bounds: a busy machine delays some chunks).
        read = float(re.search(r"\((\d+) Mbit/s\)", source).group(1))
        assert 0.4 * mbit <= read <= 1.3 * mbit, source
        reader.assert_clean()
