"""A school network on loopback: the built site served the way a static host serves it, through a
slow shared line. For the benchmark (`make bench`) and its own non-timing test; never a public server.

- **gzip** for the types static hosts compress (HTML, CSS, JS, JSON, SVG, XML, WebAssembly), never for
  files that are compressed already (.zip, .gz, images);
- **caching headers** like GitHub Pages (`Cache-Control: max-age=600`, `Last-Modified`, answering
  `If-Modified-Since` with 304), so a browser behaves as it does with a real host;
- **latency**: every response waits `latency_ms` before its first byte (one round trip per request);
- **bandwidth**: one line shared by every connection, so six parallel downloads split the
  line as they would on a real one;
- **bytes on the wire**: every response's header and body bytes are counted.

Bound to 127.0.0.1 only, and it stops itself after `lifetime_s` whatever happens to its caller.
"""

from __future__ import annotations

import email.utils
import gzip
import http.server
import mimetypes
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.loopback import PREFIX, LoopbackServer

COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "application/wasm",
    "application/manifest+json",
)
ALREADY_COMPRESSED = (".gz", ".zip", ".png", ".jpg", ".jpeg", ".webp", ".woff", ".woff2")
CHUNK = 16 * 1024
CATCH_UP_S = 0.05
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")


@dataclass(frozen=True)
class Profile:
    """A network: None bandwidth means loopback's own (unlimited)."""

    name: str
    mbit: float | None = None
    latency_ms: float = 0.0


LOOPBACK = Profile("loopback, gzip")
SCHOOL_10 = Profile("10 Mbit/s, 40 ms", 10, 40)
SCHOOL_50 = Profile("50 Mbit/s, 40 ms", 50, 40)
SCHOOL_100 = Profile("100 Mbit/s, 40 ms", 100, 40)


class SharedLine:
    """One line shared by every connection: each chunk is scheduled on the line's own clock.

    `take(n, due)` blocks until n more bytes of one response are on the line and returns when they
    are, to be passed as `due` with the response's next chunk. A response is scheduled from its own
    previous chunk, not from when its thread woke up: on a busy machine every sleep overshoots by
    milliseconds, and a thread that wakes late then sends at once what the line would have carried
    meanwhile (at most CATCH_UP_S of it). An idle line gives no credit: a response's first chunk
    starts now. (A token bucket of one chunk lost every late wake-up: a 50 Mbit/s line carried 35
    Mbit/s here under load; a larger bucket sent a whole small file at once after any pause.)"""

    def __init__(self, bytes_per_s: float) -> None:
        self.rate = bytes_per_s
        self.free_at = 0.0  # when the line has sent every chunk scheduled so far
        self.lock = threading.Lock()

    def take(self, n: int, due: float | None = None) -> float:
        with self.lock:
            now = time.monotonic()
            start = max(self.free_at, now if due is None else max(due, now - CATCH_UP_S))
            self.free_at = done = start + n / self.rate
        while (wait := done - time.monotonic()) > 0:
            time.sleep(wait)
        return done


@dataclass
class Served:
    path: str
    status: int
    wire_bytes: int  # headers and body as sent (gzipped where the host would gzip)
    gzipped: bool


@dataclass
class _State:
    root: Path
    mounts: dict[str, Path]
    profile: Profile
    line: SharedLine | None
    # site path -> another file (a benchmark variant)
    overrides: dict[str, Path] = field(default_factory=dict)
    served: list[Served] = field(default_factory=list)
    gzip_cache: dict[tuple[Path, float], bytes] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def compressible(path: Path) -> bool:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return kind.startswith(COMPRESSIBLE) and not path.name.endswith(ALREADY_COMPRESSED)


def gzipped_copy(state: _State, path: Path) -> bytes:
    """The file gzipped as a host sends it, compressed once (a host or CDN keeps its copy too)."""
    path = path.resolve()
    key = (path, path.stat().st_mtime)
    with state.lock:
        cached = state.gzip_cache.get(key)
    if cached is None:
        cached = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        with state.lock:
            state.gzip_cache[key] = cached
    return cached


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: latency per request, not per TCP connection
    server: NetServer._Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(body=False)

    def _file(self) -> Path | None:
        state = self.server.state
        clean = self.path.split("?", 1)[0].split("#", 1)[0]
        if clean.startswith(PREFIX) and clean[len(PREFIX) :] in state.overrides:
            return state.overrides[clean[len(PREFIX) :]]
        for prefix, folder in [*state.mounts.items(), (PREFIX, state.root)]:
            if clean.startswith(prefix):
                relative = clean[len(prefix) :]
                path = (folder / relative).resolve()
                if folder.resolve() not in (path, *path.parents):
                    return None
                if path.is_dir():
                    path = path / "index.html"
                return path if path.is_file() else None
        return None

    def _respond(self, body: bool) -> None:
        state = self.server.state
        time.sleep(state.profile.latency_ms / 1000)
        path = self._file()
        if path is None:
            self._send(404, {"Content-Type": "text/plain"}, b"not found", body)
            return
        modified = path.stat().st_mtime
        last_modified = email.utils.formatdate(modified, usegmt=True)
        since = self.headers.get("If-Modified-Since")
        if since and email.utils.parsedate_to_datetime(since).timestamp() >= int(modified):
            self._send(304, {"Last-Modified": last_modified, "Cache-Control": "max-age=600"}, b"", body)
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        headers = {
            "Content-Type": kind,
            "Last-Modified": last_modified,
            "Cache-Control": "max-age=600",
            "Vary": "Accept-Encoding",
        }
        gzipped = compressible(path) and "gzip" in self.headers.get("Accept-Encoding", "")
        data = gzipped_copy(state, path) if gzipped else path.read_bytes()
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        self._send(200, headers, data, body, gzipped)

    def _send(
        self, status: int, headers: dict[str, str], data: bytes, body: bool, gzipped: bool = False
    ) -> None:
        state = self.server.state
        headers = {**headers, "Content-Length": str(len(data))}
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        # status line, our headers, and the Server and Date lines http.server adds
        head = 100 + sum(len(name) + len(value) + 4 for name, value in headers.items())
        sent = 0
        if body:
            view = memoryview(data)
            due = None
            for start in range(0, len(data), CHUNK):
                chunk = view[start : start + CHUNK]
                if state.line:
                    due = state.line.take(len(chunk), due)
                try:
                    self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    break  # the browser gave up on this response (offline test, closed context)
                sent += len(chunk)
        with state.lock:
            state.served.append(Served(self.path, status, head + sent, gzipped))

    def log_message(self, format: str, *args: object) -> None:
        pass


class NetServer(LoopbackServer):
    """`with NetServer(site_dir, SCHOOL_10) as server:` then open `server.url`."""

    class _Server(http.server.ThreadingHTTPServer):
        daemon_threads = True
        state: _State

    httpd: _Server

    def __init__(
        self,
        directory: Path,
        profile: Profile = LOOPBACK,
        mounts: dict[str, Path] | None = None,
        lifetime_s: float = 3600,
    ) -> None:
        """`mounts`: URL prefix (outside the site's) -> another folder, e.g. Pyodide as published."""
        line = SharedLine(profile.mbit * 1e6 / 8) if profile.mbit else None
        self.httpd = self._Server(("127.0.0.1", 0), _Handler)
        self.httpd.state = _State(Path(directory), dict(mounts or {}), profile, line)
        super().__init__()
        self.lifetime = threading.Timer(lifetime_s, self.stop)  # bounded, whatever the caller does
        self.lifetime.daemon = True

    @property
    def profile(self) -> Profile:
        return self.httpd.state.profile

    @profile.setter
    def profile(self, profile: Profile) -> None:
        """Change the network between measurements (the same port, so the same browser origin)."""
        self.httpd.state.profile = profile
        self.httpd.state.line = SharedLine(profile.mbit * 1e6 / 8) if profile.mbit else None

    @property
    def overrides(self) -> dict[str, Path]:
        return self.httpd.state.overrides

    @property
    def served(self) -> list[Served]:
        return self.httpd.state.served

    def precompress(self) -> None:
        """Gzip every file now, not on its first request: the first visit measured should not wait
        for the server to compress a 10 MB WebAssembly file (a second of CPU here)."""
        state = self.httpd.state
        for folder in (state.root, *state.mounts.values()):
            for path in folder.rglob("*"):
                if path.is_file() and compressible(path):
                    gzipped_copy(state, path)

    def wire_bytes(self) -> int:
        with self.httpd.state.lock:
            return sum(s.wire_bytes for s in self.httpd.state.served)

    def reset_counts(self) -> None:
        with self.httpd.state.lock:
            self.httpd.state.served.clear()

    def __enter__(self) -> NetServer:
        self.start()
        self.lifetime.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.lifetime.is_alive():
            self.lifetime.cancel()
            self.stop()
