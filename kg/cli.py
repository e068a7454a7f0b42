"""The ``kg`` command: a thin layer over the Python API in :mod:`kg`."""

from __future__ import annotations

import sys

import click

from . import __version__
from .errors import ReportError
from .output import FORMATS, render_tasks
from .remote import PROTOCOLS as PUSH_PROTOCOLS
from .results import FORMATS as RESULT_FORMATS

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
              help="Build directory to write graph.ttl, graph.nq and index.json into.")
@click.option("--base-iri", default=None, help="Base IRI for minted resources (default https://w3id.org/kg-cn/).")
@click.option("--jurisdiction", default=None,
              help="District or city whose report it is (e.g. 武昌区), when the text does not say.")
@click.option("--strict", is_flag=True, help="Treat parse warnings as errors.")
def build(reports: tuple[str, ...], out: str, base_iri: str | None, jurisdiction: str | None, strict: bool) -> None:
    """Parse REPORTS (default: the bundled Wuchang 2016 report), validate and write the graph.

    Several reports go into one graph, each in its own named graph (graph.nq).
    Nothing is written unless every report parses and the graph conforms to
    ontology/shapes.ttl.

    \b
    Example:
        kg build
        kg build data/wuchang-2016-government-work-report-tasks.txt -o build
    """
    from .build import build as run_build

    result = run_build(list(reports) or None, out, base=base_iri, jurisdiction=jurisdiction, strict=strict)
    names = ", ".join(r["id"] for r in result.reports)
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
@click.option("--graph", "graph", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Build directory written by `kg build`.")
@click.option("--bureau", default=None,
              help="Only tasks this body is responsible for (inherited included); any form of its name.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@_endpoint_options(False, _READ_ENDPOINT)
def tasks(graph: str, bureau: str | None, fmt: str, endpoint: str | None, user: str | None,
          password: str | None) -> None:
    """List tasks, or those of one responsible unit.

    NAME may be the name as written (区建委), shorter (建委), longer (武昌区建委)
    or a bracketed alias (区维稳办). Tasks whose unit cell was merged with the
    row above count for the units they inherit.

    \b
    Example:
        kg tasks --bureau 建委
        kg tasks --bureau 区发改委 --format json
        kg tasks --bureau 建委 --endpoint http://localhost:8890/sparql
    """
    from .query import find_tasks_matching

    records, matched = find_tasks_matching(graph, bureau=bureau, endpoint=endpoint, auth=_auth(user, password))
    if bureau is not None and fmt == "table":
        click.echo("matched: " + "、".join(b.name for b in matched), err=True)
    click.echo(render_tasks(records, fmt))


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
            declared = " ".join(f"--param {p.name}=…" + (f" [{p.default}]" if p.default else "") for p in item.parameters)
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
