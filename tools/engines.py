"""The three browser engines, driven alike for the benchmark: Chromium (Playwright), Firefox ESR (puppeteer-core
over WebDriver BiDi, through tools/firefox_driver.mjs) and WebKit (Debian's WebKitGTK MiniBrowser, through
WebKitWebDriver and Selenium, on a virtual X display): the drivers tests/browser/test_engines.py uses.

Every measure runs as JavaScript in the page (a function of one JSON argument, which may return a promise),
so that each engine runs the same code and only opening a page differs. Each `open()` is a fresh profile:
nothing cached, no service worker, as on a first visit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = next(Path("/usr/lib").glob("*/webkit2gtk-4.*/MiniBrowser"), None)
STEP_S = 600  # any one page action: a cold boot at 10 Mbit/s on a busy machine takes tens of seconds
ENGINES = ("chromium", "firefox", "webkit")


class Unavailable(RuntimeError):
    """The engine is not installed here (the message says how to install it)."""


class Session:
    """One page in a fresh profile."""

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def run(self, script: str, arg: Any = None) -> Any:
        """`script` is a JavaScript function of one argument; its (awaited) result, as JSON."""
        raise NotImplementedError

    def cpu_slowdown(self, rate: float) -> None:
        """Slow the page's main thread `rate` times (only where the engine `slows_cpu`)."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class Engine:
    name = ""
    version = ""
    slows_cpu = False  # whether its driver can slow a page's main thread (Chromium's CDP can; the others not)

    def open(self) -> Session:
        raise NotImplementedError

    def close(self) -> None:
        pass


# ---------------------------------------------------------------------------------------------- Chromium


class _PlaywrightSession(Session):
    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.page.set_default_timeout(STEP_S * 1000)

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def run(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def cpu_slowdown(self, rate: float) -> None:
        self.context.new_cdp_session(self.page).send("Emulation.setCPUThrottlingRate", {"rate": rate})

    def close(self) -> None:
        self.context.close()


class Chromium(Engine):
    name = "chromium"
    slows_cpu = True

    def __init__(self, playwright: Any) -> None:
        from tools.browser_setup import launch_args

        self.browser = playwright.chromium.launch(**launch_args())
        self.version = f"Chromium {self.browser.version}"

    def open(self) -> Session:
        return _PlaywrightSession(self.browser)

    def close(self) -> None:
        self.browser.close()


# ---------------------------------------------------------------------------------------------- Firefox


class _FirefoxSession(Session):
    def __init__(self, engine: Firefox) -> None:
        self.engine = engine
        self.id = engine.call("open")

    def goto(self, url: str) -> None:
        self.engine.call("goto", session=self.id, url=url)

    def run(self, script: str, arg: Any = None) -> Any:
        return self.engine.call("run", session=self.id, script=script, arg=arg)

    def close(self) -> None:
        self.engine.call("close", session=self.id)


class Firefox(Engine):
    """Firefox ESR, one browser; each session a browser context of its own (a fresh profile)."""

    name = "firefox"

    def __init__(self) -> None:
        if not Path(FIREFOX).exists():
            raise Unavailable(f"{FIREFOX} is not installed (Debian: apt-get install firefox-esr)")
        node = shutil.which("node") or str(Path(sys.executable).parent / "node")
        self.process = subprocess.Popen(
            [node, str(ROOT / "tools" / "firefox_driver.mjs"), FIREFOX, str(STEP_S * 1000)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        self.version = str(self.call("version")).replace("firefox/", "Firefox ")

    def call(self, op: str, **args: Any) -> Any:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the Firefox driver stopped (exit {self.process.poll()})")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"Firefox: {op}: {reply['error']}")
        return reply.get("value")

    def open(self) -> Session:
        return _FirefoxSession(self)

    def close(self) -> None:
        try:
            self.call("quit")
        finally:
            self.process.wait(timeout=60)


# ---------------------------------------------------------------------------------------------- WebKit


class _WebKitSession(Session):
    def __init__(self, display: str) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        options = Options()
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")
        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": display})
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_script_timeout(STEP_S)
        self.driver.set_page_load_timeout(STEP_S)
        self.version = f"WebKitGTK {self.driver.capabilities.get('browserVersion', '')}"

    def goto(self, url: str) -> None:
        self.driver.get(url)

    def run(self, script: str, arg: Any = None) -> Any:
        return self.driver.execute_script(f"return ({script})(arguments[0]);", arg)

    def close(self) -> None:
        self.driver.quit()


class WebKit(Engine):
    """Each session a MiniBrowser of its own (an automation session keeps no data from another)."""

    name = "webkit"

    def __init__(self) -> None:
        for path, package in ((WEBKIT_DRIVER, "webkit2gtk-driver"), (shutil.which("Xvfb"), "xvfb")):
            if not path or not Path(path).exists():
                raise Unavailable(f"{package} is not installed (Debian: apt-get install {package})")
        if MINIBROWSER is None:
            raise Unavailable("MiniBrowser is not installed (Debian: apt-get install libwebkit2gtk-4.1-0)")
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self.xvfb.stdout
        number = self.xvfb.stdout.readline().decode().strip()
        if not number.isdigit():
            self.xvfb.terminate()
            raise Unavailable("Xvfb gave no display number")
        self.display = f":{number}"
        probe = _WebKitSession(self.display)
        self.version = probe.version
        probe.close()

    def open(self) -> Session:
        return _WebKitSession(self.display)

    def close(self) -> None:
        self.xvfb.terminate()
        self.xvfb.wait(timeout=30)


def start(name: str, playwright: Any) -> Engine:
    if name == "chromium":
        return Chromium(playwright)
    if name == "firefox":
        return Firefox()
    if name == "webkit":
        return WebKit()
    raise ValueError(f"no engine called {name!r}; known: {', '.join(ENGINES)}")
