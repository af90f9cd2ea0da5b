"""``ecokg curate``: an analyst's decisions that every later build keeps (graph/curation.py)."""

from __future__ import annotations

import click

_STORE = click.option("--store", "store_dir", type=click.Path(), default=None,
                      help="Store directory (default: $ECOKG_STORE, else ./ecokg-data).")
_BY = click.option("--by", envvar="ECOKG_CURATOR", default=None,
                   help="Who decides (prov:wasAttributedTo; default $ECOKG_CURATOR, else 'analyst').")
_NOTE = click.option("--note", default="", help="Why (kept with the decision).")


@click.group(name="curate")
def command() -> None:
    """Merge, separate, rename, retype or reject entities and facts, once and for all.

    Each decision is checked against the store (the names must name its entities; 'same' joins
    entities of one kind), written to STORE/ecokg-meta/curation.yaml, applied at once and at every
    later build or ingest, attributed to its curator and visible in SPARQL (graph
    https://w3id.org/ecokg/id/graph/curation). A decision that cannot hold is one error naming
    the line, and nothing changes. A name may say where it is meant, NAME@PLACE (the article's
    region or where the entity is located) or NAME@DOCUMENT (a document's IRI or its 16-digit id):
    that is how 'distinct' keeps two actors with one name apart.

    \b
    ecokg curate same 澄湾云启智能科技有限公司 云启智能 --by 李工
    ecokg curate distinct 人工智能产业园 江澜人工智能产业园
    ecokg curate distinct 华信科技@青岛市 华信科技@武汉市
    ecokg curate label 云启智能 澄湾云启智能科技有限公司
    ecokg curate type 云启大模型 AIModel
    ecokg curate reject 示范区
    ecokg curate reject 云启智能 locatedIn 澄湾高新区
    ecokg curate list --format yaml > curation.yaml
    ecokg curate apply curation.yaml --store other-store
    """


def _add(store_dir: str | None, action: str, names: tuple[str, ...], by: str | None, note: str) -> None:
    from ecokg import api

    with api.open(api.store_path(store_dir), create=False) as kg:
        curation = kg.curate(action, *names, by=by, note=note)
    click.echo(f"{len(curation.decisions)} decision{'s' if len(curation.decisions) != 1 else ''}; "
               f"applied: {action} {' '.join(names)}", err=True)


#: the decisions between two names: action → (first argument, second argument, its metavar, help)
_PAIRS = {
    "same": ("a", "b", None, "A and B are one entity (names or IRIs)."),
    "distinct": ("a", "b", None,
                 "A and B are never merged (two actors with one name: A@PLACE B@PLACE, or @DOCUMENT)."),
    "label": ("entity", "name", None, "NAME is ENTITY's canonical name (its IRI follows it)."),
    "type": ("entity", "cls", "CLASS",
             "ENTITY's class is CLASS (an ontology class: Company, IndustrialPark, AIModel …)."),
}


def _pair_command(action: str, first: str, second: str, metavar: str | None, help_text: str) -> None:
    """``ecokg curate ACTION FIRST SECOND`` with --store, --by and --note."""

    def run(store_dir: str | None, by: str | None, note: str, **names: str) -> None:
        _add(store_dir, action, (names[first], names[second]), by, note)

    command.command(action, help=help_text)(
        click.argument(first)(click.argument(second, metavar=metavar)(_STORE(_BY(_NOTE(run))))))


for _action, (_first, _second, _metavar, _help) in _PAIRS.items():
    _pair_command(_action, _first, _second, _metavar, _help)


@command.command("reject")
@click.argument("names", nargs=-1, required=True)
@_STORE
@_BY
@_NOTE
def reject(names: tuple[str, ...], store_dir: str | None, by: str | None, note: str) -> None:
    """Drop a false entity (ENTITY) or fact (SUBJECT PROPERTY OBJECT, e.g. 云启智能 locatedIn 澄湾高新区)."""
    _add(store_dir, "reject", names, by, note)


@command.command("apply",
                 short_help="Make FILE (a curation file) this store's curation and apply it.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_STORE
def apply(file: str, store_dir: str | None) -> None:
    """Make FILE (a curation file, e.g. what 'curate list --format yaml' wrote for another store)
    this store's curation and apply it; every decision is checked first, nothing changes on an error."""
    from pathlib import Path

    from ecokg import api
    from ecokg.graph.curation import Curation, CurationError

    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(f"cannot read {file}: {exc}", hint="give a UTF-8 YAML file") from exc
    curation = Curation.parse(text, file)
    with api.open(api.store_path(store_dir), create=False) as kg:
        kg.apply_curation(curation)
    click.echo(f"{len(curation.decisions)} decisions from {file} applied", err=True)


@command.command("list")
@_STORE
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "yaml"]), default="table",
              show_default=True,
              help="A table, or the curation file itself (to keep or give to another store).")
def list_(store_dir: str | None, fmt: str) -> None:
    """The store's decisions, in the order they were made."""
    from ecokg import api
    from ecokg.queries.results import terminal_safe

    with api.open(api.store_path(store_dir), read_only=True) as kg:
        curation = kg.curation()
    if fmt == "yaml":
        click.echo(curation.dump(), nl=False)
        return
    for d in curation.decisions:
        note = f"  ({d.note})" if d.note else ""
        cells = (str(d.line), d.action, " | ".join(d.args), f"by {d.by}{note}")
        click.echo("\t".join(terminal_safe(c) for c in cells))
