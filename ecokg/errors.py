"""Domain errors. The library raises these; the CLI turns each into one line and an exit code.

A message says what was found, what was expected, and what to do.
"""

from __future__ import annotations


class EcokgError(Exception):
    """Base class of every error ecokg reports to a user."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        """The message and hint on a single line, as the CLI prints it."""
        text = " ".join(self.message.split())
        if self.hint:
            text = f"{text} ({' '.join(self.hint.split())})"
        return text


class InputError(EcokgError):
    """An input file or argument cannot be used (missing, empty, binary, undecodable …)."""


class RDFSyntaxError(EcokgError):
    """An RDF file could not be parsed."""


class QueryError(EcokgError):
    """A SPARQL query is malformed, unknown, or failed to run."""


class EndpointError(QueryError):
    """A remote SPARQL or Graph Store endpoint refused, failed or could not be reached."""


class StoreError(EcokgError):
    """The persistent store is missing, locked, or unusable."""


class ReasonerError(EcokgError):
    """The OWL reasoner could not run (no Java, reasoner crash …)."""


class ValidationFailed(EcokgError):
    """Data did not conform (SHACL violations or an inconsistent ontology)."""

    exit_code = 1
