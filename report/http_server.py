"""`figwatch report --serve`: the static site over http on loopback, for a quick look.

Bound to 127.0.0.1 only: the report may hold a newsroom's unpublished notes, and a quick look
should never become a public server by accident. A web page in the operator's browser can still
reach 127.0.0.1 (DNS rebinding), so requests are answered only when addressed to a loopback name
(figwatch/listeners.py): anything else gets 421, a foreign Origin 403.
"""
from __future__ import annotations

import functools
import http.server
from pathlib import Path

from figwatch.errors import FigwatchError
from figwatch.listeners import refusal

HOST = "127.0.0.1"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder to loopback-addressed requests; one log line per request is noise on a terminal."""

    def do_GET(self) -> None:
        if not self._refused():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._refused():
            super().do_HEAD()

    def _refused(self) -> bool:
        refused = refusal(self.headers.get("Host"), self.headers.get("Origin"))
        if refused is not None:
            self.send_error(*refused)
        return refused is not None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def make_server(out: Path, *, port: int = 8765) -> http.server.ThreadingHTTPServer:
    """A server for `out` on 127.0.0.1 (port 0 picks a free one); the caller runs and closes it."""
    handler = functools.partial(_QuietHandler, directory=str(Path(out).resolve()))
    return http.server.ThreadingHTTPServer((HOST, port), handler)


def serve_site(out: Path, *, port: int = 8765) -> None:
    """Serve `out` on http://127.0.0.1:port/ until Ctrl-C."""
    try:
        server = make_server(out, port=port)
    except OSError as exc:
        raise FigwatchError(f"cannot listen on {HOST}:{port}: {exc.strerror or str(exc)}") from None
    real_port = server.server_address[1]  # the port asked for, or the free one the system chose for 0
    print(f"serving {Path(out).resolve()} on http://{HOST}:{real_port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
