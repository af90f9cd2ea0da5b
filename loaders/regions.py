"""The article's region: the city (or county-level place) an article is about, which qualifies its
generic names and resolves 市/县 bodies (市工信局 in a 常熟 notice is 常熟市's)."""

from __future__ import annotations

from collections import Counter

from ecokg.loaders.candidates import word_frequency
from ecokg.loaders.lexicon import Lexicon, Region
from ecokg.loaders.records import Document


def detect_region(doc: Document, lex: Lexicon) -> Region | None:
    """The article's region: the city (or municipality) its title and text name most."""
    counts: Counter[str] = Counter()
    title = doc.title or ""
    for short in list(lex.city_to_province) + [p["short"] for p in lex.provinces.values()
                                               if p.get("municipality")]:
        n = doc.text.count(short) + 3 * title.count(short)
        if n:
            counts[short] = n
    county = _county_region(doc.text + title * 3, lex, max(counts.values(), default=0))
    if county is not None:
        return county
    if not counts:
        return None
    best = max(counts.items(), key=lambda kv: (kv[1], -doc.text.find(kv[0])))[0]
    return lex.region_for(best)


def _county_region(text: str, lex: Lexicon, city_count: int) -> Region | None:
    """A county or county-level city (德清县, 常熟市) that the article names more often than any
    prefecture city is its region: 市工信局 in a 常熟 notice is 常熟市's. Districts (区) are parts of
    their city and stay under it."""
    best: tuple[int, str, str] | None = None
    for prefecture, names in lex.counties.items():
        for name in names:
            if len(name) < 3 or not name.endswith(("县", "市", "旗")):
                continue
            short = name[:-1]
            n = text.count(short) if len(short) >= 2 and short not in lex.city_to_province \
                and word_frequency(short) < 1000 else text.count(name)
            if n >= 2 and n > city_count and (best is None or n > best[0]):
                best = (n, name, prefecture)
    if best is None:
        return None
    _, name, prefecture = best
    forms = [f for f in (name, name[:-1] + "市", name[:-1] + "县") if f in text]
    name = max(forms, key=text.count, default=name)  # 澄江县 became 澄江市: the form the article uses
    province = lex.city_to_province.get(prefecture.removesuffix("市"))
    if province is None and prefecture in lex.provinces:
        province = prefecture  # 定州市 under 河北省
    info = lex.provinces.get(province or "", {})
    return Region(city=name, short=name[:-1], province=province, province_short=info.get("short"),
                  province_en=info.get("en"))
