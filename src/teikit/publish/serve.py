"""A local preview of a built site over HTTP (``teikit serve``).

Browsers let a page fetch the shards of the Pagefind index only from an
HTTP origin, never from ``file://``; this serves the site folder on the
loopback interface, for the editor's own machine, not for publishing.
"""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files of the site folder; one log line per request only on errors."""

    def log_message(self, format: str, *args: object) -> None:
        if len(args) > 1 and str(args[1]).startswith(("4", "5")):
            super().log_message(format, *args)


def make_server(site: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """An HTTP server of ``site`` (port 0: any free port; ``server_address`` says which)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    return ThreadingHTTPServer((host, port), handler)
