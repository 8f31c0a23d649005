"""How this project launches Chromium: Debian's /usr/bin/chromium where it exists (no browser download
is possible on the CI machine), Playwright's own browser elsewhere."""

from __future__ import annotations

import os
import shutil

SYSTEM_CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def launch_args() -> dict:
    executable = os.environ.get("CHROMIUM") or next((p for p in SYSTEM_CHROMIUM if shutil.which(p)), None)
    args: dict = {"headless": True, "args": CHROMIUM_ARGS}
    if executable:
        args["executable_path"] = executable
    return args


def ensure_browser() -> None:
    """Before browser tests: Debian's Chromium if present, else Playwright's own (downloaded once)."""
    if launch_args().get("executable_path"):
        return
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=True)


if __name__ == "__main__":
    ensure_browser()
