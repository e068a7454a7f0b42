"""Servers started for tests and benchmarks: kg serve in a thread, Virtuoso in a process, on free loopback ports."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

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


VIRTUOSO_INI = """\
[Database]
DatabaseFile = kg.db
ErrorLogFile = kg.log
TransactionFile = kg.trx
xa_persistent_file = kg.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = kg-temp.db
TransactionFile = kg-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
ServerThreads = 10
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
DefaultIsolation = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = .
MaxClientConnections = 5
ServerThreads = 5

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.25)
    raise RuntimeError(f"Virtuoso did not answer at {url} within {seconds} s")



@contextmanager
def running_virtuoso(home: Path):
    """Virtuoso (Debian's virtuoso-opensource) in ``home`` on free loopback ports, its SPARQL user allowed
    to update; yields the base URL and stops it afterwards."""
    sql, http = _free_port(), _free_port()
    (home / "virtuoso.ini").write_text(VIRTUOSO_INI.format(sql=sql, http=http), encoding="utf-8")
    log = (home / "stdout.log").open("wb")
    process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", "virtuoso.ini"], cwd=home,
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http}"
    try:
        _wait_for(base + "/sparql?query=ASK%7B%7D", process)
        subprocess.run(["isql-vt", str(sql), "dba", "dba", 'exec=grant SPARQL_UPDATE to "SPARQL";'],
                       check=True, capture_output=True, timeout=60)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
