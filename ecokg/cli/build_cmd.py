"""``ecokg build``: articles to RDF, in memory (``-o FILE``) or into the persistent store."""

from __future__ import annotations

import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path

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
    from ecokg.graph.builder import GraphBuilder
    from ecokg.graph.namespaces import DEFAULT_BASE
    from ecokg.loaders.news_loader import NewsArticleLoader
    from ecokg.loaders.reader import iter_sources

    started = time.monotonic()
    builder = GraphBuilder(base or DEFAULT_BASE)
    loader = NewsArticleLoader(gazetteers)
    in_memory = output is not None and store_dir is None and not os.environ.get("ECOKG_STORE")
    with ExitStack() as stack:
        names = list(sources) or _sample_paths(stack)
        raws = list(iter_sources(names, stdin=sys.stdin.buffer))
        if len(raws) > 1 and (title or url):
            raise click.UsageError("--title and --url describe one article; give one source with them")
        extractions = []
        progress = _progress(quiet or len(raws) < 2)
        with progress:
            task = progress.add_task("reading", total=len(raws), entities=0)
            for raw in raws:
                progress.update(task, description=Path(raw.source).name[:40])
                ex = loader.load(raw, title=title, publisher=publisher, date=date_, url=url)
                extractions.append(ex)
                progress.update(task, advance=1, entities=sum(len(e.entities) for e in extractions))
    stats = _summary(extractions)
    if in_memory:
        from ecokg.graph.export import export_dataset

        ds = builder.build(extractions)
        report = export_dataset(ds, output, ontology=False)
        where = f"→ {output} ({report.statements} statements)"
    else:
        from ecokg.graph.store import EcoStore, resolve_store_path

        path = resolve_store_path(store_dir)
        with EcoStore.open(path, create=True, wait=30) as store:
            ing = store.ingest(extractions, builder)
            where = (f"→ store {path} ({len(ing.added)} added, {len(ing.unchanged)} unchanged, "
                     f"{len(ing.replaced)} replaced)")
            if output:
                from ecokg.graph.export import export_store

                export_store(store, output)
                where += f", exported to {output}"
    if not quiet:
        click.echo(f"built {stats} in {time.monotonic() - started:.1f} s {where}", err=True)
    return 0


def _sample_paths(stack: ExitStack) -> list[str]:
    from importlib.resources import as_file

    from ecokg.resources import sample_articles

    return [str(stack.enter_context(as_file(f))) for f in sample_articles()]


def _summary(extractions: list) -> str:
    n = len(extractions)
    ents = sum(len(e.entities) for e in extractions)
    rels = sum(len(e.relations) for e in extractions)
    obs = sum(len(e.observations) for e in extractions)
    des = sum(len(e.designations) for e in extractions)
    chars = sum(len(e.document.text) for e in extractions)
    return (f"{n} article{'s' if n != 1 else ''} ({chars} characters): {ents} entities, {rels} relations, "
            f"{des} designations, {obs} figures")


def _progress(disabled: bool):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[entities]} entities"), TimeElapsedColumn(),
                    console=Console(stderr=True), disable=disabled, transient=True)
