"""When an extraction was made: the ``prov:generatedAtTime`` of a document's graph, chosen reproducibly.

The time is an input of the build, chosen once per run by the caller (``ecokg build``,
``KG.build``, ``KG.ingest``, ``write_graph``) and written by ``GraphBuilder`` into each new
document graph::

    <doc>/extraction a prov:Entity ; prov:wasDerivedFrom <doc> ;
        prov:generatedAtTime "2026-01-01T00:00:00Z"^^xsd:dateTime .

In order: an explicit value (``--generated-at``, ``generated_at=``: ISO 8601, a date or a date and
time; without a zone it is UTC), else ``SOURCE_DATE_EPOCH`` (seconds since 1970, the
reproducible-builds.org convention), else the clock, in UTC whole seconds. The stamp is kept in the
stored raw graph, so re-merging, re-exporting or loading a store never changes it; two builds of
the same articles are byte-identical when they are given the same time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime

from ecokg.errors import InputError

ENV = "SOURCE_DATE_EPOCH"


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: str) -> str:
    """``value`` (ISO 8601 date or date-time) as ``YYYY-MM-DDTHH:MM:SSZ``, or ``InputError``."""
    text = value.strip()
    try:
        if len(text) == 10:
            return _utc(datetime.combine(date.fromisoformat(text), datetime.min.time()))
        return _utc(datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")))
    except ValueError:
        raise InputError(f"--generated-at {value!r} is not a date or time",
                         hint="give ISO 8601, e.g. 2026-01-01 or 2026-01-01T08:00:00+08:00") from None


def generation_time(value: str | None = None, environ: Mapping[str, str] | None = None,
                    now: datetime | None = None) -> str:
    """The ``prov:generatedAtTime`` of this run's extractions (see the module doc for the order)."""
    if value:
        return parse_time(value)
    env = os.environ if environ is None else environ
    epoch = env.get(ENV, "").strip()
    if epoch:
        if not epoch.isdigit():
            raise InputError(f"{ENV}={epoch!r} is not a number of seconds since 1970-01-01",
                             hint="set it to an integer (e.g. $(git log -1 --format=%ct)) or unset it")
        try:
            return _utc(datetime.fromtimestamp(int(epoch), tz=UTC))
        except (OverflowError, OSError, ValueError):
            raise InputError(f"{ENV}={epoch} is out of range", hint="give seconds since 1970-01-01") from None
    return _utc(now or datetime.now(UTC))


__all__ = ["ENV", "generation_time", "parse_time"]
