"""Talking to a remote triple store: SPARQL 1.1 Protocol queries and loading a build into it.

Only the standard library's HTTP client is used. ``push`` speaks either
protocol a store offers for writing:

``update``
    SPARQL 1.1 Update (``DROP SILENT GRAPH`` then ``INSERT DATA`` in chunks);
``graph-store``
    the SPARQL 1.1 Graph Store HTTP Protocol (one ``PUT`` per named graph).

Both replace each report's named graph, so pushing twice leaves the store as
pushing once. The shared graph (:func:`kg.iris.shared_graph`: bodies, entities,
places) is added to, never replaced, because other builds pushed to the same
store may hold lines of it too; so what a report no longer says of a body stays
there until the graph is dropped by hand.
"""

from __future__ import annotations

import base64
import io
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .errors import EndpointError

__all__ = ["PROTOCOLS", "PushResult", "post_query", "post_update", "push"]

from .choices import PUSH_PROTOCOLS as PROTOCOLS
_RESULTS_JSON = "application/sparql-results+json"
_CHUNK = 2000  # triples per INSERT DATA: small enough for any store's request limit


def _opener(url: str, auth: tuple[str, str] | None):
    if not auth:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, *auth)
    return urllib.request.build_opener(
        urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)
    )


def _authorization(url: str, method: str, auth: tuple[str, str], timeout: float) -> str | None:
    """The Authorization header for a request, answering the challenge of a bodiless probe.

    Some stores (Virtuoso) close the connection on an unauthenticated request
    before reading its body, so a large PUT or POST would fail with a broken
    pipe instead of getting the challenge: ask for the challenge first.
    """
    try:
        urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout).close()
        return None
    except urllib.error.HTTPError as error:
        challenge = error.headers.get("WWW-Authenticate", "") if error.code == 401 else ""
    except OSError:
        return None  # the request itself will say why
    scheme, _, rest = challenge.partition(" ")
    if scheme.lower() == "basic":
        return "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
    if scheme.lower() == "digest":
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, *auth)
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
        answer = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(
            urllib.request.Request(url, method=method), fields)
        return f"Digest {answer}" if answer else None
    return None


def _send(url: str, data: bytes | None, headers: dict[str, str], *, method: str = "POST",
          auth: tuple[str, str] | None = None, timeout: float = 60) -> bytes:
    if auth and data:
        authorization = _authorization(url, method, auth, timeout)
        if authorization:
            headers = {**headers, "Authorization": authorization}
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with _opener(url, auth).open(request, timeout=timeout) as response:
            if response.headers.get("X-KG-Truncated") == "true":
                # kg serve cut the answer (--max-results): a partial answer would pass for the whole.
                raise EndpointError(f"{url} cut its answer at {response.headers.get('X-KG-Max-Results')} rows: "
                                    "ask it for fewer rows, or start it with a larger --max-results")
            return response.read()
    except urllib.error.HTTPError as error:
        detail = error.read(600).decode("utf-8", "replace").strip()
        raise EndpointError(f"{url} answered {error.code} {error.reason}: {detail}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if auth and isinstance(reason, (BrokenPipeError, ConnectionResetError)):
            # A store that refuses the login may close the connection before the body is sent.
            raise EndpointError(f"{url} closed the connection while kg was sending ({reason}): "
                                "check --user and --password") from None
        raise EndpointError(f"cannot reach the SPARQL endpoint {url}: {reason}") from None


def post_query(endpoint: str, text: str, form: str, *, auth=None, timeout: float = 60):
    """Send a query (SPARQL 1.1 Protocol, POST form-encoded) and parse the answer into an rdflib Result."""
    from rdflib import Graph
    from rdflib.query import Result

    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    accept = "text/turtle" if graph_form else _RESULTS_JSON
    body = urllib.parse.urlencode({"query": text}).encode("utf-8")
    headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
    answer = _send(endpoint, body, headers, auth=auth, timeout=timeout)
    try:
        if graph_form:
            result = Result(form)
            result.graph = Graph().parse(data=answer.decode("utf-8"), format="turtle")
            return result
        return Result.parse(io.BytesIO(answer), format="json")
    except Exception as error:  # noqa: BLE001 - the endpoint sent something that is not what we asked for
        raise EndpointError(f"{endpoint} did not answer with {accept}: {error}") from None


def post_update(endpoint: str, text: str, *, auth=None, timeout: float = 300) -> None:
    """Send a SPARQL 1.1 Update request."""
    body = urllib.parse.urlencode({"update": text}).encode("utf-8")
    _send(endpoint, body, {"Content-Type": "application/x-www-form-urlencoded"}, auth=auth, timeout=timeout)


@dataclass(frozen=True)
class PushResult:
    endpoint: str
    protocol: str
    graphs: dict[str, int]  # named graph IRI → triples sent


def _graphs_of(directory: str | Path, graph_iri: str | None) -> dict[str, list[str]]:
    """N-Triples lines of each named graph in the build (all under ``graph_iri`` if given)."""
    from .store import load_index, nquads_lines

    load_index(directory)
    graphs: dict[str, list[str]] = {}
    for line in nquads_lines(directory):
        if not line.endswith(" ."):
            continue
        triple, _, name = line[:-2].rpartition(" ")
        graphs.setdefault(graph_iri or name[1:-1], []).append(triple + " .")
    return graphs


def push(directory: str | Path, endpoint: str, *, graph_iri: str | None = None, protocol: str = "update",
         auth: tuple[str, str] | None = None) -> PushResult:
    """Replace each report's named graph at ``endpoint`` with the build in ``directory``."""
    from rdflib import URIRef

    if protocol not in PROTOCOLS:
        raise EndpointError(f"unknown protocol {protocol!r}: use one of {', '.join(PROTOCOLS)}")
    from .iris import shared_graph
    from .store import load_index_head

    graphs = _graphs_of(directory, graph_iri)
    shared = None if graph_iri else str(shared_graph(load_index_head(directory)["base"]))
    for name, lines in graphs.items():
        iri = URIRef(name).n3()  # refuses an IRI that could break out of <…>
        if protocol == "graph-store":
            url = endpoint + ("&" if "?" in endpoint else "?") + urllib.parse.urlencode({"graph": name})
            body = ("\n".join(lines) + "\n").encode("utf-8")
            _send(url, body, {"Content-Type": "text/turtle; charset=utf-8"}, method="POST" if name == shared else "PUT",
                  auth=auth, timeout=300)
            continue
        if name != shared:
            post_update(endpoint, f"DROP SILENT GRAPH {iri}", auth=auth)
        for start in range(0, len(lines), _CHUNK):
            chunk = "\n".join(lines[start:start + _CHUNK])
            post_update(endpoint, f"INSERT DATA {{ GRAPH {iri} {{\n{chunk}\n}} }}", auth=auth)
    return PushResult(endpoint, protocol, {name: len(lines) for name, lines in graphs.items()})
