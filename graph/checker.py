"""Check RDF data against the ecokg ontology: SHACL shapes, data checks and OWL consistency.

``check`` reads the files (``rdf_files``: any format of the registry, one located line for a
broken file) and runs three independent checks over the union of the data plus the ontology:

* SHACL with ``ontology/shapes.ttl`` (``shacl_check``);
* data checks, the SPARQL queries ``queries/checks/*-violation.rq`` (``data_checks``);
* OWL 2 consistency with HermiT (``owl_check``, needs Java): unsatisfiable classes, and when the
  data is inconsistent, the individuals to blame (``find_conflicts``).

The report is a ``check_report.CheckReport``. Nothing here prints; problems that stop a check
from running raise ``ecokg.errors``.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from ecokg.errors import InputError, ReasonerError
from ecokg.graph.check_report import CheckReport, Term, Violation, label_of
from ecokg.graph.data_checks import run_data_checks
from ecokg.graph.namespaces import bind_prefixes
from ecokg.graph.owl_check import JAVA_HINT, find_conflicts, run_hermit, run_reasoner
from ecokg.graph.rdf_files import load_files, load_ontology, quiet_rdflib
from ecokg.graph.shacl_check import run_shacl


def check(files: Sequence[str | Path], *, ontology_files: Sequence[str | Path] = (),
          shacl: bool = True, reasoner: bool = True) -> CheckReport:
    """Load the files and run the requested checks; raise only when a check cannot run."""
    if not files:
        raise InputError("no RDF file given", hint="ecokg check FILE...")
    if reasoner and shutil.which("java") is None:
        raise ReasonerError("no Java runtime found", hint=JAVA_HINT)
    data = load_files(files)
    ontology = load_ontology(ontology_files)
    report = CheckReport(files=[str(f) for f in files], triples=len(data))
    with quiet_rdflib():
        _run_checks(report, data, ontology, shacl=shacl, reasoner=reasoner)
    return report


def _run_checks(report: CheckReport, data: Graph, ontology: Graph, *, shacl: bool, reasoner: bool) -> None:
    if shacl:
        combined = data + ontology
        bind_prefixes(combined.namespace_manager)
        report.shacl = run_shacl(combined)
        report.checks = run_data_checks(combined)
        report.shacl_ran = True
    if reasoner:
        report.consistent, report.unsatisfiable, report.inconsistent = run_reasoner(data, ontology)
        report.reasoner_ran = True


__all__ = [
    "CheckReport", "Term", "Violation", "check", "find_conflicts", "label_of", "load_files",
    "load_ontology", "run_data_checks", "run_hermit", "run_reasoner", "run_shacl",
]
