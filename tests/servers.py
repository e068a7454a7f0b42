"""Servers started for tests: kg serve in a thread, on a free loopback port."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from kg.server import ServerSettings, make_server


@contextmanager
def running(graph, **settings):
    """``kg serve`` over ``graph`` on a free port; yields its base URL (http://127.0.0.1:PORT)."""
    server = make_server(ServerSettings(str(graph), port=0, quiet=True, **settings))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
