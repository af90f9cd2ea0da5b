"""Plain typed records that loaders return and ``ecokg.graph.builder`` turns into RDF.

Offsets (``start``/``end``) are character offsets into ``Document.text`` (the cleaned text),
end exclusive. Entity keys are the entity's canonical Chinese name, unique in one extraction.
Class names are local names of the ontology (``"Company"``, ``"IndustrialPark"`` …); predicate
names are local names of eco: properties (``"locatedIn"`` …).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

#: eco: qualifier individuals (local names).
QUALIFIERS = ("Exactly", "MoreThan", "Approximately", "AtMost", "AtLeast")
#: eco: level individuals (local names).
LEVELS = ("National", "Provincial", "Municipal")


@dataclass
class Document:
    """An article after reading and cleaning."""

    text: str
    title: str | None = None
    publisher: str | None = None
    issued: str | None = None  # ISO 8601: "2025-12-11T15:47:00" or "2025-12-11"
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    source_path: str | None = None  # file path as given, "-" for stdin
    encoding: str | None = None
    media_type: str = "text/plain"
    region: str | None = None  # the article's main region (canonical name), set by the extractor

    @property
    def sha256(self) -> str:
        """SHA-256 of the cleaned text (hex); computed once per text (the graph builder asks for it
        with every record, and hashing a long article each time made building quadratic)."""
        cached = self.__dict__.get("_sha256")  # not a dataclass field: no part of eq, repr or asdict
        if cached is None or cached[0] is not self.text:
            digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
            cached = self.__dict__["_sha256"] = (self.text, digest)
        return cached[1]

    @property
    def issued_date(self) -> date | None:
        """The date part of ``issued``, the base for relative periods (今年, 前三季度 …)."""
        if not self.issued:
            return None
        try:
            return date.fromisoformat(self.issued[:10])
        except ValueError:
            return None


@dataclass(frozen=True)
class Sentence:
    """One sentence of the cleaned text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EntitySpan:
    """One occurrence of an entity name in the cleaned text."""

    key: str
    cls: str
    start: int
    end: int
    surface: str


@dataclass
class Entity:
    """A recognized entity: canonical name, most specific class, other names, attributes."""

    key: str
    cls: str
    alt_labels: set[str] = field(default_factory=set)
    en_label: str | None = None
    wikidata: str | None = None
    # Verified identifiers by scheme: "uscc" (统一社会信用代码, GB 32100-2015), "adcode" (GB/T 2260)
    codes: dict[str, str] = field(default_factory=dict)
    sentences: set[int] = field(default_factory=set)
    # Funds and subsidies
    amount: Decimal | None = None
    unit: str | None = None
    per_year: bool | None = None
    amount_sentence: int | None = None
    # Policies
    period_start: date | None = None
    period_end: date | None = None
    period_label: str | None = None
    batch: str | None = None
    # Parks, centers, policies
    level: str | None = None
    # Which source said so: "gazetteer", "pattern", "segmenter" …
    source: str = "pattern"

    @property
    def label(self) -> str:
        return self.key


@dataclass
class Relation:
    """``subject predicate object`` between two entities, stated in one sentence."""

    subject: str
    predicate: str
    object: str
    sentence: int
    implicit: bool = False  # the subject or object was inferred (dropped subject)
    rule: str = ""


@dataclass
class Designation:
    """A title or listing granted to a holder (入选/获批/认定 …)."""

    holder: str
    title: str
    sentence: int
    level: str | None = None  # one of LEVELS
    batch: str | None = None  # as written: 首批, 第一批
    granted_by: str | None = None  # entity key
    implicit: bool = False  # holder inferred (the article's region)
    rule: str = ""


@dataclass
class Observation:
    """One reported figure."""

    value: Decimal
    unit: str
    sentence: int
    text: str  # the figure as written, e.g. "超592.5亿元"
    start: int  # offsets of the figure in the cleaned text
    end: int
    subject: str | None = None
    qualifier: str = "Exactly"
    period_start: date | None = None
    period_end: date | None = None
    period_label: str | None = None
    indicator: str | None = None  # indicator concept, zh label: 营业收入, 同比增长 …
    implicit: bool = False  # subject inferred
    rule: str = ""
    target: bool = False  # a goal (到2027年…达到, 力争, 目标), not an achievement


@dataclass
class Extraction:
    """Everything extracted from one article."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    spans: list[EntitySpan] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    industries: dict[str, set[int]] = field(default_factory=dict)  # sector name -> sentences
    notes: list[str] = field(default_factory=list)  # what the reader should know (an invalid code …)
