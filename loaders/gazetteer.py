"""Gazetteer: known names with type, aliases, English name, Wikidata id; scanned longest-first.

The packaged ``loaders/data/gazetteer.yaml`` holds well-known actors (ministries, major
companies, known models); ``templates`` give the standard names of a region's government bodies
(市委 → 青岛市委); places come from ``places.yaml``. Users add files with ``--gazetteer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ecokg.errors import InputError
from ecokg.loaders.lexicon import Region, is_ideograph, lexicon
from ecokg.resources import loader_data

# City short names that are also common words: matched only with 市.
_AMBIGUOUS_CITIES = {"中山", "大同", "长治", "常德", "吉林", "海口"}


@dataclass(frozen=True)
class Entry:
    name: str
    cls: str
    aliases: tuple[str, ...] = ()
    en: str | None = None
    wikidata: str | None = None
    source: str = "gazetteer"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entry: Entry
    surface: str


def _entry(raw: dict[str, Any], where: str) -> Entry:
    try:
        return Entry(name=str(raw["name"]), cls=str(raw["type"]),
                     aliases=tuple(str(a) for a in raw.get("aliases", []) or []),
                     en=raw.get("en"), wikidata=raw.get("wikidata"))
    except (KeyError, TypeError) as exc:
        raise InputError(f"gazetteer {where}: entry {raw!r} lacks 'name' or 'type'",
                         hint="each entry needs name and type (an ontology class such as Company)") from exc


class Gazetteer:
    """Known entries plus region templates."""

    def __init__(self, entries: list[Entry], templates: list[dict[str, Any]]) -> None:
        self.entries = entries
        self.templates = templates
        self._indexes: dict[tuple[Any, ...], NameIndex] = {}  # by region: built once, shared (read-only)

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> Gazetteer:
        with loader_data("gazetteer.yaml").open("r", encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        entries = [_entry(e, "gazetteer.yaml") for e in data.get("entities", [])]
        templates = list(data.get("templates", []))
        for path in extra:
            p = Path(path)
            try:
                user = yaml.safe_load(p.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                raise InputError(f"cannot read gazetteer {p}: {exc}",
                                 hint="give a UTF-8 YAML file like loaders/data/gazetteer.yaml") from exc
            if isinstance(user, list):
                user = {"entities": user}
            if not isinstance(user, dict):
                raise InputError(f"gazetteer {p} is not a mapping or list of entries")
            entries.extend(_entry(e, str(p)) for e in user.get("entities", []) or [])
            templates.extend(user.get("templates", []) or [])
        return cls(entries, templates)

    def for_region(self, region: Region | None) -> NameIndex:
        """An index of every name: entries, templates for the region, places (built once per region)."""
        key = astuple(region) if region is not None else ()
        index = self._indexes.get(key)
        if index is None:
            if len(self._indexes) >= 64:
                self._indexes.clear()
            index = self._indexes[key] = self._build_index(region)
        return index

    def _build_index(self, region: Region | None) -> NameIndex:
        lex = lexicon()
        entries = list(self.entries)
        if region is not None:
            values = {"city": region.city, "short": region.short, "en": region.en or region.short,
                      "province": region.province or "", "province_en": region.province_en or ""}
            for t in self.templates:
                if ("{province" in t["name"]) and not region.province:
                    continue
                try:
                    entries.append(Entry(
                        name=t["name"].format(**values), cls=t["type"],
                        aliases=tuple(a.format(**values) for a in t.get("aliases", [])),
                        en=t["en"].format(**values) if t.get("en") and region.en else None,
                        source="template"))
                except (KeyError, IndexError):
                    continue
        for pname, info in lex.provinces.items():
            entries.append(Entry(name=pname, cls="Place", aliases=(info["short"],), en=info.get("en"),
                                 source="places"))
            for city in info.get("cities", []) or []:
                full = city if city.endswith(("市", "区")) else city + "市"
                aliases = () if city in _AMBIGUOUS_CITIES else (city,)
                entries.append(Entry(name=full, cls="Place", aliases=aliases, en=lex.city_en.get(city),
                                     source="places"))
        entries.extend(_county_entries(region.city if region is not None else None))
        return NameIndex(entries)


@lru_cache(maxsize=32)
def _county_entries(city: str | None) -> tuple[Entry, ...]:
    """晋江市 (and 晋江), 城厢区, 土默特左旗: county-level places; a district is named in full, a
    county or county-level city of the article's ``city`` also by its short form when that is no
    common word (a short form elsewhere is a given name or another place: 周沐川, 绍兴的滨海)."""
    import jieba.posseg

    from ecokg.loaders.candidates import word_frequency

    tags = jieba.posseg.dt.word_tag_tab  # a short form that jieba knows as a common word (会同) is none
    lex = lexicon()
    out = []
    for prefecture, names in lex.counties.items():
        for name in names:
            if len(name) < 3:
                continue  # 城区, 矿区, 赵县: too short to find safely in running text
            short = name[:-1]
            alias = (short,) if prefecture == city and name.endswith(("市", "县")) and len(short) >= 2 \
                and word_frequency(short) < 1000 \
                and tags.get(short) in (None, "ns", "nr", "nrt", "nrfg", "nz") \
                and short not in _AMBIGUOUS_CITIES else ()
            out.append(Entry(name=name, cls="Place", aliases=alias, source="places"))
    return tuple(out)


class NameIndex:
    """Longest-match scanning of names (Latin names case-insensitive, on word boundaries).

    Shared between articles (``Gazetteer.for_region``): never changed after it is made;
    ``extended`` makes a new index with an article's own names in front.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.by_name: dict[str, Entry] = {}
        for e in entries:
            for n in e.names:
                key = _fold(n)
                # the first entry wins: packaged knowledge before places
                self.by_name.setdefault(key, e)
        self.max_len = max((len(k) for k in self.by_name), default=0)
        lengths: dict[str, set[int]] = {}
        for k in self.by_name:
            if k:
                lengths.setdefault(k[0], set()).add(len(k))
        self.first_chars = set(lengths)
        # per first character, the lengths its names have, longest first: a scan tries only these
        self._lengths = {ch: sorted(ns, reverse=True) for ch, ns in lengths.items()}
        self._places: frozenset[str] | None = None
        self._authorities: list[str] | None = None
        #: where a name can start: the parent's first characters, then the ones ``extended`` added
        self._start_sets: list[frozenset[str]] = [frozenset(self.first_chars)]

    def extended(self, first: Iterable[Entry]) -> NameIndex:
        """``NameIndex([*first, *self.by_name.values()])``, without folding every name again."""
        front = NameIndex(first)
        if not front.by_name:
            return self
        merged = front.by_name | self.by_name  # front's names first, then the others, in their order
        merged.update(front.by_name)  # and front's entries win (the order stays)
        out = NameIndex(())
        out.by_name = merged
        out.max_len = max(front.max_len, self.max_len)
        out.first_chars = front.first_chars | self.first_chars
        out._lengths = dict(self._lengths)  # only the first characters of front's names change
        for ch, lengths in front._lengths.items():
            out._lengths[ch] = sorted(set(lengths) | set(self._lengths.get(ch, ())), reverse=True)
        out._places = front.places | (self.places - front.by_name.keys())
        added = frozenset(front.first_chars - self.first_chars)
        out._start_sets = self._start_sets + ([added] if added else [])
        return out

    def _start_positions(self, folded: str) -> list[int]:
        """The positions of ``folded`` where a name can start (a scan in C, not a step per character):
        one character class per set of first characters, the region's shared by every article."""
        if len(self._start_sets) == 1:
            return [m.start() for m in _starting(self._start_sets[0]).finditer(folded)]
        return sorted({m.start() for chars in self._start_sets for m in _starting(chars).finditer(folded)})

    @property
    def places(self) -> frozenset[str]:
        """The (folded) names of places."""
        if self._places is None:
            self._places = frozenset(n for n, e in self.by_name.items() if e.cls == "Place")
        return self._places

    @property
    def authorities(self) -> list[str]:
        """The (folded) names of government bodies, longest first (computed once per index)."""
        if self._authorities is None:
            self._authorities = sorted({n for n, e in self.by_name.items() if e.cls == "GovernmentBody"},
                                       key=len, reverse=True)
        return list(self._authorities)

    def get(self, name: str) -> Entry | None:
        return self.by_name.get(_fold(name))

    def scan(self, text: str) -> list[Match]:
        folded = _fold(text)
        out: list[Match] = []
        n = len(text)
        free = 0  # the end of the last name found: no name starts inside it
        for i in self._start_positions(folded):
            if i < free:
                continue
            hit = None
            for length in self._lengths[folded[i]]:
                if length > n - i:
                    continue
                key = folded[i:i + length]
                e = self.by_name.get(key)
                if e is None:
                    continue
                if not _boundary_ok(text, i, i + length, e.cls == "Place") \
                        and not self._starts_name(folded, i + length):
                    continue  # 华为昇腾芯片: a short name right before another known name is one
                hit = Match(i, i + length, e, text[i:i + length])
                break
            if hit:
                out.append(hit)
                free = hit.end
        return out


    def _starts_name(self, folded: str, at: int) -> bool:
        """Whether a known product of at least two characters begins at ``at`` and ends its phrase
        (华为昇腾芯片，…: a maker and its product; not 华为昇腾人工智能生态创新中心, one longer name)."""
        for k in range(min(self.max_len, len(folded) - at), 1, -1):
            e = self.by_name.get(folded[at:at + k])
            if e is not None and e.cls in _PRODUCTS:
                run = re.match(r"[\u4e00-\u9fffA-Za-z0-9（）()]*", folded[at + k:])
                return run is not None and len(run.group(0)) <= 4
        return False


_PRODUCTS = frozenset({"Product", "AIModel", "Robot", "Platform"})


@lru_cache(maxsize=256)
def _starting(chars: frozenset[str]) -> re.Pattern[str]:
    """A character class of ``chars``."""
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]" if chars else "(?!)")


def _fold(text: str) -> str:
    """ASCII lower-casing that keeps the length."""
    if _ASCII_UPPER.search(text) is None:  # most Chinese text: nothing to fold, no per-character lookup
        return text
    return text.translate(_ASCII_LOWER)


_ASCII_UPPER = re.compile("[A-Z]")


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def _boundary_ok(text: str, start: int, end: int, place: bool = False) -> bool:
    """A Latin name must not sit inside a longer Latin word; a two-character Chinese name (智元)
    must not sit inside a longer Chinese name (蓉芯智元)."""
    first, last = text[start], text[end - 1]
    if not place and end - start <= 2 and is_ideograph(first) and start > 0 \
            and is_ideograph(text[start - 1]) and end < len(text) \
            and is_ideograph(text[end]) and not lexicon().boundary_ending_at(text, start):
        return False
    if first.isascii() and first.isalnum() and start > 0 \
            and text[start - 1].isascii() and text[start - 1].isalnum():
        return False
    return not (last.isascii() and last.isalnum() and end < len(text) and text[end].isascii()
                and text[end].isalnum() and not is_ideograph(text[end]))
