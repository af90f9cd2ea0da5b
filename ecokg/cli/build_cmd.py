"""``ecokg build``: articles to RDF, in memory (``-o FILE``) or into the persistent store."""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ecokg.api import BuildReport
    from ecokg.graph.ingest import DocGraph


@click.command(name="build")
@click.argument("sources", nargs=-1)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the graph to FILE (.ttl .trig .nt .nq .jsonld …).")
@click.option("--store", "store_dir", type=click.Path(), default=None,
              help="Persistent store directory (default: $ECOKG_STORE, else ./ecokg-data).")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra gazetteer YAML file (repeatable).")
@click.option("--title", help="Document title (overrides what the article says).")
@click.option("--publisher", help="Publisher / source outlet.")
@click.option("--date", "date_", help="Issued date or date-time, ISO 8601 (2025-12-11 or 2025-12-11T15:47).")
@click.option("--url", help="The article's address.")
@click.option("--base", default=None,
              help="Base IRI for minted entity IRIs (default https://w3id.org/ecokg/id/).")
@click.option("--generated-at", "generated_at", metavar="TIME",
              help="The extraction time written as prov:generatedAtTime, ISO 8601 (default: "
                   "$SOURCE_DATE_EPOCH if set, else now); fix it for byte-identical rebuilds.")
@click.option("--keep-going", is_flag=True,
              help="Go on past articles that cannot be read: one line each, the others are built, "
                   "exit code 1.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Read and extract articles in N worker processes (the store is written by this one).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on a Dask cluster instead: tcp://HOST:8786 (dask scheduler), or local:N for N "
                   "worker processes here. Sources must be readable at the same paths on every worker.")
@click.option("--shards", "shards", type=click.Path(file_okay=False), metavar="DIR",
              help="Then write the store's graphs as N-Quads files DIR/part-00000.nq … (about a million "
                   "quads each) for a server's bulk loader (oxigraph load, Virtuoso ld_dir).")
@click.option("--wait", "wait", type=click.FloatRange(min=0), default=30, show_default=True,
              metavar="SECONDS",
              help="When another ecokg process writes the store, wait this long for it (0: fail at once).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def command(sources: tuple[str, ...], output: str | None, store_dir: str | None, gazetteers: tuple[str, ...],
            title: str | None, publisher: str | None, date_: str | None, url: str | None, base: str | None,
            generated_at: str | None, keep_going: bool, jobs: int, scheduler: str | None, shards: str | None,
            wait: float, quiet: bool) -> int:
    """Turn articles into RDF: entities, relations, designations, figures, each traced to its sentence.

    SOURCES are .txt, .md or .html files, .pdf or .docx documents, crawls as .warc/.warc.gz
    (each HTML response one article, with its URL) and .jsonl files (one article a line: text or
    html, title, date, url), directories of them (searched recursively) or - for standard input;
    with none, the bundled sample articles are built. With -o FILE and neither --store nor
    $ECOKG_STORE, the graph of exactly these articles is written to FILE and nothing is stored;
    otherwise the articles are added to the store (and -o exports the whole store).

    Articles are read one at a time. The first one that cannot be read (binary, undecodable,
    over the size limit, empty, no article text, a scanned PDF without text, a bad JSON line …)
    stops the build with one line naming it (FILE:LINE or FILE#N for a record of a file);
    the articles before it are kept in the store (with -o alone, nothing is written). Articles
    the store already holds (the same text) are skipped, so after fixing the bad file run the
    same command again. With --keep-going each bad article is reported on one line, all the
    others are built, and the exit code is 1 with a summary 'N built, M failed'.

    Articles stream into the store in batches (each committed before the next is read), so
    memory stays flat however large the corpus; with --jobs N, N processes read and extract.
    One process writes a store at a time: a second build waits for the store (--wait SECONDS,
    with a message) and adds its articles when the first is done.
    """
    from ecokg import api
    from ecokg.batch import list_sources
    from ecokg.graph.generated import generation_time
    from ecokg.queries.results import terminal_safe

    started = time.monotonic()
    stamp = generation_time(generated_at)  # one time for the whole run; a bad value stops here
    in_memory = output is not None and store_dir is None and not os.environ.get("ECOKG_STORE") and not shards
    with api.sample_files() as samples:
        entries = list_sources(list(sources) or samples)
        if len(entries) > 1 and (title or url):
            raise click.UsageError("--title and --url describe one article; give one source with them")
        progress = _progress(quiet or len(entries) < 2)
        with progress:
            task = progress.add_task("reading", total=len(entries), entities=0)

            def step(source: str, done: int, _total: int, entities: int) -> None:
                progress.update(task, description=source[:40] or "done", completed=done, entities=entities)

            def failed(failure: api.Failure) -> None:
                if keep_going:  # without it the failure is the command's error line
                    progress.console.print(f"ecokg: error: {terminal_safe(failure.line())}", markup=False,
                                           highlight=False, soft_wrap=True)

            options: dict[str, Any] = {
                "stdin": sys.stdin.buffer, "title": title, "publisher": publisher, "date": date_, "url": url,
                "gazetteer": gazetteers, "keep_going": keep_going, "progress": step, "on_failure": failed}
            if in_memory:
                assert output is not None
                built = api.extract_articles(entries, **options)
                built.raise_if_stopped(keep_going, f"nothing was written to {output}")
                report = api.write_graph(built.extractions, output, base=base, generated_at=stamp)
                where = f"→ {output} ({report.statements} statements)"
            else:
                built = api.BuildReport(sources=len(entries))
                docs = api.KG.stream(entries, built, base=base, jobs=jobs, scheduler=scheduler,
                                     generated_at=stamp, **options)
                first = next(docs, None)  # the first article is read before the store is opened
                if first is None:
                    built.raise_if_stopped(keep_going)  # nothing to store: do not open (or make) the store
                where = _store(store_dir, docs if first is None else itertools.chain([first], docs), built,
                               keep_going, wait, quiet, output, shards)
    if not quiet:
        click.echo(f"built {built.summary()} in {time.monotonic() - started:.1f} s {where}", err=True)
        noted = [(ex.document.source_path or "-", note) for ex in built.extractions for note in ex.notes]
        for source, note in noted + built.notes:
            click.echo(f"ecokg: note: {terminal_safe(source or '-')}: {terminal_safe(note)}", err=True)
    if built.failed:
        click.echo(f"ecokg: {built.articles} built, {len(built.failed)} failed", err=True)
        return 1
    return 0


def _store(store_dir: str | None, docs: Iterator[DocGraph], built: BuildReport, keep_going: bool, wait: float,
           quiet: bool, output: str | None, shards: str | None) -> str:
    """Stream ``docs`` into the store; the summary of what became of them."""
    from ecokg import api

    path = api.store_path(store_dir)

    def waiting(pid: str) -> None:
        if not quiet:
            click.echo(f"ecokg: store {path} is being written by another ecokg process (pid {pid}); "
                       f"waiting up to {wait:g} s (--wait)", err=True)

    with api.open(path, wait=wait, on_wait=waiting) as kg:
        before = kg.snapshot()
        built.ingest = ing = kg.store.ingest(docs)
        if ing.added or ing.replaced:
            kg.refresh_conflicts()
        built.changes = kg.changes_since(before)
        built.raise_if_stopped(keep_going)
        where = (f"→ store {path} ({len(ing.added)} added, {len(ing.unchanged)} unchanged, "
                 f"{len(ing.replaced)} replaced; {built.changes.summary()})")
        if output:
            kg.export(output)
            where += f", exported to {output}"
        if shards:
            from ecokg.graph.shards import write_shards

            done = write_shards(kg.store, shards)
            where += f", {done.quads} quads in {len(done.files)} shards in {shards}"
    return where


def _progress(disabled: bool):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[entities]} entities"), TimeElapsedColumn(),
                    console=Console(stderr=True), disable=disabled, transient=True)
