"""The classroom pack, as a teacher uses it: unzip, serve with the one line the teachers' page gives
(Python only), open a widget page, move a slider."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import zipfile

import pytest
from playwright.sync_api import expect

from explainers import classroom_pack
from tests.browser.reader import Reader, readout
from widgets import registry

WIDGET = "widget-tariff_stack"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def served_pack(built_site, tmp_path):
    pack = built_site / classroom_pack.SITE_PATH
    with zipfile.ZipFile(pack) as archive:
        archive.extractall(tmp_path)
    port = free_port()
    # The teachers' page's line, bound to loopback for the test (in a classroom it serves the room).
    command = classroom_pack.SERVE.replace("python3", sys.executable).replace(
        " 8000", f" {port} --bind 127.0.0.1"
    )
    server = subprocess.Popen(
        command.split(), cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the pack's server did not start"
                time.sleep(0.2)
        yield tmp_path, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_pack_is_the_site_in_one_folder_and_never_contains_itself(built_site):
    pack = built_site / classroom_pack.SITE_PATH
    names = zipfile.ZipFile(pack).namelist()
    top = ("README.txt", classroom_pack.START_SCRIPT, classroom_pack.QR_ENCODER, classroom_pack.QR_LICENCE)
    assert all(n in top or n.startswith(classroom_pack.FOLDER + "/") for n in names)
    # The start script's QR encoder is the pinned release, byte for byte, with its licence beside it.
    encoder, licence = classroom_pack.qr_encoder()
    assert zipfile.ZipFile(pack).read(classroom_pack.QR_ENCODER) == encoder
    assert "Permission is hereby granted" in zipfile.ZipFile(pack).read(classroom_pack.QR_LICENCE).decode()
    assert not any(n.endswith((".zip.partial", classroom_pack.SITE_PATH)) for n in names)  # no recursion
    for page in ("index.html", "busan-meeting/index.html", "sw.js", "assets/vendor/pyodide/pyodide.asm.wasm"):
        assert f"{classroom_pack.FOLDER}/{page}" in names
    assert pack.stat().st_size < 20e6, f"{pack.stat().st_size / 1e6:.1f} MB"  # about 12 MB


def test_a_widget_works_from_the_unzipped_pack_served_by_python_alone(context, served_pack):
    _, url = served_pack
    reader = Reader.open(context, url)
    page = reader.goto("busan-meeting/")
    reader.wait_python_ready(WIDGET)
    page.locator(f"#{WIDGET}-fentanyl").focus()
    page.keyboard.press("ArrowLeft")
    fentanyl = registry.get("tariff_stack").defaults()["fentanyl"] - 1  # one step left
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
        readout("tariff_stack", "total", fentanyl=fentanyl)
    )
    page = reader.goto("teachers/")  # and the pages around it
    expect(page.locator("a[href$='classroom-pack.zip']")).to_have_count(1)
    reader.assert_clean()
