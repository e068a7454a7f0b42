"""``kg serve``: a SPARQL 1.1 Protocol endpoint, a query page and linked-data pages over a build.

Routes::

    /sparql              SPARQL 1.1 Protocol (GET, POST form-encoded, POST application/sparql-query);
                         updates (POST update=… or application/sparql-update) answer 403 unless allowed
    /                    the query page (kg/static/, no asset from the network)
    /queries.json        the query library, for the page
    /resource?iri=IRI    the page of any IRI the graph names
    /PATH                the page of BASE + PATH, BASE being the build's base IRI
                         (https://w3id.org/kg-cn/report/…/task/16 → /report/…/task/16)

Resource pages come as HTML, Turtle or JSON-LD by the Accept header (or
``?format=html|turtle|jsonld``). Queries run in worker processes
(:mod:`kg.worker`) under a time limit, answers are cut at a row limit (the
header ``X-KG-Truncated: true`` says so), and parameters declared in a
query's header may be given as ``param.NAME=value`` fields, bound as RDF terms.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import __version__
from .errors import QueryError, ReportError
from .protocol import NotAcceptable, negotiate
from .worker import QueryTimeout, WorkerPool

__all__ = ["ServerSettings", "make_server", "serve"]

_STATIC = Path(__file__).parent / "static"
_STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                 ".css": "text/css; charset=utf-8"}
_MAX_BODY = 10 * 1024 * 1024
_PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/turtle": "turtle",
               "application/ld+json": "jsonld", "application/json": "jsonld"}


@dataclass(frozen=True)
class ServerSettings:
    graph: str = "build"
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 30.0
    max_results: int = 10000
    allow_update: bool = False
    workers: int = 2
    quiet: bool = False  # no request log (tests)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, settings: ServerSettings, pool: WorkerPool, base: str):
        self.settings, self.pool, self.base = settings, pool, base
        super().__init__((settings.host, settings.port), _Handler)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def _library_json() -> bytes:
    from .library import library

    items = [{"name": q.name, "zh": q.question_zh, "en": q.question_en, "text": q.text,
              "parameters": [{"name": p.name, "description": p.description, "default": p.default}
                             for p in q.parameters]} for q in library()]
    return json.dumps(items, ensure_ascii=False).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = f"kg/{__version__}"

    def log_message(self, format: str, *args) -> None:
        if not self.server.settings.quiet:
            super().log_message(format, *args)

    # ------------------------------------------------------------ answering

    def _send(self, status: int, body: bytes, media_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def do_GET(self) -> None:
        self._route()

    def do_HEAD(self) -> None:
        self._route()

    def do_POST(self) -> None:
        self._route()

    def _route(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        fields = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        try:
            if url.path == "/sparql":
                self._sparql(fields)
            elif self.command == "POST":
                self._error(HTTPStatus.METHOD_NOT_ALLOWED, "only /sparql takes POST")
            elif url.path == "/":
                self._static("index.html")
            elif url.path.startswith("/static/"):
                self._static(url.path.removeprefix("/static/"))
            elif url.path == "/queries.json":
                self._send(HTTPStatus.OK, _library_json(), "application/json; charset=utf-8")
            elif url.path == "/resource":
                self._resource(_one(fields, "iri") or "", fields)
            else:
                self._resource(self.server.base + urllib.parse.unquote(url.path[1:]), fields)
        except QueryTimeout as error:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(error))
        except NotAcceptable as error:
            self._error(HTTPStatus.NOT_ACCEPTABLE, str(error))
        except _Refused as error:
            self._error(error.status, str(error))
        except ReportError as error:
            self._error(HTTPStatus.BAD_REQUEST, str(error))

    def _static(self, name: str) -> None:
        path = _STATIC / name
        if "/" in name or path.suffix not in _STATIC_TYPES or not path.is_file():
            raise _Refused(HTTPStatus.NOT_FOUND, f"no such page: {name}")
        self._send(HTTPStatus.OK, path.read_bytes(), _STATIC_TYPES[path.suffix])

    # ------------------------------------------------------------ SPARQL

    def _read_body(self) -> tuple[str, bytes]:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise _Refused(HTTPStatus.BAD_REQUEST, "Content-Length is not a number") from None
        if length < 0 or length > _MAX_BODY:
            raise _Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request bodies are limited to {_MAX_BODY} bytes")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        return media, self.rfile.read(length)

    def _sparql(self, fields: dict[str, list[str]]) -> None:
        query = update = None
        if self.command == "POST":
            media, body = self._read_body()
            text = body.decode("utf-8", "replace")
            if media == "application/x-www-form-urlencoded":
                fields = {**fields, **urllib.parse.parse_qs(text, keep_blank_values=True)}
            elif media == "application/sparql-query":
                query = text
            elif media == "application/sparql-update":
                update = text
            else:
                raise _Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                               "send application/x-www-form-urlencoded, application/sparql-query or application/sparql-update")
        query = query if query is not None else _one(fields, "query")
        update = update if update is not None else _one(fields, "update")
        if fields.get("default-graph-uri") or fields.get("named-graph-uri") or fields.get("using-graph-uri"):
            raise QueryError("this endpoint answers over the whole build: default-graph-uri and named-graph-uri "
                             "are not supported (use GRAPH in the query)")
        if update is not None:
            self._update(update)
        elif query is not None:
            self._query(query, fields)
        else:
            self._static("index.html") if self.command != "POST" else self._error(HTTPStatus.BAD_REQUEST, "no query")

    def _update(self, text: str) -> None:
        if self.command != "POST":
            raise QueryError("updates are sent with POST")
        if not self.server.settings.allow_update:
            raise _Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only (start kg serve with --allow-update)")
        self.server.pool.call(("update", text))
        self._send(HTTPStatus.OK, b"updated\n", "text/plain; charset=utf-8")

    def _query(self, text: str, fields: dict[str, list[str]]) -> None:
        from .library import bindings_for, query_from_text

        params = {key.removeprefix("param."): values[-1] for key, values in fields.items() if key.startswith("param.")}
        bindings = bindings_for(query_from_text(text), params) if params else {}
        answer = self.server.pool.call(("query", text, bindings, self.headers.get("Accept"), _one(fields, "format")))
        limit = {"X-KG-Truncated": "true", "X-KG-Max-Results": str(self.server.settings.max_results)}
        self._send(HTTPStatus.OK, answer.body, answer.media_type, limit if answer.truncated else None)

    # ------------------------------------------------------------ linked data

    def _link(self, iri: str) -> str:
        base = self.server.base
        if iri.startswith(base) and "?" not in iri and "#" not in iri:
            return "/" + urllib.parse.quote(iri[len(base):], safe="/")
        return "/resource?" + urllib.parse.urlencode({"iri": iri})

    def _resource(self, iri: str, fields: dict[str, list[str]]) -> None:
        from .library import to_term
        from .pages import resource_page
        from .resource import as_graph

        wanted = _one(fields, "format") or negotiate(self.headers.get("Accept") or "text/html", _PAGE_TYPES)
        if wanted not in ("html", "turtle", "jsonld"):
            raise NotAcceptable("resource pages come as html, turtle or jsonld")
        term = to_term(f"<{iri}>")  # QueryError (400) for what is not an IRI
        description = self.server.pool.call(("describe", term)).value
        if description is None:
            raise _Refused(HTTPStatus.NOT_FOUND, f"the graph says nothing about {iri}")
        if wanted == "html":
            self._send(HTTPStatus.OK, resource_page(description, self._link).encode("utf-8"), "text/html; charset=utf-8")
        else:
            fmt, media = ("json-ld", "application/ld+json") if wanted == "jsonld" else ("turtle", "text/turtle; charset=utf-8")
            self._send(HTTPStatus.OK, as_graph(description).serialize(format=fmt, encoding="utf-8"), media)


class _Refused(ReportError):
    def __init__(self, status: int, message: str):
        self.status = status
        super().__init__(message)


def _one(fields: dict[str, list[str]], key: str) -> str | None:
    values = fields.get(key)
    return values[-1] if values else None


def make_server(settings: ServerSettings):
    """A server ready to ``serve_forever()`` (its worker processes started); ``server_close()`` stops them."""
    from .store import load_index

    base = load_index(settings.graph)["base"]
    # Updates live in the server's memory: the build's Oxigraph store is opened read-only and never changes.
    pool = WorkerPool(settings.graph, size=1 if settings.allow_update else settings.workers,
                      timeout=settings.timeout, max_results=settings.max_results,
                      store="memory" if settings.allow_update else None)
    try:
        return _Server(settings, pool, base)
    except OSError as error:
        pool.close()
        raise ReportError(f"cannot listen on {settings.host}:{settings.port}: {error.strerror or error}") from None


def serve(settings: ServerSettings, announce=print) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM), then stop the workers."""
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    server = make_server(settings)
    host, port = server.server_address[:2]
    announce(f"kg serving {settings.graph} at http://{host}:{port}/ (SPARQL: http://{host}:{port}/sparql)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

