"""``ecokg check FILE...``: SHACL shapes, data checks and OWL consistency (HermiT) of RDF files."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ecokg.graph.check_report import CheckReport, Term, Violation


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word}es" if word.endswith("s") else f"{n} {word}s"


def _clean(text: str) -> str:
    """Labels and values come from the data: show control characters escaped, one item a line."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _node(label: str | None, iri: str) -> str:
    return _clean(f"{label} ({iri})" if label and iri else label or iri or "(unnamed)")


def _violations(title: str, items: list[Violation], kind: str = "shape") -> list[str]:
    groups: dict[tuple[str, str], list[Violation]] = defaultdict(list)
    for v in items:
        groups[(v.shape_label, v.shape)].append(v)
    lines = [f"{title}: {_plural(len(items), 'violation')} of {_plural(len(groups), kind)}"]
    for (label, shape), vs in sorted(groups.items()):
        lines.append(f"  {label} [{shape}]: {len(vs)}")
        for v in vs:
            extra = f" (value {_clean(v.value)})" if v.value else ""
            lines.append(f"    - {_node(v.focus_label, v.focus)}: {v.message}{extra}")
    return lines


def _terms(title: str, items: list[Term]) -> list[str]:
    lines = [f"  {title}: {len(items)}"]
    for t in items:
        who = _node(t.label, f"<{t.iri}>") if t.iri else ""
        reason = _clean(t.reason)
        lines.append(f"    - {who}: {reason}" if who and reason else f"    - {who or reason}")
    return lines


def format_text(report: CheckReport) -> str:
    lines: list[str] = []
    if report.shacl_ran:
        lines += _violations("SHACL", report.shacl) if report.shacl else ["SHACL: conforms"]
        if report.checks:
            lines += _violations("data checks", report.checks, "check")
    else:
        lines.append("SHACL: skipped (--no-shacl)")
    if report.reasoner_ran:
        lines.append("OWL (HermiT): " + ("consistent" if report.consistent else "INCONSISTENT"))
        if report.unsatisfiable:
            lines += _terms("unsatisfiable classes", report.unsatisfiable)
        if report.inconsistent:
            lines += _terms("inconsistent individuals", report.inconsistent)
    else:
        lines.append("OWL (HermiT): skipped (--no-reasoner)")
    problems = []
    if report.shacl:
        problems.append(_plural(len(report.shacl), "SHACL violation"))
    if report.checks:
        problems.append(_plural(len(report.checks), "data check failure"))
    if report.consistent is False:
        problems.append("inconsistent")
    if report.unsatisfiable:
        problems.append(_plural(len(report.unsatisfiable), "unsatisfiable class"))
    verdict = "conforms" if report.conforms else "does NOT conform: " + ", ".join(problems)
    lines.append(f"ecokg check: {_plural(len(report.files), 'file')}, "
                 f"{_plural(report.triples, 'triple')}: {verdict}")
    return "\n".join(lines)


@click.command(name="check")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--ontology", "ontology_files", multiple=True, metavar="FILE",
              help="An extra ontology file to check against (repeatable); ecokg's own is always used.")
@click.option("--no-reasoner", is_flag=True, help="Skip the OWL consistency check (HermiT, needs Java).")
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL shapes and the data checks.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report format.")
def command(files: tuple[str, ...], ontology_files: tuple[str, ...], no_reasoner: bool, no_shacl: bool,
            fmt: str) -> int:
    """Check RDF files (.ttl .trig .nt .nq .jsonld .rdf .owl .csv …) against the ecokg ontology.

    Runs the SHACL shapes and data checks, and HermiT for OWL consistency. Exit status:
    0 conforms, 1 violations or inconsistency, 2 the check could not run.
    """
    from ecokg.graph.checker import check

    report = check(files, ontology_files=ontology_files, shacl=not no_shacl, reasoner=not no_reasoner)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(report))
    return 0 if report.conforms else 1
