"""``ecokg view``: an interactive network view of the graph as one offline HTML file."""

from __future__ import annotations

import click


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        out[key.strip()] = value.strip()
    return out


@click.command("view")
@click.option("-o", "--output", default="ecokg-view.html", show_default=True,
              type=click.Path(), help="The HTML file to write.")
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser.")
@click.option("--all", "show_all", is_flag=True, help="The whole ecosystem (the default).")
@click.option("--focus", metavar="NAME", help="The neighbourhood of one entity (any of its names).")
@click.option("--depth", type=click.IntRange(0, 20), default=1, show_default=True,
              help="How many edges away from --focus.")
@click.option("--query", "query", metavar="NAME|FILE.rq",
              help="The subgraph a named query (see 'ecokg queries') or a .rq file returns.")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--class", "classes", multiple=True, metavar="CLASS",
              help="Only entities of this class, e.g. Company, IndustrialPark, 企业 (repeatable).")
@click.option("--show", "include", multiple=True, type=click.Choice(["designations", "observations"]),
              help="Also draw designations or figures as nodes (they are in the details anyway).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Labels in Chinese, or English where known.")
@click.option("--title", help="The page heading.")
@click.option("--input", "input_file", type=click.Path(),
              help="Read an RDF file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML, CSV …) "
                   "instead of the store.")
@click.option("--store", metavar="DIR", help="The store (default: $ECOKG_STORE or ./ecokg-data).")
def command(output: str, open_page: bool, show_all: bool, focus: str | None, depth: int, query: str | None,
            params: tuple[str, ...], classes: tuple[str, ...], include: tuple[str, ...], lang: str,
            title: str | None, input_file: str | None, store: str | None) -> int:
    """Write an interactive network view of the graph: one self-contained HTML file that works
    offline. Nodes are coloured by class (legend with filters), sized by degree; click a node
    or an edge for its names, figures, designations and source sentences; search any name.

    \b
    Examples:
      ecokg view --all -o all.html
      ecokg view --focus 优必选 --depth 2
      ecokg view --query companies-in-park --param park=青岛人工智能产业园
      ecokg view --class Company --class IndustrialPark --lang en
      ecokg view --input kg.ttl --all
    """
    from ecokg.viz.page import write_html
    from ecokg.viz.source import make_view, open_source

    chosen = [name for name, on in (("--all", show_all), ("--focus", focus is not None),
                                    ("--query", query is not None)) if on]
    if len(chosen) > 1:
        raise click.UsageError(f"choose one of --all, --focus, --query (got {' and '.join(chosen)})")
    bound = _params(params)
    with open_source(input_file, store) as source:
        view = make_view(source, focus=focus, depth=depth, query=query, params=bound, classes=classes,
                         include=include, lang=lang, title=title)
    path = write_html(view, output)
    extra = f" ({view.note})" if view.note else ""
    click.echo(f"wrote {path}: {len(view.nodes)} nodes, {len(view.edges)} edges{extra}")
    if open_page:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())
    return 0
