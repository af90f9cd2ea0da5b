"""``ecokg build``: articles to RDF, in memory (``-o FILE``) or into the persistent store."""

from __future__ import annotations

import os
import sys
import time

import click


@click.command(name="build")
@click.argument("sources", nargs=-1)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the graph to FILE (.ttl .trig .nt .nq .jsonld …).")
@click.option("--store", "store_dir", type=click.Path(), default=None,
              help="Persistent store directory (default: $ECOKG_STORE, else ./ecokg-data).")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra gazetteer YAML file (repeatable).")
@click.option("--title", help="Document title (overrides what the article says).")
@click.option("--publisher", help="Publisher / source outlet.")
@click.option("--date", "date_", help="Issued date or date-time, ISO 8601 (2025-12-11 or 2025-12-11T15:47).")
@click.option("--url", help="The article's address.")
@click.option("--base", default=None, help="Base IRI for minted entity IRIs (default https://w3id.org/ecokg/id/).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def command(sources: tuple[str, ...], output: str | None, store_dir: str | None, gazetteers: tuple[str, ...],
            title: str | None, publisher: str | None, date_: str | None, url: str | None, base: str | None,
            quiet: bool) -> int:
    """Turn articles into RDF: entities, relations, designations, figures, each traced to its sentence.

    SOURCES are .txt, .md or .html files, directories (searched recursively) or - for standard
    input; with none, the bundled sample articles are built. With -o FILE and neither --store nor
    $ECOKG_STORE, the graph of exactly these articles is written to FILE and nothing is stored;
    otherwise the articles are added to the store (and -o exports the whole store).
    """
    from ecokg import api

    started = time.monotonic()
    in_memory = output is not None and store_dir is None and not os.environ.get("ECOKG_STORE")
    with api.sample_files() as samples:
        raws = api.read_sources(list(sources) or samples, stdin=sys.stdin.buffer)
        if len(raws) > 1 and (title or url):
            raise click.UsageError("--title and --url describe one article; give one source with them")
        progress = _progress(quiet or len(raws) < 2)
        with progress:
            task = progress.add_task("reading", total=len(raws), entities=0)

            def step(source: str, done: int, _total: int, entities: int) -> None:
                progress.update(task, description=source[:40] or "done", completed=done, entities=entities)

            extractions = api.extract(raws, title=title, publisher=publisher, date=date_, url=url,
                                      gazetteer=gazetteers, progress=step)
    built = api.BuildReport(extractions)
    if in_memory:
        assert output is not None
        report = api.write_graph(extractions, output, base=base)
        where = f"→ {output} ({report.statements} statements)"
    else:
        path = api.store_path(store_dir)
        with api.open(path, wait=30) as kg:
            ing = kg.ingest(extractions, base=base)
            where = (f"→ store {path} ({len(ing.added)} added, {len(ing.unchanged)} unchanged, "
                     f"{len(ing.replaced)} replaced)")
            if output:
                kg.export(output)
                where += f", exported to {output}"
    if not quiet:
        click.echo(f"built {built.summary()} in {time.monotonic() - started:.1f} s {where}", err=True)
    return 0


def _progress(disabled: bool):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[entities]} entities"), TimeElapsedColumn(),
                    console=Console(stderr=True), disable=disabled, transient=True)
