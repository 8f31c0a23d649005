"""Serve a built site on loopback under a sub-path, as a GitHub Pages project site would be served.

Used by the browser tests and the benchmark. `blocking` lets a test make files fail (HTTP 404), the way
a school proxy or a broken deploy would; `served` records every path requested (for byte counts).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "/busan-explainer/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: "SiteServer._Server"

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + clean[len(PREFIX):])

    def send_head(self):  # type: ignore[override]
        path = self.path.split("?", 1)[0]
        if any(path.startswith(PREFIX + b) for b in self.server.blocked):
            self.send_error(404, "blocked by the test")
            return None
        return super().send_head()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # every test and benchmark run starts cold
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        self.server.served.append(self.path)


class SiteServer:
    class _Server(http.server.ThreadingHTTPServer):
        daemon_threads = True
        blocked: set[str]
        served: list[str]

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        handler = functools.partial(_Handler, directory=str(directory))
        self.httpd = self._Server(("127.0.0.1", 0), handler)
        self.httpd.blocked = set()
        self.httpd.served = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        return self.origin + PREFIX

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

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def build_site(out: Path, site_url: str) -> None:
    """`mkdocs build --strict` into `out` for a site served at `site_url`. The address matters:
    Material's instant navigation only intercepts links to pages listed in sitemap.xml, whose
    addresses come from `site_url` (a wrong one silently means full page loads)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT, check=True, env=env,
    )
