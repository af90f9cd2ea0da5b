"""The one place where packaged data files are found (``importlib.resources``).

Ontology Turtle, SPARQL queries, gazetteers and sample articles ship inside the package;
nothing else in the code base builds paths to them.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

ONTOLOGY_PACKAGE = "ecokg.ontology"
QUERIES_PACKAGE = "ecokg.queries"
CHECKS_PACKAGE = "ecokg.queries.checks"
LOADER_DATA_PACKAGE = "ecokg.loaders.data"
SAMPLES_PACKAGE = "ecokg.samples"
VIZ_PACKAGE = "ecokg.viz"


def data_file(package: str, name: str) -> Traversable:
    """A packaged file, e.g. ``data_file(ONTOLOGY_PACKAGE, "ecokg.ttl")``."""
    return resources.files(package).joinpath(name)


def read_text(package: str, name: str) -> str:
    """The UTF-8 text of a packaged file."""
    return data_file(package, name).read_text(encoding="utf-8")


def list_files(package: str, suffix: str) -> list[Traversable]:
    """Packaged files of ``package`` whose name ends with ``suffix``, sorted by name."""
    root = resources.files(package)
    return sorted((f for f in root.iterdir() if f.is_file() and f.name.endswith(suffix)),
                  key=lambda f: f.name)


def ontology_file(name: str = "ecokg.ttl") -> Traversable:
    """An ontology file: ``ecokg.ttl`` (the OWL ontology) or ``shapes.ttl`` (SHACL)."""
    return data_file(ONTOLOGY_PACKAGE, name)


def chain_files() -> tuple[Traversable, Traversable]:
    """The industry chain scheme (``chain.ttl``) and its cue words (``chain-cues.yaml``)."""
    return data_file(ONTOLOGY_PACKAGE, "chain.ttl"), data_file(ONTOLOGY_PACKAGE, "chain-cues.yaml")


def identifier_file() -> Traversable:
    """The offline identifier table (``identifiers.yaml``: verified Wikidata items of known actors)."""
    return data_file(ONTOLOGY_PACKAGE, "identifiers.yaml")


def query_files() -> list[Traversable]:
    """The named competency-question queries (``queries/*.rq``)."""
    return list_files(QUERIES_PACKAGE, ".rq")


def check_files() -> list[Traversable]:
    """The data checks (``queries/checks/*-violation.rq``): any row returned is a failure."""
    return list_files(CHECKS_PACKAGE, "-violation.rq")


def loader_data(name: str) -> Traversable:
    """A loader data file (gazetteer, suffix lists, boilerplate markers …)."""
    return data_file(LOADER_DATA_PACKAGE, name)


def sample_articles() -> list[Traversable]:
    """The bundled sample articles, the default input of ``ecokg build``."""
    root = resources.files(SAMPLES_PACKAGE)
    return sorted(
        (f for f in root.iterdir() if f.is_file() and f.name.endswith((".txt", ".md", ".html"))),
        key=lambda f: f.name,
    )
