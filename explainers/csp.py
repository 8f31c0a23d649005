"""A strict Content-Security-Policy for every page, shipped as <meta http-equiv>.

Scripts run only from the site itself; the few inline scripts Material writes are allowed by their
SHA-256 hash, computed here at build time. 'wasm-unsafe-eval' lets Pyodide compile WebAssembly;
there is no 'unsafe-eval' (Vega evaluates expressions with its interpreter: `ast: true`).
Styles allow 'unsafe-inline': Vega and Material set style attributes at run time.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)
DATA_BLOCK = re.compile(r'\stype="application/(?:ld\+)?json"')

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    # blob: for the Python worker, which inherits this policy that way (python.js); 'self' for Material's
    # search worker. Code in the Python worker cannot start one from a URL (worker.js removes the constructor).
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
}


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if " src=" in attrs or DATA_BLOCK.search(attrs):
            continue  # external scripts are covered by 'self'; JSON data blocks never execute
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return list(dict.fromkeys(hashes))


def policy(html: str, live_reload: bool = False) -> str:
    # `mkdocs serve` injects a live-reload script whose text changes on every request, so no hash can
    # allow it: the development server alone allows inline scripts. Built sites never do.
    inline = ["'unsafe-inline'"] if live_reload else inline_script_hashes(html)
    directives = {**BASE_POLICY, "script-src": BASE_POLICY["script-src"] + inline}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def with_policy(html: str, live_reload: bool = False) -> str:
    """Insert the policy as the first element of <head>, before any script can run."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, live_reload)}">'
    return re.sub(r"<head>", "<head>" + meta, html, count=1)
