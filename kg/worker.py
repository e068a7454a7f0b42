"""Running queries for the server in worker processes, so that a query over its time limit can be stopped.

rdflib evaluates a query in Python with no way to interrupt it from another
thread, so each worker is a separate process holding the built graph; a query
that runs past its limit has its process killed and a fresh worker takes its
place. A pool of workers serves concurrent requests.

Requests and answers are plain tuples sent over a pipe (see :func:`handle`).
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError, StoreError

__all__ = ["Answer", "QueryTimeout", "WorkerPool", "handle"]


class QueryTimeout(ReportError):
    """A query ran longer than the server's time limit and was stopped."""


@dataclass(frozen=True)
class Answer:
    """What a worker sends back: a body and its media type, or a value (``describe``)."""

    body: bytes = b""
    media_type: str = ""
    truncated: bool = False
    value: object = None


def handle(dataset, request: tuple, max_results: int) -> Answer:
    """Carry out one request on ``dataset``: ``("query", text, bindings, accept, fmt)``,
    ``("update", text)`` or ``("describe", iri)``."""
    from .protocol import run_and_write
    from .resource import describe
    from .engine import run_update

    op = request[0]
    if op == "query":
        _, text, bindings, accept, fmt = request
        return run_and_write(dataset, text, bindings, accept, fmt, max_results)
    if op == "update":
        run_update(dataset, request[1])
        return Answer(b"", "text/plain")
    if op == "describe":
        return Answer(value=describe(dataset, request[1]))
    raise ValueError(f"unknown request {op!r}")  # pragma: no cover - only kg sends requests


def _main(connection, graph: str, max_results: int, store: str | None = None) -> None:
    """A worker process: load the graph once, then answer requests until the pipe closes."""
    from .store import load_dataset

    try:
        dataset = load_dataset(graph, store=store)
    except ReportError as error:
        connection.send(("error", str(error)))
        return
    connection.send(("ready", None))
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        try:
            connection.send(("ok", handle(dataset, request, max_results)))
        except ReportError as error:  # sent whole, so that the server answers by its kind (400, 406, …)
            connection.send(("error", error))


class _WorkerDied(QueryTimeout):
    """The worker process ended in the middle of a request (killed, out of memory): it is replaced."""


class _Worker:
    def __init__(self, graph: str, max_results: int, store: str | None = None):
        context = multiprocessing.get_context("spawn")  # fork is unsafe in a threaded server
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_main, args=(child, graph, max_results, store), daemon=True)
        self.process.start()
        child.close()

    def ready(self, timeout: float) -> None:
        if not self.connection.poll(timeout):
            self.stop()
            raise StoreError(f"the query worker did not load the graph within {timeout:.0f} s")
        status, message = self.connection.recv()
        if status != "ready":
            self.stop()
            raise StoreError(message)

    def call(self, request: tuple, timeout: float) -> Answer:
        try:
            self.connection.send(request)
            if not self.connection.poll(timeout):
                raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
            status, answer = self.connection.recv()
        except (EOFError, OSError):
            raise _WorkerDied("the query worker died; it is being restarted") from None
        if status == "error":
            raise answer
        return answer

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class WorkerPool:
    """``size`` worker processes over the build at ``graph``; :meth:`call` runs a request with a time limit."""

    def __init__(self, graph: str | Path, *, size: int = 2, timeout: float = 30, max_results: int = 10000,
                 start_timeout: float = 120, store: str | None = None):
        self.graph, self.timeout, self.max_results = str(graph), timeout, max_results
        self.store = store  # None: the build's own (Oxigraph, read-only); "memory" for a server that takes updates
        self.start_timeout = start_timeout
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.workers: set[_Worker] = set()
        self.lock = threading.Lock()
        started = [_Worker(self.graph, max_results, store) for _ in range(size)]
        try:
            for worker in started:
                worker.ready(start_timeout)
        except ReportError:
            for worker in started:
                worker.stop()
            raise
        for worker in started:
            self._release(worker)

    def _release(self, worker: _Worker) -> None:
        with self.lock:
            self.workers.add(worker)
        self.idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker stuck in a query and start another in its place."""
        with self.lock:
            self.workers.discard(worker)
        worker.stop()
        fresh = _Worker(self.graph, self.max_results, self.store)
        try:
            fresh.ready(self.start_timeout)
        except ReportError:
            return
        self._release(fresh)

    def call(self, request: tuple) -> Answer:
        """Run ``request`` on an idle worker; :class:`QueryTimeout` if it (or the wait for a worker) takes too long."""
        # Waiting for a worker is not running: allow for a stopped worker's replacement to load the graph.
        wait = self.timeout + self.start_timeout
        try:
            worker = self.idle.get(timeout=wait)
        except queue.Empty:
            raise QueryTimeout(f"every query worker stayed busy for {wait:g} s; try again later") from None
        try:
            answer = worker.call(request, self.timeout)
        except QueryTimeout:  # the worker is stuck or dead: a fresh one takes its place
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            raise
        except BaseException:
            self.idle.put(worker)
            raise
        self.idle.put(worker)
        return answer

    def close(self) -> None:
        with self.lock:
            workers, self.workers = list(self.workers), set()
        for worker in workers:
            worker.stop()
