"""What the test servers share: a threaded HTTP server on 127.0.0.1 (a free port), serving the site under
the sub-path a GitHub Pages project site has; each subclass starts and stops it with `with`."""

from __future__ import annotations

import http.server
import threading

PREFIX = "/busan-explainer/"


class LoopbackServer:
    """Subclasses set `self.httpd` (bound to 127.0.0.1, port 0) before calling `super().__init__()`."""

    httpd: http.server.ThreadingHTTPServer

    def __init__(self) -> None:
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def url(self) -> str:
        """The site's home page: what a reader's browser opens."""
        return self.origin + PREFIX

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
