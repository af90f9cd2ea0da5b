"""``ecokg show``: everything known about one entity, each fact with the sentence stating it."""

from __future__ import annotations

import json
from typing import Any

import click


def _sources(sources: list[Any], indent: str) -> list[str]:
    lines = []
    for s in sources:
        when = f", {s.issued[:10]}" if s.issued else ""
        lines.append(f"{indent}“{s.sentence}” ({s.title or s.document}{when})")
    return lines


def render_text(d: Any) -> str:
    out = [f"{d.label_zh or d.iri}" + (f" / {d.label_en}" if d.label_en else ""), f"  IRI    {d.iri}",
           f"  types  {', '.join(d.types)}"]
    if d.alt_labels:
        out.append(f"  names  {', '.join(d.alt_labels)}")
    for prop, values in sorted(d.attributes.items()):
        out.append(f"  {prop}  {', '.join(values)}")
    by_prop: dict[tuple[str, str], list[Any]] = {}
    for f in d.facts:
        by_prop.setdefault((f.direction, f.property), []).append(f)
    if by_prop:
        out.append("facts")
    for (direction, prop), facts in sorted(by_prop.items()):
        out.append(f"  {prop}" if direction == "out" else f"  ← {prop} (from)")
        for f in facts:
            out.append(f"    {f.other_label}  <{f.other}>")
            out.extend(_sources(f.sources, "      "))
    if d.figures:
        out.append("figures")
    for f in d.figures:
        bits = [b for b in (f.indicator, f.qualifier, f"{f.value} {f.unit or ''}".strip(), f.period) if b]
        out.append(f"  {f.label or ''}  [{'; '.join(bits)}]")
        out.extend(_sources(f.sources, "      "))
    if d.designations:
        out.append("designations")
    for g in d.designations:
        bits = [b for b in (g.level, g.batch, f"granted by {g.grantor}" if g.grantor else None) if b]
        out.append(f"  {g.title}" + (f"  [{'; '.join(bits)}]" if bits else ""))
        out.extend(_sources(g.sources, "      "))
    if d.documents:
        out.append("mentioned in")
    for s in d.documents:
        issued = f" ({s.issued[:10]})" if s.issued else ""
        out.append(f"  {s.title or s.document}{issued}  <{s.document}>")
    from ecokg.queries.results import terminal_safe

    return "\n".join(terminal_safe(line) for line in out)


@click.command("show")
@click.argument("name")
@click.option("--store", "store_dir", type=click.Path(), default=None,
              help="Store directory (default: $ECOKG_STORE, else ./ecokg-data).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(name: str, store_dir: str | None, fmt: str) -> int:
    """Everything known about one entity: names, types, facts, figures, designations, with sources.

    NAME is a name (any of its labels or alternative names) or an IRI. An ambiguous name lists
    the candidates and exits 1.
    """
    from ecokg import api
    from ecokg.graph.describe import AmbiguousName

    with api.open(api.store_path(store_dir), read_only=True) as kg:
        try:
            desc = kg.describe(name)
        except AmbiguousName as exc:
            if fmt == "json":
                click.echo(json.dumps({"ambiguous": name, "candidates": [vars(c) for c in exc.candidates]},
                                      ensure_ascii=False, indent=2))
            else:
                from ecokg.queries.results import terminal_safe

                click.echo(terminal_safe(f"'{name}' names {len(exc.candidates)} entities:"), err=True)
                for c in exc.candidates:
                    click.echo(terminal_safe(f"  {c.label}  [{c.cls}]  {c.iri}"), err=True)
            return 1
    if fmt == "json":
        click.echo(json.dumps(desc.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(desc))
    return 0
