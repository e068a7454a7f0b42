"""Stable, readable IRIs for everything kg mints.

Every IRI is derived from the report's id (its official index number, else a
hash of its text) and a task number or a normalised name, never from run order,
so the same input always yields the same IRIs. Bodies are named by their
jurisdiction (武昌区) so that one bureau is one node across that district's
reports.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace, URIRef

from .units import fold_name

__all__ = ["DEFAULT_BASE", "KGO", "OA", "Minter", "shared_graph"]

DEFAULT_BASE = "https://w3id.org/kg-cn/"
KGO = Namespace(DEFAULT_BASE + "ontology#")
# W3C Web Annotation: TextPositionSelector gives character offsets into the source.
OA = Namespace("http://www.w3.org/ns/oa#")

# Characters kept as they are in a path segment: IRIs may hold Chinese; spaces,
# slashes, #, ? and brackets are percent-encoded.
_SAFE = "-._~!$&'*+,;=:@·"


def segment(name: str) -> str:
    """A name as one IRI path segment: NFKC-folded, whitespace removed, reserved characters escaped."""
    return "".join(ch if ord(ch) > 127 and ch.isprintable() else quote(ch, safe=_SAFE) for ch in fold_name(name))


def shared_graph(base: str = DEFAULT_BASE) -> URIRef:
    """The named graph that holds, once, what several reports may state alike: the descriptions of
    bodies, entities, places, verdict concepts and kg itself (every subject outside ``report/<id>``).

    Each report's own graph holds the rest, so every triple is in exactly one graph and the union of
    the graphs has each triple once: queries run on that union (Oxigraph's "default graph as union"
    counts a triple once per graph that holds it, so the graphs must not overlap).
    """
    return URIRef((base if base.endswith("/") else base + "/") + "descriptions")


class Minter:
    """IRIs of one report's resources under a base IRI."""

    def __init__(self, report_id: str, scope: str, base: str = DEFAULT_BASE):
        self.base = base if base.endswith("/") else base + "/"
        self.report_id = report_id
        self.scope = segment(scope)

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    @property
    def report(self) -> URIRef:
        return self._iri(f"report/{self.report_id}")

    @property
    def graph(self) -> URIRef:
        return self._iri(f"graph/{self.report_id}")

    @property
    def shared_graph(self) -> URIRef:
        """The named graph of what reports state alike: see :func:`shared_graph`."""
        return shared_graph(self.base)

    @property
    def build(self) -> URIRef:
        return self._iri(f"report/{self.report_id}/build")

    @property
    def scheme(self) -> URIRef:
        return self._iri(f"report/{self.report_id}/sections")

    def section(self, ordinal: int, sub: int | None = None) -> URIRef:
        tail = f"/{sub}" if sub is not None else ""
        return self._iri(f"report/{self.report_id}/section/{ordinal}{tail}")

    def task(self, number: int) -> URIRef:
        return self._iri(f"report/{self.report_id}/task/{number}")

    def responsibility(self, number: int, position: int) -> URIRef:
        return URIRef(f"{self.task(number)}/unit/{position}")

    def span(self, owner: URIRef, field: str | None = None) -> URIRef:
        return URIRef(f"{owner}/span" + (f"/{field}" if field else ""))

    def target(self, number: int, position: int) -> URIRef:
        """The ``position``-th quantified target of a task's requirement."""
        return URIRef(f"{self.task(number)}/target/{position}")

    def target_finding(self, number: int, ordinal: int) -> URIRef:
        """A finding of the verdict check (a claim the figures contradict), numbered within its task."""
        return URIRef(f"{self.task(number)}/finding/{ordinal}")

    def finding(self, ordinal: int | str) -> URIRef:
        return self._iri(f"report/{self.report_id}/finding/{ordinal}")

    def body(self, name: str) -> URIRef:
        return self._iri(f"org/{self.scope}/{segment(name)}")

    def entity(self, name: str) -> URIRef:
        """A named thing that is not a body (project, place, person, document), one per jurisdiction."""
        return self._iri(f"entity/{self.scope}/{segment(name)}")

    def mention(self, number: int, ordinal: int) -> URIRef:
        return URIRef(f"{self.task(number)}/mention/{ordinal}")

    def jurisdiction(self) -> URIRef:
        return self._iri(f"place/{self.scope}")

    def software(self, version: str) -> URIRef:
        return self._iri(f"software/kg/{version}")
