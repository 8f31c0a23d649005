"""The site in the two other engines students' devices run: Firefox (Gecko, Firefox ESR from Debian,
driven over WebDriver BiDi by puppeteer-core from npm) and WebKit (Safari's engine, as Debian's WebKitGTK
MiniBrowser under a virtual X display, driven by WebKitWebDriver through Selenium). Playwright drives
neither stock browser here. Against the real built site on loopback, each engine must: render a page,
draw the chart (a Vega view holding the model's default data), start Python, move a slider to the read-out
CPython computes, come back under the service worker's control after a reload, and open a shared
"look inside" edit in a new page and run it; with no Content-Security-Policy violation (the server repeats
each page's policy as a header with a `report-uri`, since WebKit tells its driver nothing of its console:
no report may arrive) and, in Firefox, no console error, uncaught exception, failed request or
request to another host.

An engine that is not installed is skipped with the command that installs it; in CI (CI=true) it fails.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from tests.browser.reader import PYTHON_READY_MS
from tools.loopback import PREFIX
from tools.net_server import NetServer, Profile
from tools.site_server import CSP_REPORTS
from widgets import registry, sandbox

pytestmark = pytest.mark.engines

ROOT = Path(__file__).resolve().parents[2]
FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
# Debian installs it under the machine's multiarch folder (x86_64-linux-gnu, aarch64-linux-gnu, ...).
MINIBROWSER = str(
    next(Path("/usr/lib").glob("*/webkit2gtk-4.*/MiniBrowser"), "/usr/lib/<arch>/webkit2gtk-4.1/MiniBrowser")
)
XVFB = "Xvfb"

PAGE, WIDGET, SLIDER, PRESSES = "busan-meeting/", "widget-tariff_stack", "fentanyl", 3
PYTHON_MS = 3 * PYTHON_READY_MS  # WebKit's ordinary boot took up to 74 s here under heavy load
STEP_MS = 60_000  # any one page action, on a busy 2-core machine
# Last, each test checks its own checks: the page logs an error naming this address and fetches it (no
# page of the site contacts it; the policy refuses it): both must be seen, and are then set apart.
PROBE = "http://127.0.0.2:9/"
SOURCE = sandbox.model_source("tariff_stack")
EDITED = SOURCE.replace("BASE_PRICE = 100.0", "BASE_PRICE = 300.0")


def require(path: str, package: str) -> str:
    """The engine's binary; skipped with a reason on a machine without it, but never in CI."""
    found = shutil.which(path)
    if found:
        return found
    why = f"{path} is not installed (Debian: apt-get install {package})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why}: CI installs it (.ci/run)")
    pytest.skip(why)


def expected(built_site: Path) -> dict[str, Any]:
    """What the page must show, computed by CPython from the same models and the built page."""
    model = registry.get("tariff_stack")
    defaults = model.defaults()
    step = next(p.step for p in model.params if p.name == SLIDER)
    moved = {**defaults, SLIDER: float(defaults[SLIDER]) + PRESSES * step}
    layers = model.run(defaults).as_dict()["data"]["layers"]
    # The shared link carries the scenario too (the slider moved), and the edit runs on it.
    reply = json.loads(sandbox.run_edited("tariff_stack", EDITED, json.dumps(moved)))
    heading = re.search(r"<h1[^>]*>(.*?)<a ", (built_site / "index.html").read_text(), re.S)
    assert heading, "the home page has no <h1>"
    following = re.search(r'<link rel="next" href="([^"]+)"', (built_site / PAGE / "index.html").read_text())
    assert following, f"{PAGE} names no next page"
    return {
        "page": PAGE,
        "heading": html.unescape(heading.group(1)).strip(),
        "layers": [{k: row[k] for k in ("scenario", "layer", "rate")} for row in layers],
        "slider": f"{WIDGET}-{SLIDER}",
        "presses": PRESSES,
        "total": next(f.text for f in model.run(moved).figures if f.key == "total"),
        "source": SOURCE,
        "editedSource": EDITED,
        "editedPrice": next(f["text"] for f in reply["figures"] if f["key"] == "price"),
        "next": urljoin(PREFIX + PAGE, following.group(1)),  # the address the host sees
    }


def probed(items: list[Any]) -> tuple[list[Any], list[Any]]:
    """(what the final probe caused, everything else)."""
    mine = [item for item in items if "127.0.0.2" in json.dumps(item)]
    return mine, [item for item in items if item not in mine]


def assert_no_violation_but_the_probe(reports: list[dict]) -> None:
    probe, others = probed(reports)
    assert probe, "the probe's refused request was not reported: the policy header or report-uri is broken"
    assert not others, "Content-Security-Policy violations:\n" + "\n".join(json.dumps(r) for r in others)


def test_firefox_renders_draws_runs_python_and_works_offline(site, built_site):
    firefox = require(FIREFOX, "firefox-esr")
    want = expected(built_site)
    job = {
        "base": site.url,
        "executable": firefox,
        "widget": WIDGET,
        "expected": want,
        "timeouts": {"stepMs": STEP_MS, "pythonMs": PYTHON_MS},
        "probe": PROBE,
        "reports": site.origin + CSP_REPORTS,
    }
    prefetched_before = len(site.httpd.prefetched)
    with site.reporting_csp() as reports:
        # Node.js as setup found it: the machine's, or the one it installed from PyPI into the venv.
        node = shutil.which("node") or str(Path(sys.executable).parent / "node")
        run = subprocess.run(
            [node, str(ROOT / "tests/engines/firefox.mjs")],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=900,
        )
        assert run.stdout.strip(), f"firefox.mjs printed nothing (exit {run.returncode}):\n{run.stderr}"
        result = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"\nFirefox {result['version']}: {result['seconds']:.1f} s")
        for done in result["steps"]:
            print(f"  {done['seconds']:6.1f} s  {done['name']}")
        assert result["failed"] is None, (result["failed"], result["problems"])
        assert len(result["steps"]) == 7, result["steps"]
        assert result["steps"][0]["detail"].replace("¶", "").strip() == want["heading"]
        probe, problems = probed(result["problems"])
        assert f"console error: probe: {PROBE}" in probe, probe
        assert not problems, "\n".join(problems)
        assert_no_violation_but_the_probe(reports)
    # Firefox prefetches the page <link rel="next"> names. The service worker leaves that guess to the
    # browser (sw.js isBrowsersGuess; one it answered, cancelled as its page closed, was a console error):
    # the visits under its control (after the reload, and the shared edit's page) still prefetch it as the
    # browser's own request (a service worker's fetch of it would carry no Sec-Purpose header).
    following = want["next"]
    prefetches = [
        path for path in site.httpd.prefetched[prefetched_before:] if path.split("?")[0] == following
    ]
    assert len(prefetches) >= 2, f"Firefox's own prefetches of {following}: {prefetches}"


# ---------------------------------------------------------------------------------------------- WebKit


@pytest.fixture()
def display() -> Iterator[str]:
    """A virtual X display of its own (MiniBrowser has no headless mode), on a free number."""
    xvfb = require(XVFB, "xvfb")
    server = subprocess.Popen(
        [xvfb, "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert server.stdout
        number = server.stdout.readline().decode().strip()
        assert number.isdigit(), f"Xvfb gave no display number ({server.poll()=})"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@dataclass
class Steps:
    """Named steps with their times, so a failure says which step and the report says how long each took."""

    done: list[tuple[str, float]] = field(default_factory=list)

    def __call__(self, name: str, action: Callable[[], Any]) -> Any:
        started = time.monotonic()
        try:
            result = action()
        except Exception as error:
            raise AssertionError(f"{name}: {error}") from error
        self.done.append((name, time.monotonic() - started))
        return result


@pytest.fixture()
def webkit(display):
    require(WEBKIT_DRIVER, "webkit2gtk-driver")
    require(MINIBROWSER, "libwebkit2gtk-4.1-0")
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    options = Options()
    options.binary_location = MINIBROWSER
    options.add_argument("--automation")
    service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": display})
    driver = webdriver.WebKitGTK(options=options, service=service)
    driver.set_script_timeout(STEP_MS / 1000)
    driver.set_page_load_timeout(STEP_MS / 1000)
    try:
        yield driver
    finally:
        driver.quit()


def until(driver, what: str, script: str, *args: Any, timeout_ms: int = STEP_MS) -> Any:
    """Poll a script (it may return a promise) until it returns something true; fail after the deadline."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not (value := driver.execute_script(script, *args)):
        assert time.monotonic() < deadline, f"{what}: still not true after {timeout_ms / 1000:.0f} s"
        time.sleep(0.25)
    return value


TEXT = "return document.querySelector(arguments[0])?.textContent.trim() === arguments[1]"
VALUE = "return document.querySelector(arguments[0])?.value === arguments[1]"
READY = f"return document.getElementById('{WIDGET}')?.dataset.python === 'ready'"
OFFLINE_READY = """return (async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return Boolean(registration?.active && (await caches.keys()).some((name) => name.startsWith('bx-site-')));
})()"""


def test_webkit_renders_draws_runs_python_and_works_offline(site, built_site, webkit):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver, want, step, figure = webkit, expected(built_site), Steps(), f"#{WIDGET}"
    started = time.monotonic()
    with site.reporting_csp() as reports:

        def home() -> None:
            driver.get(site.url)
            heading = driver.find_element(By.CSS_SELECTOR, "article h1")
            assert heading.is_displayed()
            assert heading.text.replace("¶", "").strip() == want["heading"]

        step("the home page renders", home)

        def chart() -> None:
            driver.get(site.url + PAGE)
            # The build's picture shows first; then Vega-Embed puts the live views in its place.
            until(driver, "the Vega views", f"return Boolean(document.querySelector('{figure}')?.bxViews)")
            rows = driver.execute_script(
                """return (async () => {
                    const views = await document.getElementById(arguments[0]).bxViews;
                    return views[0].data('layers').map(({ scenario, layer, rate }) => ({ scenario, layer, rate }));
                })()""",
                WIDGET,
            )
            assert rows == want["layers"]

        step("the chart draws: a Vega view holds the default scenario", chart)

        def python() -> str:
            # How long the worker was starting Python after the last byte (the status says so): the
            # stretch the watchdog must not take for a stalled line.
            deadline, starting = time.monotonic() + PYTHON_MS / 1000, None
            while not driver.execute_script(READY):
                assert time.monotonic() < deadline, f"Python not ready after {PYTHON_MS / 1000:.0f} s"
                text = driver.execute_script(
                    f"return document.querySelector('{figure} .bx-status')?.textContent"
                )
                if starting is None and "Starting Python" in (text or ""):
                    starting = time.monotonic()
                time.sleep(0.25)
            return "not seen" if starting is None else f"{time.monotonic() - starting:.1f} s"

        after_last_byte = step("Python becomes ready", python)

        def slider() -> None:
            control = driver.find_element(By.ID, want["slider"])
            for _ in range(PRESSES):
                control.send_keys(Keys.ARROW_RIGHT)
            until(driver, "the read-out", TEXT, f"{figure} dd[data-figure='total']", want["total"])

        step("a slider changes the read-out as the model says", slider)

        def offline() -> None:
            until(driver, "the offline copy", OFFLINE_READY, timeout_ms=PYTHON_MS)
            driver.refresh()
            until(
                driver, "the service worker's control", "return navigator.serviceWorker.controller !== null"
            )

        step("the service worker controls the page after a reload", offline)

        def look_inside() -> None:
            until(driver, "Python after the reload", READY, timeout_ms=PYTHON_MS)
            driver.find_element(By.CSS_SELECTOR, f"{figure} .bx-inside summary").click()
            editor = f"#{WIDGET}-code"
            until(driver, "the model's source in the editor", VALUE, editor, SOURCE)
            driver.execute_script(
                """const editor = document.querySelector(arguments[0]);
                   editor.value = arguments[1];
                   editor.dispatchEvent(new Event('input', { bubbles: true }));""",
                editor,
                EDITED,
            )
            driver.find_element(By.CSS_SELECTOR, f"{figure} .bx-share-code").click()
            link = until(
                driver,
                "the shared link",
                "const v = document.querySelector(arguments[0])?.value ?? '';"
                " return /[?&]tariff_stack\\.code=/.test(v) && v",
                f"#{WIDGET}-code-link",
            )
            driver.get(link)
            until(driver, "the edit in the new page's editor", VALUE, editor, EDITED)
            until(driver, "Python on the shared link's page", READY, timeout_ms=PYTHON_MS)
            driver.find_element(By.CSS_SELECTOR, f"{figure} .bx-run").click()
            until(
                driver,
                "the edited model's read-out",
                TEXT,
                f"{figure} dd[data-figure='price']",
                want["editedPrice"],
            )

        step("look inside: a shared edit opens in a new page and runs", look_inside)

        def probe() -> None:
            driver.execute_script("fetch(arguments[0]).catch(() => {})", PROBE)
            deadline = time.monotonic() + STEP_MS / 1000
            while not probed(reports)[0]:
                assert time.monotonic() < deadline, "no report of the probe's refused request"
                time.sleep(0.25)

        step("the policy reports a refused request", probe)
        version = driver.capabilities.get("browserVersion")
        print(
            f"\nWebKitGTK {version}: {time.monotonic() - started:.1f} s; starting after the last byte: {after_last_byte}"
        )
        for name, seconds in step.done:
            print(f"  {seconds:6.1f} s  {name}")
        assert_no_violation_but_the_probe(reports)


BOOT = "return window.busanExplainer?.metrics?.find((m) => m.name === 'python-boot')?.source"


def test_webkit_reads_a_fast_line_and_takes_the_build_snapshot(built_site, webkit):
    """Inside a WebKit worker, Resource Timing gives times but no sizes, and the worker's thread, busy
    importing Pyodide's loader, reads the downloads' chunks late and in a burst: timed by the chunks, a
    100 Mbit/s line read 800-3200 Mbit/s, or 35-49. worker-boot.js lineSpeed() must read the line itself,
    by the network's times (85-99 here; narrower bounds than test_boot_choice.py's for Chromium, whose
    estimate, also the network's, reads a busy machine's delays less)."""
    mbit = 100
    with NetServer(built_site, Profile(f"{mbit} Mbit/s", mbit=mbit, latency_ms=40)) as server:
        server.precompress()
        webkit.get(server.url + PAGE)
        source = until(webkit, "Python's boot", BOOT, timeout_ms=PYTHON_MS)
    assert source.startswith("build snapshot"), source
    read = float(re.search(r"\((\d+) Mbit/s\)", source).group(1))
    assert 0.6 * mbit <= read <= 1.3 * mbit, source
