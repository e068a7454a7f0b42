"""The ``kg`` command: a thin layer over the Python API in :mod:`kg`."""

from __future__ import annotations

import sys

import click

from . import __version__
from .errors import ReportError
from .output import FORMATS, render_tasks
from .targets import STATUSES

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


@cli.command()
@click.option("--graph", "graph", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Build directory written by `kg build`.")
@click.option("--bureau", default=None,
              help="Only tasks this body is responsible for (inherited included); any form of its name.")
@click.option("--status", type=click.Choice(STATUSES), default=None,
              help="Only tasks with this verdict (targets reached or not, cancelled, deferred, no figures).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def tasks(graph: str, bureau: str | None, status: str | None, fmt: str) -> None:
    """List tasks, or those of one responsible unit, or those with one verdict.

    NAME may be the name as written (区建委), shorter (建委), longer (武昌区建委)
    or a bracketed alias (区维稳办). Tasks whose unit cell was merged with the
    row above count for the units they inherit.

    \b
    Example:
        kg tasks --bureau 建委
        kg tasks --bureau 区发改委 --format json
        kg tasks --status not_met
    """
    from .query import find_tasks_matching

    records, matched = find_tasks_matching(graph, bureau=bureau, status=status)
    if bureau is not None and fmt == "table":
        click.echo("matched: " + "、".join(b.name for b in matched), err=True)
    click.echo(render_tasks(records, fmt))


@cli.command()
@click.option("--graph", "graph", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Build directory written by `kg build`.")
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


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
