"""The recognition lexicon (``loaders/data/lexicon.yaml``) and the place list, loaded once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from ecokg.resources import loader_data

CJK_LO, CJK_HI = "\u3400", "\u9fff"


def is_ideograph(ch: str) -> bool:
    """A Chinese character (CJK unified ideographs and extension A): what names are made of.
    ``loaders.normalize.is_cjk`` also counts CJK punctuation and full-width forms."""
    return CJK_LO <= ch <= CJK_HI


@dataclass(frozen=True)
class Region:
    """The article's region: 青岛市 (short 青岛) in 山东省."""

    city: str
    short: str
    en: str | None = None
    province: str | None = None
    province_short: str | None = None
    province_en: str | None = None


@dataclass
class Lexicon:
    heads: list[tuple[str, str]]  # (head, class), longest first
    boundaries: list[str]
    generic_words: list[str]
    quoted_tails: dict[str, str | None]
    quoted_heads: dict[str, str]
    industries: list[str]
    common_brands: set[str]
    company_suffixes: list[str]
    person_titles: list[str]
    person_honorifics: list[str] = field(default_factory=list)
    leader_titles: list[str] = field(default_factory=list)
    name_abbreviations: dict[str, str] = field(default_factory=dict)
    legal_suffixes: list[str] = field(default_factory=list)
    surnames: frozenset[str] = frozenset()
    weak_boundaries: frozenset[str] = frozenset()
    weak_boundary_words: frozenset[str] = frozenset()
    joined_activities: tuple[str, ...] = ()  # 研发与制造大模型: activities joined by 与/和 inside a name
    place_heads: dict[str, str] = field(default_factory=dict)
    subject_verbs: list[str] = field(default_factory=list)
    provinces: dict[str, dict[str, Any]] = field(default_factory=dict)
    city_to_province: dict[str, str] = field(default_factory=dict)
    city_en: dict[str, str] = field(default_factory=dict)
    counties: dict[str, tuple[str, ...]] = field(default_factory=dict)  # prefecture → county-level names
    boundaries_by_len: dict[int, frozenset[str]] = field(default_factory=dict)
    heads_by_prefix: dict[str, tuple[str, ...]] = field(default_factory=dict)
    protected: tuple[str, ...] = ()  # place names with a boundary word inside (呼和浩特)
    known_names: tuple[str, ...] = ()  # the packaged gazetteer's names (华为, 美的): protected alike

    def __post_init__(self) -> None:
        by_len: dict[int, set[str]] = {}
        for w in self.boundaries:
            by_len.setdefault(len(w), set()).add(w)
        self.boundaries_by_len = {n: frozenset(ws) for n, ws in sorted(by_len.items())}
        self.heads_by_prefix = {w: tuple(h for h, _ in self.heads if h.startswith(w) and len(h) > len(w))
                                for w in self.boundaries
                                if any(h.startswith(w) and len(h) > len(w) for h, _ in self.heads)}
        self.boundary_last = frozenset(w[-1] for w in self.boundaries if w)
        self._protected_by_word: dict[str, tuple[str, ...]] = {}  # ``_inside_place``: made as words come
        # heads by their last character, in the order of ``heads``: ``head_at_end`` tries only these
        self.heads_by_last: dict[str, tuple[tuple[str, str], ...]] = {}
        for head, cls in self.heads:
            self.heads_by_last[head[-1]] = (*self.heads_by_last.get(head[-1], ()), (head, cls))
        places = {*self.provinces, *(i["short"] for i in self.provinces.values()), *self.city_to_province,
                  *self.known_names}
        counties = {n for names in self.counties.values() for n in names if len(n) >= 3}
        # 将乐县, 将乐: a county's name (or short form) that begins with a boundary word keeps it
        self.begins_with_boundary: dict[str, tuple[str, ...]] = {}
        for p in counties | {n[:-1] for n in counties if n.endswith(("县", "市", "旗"))}:
            if p[0] in self.boundaries_by_len.get(1, ()) and (p in counties or not _common_word(p)):
                self.begins_with_boundary[p[0]] = (*self.begins_with_boundary.get(p[0], ()), p)
        self.protected = tuple(sorted((p for p in places if any(w in p[1:] for w in self.boundaries)),
                                      key=len, reverse=True))

    def boundary_ending_at(self, text: str, end: int, allow: tuple[str, ...] = ()) -> bool:
        """Whether a boundary word (not in ``allow``) ends at ``end`` in ``text``."""
        if 0 < end <= len(text) and text[end - 1] in self.weak_boundaries \
                and not _starts_word(text, end - 1) \
                and text[max(0, end - 2):end] not in self.weak_boundary_words:
            return True
        if not 0 < end <= len(text) or text[end - 1] not in self.boundary_last:
            return False  # no boundary word ends with the character before ``end``
        for length, words in self.boundaries_by_len.items():
            if end >= length:
                w = text[end - length:end]
                if w in words and w not in allow and not self._inside_head(text, end - length, w) \
                        and not (length == 1 and any(text.startswith(p, end - 1)
                                                     for p in self.begins_with_boundary.get(w, ()))) \
                        and (length > 1 or text[max(0, end - 2):end] not in self.weak_boundary_words) \
                        and not self._inside_place(text, end - length, end):
                    return True
        return False

    def is_common_brand(self, brand: str) -> bool:
        """四足, 四足巡检: a product or sector word (or two of them), not a company's own name."""
        if brand in self.common_brands:
            return True
        return any(brand[:i] in self.common_brands and brand[i:] in self.common_brands
                   for i in range(1, len(brand)))

    def _inside_place(self, text: str, start: int, end: int) -> bool:
        """和 in 呼和浩特: a boundary word inside a known place name is part of the name."""
        word = text[start:end]
        places = self._protected_by_word.get(word)
        if places is None:  # only a place with the word after its first character can hold it here
            places = self._protected_by_word[word] = tuple(p for p in self.protected if word in p[1:])
        for p in places:
            lo = max(0, end - len(p))
            i = text.find(p, lo, start + len(p))
            if 0 <= i < start and i + len(p) >= end:
                return True
        return False

    def _inside_head(self, text: str, start: int, word: str) -> bool:
        """开发 in 开发区, 建设 in 建设局: a boundary word that begins a head word is part of a name."""
        return any(text.startswith(h, start) for h in self.heads_by_prefix.get(word, ()))

    def head_at_end(self, text: str, end: int) -> tuple[str, str] | None:
        """The longest head ending at ``end`` in ``text``."""
        if not 0 < end <= len(text):
            return None
        for head, cls in self.heads_by_last.get(text[end - 1], ()):
            if end >= len(head) and text.startswith(head, end - len(head)):
                return head, cls
        return None

    def classify(self, name: str) -> str | None:
        """The class of a name by its head (longest head first)."""
        found = self.head_at_end(name, len(name))
        return found[1] if found else None

    def region_for(self, short: str) -> Region:
        province = self.city_to_province.get(short)
        city = short if short.endswith(("市", "区", "州", "盟")) and len(short) > 2 else short + "市"
        if short in self.provinces:  # a municipality (北京) or a province given as region
            info = self.provinces[short]
            return Region(city=short, short=info["short"], en=info.get("en"), province=None)
        pinfo = self.provinces.get(province or "", {})
        return Region(city=city, short=short, en=self.city_en.get(short), province=province,
                      province_short=pinfo.get("short"), province_en=pinfo.get("en"))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    with loader_data("lexicon.yaml").open("r", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    with loader_data("places.yaml").open("r", encoding="utf-8") as fh:
        places = yaml.safe_load(fh)
    heads = [(h, cls) for cls, hs in data["heads"].items() for h in hs]
    heads.sort(key=lambda hc: -len(hc[0]))
    provinces: dict[str, dict[str, Any]] = {}
    city_to_province: dict[str, str] = {}
    for name, info in places["provinces"].items():
        provinces[name] = info
        for city in info.get("cities", []) or []:
            city_to_province[city] = name
        if info.get("municipality"):
            city_to_province[info["short"]] = name
    return Lexicon(
        heads=heads,
        boundaries=sorted(_unique(data["boundaries"], "boundaries"), key=len, reverse=True),
        generic_words=sorted(_unique(data["generic_words"], "generic_words"), key=len, reverse=True),
        quoted_tails=data["quoted_tails"],
        quoted_heads=data["quoted_heads"],
        industries=sorted(_unique(data["industries"], "industries"), key=len, reverse=True),
        common_brands=set(_unique(data["common_brands"], "common_brands")),
        company_suffixes=sorted(_unique(data["company_suffixes"], "company_suffixes"), key=len, reverse=True),
        person_titles=sorted(_unique(data["person_titles"], "person_titles"), key=len, reverse=True),
        person_honorifics=sorted(_unique(data["person_honorifics"], "person_honorifics"), key=len,
                                 reverse=True),
        leader_titles=sorted(_unique(data["leader_titles"], "leader_titles"), key=len, reverse=True),
        name_abbreviations=data["name_abbreviations"],
        legal_suffixes=sorted(_unique(data["legal_suffixes"], "legal_suffixes"), key=len, reverse=True),
        surnames=frozenset(_unique(data["surnames"], "surnames")),
        weak_boundaries=frozenset(_unique(data["weak_boundaries"], "weak_boundaries")),
        weak_boundary_words=frozenset(_unique(data.get("weak_boundary_words", []), "weak_boundary_words")),
        joined_activities=tuple(sorted(_unique(data.get("joined_activities", []), "joined_activities"),
                                       key=len, reverse=True)),
        place_heads=dict(sorted(data["place_heads"].items(), key=lambda kv: -len(kv[0]))),
        subject_verbs=sorted(data["subject_verbs"], key=len, reverse=True),
        provinces=provinces,
        city_to_province=city_to_province,
        city_en=places.get("city_en", {}),
        counties=_counties(),
        known_names=_known_names(),
    )


def _known_names() -> tuple[str, ...]:
    """The Chinese names and aliases of the packaged gazetteer (a boundary word inside one, 华为's 为,
    does not end a name there)."""
    with loader_data("gazetteer.yaml").open("r", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    names = {n for e in data.get("entities", []) or [] for n in [e["name"], *(e.get("aliases") or [])]}
    return tuple(sorted(n for n in names if len(n) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in n)))


def _counties() -> dict[str, tuple[str, ...]]:
    with loader_data("counties.yaml").open("r", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return {str(p): tuple(str(n) for n in names) for p, names in data["counties"].items()}


def _unique(words: list[str], key: str) -> list[str]:
    """A lexicon list with no word twice (a repeated entry is an editing slip, reported by name)."""
    seen: set[str] = set()
    for w in words:
        if w in seen:
            from ecokg.loaders.rule_data import RuleDataError

            raise RuleDataError(f"loaders/data/lexicon.yaml: {key!r} lists {w!r} twice", hint="remove one")
        seen.add(w)
    return words


def _starts_word(text: str, i: int) -> bool:
    """Whether the character at ``i`` and the next form a common word (访问, 有效): jieba's dictionary."""
    if i + 2 > len(text):
        return False
    import jieba

    if not jieba.dt.initialized:
        jieba.setLogLevel(60)
        jieba.dt.initialize()
    return int(jieba.dt.FREQ.get(text[i:i + 2], 0)) >= 100


def _common_word(word: str) -> bool:
    """和平, 和顺: a county's short form that is also a common word protects nothing."""
    from ecokg.loaders.candidates import word_frequency  # candidates reads the lexicon

    return word_frequency(word) >= 1000

