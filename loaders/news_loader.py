"""``NewsArticleLoader``: one article in, one ``Extraction`` out, through the pipeline.

read (decode, clean, metadata) → ``Document`` → the components of ``loaders/components.py``
(sentences → region → titles → names → actor → discourse → relations → frames → designations →
figures → tables → name-relations) → records. Knows Chinese, not RDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ecokg.loaders.components import default_pipeline
from ecokg.loaders.pipeline import Pipeline
from ecokg.loaders.records import Document, Extraction


class NewsArticleLoader:
    """Turns articles of the genre into extraction records."""

    def __init__(self, gazetteer_files: Sequence[str | Path] = (),
                 frame_files: Sequence[str | Path] = ()) -> None:
        self.pipeline: Pipeline = default_pipeline(gazetteer_files, frame_files)

    def load(self, raw: object, *, title: str | None = None, publisher: str | None = None,
             date: str | None = None, url: str | None = None) -> Extraction:
        """Read a ``RawArticle`` (see ``loaders/reader.py``) and extract it."""
        from ecokg.loaders.metadata import read_document

        doc = read_document(raw, title=title, publisher=publisher, date=date, url=url)
        return self.extract(doc)

    def extract(self, doc: Document) -> Extraction:
        return self.pipeline(doc)
