"""``ecokg ask``: a question in Chinese, answered by the named query it maps to (offline, no model)."""

from __future__ import annotations

import json

import click


@click.command(name="ask",
               short_help="Answer a question in Chinese from the graph (ecokg ask \"…有哪些企业？\").")
@click.argument("question")
@click.option("--store", type=click.Path(), help="Store directory (default $ECOKG_STORE or ./ecokg-data).")
@click.option("--explain", is_flag=True, help="Also print the SPARQL that ran and the IRIs bound to it.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Show at most N rows.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="A table with the sentences, or the whole answer as JSON.")
def command(question: str, store: str | None, explain: bool, limit: int, fmt: str) -> int:
    """Answer QUESTION (Chinese) from the graph, e.g. ecokg ask "青岛人工智能产业园有哪些企业？".

    The question is mapped to one of the named queries ('ecokg queries') and its parameters
    (entity names, aliases and short forms are recognized); the rows come with the sentences
    that state them. A question it cannot map is declined (exit code 1) with questions it can
    answer instead.
    """
    from ecokg import api
    from ecokg.queries.results import render, terminal_safe

    with api.open(api.store_path(store), read_only=True) as kg:
        answer = kg.ask(question, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=1, default=str))
        return 1 if answer.declined else 0
    it = answer.interpretation
    if answer.declined:
        click.echo(f"cannot answer: {terminal_safe(it.reason)}")
        for s in it.suggestions:
            click.echo(f"  did you mean: {terminal_safe(s)}")
        return 1
    assert answer.query is not None and answer.result is not None
    params = " ".join(f"--param {k}={v}" for k, v in answer.params.items())
    click.echo(f"query: {answer.query.name} ({answer.query.title_zh}) {terminal_safe(params)}".rstrip())
    if explain:
        for k, v in it.params.items():
            click.echo(f"bound: ?{k} = <{v}>")
        click.echo(answer.query.text.rstrip())
    if answer.narrowed_to:
        click.echo(f"rows naming {terminal_safe('、'.join(answer.narrowed_to))} "
                   f"({len(answer.result.rows)} of {answer.total_rows})")
    click.echo(render(answer.result, "table"), nl=False)
    rows_of: dict[str, list[str]] = {}
    for i, sentences in enumerate(answer.sentences, 1):
        for s in sentences:
            rows_of.setdefault(s, []).append(str(i))
    for s, rows in rows_of.items():
        click.echo(f"  [{','.join(rows)}] {terminal_safe(s)}")
    return 0
