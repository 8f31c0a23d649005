"""Start the classroom pack: serve the site to the room and say the address students open.

Shipped in the classroom pack as `start-classroom.py`, beside the `busan-explainer` folder, and run by a
teacher with the Python the computer already has (standard library only; Windows, macOS, Linux):

    python3 start-classroom.py            (or: py start-classroom.py, or double-click it)

It serves the folder to every device on the school network (0.0.0.0), prints the address students open,
and opens the teacher's own browser at that same address, not at 127.0.0.1: assignment links made in the
builder then point at an address students' devices can reach.

It also keeps short links, which a static host cannot: the builder (widgets/runtime/builder.js) asks for one
and shows `http://192.168.1.20:8000/s/3` beside the long link, short enough to type from the board. They are
kept in `short-links.json` beside this script, so they survive a restart, and lead only to pages of this site.

Under the address it draws a QR code in text, for a teacher who puts this window on the projector. The encoder is
Project Nayuki's `qrcodegen` (MIT), which the pack carries beside this script (explainers/classroom_pack.py copies
the pinned module from PyPI at build time); without it the script still serves, and says why there is no code.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import re
import socket
import sys
import threading
import webbrowser
from pathlib import Path

FOLDER = "busan-explainer"
FIRST_PORT = 8000
PORTS_TRIED = 20
# Types browsers insist on (a module script must be JavaScript), whatever the computer's own table says.
TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
}


def network_address() -> str | None:
    """This computer's address on the local network, or None when it has none (only loopback).
    Connecting a UDP socket sends nothing; it only asks the system which interface would be used."""
    for probe in ("10.255.255.255", "192.168.255.255", "172.31.255.255"):
        with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.connect((probe, 1))
            address = udp.getsockname()[0]
            if not address.startswith(("127.", "0.")):
                return address
    with contextlib.suppress(OSError):
        address = socket.gethostbyname(socket.gethostname())
        if not address.startswith(("127.", "0.")):
            return address
    return None


SHORT_PATH = "/short-link"  # POST a page's path and query here: the answer is its short path, /s/<n>
SHORT = re.compile(r"^/s/(\d{1,6})/?$")
MAX_LINK = 4000  # characters: an assignment link is a few hundred
MAX_LINKS = 10_000
# The page says it can ask for short links by this Server-Timing entry, which scripts can read
# (PerformanceNavigationTiming.serverTiming) without a request that would fail on any other host.
SERVER_TIMING = 'classroom-pack;desc="short-links"'


class ShortLinks:
    """Short paths (/s/1, /s/2...) for long links within this site, kept in a JSON file."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.lock = threading.Lock()
        try:
            self.links: list[str] = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.links = []

    def add(self, target: str) -> int | None:
        # Only a path of this site (no other host, no scheme): a short link is never a way elsewhere.
        unsafe = "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target)  # no header tricks
        if not target.startswith("/") or target.startswith("//") or unsafe or len(target) > MAX_LINK:
            return None
        with self.lock:
            if target not in self.links:
                if len(self.links) >= MAX_LINKS:
                    return None
                self.links.append(target)
                with contextlib.suppress(OSError):  # a read-only folder: links last until the script stops
                    self.file.write_text(json.dumps(self.links, indent=0), encoding="utf-8")
            return self.links.index(target) + 1

    def get(self, number: int) -> str | None:
        return self.links[number - 1] if 0 < number <= len(self.links) else None


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    short_links: ShortLinks

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass  # one line per file would bury the address the teacher needs

    def end_headers(self) -> None:
        self.send_header("Server-Timing", SERVER_TIMING)
        super().end_headers()

    def do_GET(self) -> None:
        found = SHORT.match(self.path)
        if not found:
            return super().do_GET()
        target = self.short_links.get(int(found[1]))
        if target is None:
            return self.send_error(404, "No such short link")
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if self.path != SHORT_PATH or not 0 < length <= MAX_LINK:
            return self.send_error(400, "Not a short-link request")
        number = self.short_links.add(self.rfile.read(length).decode("utf-8", "replace"))
        if number is None:
            return self.send_error(400, "Not a link to a page of this site")
        body = json.dumps({"path": f"s/{number}"}).encode()  # relative to the site's root
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


# A QR code drawn with half blocks: each character is two modules, one above the other, so the code is about
# as tall as it is wide in a terminal's tall character cells.
HALF_BLOCKS = {(False, False): " ", (True, False): "\u2580", (False, True): "\u2584", (True, True): "\u2588"}
QUIET = 4  # modules of margin around the code, as the QR specification asks
# Black on bright white, whatever the terminal's own colours; reset at each line's end.
INK_ON_PAPER = ("\x1b[30;107m", "\x1b[0m")


def qr_modules(text: str) -> list[list[bool]] | None:
    """The code's modules (True: dark), quiet zone included; None when the pack's encoder is missing."""
    try:
        import qrcodegen  # beside this script in the pack
    except Exception:  # missing, or unusable on this Python: the address alone still works
        return None
    code = qrcodegen.QrCode.encode_text(text, qrcodegen.QrCode.Ecc.MEDIUM)
    span = range(-QUIET, code.get_size() + QUIET)
    return [[code.get_module(x, y) for x in span] for y in span]


def text_qr(modules: list[list[bool]], ansi: bool, encoding: str) -> list[str]:
    """The code as lines of text. With colours (`ansi`), the blocks are the dark modules, black on white.
    Without them the blocks are the light modules, in the terminal's own text colour: right on the dark
    background most terminals have (Windows' too), and a camera reads the code inverted on a light one.
    A terminal that cannot show block characters gets two characters per module and a line per row."""
    ink = (lambda dark: dark) if ansi else (lambda dark: not dark)
    try:
        "".join(HALF_BLOCKS.values()).encode(encoding)
    except (UnicodeError, LookupError):
        return ["".join("##" if ink(dark) else "  " for dark in row) for row in modules]
    rows = [*modules, [False] * len(modules[0])]  # an odd count: a light row below the quiet zone
    lines = []
    for y in range(0, len(modules), 2):  # (no zip(strict=...): the script runs on Python 3.8)
        line = "".join(HALF_BLOCKS[ink(rows[y][x]), ink(rows[y + 1][x])] for x in range(len(rows[y])))
        lines.append(f"{INK_ON_PAPER[0]}{line}{INK_ON_PAPER[1]}" if ansi else line)
    return lines


def print_qr(address: str) -> None:
    modules = qr_modules(address)
    if modules is None:
        print("(No QR code: the file qrcodegen.py is missing beside this script. The address above works.)")
        return
    out = sys.stdout
    ansi = out.isatty() and os.name != "nt" and os.environ.get("TERM") != "dumb"  # Windows: plain text
    print("  Or scan this code with a phone or tablet camera:\n")
    for line in text_qr(modules, ansi, out.encoding or "ascii"):
        print(f"  {line}")
    print(flush=True)


def serve(folder: Path, host: str, first_port: int) -> http.server.ThreadingHTTPServer:
    """A server on the first free port from `first_port` (another program may hold 8000)."""
    Handler.short_links = ShortLinks(folder.parent / "short-links.json")
    handler = functools.partial(Handler, directory=str(folder))
    for port in range(first_port, first_port + PORTS_TRIED):
        try:
            return http.server.ThreadingHTTPServer((host, port), handler)
        except OSError:
            continue
    raise SystemExit(
        f"No free port between {first_port} and {first_port + PORTS_TRIED - 1}: close another server and try again."
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the Busan truce explainer to the classroom.")
    parser.add_argument("--port", type=int, default=FIRST_PORT, help="first port to try (default 8000)")
    parser.add_argument("--bind", default="0.0.0.0", help="address to listen on (default: every network)")
    parser.add_argument("--no-browser", action="store_true", help="do not open this computer's browser")
    options = parser.parse_args(argv)
    folder = Path(__file__).resolve().parent / FOLDER
    if not (folder / "index.html").is_file():
        raise SystemExit(
            f"The folder {FOLDER} is not next to this script: unzip the whole pack, then run it again."
        )
    server = serve(folder, options.bind, options.port)
    port = server.server_address[1]
    address = network_address() if options.bind == "0.0.0.0" else options.bind
    here = f"http://{address or '127.0.0.1'}:{port}/"
    print("The Busan truce explainer is running.", flush=True)
    if address:
        print(f"\n  Students open:   {here}\n  Make assignments: {here}teachers/builder/\n", flush=True)
        print_qr(here)
        print("Students' devices must be on the same network as this computer.", flush=True)
    else:
        print(f"\n  This computer only: {here}\n", flush=True)
        print("No network was found, so students' devices cannot reach this computer.", flush=True)
    print("Leave this window open during the lesson; close it (or press Ctrl+C) to stop.", flush=True)
    if not options.no_browser:
        webbrowser.open(here)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
