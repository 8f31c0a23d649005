"""Serve a built site on loopback under a sub-path, as a GitHub Pages project site would be served.

Used by the browser tests and the benchmark. `failing` lets a test make files fail the ways a school
filter, a misconfigured host or a slow line would (`blocking` is its HTTP 404); `served` records every
path requested (for byte counts) and `prefetched` what the browser prefetched on its own; `reporting_csp` collects the policy violations a browser reports (for
engines that tell a test driver nothing of their console).
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tools.loopback import PREFIX, LoopbackServer

ROOT = Path(__file__).resolve().parent.parent
BLOCK_PAGE = b"<!doctype html><title>Blocked</title><p>This site is blocked by your school's web filter.</p>"
# How a file can fail: the status, headers and body a reader's browser then gets.
FAULTS = (
    "404",  # a broken deploy
    "blocked",  # a filter's own page instead of the file (HTTP 403, text/html)
    "reset",  # the connection is closed before any answer (a filter that drops it)
    "truncated",  # half the file, with a length that matches (a mangled copy)
    "wrong-type",  # the whole file as text/plain (a host that does not know the extension)
    "stalled",  # the first 64 kB (at most half), then nothing: a line that stops
    "content-encoded",  # a .gz file sent as gzip content encoding: the browser hands on the decoded bytes
)
STALL_BYTES = 65_536
CSP_REPORTS = "/csp-reports"  # outside the site's sub-path: never a file of the site
META_POLICY = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def page_policy(page: Path) -> str | None:
    """The Content-Security-Policy a built page carries in its <meta> tag."""
    match = META_POLICY.search(page.read_bytes()) if page.is_file() else None
    return html.unescape(match.group(1).decode()) if match else None


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: SiteServer._Server

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + clean[len(PREFIX) :])

    def _fault(self) -> str | None:
        path = self.path.split("?", 1)[0]
        if any(path.startswith(PREFIX + b) for b in self.server.blocked):
            return "404"
        return next(
            (mode for prefix, mode in self.server.faults.items() if path.startswith(PREFIX + prefix)), None
        )

    def send_head(self):
        if self._fault() == "404":
            self.send_error(404, "blocked by the test")
            return None
        return super().send_head()

    def do_GET(self) -> None:
        if self.path == CSP_REPORTS and self.server.csp_reports is not None:
            return self._answer(200, "application/json", json.dumps(self.server.csp_reports).encode())
        fault = self._fault()
        if fault is None or fault == "404":
            return super().do_GET()
        if fault == "reset":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if fault == "blocked":
            return self._answer(403, "text/html", BLOCK_PAGE)
        file = Path(self.translate_path(self.path))
        body = (file / "index.html" if file.is_dir() else file).read_bytes()  # a page by its folder
        if fault == "truncated":
            return self._answer(200, self.guess_type(self.path), body[: len(body) // 2])
        if fault == "wrong-type":
            return self._answer(200, "text/plain", body)
        if fault == "content-encoded":
            return self._answer(200, "application/octet-stream", body, encoding="gzip")
        if fault == "stalled":
            self._answer(
                200, self.guess_type(self.path), body[: min(STALL_BYTES, len(body) // 2)], length=len(body)
            )
            self.server.released.wait(120)  # until the test ends the fault (or gives up)
            self.close_connection = True
            return
        if fault.startswith("slow:"):  # slow:<bytes per second>: the whole file, at that rate
            rate = int(fault.split(":")[1])
            self._answer(200, self.guess_type(self.path), b"", length=len(body))
            chunk = max(1, rate // 10)  # a tenth of a second's worth at a time
            for start in range(0, len(body), chunk):
                time.sleep(0.1)
                self.wfile.write(body[start : start + chunk])
                self.wfile.flush()
            return
        raise ValueError(f"unknown fault {fault!r}")

    def _answer(
        self, status: int, content_type: str, body: bytes, length: int | None = None, encoding: str = ""
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # every test and benchmark run starts cold
        if self.server.csp_reports is not None and self.command == "GET":
            # The page's own policy again, as a header with somewhere to report to (a <meta> policy
            # cannot name one): a violation is both refused by the page and reported here.
            path = Path(self.translate_path(self.path))
            policy = page_policy(path / "index.html" if path.is_dir() else path)
            if policy:
                # An absolute address: a blob: worker inherits the policy, and resolves nothing against its own.
                endpoint = f"http://{self.headers['Host']}{CSP_REPORTS}"
                self.send_header("Content-Security-Policy", f"{policy}; report-uri {endpoint}")
        super().end_headers()

    def do_POST(self) -> None:
        if self.path != CSP_REPORTS or self.server.csp_reports is None:
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            report = json.loads(body)
        except ValueError:
            report = {"unreadable report": body.decode(errors="replace")}
        self.server.csp_reports.append(report)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        self.server.served.append(self.path)
        if "prefetch" in self.headers.get("Sec-Purpose", ""):  # the browser's own, not a service worker's
            self.server.prefetched.append(self.path)


class SiteServer(LoopbackServer):
    class _Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            # A browser that closes a page or quits while a file is on its way: nothing went wrong here.
            if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
                super().handle_error(request, client_address)  # type: ignore[arg-type]

        blocked: set[str]
        faults: dict[str, str]
        released: threading.Event
        served: list[str]
        prefetched: list[str]  # what the browser itself prefetched (Sec-Purpose: prefetch)
        csp_reports: list[dict] | None  # None: pages send no policy header

    httpd: _Server

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        handler = functools.partial(_Handler, directory=str(directory))
        self.httpd = self._Server(("127.0.0.1", 0), handler)
        self.httpd.blocked = set()
        self.httpd.faults = {}
        self.httpd.released = threading.Event()
        self.httpd.served = []
        self.httpd.prefetched = []
        self.httpd.csp_reports = None
        super().__init__()

    @property
    def blocked(self) -> set[str]:
        return self.httpd.blocked

    @contextlib.contextmanager
    def blocking(self, path: str) -> Iterator[None]:
        """Files under `path` (relative to the site) answer 404 inside the `with` block."""
        self.blocked.add(path)
        try:
            yield
        finally:
            self.blocked.discard(path)

    @contextlib.contextmanager
    def failing(self, path: str, fault: str) -> Iterator[None]:
        """Files under `path` fail in the way `fault` names (FAULTS, or "slow:<bytes per second>")
        inside the `with` block; a stalled answer is let go when the block ends."""
        self.httpd.faults[path] = fault
        self.httpd.released.clear()
        try:
            yield
        finally:
            del self.httpd.faults[path]
            self.httpd.released.set()

    @contextlib.contextmanager
    def reporting_csp(self) -> Iterator[list[dict]]:
        """Inside the block, every page also sends its <meta> policy as a header with a `report-uri` on
        this server; yields the violation reports that arrive there (JSON, as the browser sent them), which
        a GET of the same address also lists."""
        reports: list[dict] = []
        self.httpd.csp_reports = reports
        try:
            yield reports
        finally:
            self.httpd.csp_reports = None

    def __enter__(self) -> SiteServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.released.set()  # a stalled answer lets go, or shutdown would wait for it
        self.stop()


def build_site(out: Path, site_url: str) -> None:
    """`mkdocs build --strict` into `out` for a site served at `site_url`. The address matters:
    Material's instant navigation only intercepts links to pages listed in sitemap.xml, whose
    addresses come from `site_url` (a wrong one silently means full page loads)."""
    finish_build(start_build(out, site_url))


def start_build(out: Path, site_url: str) -> subprocess.Popen[bytes]:
    """build_site() in its own process, returning at once: the caller does other work meanwhile."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
    )


def finish_build(build: subprocess.Popen[bytes]) -> None:
    """Wait for a build start_build() began; a failed build raises, as build_site() does."""
    if build.wait() != 0:
        raise subprocess.CalledProcessError(build.returncode, build.args)
