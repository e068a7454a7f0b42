"""HTML pages of the server: one per resource. Every text is escaped, since it comes from a report.

The query page itself is static (``kg/static/``); its script puts results in
the page as text nodes, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .resource import Description

__all__ = ["resource_page"]

_STYLE = '<link rel="stylesheet" href="/static/kg.css">'


def _value(term, description: Description, link: Callable[[str], str]) -> str:
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        label = description.labels.get(term)
        text = escape(str(label) if label is not None else str(term))
        return f'<a href="{escape(link(str(term)))}" title="{escape(str(term))}">{text}</a>'
    if isinstance(term, Literal):
        tag = f' <span class="tag">@{escape(term.language)}</span>' if term.language else ""
        return f"<span>{escape(str(term))}</span>{tag}"
    return escape(str(term))


def _rows(pairs, description: Description, link) -> str:
    return "\n".join(
        f"<tr><td>{_value(a, description, link)}</td><td>{_value(b, description, link)}</td></tr>" for a, b in pairs
    )


def resource_page(description: Description, link: Callable[[str], str]) -> str:
    """The HTML page of ``description``; ``link`` turns an IRI into the href that dereferences it here."""
    iri = str(description.iri)
    title = escape(description.label(description.iri))
    here = link(iri) + ("&" if "?" in link(iri) else "?")
    tasks = "\n".join(
        f'<li><a href="{escape(link(str(task)))}">{escape(label)}</a></li>' for task, _, label in description.tasks
    ) or "<li>(none)</li>"
    return f"""<!DOCTYPE html>
<html lang="zh">
<head><meta charset="utf-8"><title>{title}</title>{_STYLE}</head>
<body>
<header><a href="/">kg</a> · <a href="/sparql">SPARQL</a></header>
<h1>{title}</h1>
<p class="iri"><code>{escape(iri)}</code> ·
  <a href="{escape(here)}format=turtle" rel="alternate" type="text/turtle">Turtle</a> ·
  <a href="{escape(here)}format=jsonld" rel="alternate" type="application/ld+json">JSON-LD</a></p>
<h2>属性 Properties</h2>
<table><thead><tr><th>property</th><th>value</th></tr></thead>
<tbody>{_rows(description.outgoing, description, link)}</tbody></table>
<h2>指向它的链接 Links to it</h2>
<table><thead><tr><th>from</th><th>property</th></tr></thead>
<tbody>{_rows(description.incoming, description, link)}</tbody></table>
<h2>相关任务 Tasks linked to it</h2>
<ul class="tasks">{tasks}</ul>
</body>
</html>
"""
