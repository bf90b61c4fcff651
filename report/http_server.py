"""`figwatch report --serve`: the static site over http on loopback, for a quick look.

Bound to 127.0.0.1 only: the report may hold a newsroom's unpublished notes, and a quick look
should never become a public server by accident.
"""
from __future__ import annotations

import functools
import http.server
from pathlib import Path

HOST = "127.0.0.1"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder; one log line per request is noise on a terminal."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def make_server(out: Path, *, port: int = 8765) -> http.server.ThreadingHTTPServer:
    """A server for `out` on 127.0.0.1 (port 0 picks a free one); the caller runs and closes it."""
    handler = functools.partial(_QuietHandler, directory=str(Path(out).resolve()))
    return http.server.ThreadingHTTPServer((HOST, port), handler)


def serve_site(out: Path, *, port: int = 8765) -> None:
    """Serve `out` on http://127.0.0.1:port/ until Ctrl-C."""
    server = make_server(out, port=port)
    host, real_port = server.server_address[:2]
    print(f"serving {Path(out).resolve()} on http://{host}:{real_port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
