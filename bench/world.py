"""A synthetic world for the benchmarks: regions, invented organizations, and articles about them.

Both generators draw from it: ``bench.gen_articles`` renders each planned article as text in the
genre (for the ingest stage), ``bench.gen_graph`` writes the triples a perfect extractor would
make of the same plan (for load, query, export and view). Everything follows from one seed.

Cities, provinces and industry words come from ecokg's own lexicon (the vocabulary of the
genre); every company, park, person, model, fund … is invented (two- or three-character
brands built from a fixed syllable table, each used once).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ecokg.loaders.lexicon import Region, lexicon

#: Characters invented brands are made of (none is a name head or a boundary word of the lexicon).
SYLLABLES = ("星澜睿凌曜启擎瀚宸知途泰恒岳锐航拓朗晟衡越峰源策翔驰鸿骏昊"
             "铭烨琪璞珩嘉禾昕彤溪屿霖岚钧澈骁麟祺瑞熠琨瑜翎焱珏")
SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董"
            "萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红宁波斌浩然思远晨曦志国建新海峰"
PUBLISHERS = ("海岸财经", "新城日报", "产业观察网", "科创时报", "数字经济报", "东方科技网")
AI_INDUSTRIES = ("人工智能", "具身智能", "大模型", "智能制造", "工业互联网", "算力", "智能网联汽车",
                 "低空经济")
PARK_HEADS = ("人工智能产业园", "机器人产业园", "智算产业园", "软件园", "科技园", "创新园")
COMPANY_TAILS = ("科技", "智能", "机器人", "智造", "信息", "数科")
PRODUCTS = ("谐波减速器", "伺服电机", "关节模组", "灵巧手", "控制器", "传感器")
VENUE_HEADS = ("智能工厂", "展示中心", "生产基地", "体验中心")


@dataclass(eq=False)
class Entity:
    """One invented (or lexicon) entity: class local name, canonical name and what it carries."""

    cls: str
    name: str
    alt: tuple[str, ...] = ()
    en: str | None = None
    level: str | None = None
    amount: Decimal | None = None
    unit: str | None = None
    per_year: bool | None = None
    period: tuple[date, date, str] | None = None
    batch: str | None = None


@dataclass
class Observation:
    value: Decimal
    unit: str
    text: str  # the figure as written
    indicator: str | None
    subject: Entity | None
    qualifier: str = "Exactly"
    period: tuple[date, date, str] | None = None


@dataclass
class Designation:
    holder: Entity
    title: str
    level: str
    batch: str | None
    granted_by: Entity | None


@dataclass
class Sentence:
    """One sentence of an article with the facts it states."""

    text: str
    entities: list[Entity] = field(default_factory=list)
    relations: list[tuple[Entity, str, Entity | str]] = field(default_factory=list)  # str object: an industry
    observations: list[Observation] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)


@dataclass
class Article:
    index: int
    title: str
    issued: str  # ISO date-time
    publisher: str
    editor: str
    url: str
    region: Entity
    sentences: list[Sentence]

    def paragraphs(self) -> list[str]:
        """Body paragraphs (three sentences each)."""
        texts = [s.text for s in self.sentences]
        return ["".join(texts[i:i + 3]) for i in range(0, len(texts), 3)]


@dataclass
class RegionState:
    region: Region
    place: Entity
    province: Entity | None
    government: Entity
    bureau: Entity
    pools: dict[str, list[Entity]] = field(default_factory=dict)
    articles: int = 0


class World:
    """Deterministic source of regions, entities and article plans."""

    def __init__(self, seed: int = 42) -> None:
        self.rng = random.Random(seed)
        lex = lexicon()
        cities = sorted(lex.city_to_province)
        self.rng.shuffle(cities)
        self._cities = cities
        self.regions: list[RegionState] = []
        self._brand_count = 0
        self._provinces: dict[str, Entity] = {}

    # -- names -----------------------------------------------------------------------------------
    def brand(self) -> str:
        """A new brand, never returned before (2 characters, then 3, then 4)."""
        k = self._brand_count
        self._brand_count += 1
        n = len(SYLLABLES)
        for width in (2, 3, 4):
            size = n ** width
            if k < size:
                # a fixed permutation of the brands of this width (multiplier coprime to size)
                k = (k * 7919 + 13) % size
                chars = []
                for _ in range(width):
                    k, r = divmod(k, n)
                    chars.append(SYLLABLES[r])
                return "".join(chars)
            k -= size
        raise ValueError("brand space exhausted")

    def person_name(self) -> str:
        return self.rng.choice(SURNAMES) + self.brand()[0] + self.rng.choice(GIVEN)

    # -- regions ---------------------------------------------------------------------------------
    def _province(self, region: Region) -> Entity | None:
        if not region.province:
            return None
        if region.province not in self._provinces:
            alt = (region.province_short,) if region.province_short else ()
            self._provinces[region.province] = Entity("Place", region.province, alt, region.province_en)
        return self._provinces[region.province]

    def pick_region(self, i: int) -> RegionState:
        target = min(len(self._cities), 1 + int(1.5 * (i + 1) ** 0.5))
        if len(self.regions) < target:
            short = self._cities[len(self.regions)]
            region = lexicon().region_for(short)
            place = Entity("Place", region.city, (region.short,) if region.short != region.city else (),
                           region.en)
            gov = Entity("GovernmentBody", f"{region.city}人民政府", (f"{region.short}市政府",))
            bureau = Entity("GovernmentBody", f"{region.city}工业和信息化局", (f"{region.short}市工信局",))
            self.regions.append(RegionState(region, place, self._province(region), gov, bureau))
            return self.regions[-1]
        return self.rng.choice(self.regions)

    def pick(self, state: RegionState, key: str, p_new: float, make: object) -> Entity:
        """An entity of the region's pool ``key``: a new one with probability ``p_new``."""
        pool = state.pools.setdefault(key, [])
        if not pool or self.rng.random() < p_new:
            assert callable(make)
            pool.append(make())
            return pool[-1]
        return self.rng.choice(pool)

    # -- entities --------------------------------------------------------------------------------
    def company(self, st: RegionState) -> Entity:
        b = self.brand()
        tail = self.rng.choice(COMPANY_TAILS)
        return Entity("Company", f"{st.region.short}{b}{tail}有限公司", (f"{b}{tail}",))

    def park(self, st: RegionState) -> Entity:
        return Entity("IndustrialPark", f"{st.region.short}{self.brand()}{self.rng.choice(PARK_HEADS)}",
                      level=self.rng.choice(("Provincial", "Municipal", None)))

    def venue(self, st: RegionState) -> Entity:
        return Entity("Venue", f"{st.region.short}{self.brand()}{self.rng.choice(VENUE_HEADS)}")

    def person(self) -> Entity:
        return Entity("Person", self.person_name())

    # -- numbers ---------------------------------------------------------------------------------
    def amount(self, lo: int, hi: int) -> tuple[Decimal, str]:
        """A money amount in 亿元 (as written) and its value in yuan."""
        tenths = self.rng.randrange(lo * 10, hi * 10)
        written = f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths / 10:.1f}"
        return Decimal(written) * Decimal(100_000_000), f"{written}亿元"

    def year(self, i: int) -> int:
        return 2020 + i % 6


def industry_of(rng: random.Random) -> str:
    return rng.choice(AI_INDUSTRIES)


__all__ = ["Article", "Designation", "Entity", "Observation", "RegionState", "Sentence", "World",
           "industry_of"]
