"""The classroom pack's start script on a teacher's computer: under the address students open it draws a
QR code in text (for the projector) that a camera reads back as that address, in a colour terminal, in a
plain one and in one without block characters; without its vendored encoder it still serves, and says so.
The script runs as the pack lays it out: the script, the pinned `qrcodegen` module beside it, the site."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from explainers import classroom_pack

SCRIPT = Path(classroom_pack.__file__).with_name("classroom_start.py")
DONE = "Leave this window open"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
HALF = {" ": (False, False), "\u2580": (True, False), "\u2584": (False, True), "\u2588": (True, True)}


def lay_out_pack(folder: Path, with_encoder: bool = True) -> Path:
    (folder / classroom_pack.FOLDER).mkdir()
    (folder / classroom_pack.FOLDER / "index.html").write_text("<!doctype html><title>Home</title>")
    shutil.copy(SCRIPT, folder / classroom_pack.START_SCRIPT)
    if with_encoder:
        (folder / classroom_pack.QR_ENCODER).write_bytes(classroom_pack.qr_encoder()[0])
    return folder / classroom_pack.START_SCRIPT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def command(script: Path, port: int) -> list[str]:
    # -S: no site-packages, as on a teacher's computer: only the standard library and the pack's own files.
    return [sys.executable, "-S", str(script), "--no-browser", "--bind", "127.0.0.1", "--port", str(port)]


def run_piped(script: Path, **env: str) -> tuple[str, subprocess.Popen]:
    """The script's words until it says it is serving (stdout a pipe, as when run from another program)."""
    server = subprocess.Popen(
        command(script, free_port()),
        stdout=subprocess.PIPE,
        text=True,
        encoding=env.get("PYTHONIOENCODING", "utf-8"),
        env={**os.environ, **env},
    )
    said = ""
    deadline = time.monotonic() + 30
    while DONE not in said:
        line = server.stdout.readline() if server.stdout else ""
        assert line and time.monotonic() < deadline, f"the start script stopped: {said}"
        said += line
    return said, server


def run_in_terminal(script: Path) -> str:
    """The same in a pseudo-terminal, as a teacher's terminal window runs it (colours allowed)."""
    main, child = pty.openpty()
    server = subprocess.Popen(
        command(script, free_port()), stdout=child, stderr=child, env={**os.environ, "TERM": "xterm-256color"}
    )
    os.close(child)
    said = b""
    try:
        deadline = time.monotonic() + 30
        while DONE.encode() not in said:
            assert time.monotonic() < deadline, f"the start script said only: {said!r}"
            if select.select([main], [], [], 1)[0]:
                said += os.read(main, 65536)
    finally:
        server.terminate()
        server.wait(timeout=10)
        os.close(main)
    return said.decode("utf-8").replace("\r\n", "\n")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=10)


def drawn_code(said: str) -> list[str]:
    """The lines of the code: after the line that offers it, up to the blank line below it."""
    lines = said.split("\n")
    start = next(i for i, line in enumerate(lines) if "Or scan this code" in line) + 2
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    return [line[2:] for line in lines[start:end]]  # the two spaces of indent


def read_text_qr(lines: list[str], blocks_are_dark: bool) -> str:
    """What a phone's camera reads from the code on screen: each module becomes 4 × 4 pixels."""
    import zxingcpp  # a test dependency (pyproject.toml)

    plain = [ANSI.sub("", line) for line in lines]
    if any("#" in line for line in plain):  # two characters a module, a line a row
        ink = [[line[x] == "#" for x in range(0, len(line), 2)] for line in plain]
    else:
        ink = []
        for line in plain:
            pairs = [HALF[char] for char in line]
            ink += [[top for top, _ in pairs], [bottom for _, bottom in pairs]]
    assert len({len(row) for row in ink}) == 1, "ragged rows"
    dark = [[cell == blocks_are_dark for cell in row] for row in ink]
    scale = 4
    pixels = bytes(
        0 if is_dark else 255 for row in dark for _ in range(scale) for is_dark in row for _ in range(scale)
    )
    image = memoryview(pixels).cast("B", [len(dark) * scale, len(dark[0]) * scale])
    # the colours must be the right way round; QR codes only (zxing's 1-D readers see false codes in its stripes)
    found = zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode), try_invert=False
    )
    assert len(found) == 1, f"{len(found)} codes read"
    return found[0].text


def address(said: str) -> str:
    found = re.search(r"Students open:\s+(http://\S+)", ANSI.sub("", said))
    assert found, said
    return found[1]


def test_a_plain_terminal_shows_the_light_modules_as_blocks(tmp_path):
    said, server = run_piped(lay_out_pack(tmp_path))
    stop(server)
    assert "\x1b[" not in said  # no colours where none are asked for
    assert read_text_qr(drawn_code(said), blocks_are_dark=False) == address(said)


def test_a_colour_terminal_shows_black_modules_on_white(tmp_path):
    said = run_in_terminal(lay_out_pack(tmp_path))
    lines = drawn_code(said)
    assert all(line.startswith("\x1b[30;107m") for line in lines), lines[0]
    assert read_text_qr(lines, blocks_are_dark=True) == address(said)
    assert len(ANSI.sub("", lines[0])) <= 45  # fits a terminal window beside the address


def test_a_terminal_without_block_characters_gets_two_characters_a_module(tmp_path):
    said, server = run_piped(lay_out_pack(tmp_path), PYTHONIOENCODING="ascii")
    stop(server)
    assert read_text_qr(drawn_code(said), blocks_are_dark=False) == address(said)


def test_without_the_encoder_the_script_still_serves_and_says_why_there_is_no_code(tmp_path):
    said, server = run_piped(lay_out_pack(tmp_path, with_encoder=False))
    try:
        assert "No QR code" in said and classroom_pack.QR_ENCODER in said
        with urllib.request.urlopen(address(said), timeout=10) as answer:
            assert answer.status == 200 and b"<title>Home</title>" in answer.read()
    finally:
        stop(server)


@pytest.mark.parametrize("broken", ["raise ImportError('no')\n", "this is not Python\n"])
def test_a_broken_encoder_is_the_same_as_a_missing_one(tmp_path, broken):
    script = lay_out_pack(tmp_path)
    (tmp_path / classroom_pack.QR_ENCODER).write_text(broken)
    said, server = run_piped(script)
    stop(server)
    assert "No QR code" in said and "Students open:" in said


def test_a_short_link_redirects_to_the_very_link_it_was_given_in_either_edition(tmp_path):
    """The script keeps /s/<n> for whatever page of the site the builder sends: the Russian builder's
    ru/assign/… as the English builder's assign/…, query and all."""
    said, server = run_piped(lay_out_pack(tmp_path))
    here = address(said)
    no_redirects = urllib.request.build_opener(NoRedirect)
    try:
        for target in (
            "/ru/assign/tariff_stack/?tariff_stack.predict=price&tariff_stack.q=%D0%A1%D0%BA%D0%BE%D0%BB%D1%8C%D0%BA%D0%BE%3F",
            "/assign/tariff_stack/?tariff_stack.predict=price",
        ):
            request = urllib.request.Request(f"{here}short-link", data=target.encode(), method="POST")
            with urllib.request.urlopen(request, timeout=10) as answer:
                path = json.loads(answer.read())["path"]
            assert re.fullmatch(r"s/\d+", path), path
            with pytest.raises(urllib.error.HTTPError) as redirected:
                no_redirects.open(f"{here}{path}", timeout=10)
            assert redirected.value.code == 302
            assert redirected.value.headers["Location"] == target
    finally:
        stop(server)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """The answer itself, not the page it leads to (which this test's pack does not have)."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None
