"""The ``kg`` command: a thin layer over the Python API in :mod:`kg`."""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .errors import ReportError
from .output import FORMATS, render_tasks
from .recognise import TYPES

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
@click.option("--project", default=None, help="Only tasks whose text names this project (any form of its name).")
@click.option("--place", default=None, help="Only tasks whose text names this place.")
@click.option("--company", default=None, help="Only tasks whose text names this company.")
@click.option("--entity", default=None, help="Only tasks whose text names this entity, of any type.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def tasks(graph: str, bureau: str | None, project: str | None, place: str | None, company: str | None,
          entity: str | None, fmt: str) -> None:
    """List tasks, or those of one responsible unit, project, place, company or entity.

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
    """
    from .query import find_tasks_matching

    names = {"project": project, "place": place, "company": company, "entity": entity}
    records, matched = find_tasks_matching(graph, bureau=bureau, **names)
    if matched and fmt == "table":
        click.echo("matched: " + "、".join(b.name for b in matched), err=True)
    click.echo(render_tasks(records, fmt))


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


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
