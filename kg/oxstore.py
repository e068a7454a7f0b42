"""The embedded default store: Oxigraph (pyoxigraph), on disk under ``BUILD/oxigraph/``.

Users reach it through the rdflib API (:func:`kg.store.load_dataset` gives an
rdflib ``Dataset`` over oxrdflib's Oxigraph store), and kg's own queries reach
it directly (:func:`query`): oxrdflib hands ``initBindings`` to Oxigraph as
"substitutions", which Oxigraph only accepts for variables the query projects
(a bureau bound in ``WHERE`` and not selected fails), and answers through
rdflib's result classes anyway. So kg binds parameters the way it does on a
remote endpoint — a ``VALUES`` block made of the terms' N-Triples forms, never
pasted text (:func:`kg.engine.with_values`) — runs the query in Oxigraph, and
converts the answer into rdflib's ``Result`` so that every printer and the
server treat both stores alike. ``bench/stores.py`` measures both paths.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from functools import cache
from pathlib import Path

__all__ = ["STORE_DIR", "FreshStore", "is_oxigraph", "open_read_only", "query", "replace_store", "update_graphs"]

STORE_DIR = "oxigraph"


def open_read_only(build: Path):
    """An rdflib Dataset (union default graph) over the build's Oxigraph store, read-only."""
    import pyoxigraph as ox
    from rdflib import Dataset

    # default_union: a build's triples are all in named graphs, each in one (kg.iris.shared_graph).
    return Dataset(store=_store_class()(store=ox.Store.read_only(str(build / STORE_DIR))), default_union=True)


@cache
def _store_class():
    """oxrdflib's store, giving plain literals where Oxigraph says xsd:string, as rdflib's memory store does.

    In RDF 1.1 the two are one term, but rdflib compares them as different, so
    without this the same build would answer differently by store.
    """
    from oxrdflib import OxigraphStore

    class Store(OxigraphStore):
        def __init__(self, *, store):
            super().__init__(store=store)
            self.oxigraph = store  # kg's own queries go straight to it (see query())

        def triples(self, triple_pattern, context=None):
            for (s, p, o), contexts in super().triples(triple_pattern, context):
                yield (s, p, _plain(o)), contexts

    return Store


def _plain(term):
    from rdflib import Literal

    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


def is_oxigraph(dataset) -> bool:
    return isinstance(dataset.store, _store_class())


def replace_store(build: Path, files: list[Path]) -> None:
    """Load the reports' N-Quads files into a new store beside the old one, then swap them (a
    failed load leaves the old). :class:`FreshStore` says how."""
    loader = FreshStore(build)
    try:
        for path in files:
            loader.add(path)
    except BaseException:
        loader.abort()
        raise
    loader.finish()


class FreshStore:
    """A new store beside the build's, filled in a thread while the caller goes on making parts.

    :meth:`add` queues an N-Quads file of a part; a thread bulk-loads the files in batches of
    about :data:`_BATCH` bytes as they come (pyoxigraph releases the GIL while it loads, so on two
    cores a thousand reports' parts and their load overlap instead of following each other).
    :meth:`finish` loads the rest, compacts the store and swaps it in for the old one;
    :meth:`abort` throws it away, so a failed build leaves the old store as it was.

    The files go in as they are: a part's named graph and its lines of the shared graph, which
    several parts may hold (a store is a set: the same quad loaded twice is there once). Nothing
    goes into the default graph; queries take the union of the named graphs, which overlap in no
    triple (:func:`kg.iris.shared_graph`). kg once copied every triple into the default graph instead,
    and that copy took nearly half of a fresh store's load. Reports go in few bulk
    loads, each of one stream, because each bulk load has a cost of its own (2,000 of them were a
    fifth of the load) while one load of a thousand reports held 2.5 GB. The files are read in the
    thread: the queue holds only paths, so a load that lags keeps nothing in memory.
    """

    def __init__(self, build: Path) -> None:
        self._build = build
        self._batch: list[Path] = []
        self._size = 0
        self._error: BaseException | None = None
        self._thread = None
        self._expected = 0  # files still to come, when the caller said (expect)
        self._seen = [0, 0]  # files added, and their bytes

    def expect(self, files: int) -> None:
        """Say how many files are still to be added, so that the last batches are small (see :meth:`add`)."""
        self._expected = files

    def _start(self) -> None:
        """Open the store and start the thread, at the first file: after the build has forked its
        workers, which must not inherit a running thread (or RocksDB's)."""
        import queue
        import threading

        import pyoxigraph as ox

        self._build.mkdir(parents=True, exist_ok=True)
        self._directory = Path(tempfile.mkdtemp(prefix=f".{STORE_DIR}.", dir=self._build))
        self._store = ox.Store(str(self._directory))
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._load, name="kg-store-load", daemon=True)
        self._thread.start()

    def add(self, path: Path) -> None:
        if self._thread is None:
            self._start()
        size = path.stat().st_size
        self._batch.append(path)
        self._size += size
        self._seen[0] += 1
        self._seen[1] += size
        self._expected = max(0, self._expected - 1)
        if self._size >= self._batch_size():
            self._send()

    def _batch_size(self) -> int:
        """Bytes to gather before a load: :data:`_BATCH`, but near the end no more than what is still to
        come, so the batches halve. What the build waits for once the last part is made is the last load
        (at 300 reports, 3.4-4.3 s with 64 MB batches, 0.8-1.8 s with 16 MB ones); small batches
        throughout would cost more, as each load has a cost of its own."""
        if not self._expected:
            return _BATCH
        coming = self._expected * self._seen[1] / self._seen[0]
        return int(min(_BATCH, max(_LAST_BATCH, coming)))

    def finish(self) -> None:
        if self._thread is None:
            self._start()
        self._send()
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            self._discard()
            raise self._error
        try:
            self._store.flush()
            self._store.optimize()  # compacts what the bulk loads left in many small files: queries ran 3× slower
            del self._store
            old = self._build / f".{STORE_DIR}.old"
            shutil.rmtree(old, ignore_errors=True)
            target = self._build / STORE_DIR
            if target.exists():
                target.rename(old)
            self._directory.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            self._discard()
            raise

    def abort(self) -> None:
        if self._thread is None:
            return
        self._batch = []
        self._queue.put(None)
        self._thread.join()
        self._discard()

    def _send(self) -> None:
        if self._batch:
            self._queue.put(self._batch)
            self._batch, self._size = [], 0

    def _load(self) -> None:
        import pyoxigraph as ox

        while (batch := self._queue.get()) is not None:
            if self._error is not None:
                continue  # drain: finish() reports the first error
            try:
                # lenient: the IRIs were minted by kg and the part's graph passed the shapes; checking
                # them again cost about 5% of the load's CPU (16.3 against 17.3 s for 200 reports).
                self._store.bulk_load(io.BufferedReader(_Quads(batch), 1 << 20), format=ox.RdfFormat.N_QUADS,
                                      lenient=True)
            except BaseException as error:  # raised in the caller's thread by finish()
                self._error = error

    def _discard(self) -> None:
        self.__dict__.pop("_store", None)
        shutil.rmtree(self._directory, ignore_errors=True)


# Bytes of N-Quads files per bulk load. At 1,000 bench reports, 64 MB batches (some 17 loads) kept RocksDB
# compacting their files while the build ran: the build's own process used 115-124 CPU-s and the build took
# 139-150 s; with 192 MB batches 91-92 CPU-s and 124-128 s (two runs each, interleaved), peak RSS 0.5 → 1.0 GB.
_BATCH = 192 << 20
_LAST_BATCH = 4 << 20  # the smallest, at the end of a build


class _Quads(io.RawIOBase):
    """The N-Quads files ``paths`` as one stream, read a file at a time."""

    def __init__(self, paths: list[Path]) -> None:
        self._paths = iter(paths)
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            path = next(self._paths, None)
            if path is None:
                return 0
            data = path.read_bytes()
            if data and not data.endswith(b"\n"):
                data += b"\n"  # the next file's first line must not join this one's last
            self._pending = memoryview(data)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def update_graphs(build: Path, cleared: list[str], added: list[Path], shared: tuple[str, list[Path]] | None) -> None:
    """Update the build's store in place: empty the named graphs ``cleared`` (reports removed or
    replaced), load the N-Quads files ``added``, and, when ``shared`` is given as (the shared
    graph's IRI, every part's shared-graph file), make that graph hold exactly those files' lines.

    The shared graph needs that only when a report left or changed: what it alone said of a body
    or entity must go. A report added to the rest only adds lines, and a store is a set.
    """
    import pyoxigraph as ox

    store = ox.Store(str(build / STORE_DIR))
    for name in cleared:
        store.remove_graph(ox.NamedNode(name))
    for path in added:
        store.load(path=str(path), format=ox.RdfFormat.N_QUADS)
    if shared is not None:
        _reconcile(store, ox.NamedNode(shared[0]), shared[1])
    store.flush()


def _reconcile(store, graph, files: list[Path]) -> None:
    """Make ``graph`` in ``store`` hold exactly the quads of ``files`` (all in ``graph``)."""
    import pyoxigraph as ox

    wanted = set()
    for path in files:
        wanted.update(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    held = set(store.quads_for_pattern(None, None, None, graph))
    for quad in held - wanted:
        store.remove(quad)
    store.extend(wanted - held)


def query(dataset, text: str):
    """Run ``text`` (bindings already in it) on the Oxigraph store behind ``dataset``; an rdflib Result."""
    import pyoxigraph as ox
    from rdflib.query import Result

    # The union of the named graphs: they overlap in no triple, so it has each once (kg.iris.shared_graph).
    answer = dataset.store.oxigraph.query(text, use_default_graph_as_union=True)
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QuerySolutions):
        from rdflib import Variable

        # Each term converted once: rows repeat their bodies, tasks and labels, and making rdflib
        # terms was a quarter of a counting query's time at 1,000 reports.
        terms: dict = {None: None}
        convert = _converter()

        def term(value):
            found = terms.get(value)
            if found is None and value is not None:
                found = terms[value] = convert(value)
            return found

        variables = [Variable(v.value) for v in answer.variables]
        return _select_result_class()(variables, [tuple(map(term, solution)) for solution in answer])
    from rdflib import Graph

    graph = Graph()
    for triple in answer:
        graph.add((_term(triple.subject), _term(triple.predicate), _term(triple.object)))
    result = Result("CONSTRUCT")
    result.graph = graph
    return result


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _term(term):
    """A pyoxigraph term as the rdflib term the memory store would give."""
    return _converter()(term)


@cache
def _converter():
    """:func:`_term`'s work, its imports done once: a query of 20,000 rows converts some 40,000 terms."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    named, blank = ox.NamedNode, ox.BlankNode
    new_string = str.__new__

    # IRIs and strings made without rdflib's checks, which were half of the conversion's time:
    # Oxigraph has already refused malformed IRIs and language tags (URIRef only warns), and a
    # string's lexical form is its value. tests/test_store.py compares them with rdflib's own.
    def text(value, language):
        literal = new_string(Literal, value)
        literal._language, literal._datatype, literal._value, literal._ill_typed = language, None, value, None
        return literal

    def convert(term):
        kind = type(term)
        if kind is named:
            return new_string(URIRef, term.value)
        if kind is blank:
            return BNode(term.value)
        if term.language:
            return text(term.value, term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return text(term.value, None)
        return Literal(term.value, datatype=URIRef(datatype))

    return convert


@cache
def _select_result_class():
    """rdflib's SELECT ``Result``, holding its rows as tuples until a caller asks for ``bindings``.

    rdflib keeps a dict per row and, iterating, builds each ``ResultRow`` from it
    with a fresh dict of the variables' positions: at 1,000 reports that was a
    sixth of top-entities' time. These rows share one such dict, and the dicts
    of ``bindings`` are made only for a caller that reads them (the server,
    cutting at its row limit); from then on rdflib's own behaviour holds.
    """
    from rdflib.query import Result, ResultRow

    new_tuple = tuple.__new__

    class SelectResult(Result):
        def __init__(self, variables, rows):
            super().__init__("SELECT")
            self.vars = variables
            self._rows = rows
            self._labels = {str(v): i for i, v in enumerate(variables)}

        @property
        def bindings(self):
            if self._rows is not None:
                variables, rows, self._rows = self.vars, self._rows, None
                self._bindings = [{v: t for v, t in zip(variables, row) if t is not None} for row in rows]
            return Result.bindings.fget(self)

        @bindings.setter
        def bindings(self, rows):
            self._rows = None
            Result.bindings.fset(self, rows)

        def __len__(self):
            return len(self._rows) if self._rows is not None else super().__len__()

        def __iter__(self):
            if self._rows is None:
                yield from super().__iter__()
                return
            labels = self._labels
            for values in self._rows:
                if values.count(None) < len(values):  # as rdflib: a row with nothing bound is no row
                    row = new_tuple(ResultRow, values)
                    row.labels = labels
                    yield row

    return SelectResult
