"""Start the classroom pack: serve the site to the room and say the address students open.

Shipped in the classroom pack as `start-classroom.py`, beside the `busan-explainer` folder, and run by a
teacher with the Python the computer already has (standard library only; Windows, macOS, Linux):

    python3 start-classroom.py            (or: py start-classroom.py, or double-click it)

It serves the folder to every device on the school network (0.0.0.0), prints the address students open,
and opens the teacher's own browser at that same address, not at 127.0.0.1: assignment links made in the
builder then point at an address students' devices can reach.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import socket
import sys
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


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass  # one line per file would bury the address the teacher needs


def serve(folder: Path, host: str, first_port: int) -> http.server.ThreadingHTTPServer:
    """A server on the first free port from `first_port` (another program may hold 8000)."""
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
    sys.exit(main())
