"""The ``kg`` command: a thin layer over the Python API in :mod:`kg`."""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .choices import ENTITY_TYPES as TYPES
from .choices import PUSH_PROTOCOLS, RESULT_FORMATS, STATUSES
from .choices import TASK_FORMATS as FORMATS
from .errors import ReportError

__all__ = ["cli", "main"]


class _Group(click.Group):
    """Turns kg's own errors into ``Error: …`` and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ReportError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Turn Chinese government task-completion reports into a knowledge graph and query it.

    \b
    Example:
        kg build
        kg tasks --bureau 建委
    """


@cli.command()
@click.argument("reports", nargs=-1, type=click.Path(dir_okay=False))
@click.option("-o", "--out", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Build directory to write graph.ttl, index.json, the store and the reports' parts into.")
@click.option("--base-iri", default=None, help="Base IRI for minted resources (default https://w3id.org/kg-cn/).")
@click.option("--jurisdiction", default=None,
              help="District or city whose report it is (e.g. 武昌区), when the text does not say.")
@click.option("--strict", is_flag=True, help="Treat parse warnings as errors.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(min=1),
              help="Reports to parse and build at once (processes).")
@click.option("--fresh", is_flag=True, help="Start the build anew instead of adding to what DIR holds.")
@click.option("--store", type=click.Choice(["oxigraph", "memory"]), default="oxigraph", show_default=True,
              help="Where queries run: Oxigraph on disk in DIR/oxigraph, or rdflib's memory store (pure Python).")
@click.option("--no-validate", is_flag=True,
              help="Skip the SHACL check of each report's graph (about 60% of the build time).")
def build(reports: tuple[str, ...], out: str, base_iri: str | None, jurisdiction: str | None, strict: bool,
          jobs: int, fresh: bool, store: str, no_validate: bool) -> None:
    """Parse REPORTS (default: the bundled Wuchang 2016 report), validate and write the graph.

    Several reports go into one graph, each in its own named graph, with what
    they say of bodies and entities in one shared graph.
    Building into a directory that holds a build adds to it: reports already
    there stay, unchanged files are not parsed again, a changed report replaces
    its own named graph (--fresh starts anew). Nothing is written unless every
    report parses and its graph conforms to ontology/shapes.ttl.

    \b
    Example:
        kg build
        kg build data/wuchang-2016-government-work-report-tasks.txt -o build
        kg build reports/*.txt -o build --jobs 2
    """
    from .builder import build as run_build

    result = run_build(list(reports) or None, out, base=base_iri, jurisdiction=jurisdiction, strict=strict,
                       jobs=jobs, fresh=fresh, store=store, validate=not no_validate,
                       progress=sys.stderr.isatty())
    ids = [r["id"] for r in result.reports]
    names = ", ".join(ids[:3]) + (f", … and {len(ids) - 3} more" if len(ids) > 3 else "")
    click.echo(
        f"Built {result.directory}/ from {len(result.reports)} report(s) ({names}): "
        f"{result.tasks} tasks, {result.bodies} responsible units, {result.triples} triples, "
        f"{len(result.warnings)} warnings"
    )
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)


def _endpoint_options(required: bool, endpoint_help: str):
    """--endpoint, --user and --password, for the commands that can work on a remote store."""
    options = (
        click.option("--endpoint", required=required, default=None, help=endpoint_help),
        click.option("--user", default=None, help="User name for an endpoint that needs HTTP authentication (digest or basic)."),
        click.option("--password", default=None, envvar="KG_PASSWORD", help="Password for --user (or $KG_PASSWORD)."),
    )

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command
    return decorate


_READ_ENDPOINT = "URL of a SPARQL endpoint (a store loaded by `kg push`) to use instead of the build."


def _auth(user: str | None, password: str | None) -> tuple[str, str] | None:
    return (user, password or "") if user else None


@cli.command()
# kg.launch reads the simple forms of this command without click: a new option here is new there.
@click.option("--graph", "graph", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Build directory written by `kg build`.")
@click.option("--bureau", default=None,
              help="Only tasks this body is responsible for (inherited included); any form of its name.")
@click.option("--project", default=None, help="Only tasks whose text names this project (any form of its name).")
@click.option("--place", default=None, help="Only tasks whose text names this place.")
@click.option("--company", default=None, help="Only tasks whose text names this company.")
@click.option("--entity", default=None, help="Only tasks whose text names this entity, of any type.")
@click.option("--status", type=click.Choice(STATUSES), default=None,
              help="Only tasks with this verdict (targets reached or not, cancelled, deferred, no figures).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@_endpoint_options(False, _READ_ENDPOINT)
def tasks(graph: str, bureau: str | None, project: str | None, place: str | None, company: str | None,
          entity: str | None, status: str | None, fmt: str, endpoint: str | None, user: str | None,
          password: str | None) -> None:
    """List tasks: of one responsible unit, project, place, company or entity, or with one verdict.

    A name may be written as the report does (区建委), shorter (建委), longer
    (武昌区建委), as a bracketed alias (区维稳办) or another form the report uses
    (武船 for 武昌船舶重工集团有限公司). Tasks whose unit cell was merged with
    the row above count for the units they inherit. Several filters narrow
    together.

    \b
    Example:
        kg tasks --bureau 建委
        kg tasks --bureau 区发改委 --format json
        kg tasks --place 中北路
        kg tasks --entity 武船
        kg tasks --status not_met
        kg tasks --bureau 建委 --endpoint http://localhost:8890/sparql
    """
    from .launch import task_lines

    note, text = task_lines(graph, fmt=fmt, endpoint=endpoint, auth=_auth(user, password), bureau=bureau,
                            status=status, project=project, place=place, company=company, entity=entity)
    if note:
        click.echo(note, err=True)
    click.echo(text)


@cli.command()
@click.option("--graph", "graph", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Build directory written by `kg build`.")
@click.option("--type", "kind", type=click.Choice(TYPES), default=None, help="Only entities of this type.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def entities(graph: str, kind: str | None, fmt: str) -> None:
    """List the entities the tasks name, with their aliases and the numbers of the tasks naming them.

    \b
    Example:
        kg entities --type company
        kg entities --format csv > entities.csv
    """
    from .output import render_entities
    from .query import find_entities

    click.echo(render_entities(find_entities(graph, type=kind), fmt))


@cli.command()
@click.argument("source", default="-", type=click.File("rb"))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
def extract(source, fmt: str) -> None:
    """Run the entity recogniser on any Chinese text (a file, or - for standard input).

    Prints [{"name", "type", "start", "end", "canonical"}]: offsets index the
    text as decoded (UTF-8 or GB18030), canonical is the fullest form of the
    same entity in the text.

    \b
    Example:
        echo "协调湖北纳杰人力资源有限公司,在中北路建设基地" | kg extract
        kg extract notes.txt --format table
    """
    from .entities import extract_entities
    from .reading import decode_text

    found = extract_entities(decode_text(source.read(), getattr(source, "name", None)))
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        for item in found:
            click.echo(f"{item['start']}\t{item['end']}\t{item['type']}\t{item['name']}\t{item['canonical']}")

_GRAPH_OPTION = click.option("--graph", "graph", default="build", show_default=True, type=click.Path(file_okay=False),
                             help="Build directory written by `kg build`.")


@cli.command()
@_GRAPH_OPTION
@click.option("-o", "--out", default=None, type=click.Path(dir_okay=False),
              help="HTML file to write (default: VIEW.html in the current directory).")
@click.option("--view", default=None, type=click.Choice(["overview", "bureaus", "ego", "sections"]),
              help="overview (default), bureaus (who works with whom), ego (around one node), sections (the tree).")
@click.option("--bureau", default=None, help="Centre of the ego view: a responsible unit, any form of its name.")
@click.option("--project", default=None, help="Centre of the ego view: a project named in the tasks.")
@click.option("--place", default=None, help="Centre of the ego view: a place named in the tasks.")
@click.option("--company", default=None, help="Centre of the ego view: a company.")
@click.option("--entity", default=None, help="Centre of the ego view: any named entity or body.")
@click.option("--depth", default=2, show_default=True, type=int, help="Hops from the centre in the ego view.")
def viz(graph: str, out: str | None, view: str | None, depth: int, **names: str | None) -> None:
    """Write an interactive network view of the graph as one HTML page that works offline.

    Nodes are coloured and shaped by type (legend and filters on the page),
    tasks by verdict where known; hover for a tooltip, type in the search box
    to find a node. Giving a name (--bureau …) without --view means --view ego.

    \b
    Example:
        kg viz -o overview.html
        kg viz --view bureaus -o bureaus.html
        kg viz --bureau 建委 --depth 2 -o jianwei.html
        kg viz --view sections
    """
    from .viz import write_view

    given = [(option, name) for option, name in names.items() if name is not None]
    if len(given) > 1:
        raise click.UsageError("give one of --bureau, --project, --place, --company, --entity")
    view = view or ("ego" if given else "overview")
    result = write_view(graph, out or f"{view}.html", view, lookup=given[0] if given else None, depth=depth)
    click.echo(f"Wrote {result.path}: {result.view} view, {result.nodes} nodes, {result.edges} edges")


@cli.command()
@_GRAPH_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1), help="Rows in each list.")
def stats(graph: str, fmt: str, top: int) -> None:
    """Network analytics: which bureaus carry most tasks and connect the others.

    Degree and betweenness centrality of the responsible units in the
    co-responsibility network (units linked by shared tasks), the most
    connected entities, connected components, communities, and the tasks
    with the most co-responsible units.

    \b
    Example:
        kg stats
        kg stats --format json --top 20
    """
    from .network import load_network
    from .stats import network_stats, render_stats

    click.echo(render_stats(network_stats(load_network(graph), top), fmt))


@cli.command()
@_GRAPH_OPTION
@click.option("--format", "fmt", required=True, type=click.Choice(["graphml", "gexf", "jsonld", "nt", "nq", "csv"]),
              help="graphml/gexf: the network (Gephi, Cytoscape); csv: a zip of nodes.csv and edges.csv; "
                   "jsonld/nt: the RDF; nq: the RDF with each report in its named graph, and the shared graph.")
@click.option("-o", "--out", default=None, type=click.Path(dir_okay=False),
              help="File to write (default: standard output; csv needs a file).")
def export(graph: str, fmt: str, out: str | None) -> None:
    """Export the graph for other tools: Gephi, Cytoscape, spreadsheets, other RDF stores.

    \b
    Example:
        kg export --format gexf -o kg.gexf
        kg export --format csv -o kg.zip
        kg export --format nt > kg.nt
        kg export --format nq -o kg.nq
    """
    from .export import stream_export, write_export

    if fmt == "nq":  # a gigabyte at a thousand reports: streamed, never held
        stream_export(graph, fmt, out if out is not None else sys.stdout.buffer)
        if out is not None:
            click.echo(f"Wrote {out}", err=True)
        return
    data = write_export(graph, fmt, out)
    if data is None:
        click.echo(f"Wrote {out}", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@cli.command()
@_GRAPH_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def scorecard(graph: str, fmt: str) -> None:
    """Per bureau: tasks met, partly met, not met, cancelled, deferred or without figures, and the worst misses.

    A bureau counts the tasks it inherits from a merged cell too. Worst misses
    are its targets not met, lowest ratio (actual / target) first.

    \b
    Example:
        kg scorecard
        kg scorecard --format csv > scorecard.csv
    """
    from .scorecards import render_scorecard, scorecard as run_scorecard

    click.echo(render_scorecard(run_scorecard(graph), fmt))


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{pair!r} is not key=value", param_hint="--param")
        params[name.strip()] = value
    return params


@cli.command()
@click.argument("query", required=False)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind a parameter the query declares (repeatable). <…> and http(s) IRIs, numbers and "
                   "true/false are typed; anything else is a string.")
@click.option("--graph", "graph", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Build directory written by `kg build`.")
@_endpoint_options(False, _READ_ENDPOINT)
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True)
@click.option("--list", "show_list", is_flag=True, help="List the query library with its questions and parameters.")
def query(query: str | None, params: tuple[str, ...], graph: str, endpoint: str | None, user: str | None,
          password: str | None, fmt: str, show_list: bool) -> None:
    """Run a SPARQL QUERY: a library query by name, a .rq file, or - for standard input.

    Parameters declared in the query's header (`# param: name — …`) are
    bound as RDF terms with --param, never pasted into the query text.

    \b
    Example:
        kg query --list
        kg query tasks-of-bureau --param bureau=建委
        kg query bureaus-by-task-count --format csv
        echo 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | kg query -
        kg query section-tree --endpoint http://localhost:8890/sparql
    """
    from .engine import run_query
    from .library import find_query, library, query_from_text
    from .results import render_result

    if show_list:
        for item in library():
            declared = " ".join(f"[--param {p.name}=…]" if p.optional else f"--param {p.name}=…"
                                + (f" [{p.default}]" if p.default else "") for p in item.parameters)
            click.echo(f"{item.name}{'  ' + declared if declared else ''}\n    {item.question_zh}\n    {item.question_en}")
        return
    if query is None:
        raise click.UsageError("give a QUERY (a library name, a .rq file or -), or --list")
    chosen = query_from_text(sys.stdin.read(), "-") if query == "-" else find_query(query)
    result = run_query(chosen, _params(params), graph=graph, endpoint=endpoint, auth=_auth(user, password))
    click.echo(render_result(result, fmt))


@cli.command()
@click.option("--graph", "graph", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Build directory written by `kg build`.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may run before it is stopped.")
@click.option("--max-results", default=10000, show_default=True, type=click.IntRange(min=1),
              help="Rows (or triples) at most in an answer.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1),
              help="Worker processes running queries side by side.")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL Update (in memory only: the build on disk is never changed).")
def serve(graph: str, host: str, port: int, timeout: float, max_results: int, workers: int, allow_update: bool) -> None:
    """Serve the build: a SPARQL endpoint at /sparql, a query page at /, a page for each IRI.

    Read-only unless --allow-update. IRIs under the build's base resolve under
    the server by path (https://w3id.org/kg-cn/report/…/task/16 is
    /report/…/task/16), any other at /resource?iri=….

    \b
    Example:
        kg serve
        kg serve --port 8080 --timeout 10 --max-results 1000
        curl 'http://127.0.0.1:8000/sparql?query=ASK{?s?p?o}'
    """
    from .server import ServerSettings
    from .server import serve as run_server

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: other machines can reach this server", err=True)
    run_server(ServerSettings(graph, host, port, timeout, max_results, allow_update, workers), announce=click.echo)


@cli.command()
@click.option("--graph", "graph", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Build directory written by `kg build`.")
@_endpoint_options(True, "SPARQL Update endpoint, or Graph Store endpoint with --protocol graph-store.")
@click.option("--graph-iri", default=None,
              help="Load everything into this named graph instead of each report's own.")
@click.option("--protocol", type=click.Choice(PUSH_PROTOCOLS), default="update", show_default=True,
              help="SPARQL 1.1 Update (DROP + INSERT DATA) or the Graph Store Protocol (PUT).")
def push(graph: str, endpoint: str, graph_iri: str | None, protocol: str, user: str | None,
         password: str | None) -> None:
    """Load the build into a triple store, replacing each report's named graph.

    Pushing again replaces the graphs rather than adding to them.

    \b
    Example:
        kg push --endpoint http://localhost:8890/sparql
        kg push --endpoint http://localhost:3030/kg/data --protocol graph-store
        kg push --endpoint http://localhost:8890/sparql-graph-crud-auth --protocol graph-store --user dba
    """
    from .remote import push as run_push

    result = run_push(graph, endpoint, graph_iri=graph_iri, protocol=protocol, auth=_auth(user, password))
    for name, triples in result.graphs.items():
        click.echo(f"Pushed {triples} triples into <{name}> at {result.endpoint} ({result.protocol})")


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
