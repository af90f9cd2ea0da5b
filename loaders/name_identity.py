"""Two names of one actor in one article: merge them into one entity.

- a short mention of a site, platform, program, event or policy whose name ends a longer one of
  the same class (数据采集训练场 → 具身智能数据采集训练场; 若干措施 → the full 《…若干措施》);
- an organization's short form: the full name without its place prefix, parenthetical and legal
  form (柳州光擎智能科技有限公司 → 光擎智能; 重庆两江新区管理委员会 → 两江新区管理委员会), and standard
  abbreviations of official names (高新技术产业开发区 → 高新区, 管理委员会 → 管委会), from
  ``lexicon.yaml``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ecokg.loaders.candidates import word_frequency
from ecokg.loaders.lexicon import Lexicon, is_ideograph
from ecokg.loaders.records import Entity, EntitySpan

if TYPE_CHECKING:
    from ecokg.loaders.entities import Recognized

_ORG_LIKE = {"Company", "GovernmentBody", "InnovationCenter", "Organization", "IndustrialPark", "Committee"}


# Classes whose short mention (数据采集训练场) names the same thing as a longer one in the article.
_SHORT_NAME_CLASSES = {"Venue", "Infrastructure", "Platform", "Program", "Event", "PolicyDocument"}


def _short_mentions(ents: dict[str, Entity], region_short: str | None) -> dict[str, str]:
    """Merge an entity into another of the same class whose name ends with (for a policy: contains)
    its name: 数据采集训练场 → 具身智能数据采集训练场; 若干措施 → 《杭州市加快…若干措施（2026—2028年）》.

    Linear in the names: the longer names are found through an index of their endings (of a
    policy: their substrings) of the lengths the short names have, not by comparing every pair."""
    def core(key: str) -> str:
        return key[len(region_short):] if region_short and key.startswith(region_short) else key

    shorts = [k for k in sorted(ents, key=len) if ents[k].cls in _SHORT_NAME_CLASSES and len(core(k)) >= 4
              and ents[k].source in ("pattern", "article")]
    lengths: dict[str, set[int]] = {}
    for k in shorts:
        lengths.setdefault(ents[k].cls, set()).add(len(core(k)))
    index: dict[tuple[str, str], set[str]] = {}  # (class, ending or substring) -> names holding it
    for k, e in ents.items():
        sizes = lengths.get(e.cls)
        if not sizes:
            continue
        c = core(k)
        for n in sizes:
            if n >= len(c):
                continue
            parts = {c[i:i + n] for i in range(len(c) - n + 1)} if e.cls == "PolicyDocument" else {c[-n:]}
            for part in parts:
                index.setdefault((e.cls, part), set()).add(k)
    into: dict[str, str] = {}
    for short in shorts:
        longer = [k for k in index.get((ents[short].cls, core(short)), ()) if k != short]
        if len(longer) == 1:  # only when the longer name is unambiguous
            into[short] = longer[0]
    return into


def _region_variants(ents: dict[str, Entity], region_short: str | None) -> dict[str, str]:
    """大同塞北云数据中心 (the region put before a name) is 塞北云大同数据中心 (the region inside it, as
    written): the same name once the region's short form is taken out."""
    if not region_short:
        return {}
    by_bare: dict[tuple[str, str], list[str]] = {}
    for k, e in ents.items():
        if region_short in k and len(k) - len(region_short) >= 3:
            by_bare.setdefault((e.cls, k.replace(region_short, "", 1)), []).append(k)
    into: dict[str, str] = {}
    for keys in by_bare.values():
        prefixed = [k for k in keys if k.startswith(region_short)]
        inside = [k for k in keys if not k.startswith(region_short)]
        if len(prefixed) == 1 and len(inside) == 1:
            into[prefixed[0]] = inside[0]
    return into


def _places(lex: Lexicon, region_short: str | None) -> list[str]:
    key = (id(lex), region_short)
    found = _PLACES.get(key)
    if found is None or found[0] is not lex:
        if len(_PLACES) >= 256:
            _PLACES.clear()
        found = _PLACES[key] = (lex, _place_names(lex, region_short))
    return found[1]


#: ``_places`` by lexicon and region (the list is the same for every name of an article)
_PLACES: dict[tuple[int, str | None], tuple[Lexicon, list[str]]] = {}


def _place_names(lex: Lexicon, region_short: str | None) -> list[str]:
    names = set()
    for prov, info in lex.provinces.items():
        names |= {prov, info["short"]}
    for city in lex.city_to_province:
        names |= {city, city + "市"}
    if region_short:
        names |= {region_short, region_short + "市"}
    return sorted(names, key=len, reverse=True)


def _by_length(places: list[str]) -> list[tuple[int, frozenset[str]]]:
    """``places`` (longest first) as sets of one length each, longest first (made once per list)."""
    found = _BY_LENGTH.get(id(places))
    if found is None or found[0] is not places:
        groups: dict[int, set[str]] = {}
        for p in places:
            groups.setdefault(len(p), set()).add(p)
        if len(_BY_LENGTH) >= 256:
            _BY_LENGTH.clear()
        by_len = [(n, frozenset(ps)) for n, ps in sorted(groups.items(), reverse=True)]
        found = _BY_LENGTH[id(places)] = (places, by_len)
    return found[1]


_BY_LENGTH: dict[int, tuple[list[str], list[tuple[int, frozenset[str]]]]] = {}


def _normal(name: str, lex: Lexicon) -> str:
    for long, short in lex.name_abbreviations.items():
        name = name.replace(long, short)
    return name


def _stem(name: str, lex: Lexicon, places: list[str]) -> str:
    """The name without a leading place and a parenthetical:
    柳州光擎智能科技有限公司 → 光擎智能科技有限公司."""
    name = re.sub(r"[（(][^）)]{1,8}[）)]", "", _normal(name, lex))
    for length, group_ in _by_length(places):  # the longest place that starts the name, as in ``places``
        if len(name) - length >= 2 and name[:length] in group_:
            return name[length:]
    return name


def _core(name: str, lex: Lexicon, places: list[str]) -> str:
    """The name without a leading place, a parenthetical and its legal form:
    柳州光擎智能科技有限公司 → 光擎智能科技."""
    name = _stem(name, lex, places)
    for suffix in lex.legal_suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def derived_short_names(name: str, lex: Lexicon, region_short: str | None) -> list[str]:
    """What an article calls a company after naming it in full: its brand and first business word
    (山东禹辰智能装备有限公司 → 禹辰智能, 四川观复智能科技有限公司 → 观复智能). Only for names with a legal
    form, and only when the brand is no common word."""
    if not name.endswith(tuple(lex.legal_suffixes)):
        return []
    core = _core(name, lex, _places(lex, region_short))
    out = [core] if len(core) >= 4 and word_frequency(core) < 100 \
        and lex.classify(core) in (None, "Company") else []
    brand = next((core[: -len(sfx)] for sfx in sorted(lex.company_suffixes, key=len, reverse=True)
                  if core.endswith(sfx)), core)
    if 2 <= len(brand) <= 3 and word_frequency(brand) == 0 and all(is_ideograph(ch) for ch in brand) \
            and lex.classify(brand) is None and not lex.is_common_brand(brand) and brand not in out:
        out.append(brand)  # 孝感翼风无人机有限公司 → 翼风: a brand no dictionary knows
    for sfx in lex.company_suffixes:
        i = core.find(sfx, 2)
        short = core[:i + len(sfx)] if i >= 2 else ""
        if 4 <= len(short) < len(core) and word_frequency(core[:i]) < 100 and short not in out:
            out.append(short)
        if core.endswith(sfx) and len(core) - len(sfx) >= 4:  # 湘南云脑科技 → 湘南云脑
            bare = core[: -len(sfx)]
            if word_frequency(bare) < 100 and bare not in out and lex.classify(bare) in (None, "Company"):
                out.append(bare)
    return out


def _short_forms(ents: dict[str, Entity], lex: Lexicon, places: list[str]) -> dict[str, str]:
    """Organization short forms: a name that is another's core, or begins it (4 characters or more).

    Linear in the names: the longer names are looked up by core, normal form and core prefix."""
    into: dict[str, str] = {}
    keys = [k for k, e in ents.items()
            if e.cls in _ORG_LIKE and e.source in ("pattern", "article", "abbreviation")]
    cores = {k: _core(k, lex, places) for k in keys}
    normals = {k: _normal(k, lex) for k in keys}
    by_core: dict[tuple[str, str], list[str]] = {}
    by_normal: dict[tuple[str, str], list[str]] = {}
    by_prefix: dict[tuple[str, str], list[str]] = {}  # core prefixes (4+) of names with a legal form
    legal = tuple(lex.legal_suffixes)
    for k in keys:
        cls = ents[k].cls
        by_core.setdefault((cls, cores[k]), []).append(k)
        by_normal.setdefault((cls, normals[k]), []).append(k)
        if k.endswith(legal):  # 云鹭智能 begins 云鹭智能科技有限公司 (whose core is 云鹭)
            stem = _stem(k, lex, places)
            for n in range(4, len(stem)):
                by_prefix.setdefault((cls, stem[:n]), []).append(k)
    for short in keys:
        cls, s_norm, s_core = ents[short].cls, normals[short], cores[short]
        found = set(by_core.get((cls, s_core), ())) | set(by_core.get((cls, s_norm), ())) \
            | set(by_normal.get((cls, s_norm), ()))
        if len(s_core) >= 4:
            found |= set(by_prefix.get((cls, s_core), ()))
        longer = [k for k in found if k != short and len(k) > len(short)]
        if len(longer) == 1:
            into[short] = longer[0]
    return into


_PRODUCTS = frozenset({"Product", "AIModel", "Robot", "Platform"})


def _latin_versions(ents: dict[str, Entity]) -> dict[str, str]:
    """DeepHarbor and DeepHarbor-7B, TideGPT and TideGPT 2.0: a Latin product name is the one model
    whose name it begins (before a hyphen or a space), when exactly one does."""
    names = [k for k, e in ents.items() if e.cls in _PRODUCTS and re.fullmatch(r"[A-Za-z][A-Za-z0-9]{2,}", k)]
    longer: dict[str, list[str]] = {}
    for k, e in ents.items():
        if e.cls in _PRODUCTS:
            m = re.match(r"([A-Za-z][A-Za-z0-9]{2,})[- ][A-Za-z0-9.]+$", k)
            if m:
                longer.setdefault(m.group(1), []).append(k)
    return {n: longer[n][0] for n in names if len(longer.get(n, ())) == 1}


_TRADE_WORDS = ("科技", "技术", "信息技术", "信息科技", "智能科技", "数字科技")


def _trade_word_forms(ents: dict[str, Entity]) -> dict[str, str]:
    """楚澜智能 and 楚澜智能科技: a company's name and the same name with a trade word after it (科技,
    技术), both without a legal form, are one company when exactly one longer name fits."""
    companies = {k for k, e in ents.items() if e.cls == "Company" and e.source in ("pattern", "article")}
    longer: dict[str, list[str]] = {}
    for k in companies:
        for w in _TRADE_WORDS:
            if k.endswith(w) and len(k) - len(w) >= 4 and k[: -len(w)] in companies:
                longer.setdefault(k[: -len(w)], []).append(k)
    return {short: found[0] for short, found in longer.items() if len(found) == 1}


def _abbreviated(ents: dict[str, Entity]) -> dict[str, str]:
    """X（以下简称“Y”）gives X the alias Y; another entity of X's class named Y (or the region's Y) is X."""
    by_alias: dict[tuple[str, str], list[str]] = {}
    for k, e in ents.items():
        if e.source == "abbreviation":
            for a in e.alt_labels:
                by_alias.setdefault((e.cls, a.strip("“”")), []).append(k)
    into: dict[str, str] = {}
    for k, e in ents.items():
        if e.source == "abbreviation":
            continue
        hits = {t for a in {k, *e.alt_labels} for t in by_alias.get((e.cls, a.strip("“”")), ())}
        if len(hits) == 1:
            into[k] = hits.pop()
    return into


def merge_same_names(result: Recognized, region_short: str | None, lex: Lexicon) -> None:
    """Merge the entities that name one actor (see the module docstring); spans follow."""
    ents = result.entities
    into = _short_mentions(ents, region_short)
    for short, long_key in [*_abbreviated(ents).items(), *_trade_word_forms(ents).items()]:
        into.setdefault(short, long_key)
    for short, long_key in _short_forms(ents, lex, _places(lex, region_short)).items():
        into.setdefault(short, long_key)
    for prefixed, written in _region_variants(ents, region_short).items():
        into.setdefault(prefixed, written)
    for short, versioned in _latin_versions(ents).items():
        into.setdefault(short, versioned)

    def final(key: str) -> str:
        seen = set()
        while key in into and key not in seen:
            seen.add(key)
            key = into[key]
        return key

    for short in list(into):
        long_key = final(short)
        if short == long_key or short not in ents or long_key not in ents:
            continue
        src, dst = ents.pop(short), ents[long_key]
        dst.alt_labels |= src.alt_labels | {short}
        dst.alt_labels.discard(long_key)
        dst.sentences |= src.sentences
    if into:
        result.spans = [EntitySpan(final(s.key), ents[final(s.key)].cls if final(s.key) in ents else s.cls,
                                   s.start, s.end, s.surface) for s in result.spans]
        result.inner = [EntitySpan(final(s.key), s.cls, s.start, s.end, s.surface) for s in result.inner]
