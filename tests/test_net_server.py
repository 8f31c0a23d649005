"""The benchmark's school network really shapes: it gzips what hosts gzip, delays and throttles, and
shares one line between connections (not a timing test: the bounds are wide, so a busy machine passes
and a server that stopped shaping does not)."""

from __future__ import annotations

import concurrent.futures
import gzip
import http.client
import os
import time
import types
from pathlib import Path

import pytest

from tools import net_server
from tools.loopback import PREFIX
from tools.net_server import NetServer, Profile


def get(server: NetServer, path: str, gzip_ok: bool = True) -> tuple[http.client.HTTPResponse, bytes, float]:
    host, port = server.httpd.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=30)
    started = time.monotonic()
    connection.request(
        "GET", PREFIX + path, headers={"Accept-Encoding": "gzip, br" if gzip_ok else "identity"}
    )
    response = connection.getresponse()
    body = response.read()
    elapsed = time.monotonic() - started
    connection.close()
    return response, body, elapsed


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>a school network</p>\n" * 4000)
    (tmp_path / "noise.zip").write_bytes(os.urandom(150_000))  # incompressible, as a zip is
    (tmp_path / "snapshot.bin.gz").write_bytes(gzip.compress(b"x" * 10_000))
    (tmp_path / "python.wasm").write_bytes(b"\0asm" + b"\1" * 50_000)
    return tmp_path


def test_gzips_text_and_wasm_but_not_compressed_files(folder):
    with NetServer(folder) as server:
        response, body, _ = get(server, "page/")
        assert response.getheader("Content-Encoding") == "gzip"
        assert gzip.decompress(body) == (folder / "page" / "index.html").read_bytes()
        assert response.getheader("Content-Type").startswith("text/html")
        response, body, _ = get(server, "python.wasm")
        assert (
            response.getheader("Content-Encoding") == "gzip"
            and response.getheader("Content-Type") == "application/wasm"
        )
        for already in ("noise.zip", "snapshot.bin.gz"):
            response, body, _ = get(server, already)
            assert response.getheader("Content-Encoding") is None
            assert body == (folder / already).read_bytes()
        response, body, _ = get(server, "page/", gzip_ok=False)  # a browser that does not ask gets it plain
        assert response.getheader("Content-Encoding") is None
        # The server counts a response once it has sent it: the client may have read it a moment before.
        deadline = time.monotonic() + 10
        while len(counted := [s.wire_bytes for s in server.served if s.path == PREFIX + "page/"]) < 2:
            assert time.monotonic() < deadline, counted
            time.sleep(0.01)
        first, plain = counted
        assert first < len(body) / 5 < plain  # counted as sent: gzipped when it was
        assert server.httpd.server_address[0] == "127.0.0.1"


def test_throttles_to_the_profile_and_shares_the_line(folder):
    profile = Profile("1 Mbit/s", mbit=1, latency_ms=150)  # 125 kB/s
    with NetServer(folder, profile) as server:
        _, body, elapsed = get(server, "noise.zip")
        rate = len(body) / elapsed
        assert 125_000 * 0.3 < rate < 125_000 * 1.6, f"{rate:.0f} bytes/s through a 125,000 bytes/s line"
        # Two downloads at once share the line: together they take about twice as long as one.
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            started = time.monotonic()
            list(pool.map(lambda _: get(server, "noise.zip"), range(2)))
            both = time.monotonic() - started
        assert both > 1.5 * elapsed * 0.8, (both, elapsed)
        # Every request waits its latency, however small the file.
        (folder / "tiny.txt").write_text("x")
        _, _, tiny = get(server, "tiny.txt")
        assert tiny >= 0.15


def test_a_fast_line_keeps_its_rate_when_the_server_wakes_late(monkeypatch):
    # On a busy machine every sleep overshoots by milliseconds. The line must not lose what it would
    # have carried meanwhile: with a one-chunk token bucket, a 50 Mbit/s line carried 35 Mbit/s here under
    # load (and the boot choice rightly measured a slower line than the profile's name said).
    late = types.SimpleNamespace(monotonic=time.monotonic, sleep=lambda s: time.sleep(s + 0.005))
    monkeypatch.setattr(net_server, "time", late)
    line, due = net_server.SharedLine(6_250_000), None  # 50 Mbit/s
    started = time.monotonic()
    for _ in range(200):
        due = line.take(net_server.CHUNK, due)
    rate = 200 * net_server.CHUNK / (time.monotonic() - started)
    assert 6_250_000 * 0.8 < rate < 6_250_000 * 1.2, f"{rate:.0f} bytes/s through a 6,250,000 bytes/s line"


def test_stops_itself_after_its_lifetime(folder):
    with NetServer(folder, lifetime_s=0.5) as server:
        time.sleep(1.0)
        with pytest.raises(OSError):  # refused: the port is closed, not merely unanswered
            get(server, "page/")
