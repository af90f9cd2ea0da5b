"""Synthetic articles in the genre: sentences from templates about an invented world.

``plan_article`` decides what one article says (its sentences and the facts each states);
``render`` writes it as a plain-text news page (title, date line, paragraphs, source line);
``write_corpus`` writes articles into a folder until it holds a given number of bytes of text.
The same plans feed ``bench.gen_graph``. Deterministic by seed; names are invented (see
``bench.world``), so no real article is copied.

    python -m bench.gen_articles OUT_DIR --size 1MB [--seed 42]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from bench.world import (
    PRODUCTS,
    PUBLISHERS,
    Article,
    Designation,
    Entity,
    Observation,
    RegionState,
    Sentence,
    World,
    industry_of,
)

Template = Callable[[World, RegionState, dict], Sentence]


def _pct(w: World) -> str:
    return f"{w.rng.randrange(30, 400) / 10:.1f}"


def _q3(y: int) -> tuple[date, date, str]:
    return date(y, 1, 1), date(y, 9, 30), "前三季度"


def t_intro(w: World, st: RegionState, ctx: dict) -> Sentence:
    y, value, written, pct = ctx["year"], *w.amount(100, 900), _pct(w)
    place = st.place
    text = (f"{st.bureau.name}公布的数据显示，{y}年前三季度，{place.name}人工智能产业规模以上企业营业收入超过"
            f"{written}，同比增长{pct}%。")
    s = Sentence(text, [st.bureau, place])
    s.observations += [Observation(value, "CNY", f"超过{written}", "营业收入", place, "MoreThan", _q3(y)),
                       Observation(Decimal(pct), "percent", f"增长{pct}%", "同比增长", place, "Exactly",
                                   _q3(y))]
    if st.province is not None:
        s.relations.append((place, "locatedIn", st.province))
    return s


def t_park(w: World, st: RegionState, ctx: dict) -> Sentence:
    park, n = ctx["park"], w.rng.randrange(50, 600)
    members = [w.pick(st, "company", 0.5, lambda: w.company(st)) for _ in range(w.rng.randrange(2, 5))]
    members = list(dict.fromkeys(members, None))
    text = f"{park.name}目前已集聚{n}多家企业，{'、'.join(m.name for m in members)}等企业相继入驻。"
    s = Sentence(text, [park, *members])
    s.relations += [(m, "locatedIn", park) for m in members]
    s.relations.append((park, "locatedIn", st.place))
    s.observations.append(Observation(Decimal(n), "count", f"{n}多家", "企业数量", park, "MoreThan"))
    ctx["companies"] = members
    return s


def t_park_revenue(w: World, st: RegionState, ctx: dict) -> Sentence:
    park, y = ctx["park"], ctx["year"] - 1
    value, written = w.amount(20, 400)
    text = f"{y}年，{park.name}实现营业收入{written}。"
    s = Sentence(text, [park])
    s.observations.append(Observation(value, "CNY", written, "营业收入", park, "Exactly",
                                      (date(y, 1, 1), date(y, 12, 31), f"{y}年")))
    return s


def t_park_designation(w: World, st: RegionState, ctx: dict) -> Sentence:
    park = ctx["park"]
    prov = st.region.province_short or st.region.short
    title = f"{prov}省级{ctx['industry']}产业加速园区"
    text = f"凭借较为完整的产业生态，{park.name}已入选{prov}首批省级{ctx['industry']}产业加速园区。"
    s = Sentence(text, [park])
    s.designations.append(Designation(park, title, "Provincial", "首批", None))
    return s


def t_fund(w: World, st: RegionState, ctx: dict) -> Sentence:
    value, written = w.amount(10, 200)
    ind = ctx["industry"]
    fund = w.pick(st, "fund", 0.7, lambda: Entity("Fund", f"{st.region.short}{w.brand()}{ind}产业发展基金"))
    if fund.amount is None:
        fund.amount, fund.unit = value, "CNY"
    else:
        written = _written(fund.amount)
    wan = w.rng.randrange(5, 50) * 100
    voucher = w.pick(st, "subsidy", 0.7, lambda: Entity("Subsidy", f"{w.brand()}算力券"))
    if voucher.amount is None:
        voucher.amount, voucher.unit, voucher.per_year = Decimal(wan * 10_000), "CNY", True
    else:
        wan = int(voucher.amount / 10_000)
    text = (f"{st.place.name}设立总规模达{written}的{fund.name}，并推出“{voucher.name[:-3]}”算力券，"
            f"每年安排总额最高{wan}万元。")
    s = Sentence(text, [st.place, fund, voucher])
    s.relations += [(fund, "establishedBy", st.government), (voucher, "issuedBy", st.government),
                    (fund, "targetsIndustry", ind)]
    return s


def _written(amount: Decimal) -> str:
    yi = amount / Decimal(100_000_000)
    return f"{yi.normalize():f}亿元"


def t_policy(w: World, st: RegionState, ctx: dict) -> Sentence:
    y, ind = ctx["year"], ctx["industry"]

    def make() -> Entity:
        return Entity("PolicyDocument", f"{st.region.short}{ind}产业高质量发展行动方案（{y}—{y + 2}年）",
                      period=(date(y, 1, 1), date(y + 2, 12, 31), f"{y}—{y + 2}年"))

    policy = w.pick(st, f"policy-{ind}-{y}", 0.0, make)
    value, written = w.amount(500, 3000)
    text = f"{st.government.name}印发《{policy.name}》，提出到{y + 2}年全市{ind}核心产业规模突破{written}。"
    s = Sentence(text, [st.government, policy])
    s.relations += [(policy, "issuedBy", st.government), (policy, "targetsIndustry", ind)]
    s.observations.append(Observation(value, "CNY", f"突破{written}", "规模", st.place, "MoreThan",
                                      (date(y + 2, 1, 1), date(y + 2, 12, 31), f"{y + 2}年")))
    return s


def t_committee(w: World, st: RegionState, ctx: dict) -> Sentence:
    ind = ctx["industry"]
    committee = w.pick(st, f"committee-{ind}", 0.0,
                       lambda: Entity("Committee", f"{st.region.short}{ind}产业战略咨询委员会"))
    person = w.pick(st, "person", 0.6, w.person)
    text = f"{st.region.short}组建了{committee.name}，由{person.name}院士牵头，为产业布局提供专业意见。"
    s = Sentence(text, [committee, person])
    s.relations += [(committee, "ledBy", person), (committee, "establishedBy", st.government)]
    return s


def _developed_and_deployed(w: World, st: RegionState, cls: str, kind: str, template: str) -> Sentence:
    """A company's new product of class ``cls`` (brand + ``kind`` as its alternative name) put to
    use at a venue; ``template`` places {company}, {brand} and {venue}."""
    company = w.pick(st, "company", 0.3, lambda: w.company(st))
    brand = w.brand()
    product = Entity(cls, brand, (f"{brand}{kind}",))
    venue = w.pick(st, "venue", 0.4, lambda: w.venue(st))
    text = template.format(company=company.name, brand=brand, venue=venue.name)
    s = Sentence(text, [company, product, venue])
    s.relations += [(product, "developedBy", company), (product, "deployedAt", venue)]
    return s


def t_model(w: World, st: RegionState, ctx: dict) -> Sentence:
    return _developed_and_deployed(w, st, "AIModel", "大模型",
                                   "{company}研发的“{brand}”大模型已正式上线运行，并在{venue}投入使用。")


def t_robot(w: World, st: RegionState, ctx: dict) -> Sentence:
    return _developed_and_deployed(w, st, "Robot", "人形机器人",
                                   "{company}的“{brand}”人形机器人已进入{venue}，在生产线上接受实训。")


def t_supply(w: World, st: RegionState, ctx: dict) -> Sentence:
    a = w.pick(st, "company", 0.4, lambda: w.company(st))
    b = w.company(st) if len(st.pools["company"]) < 2 else w.rng.choice(st.pools["company"])
    if b is a:
        b = w.company(st)
        st.pools["company"].append(b)
    product, rank = w.rng.choice(PRODUCTS), w.rng.randrange(1, 6)
    text = f"{a.name}为{b.name}供应{product}，在国内细分市场排名第{rank}。"
    s = Sentence(text, [a, b])
    s.relations.append((a, "suppliesTo", b))
    s.observations.append(Observation(Decimal(rank), "rank", f"第{rank}", "排名", a))
    return s


def t_center(w: World, st: RegionState, ctx: dict) -> Sentence:
    ind = ctx["industry"]
    company = w.pick(st, "company", 0.3, lambda: w.company(st))
    center = Entity("InnovationCenter", f"{st.region.short}{w.brand()}{ind}创新中心", level="National")
    st.pools.setdefault("center", []).append(center)
    title = f"国家级{ind}创新中心"
    text = f"{center.name}由{company.name}牵头建设，已获{st.bureau.name}推荐并获批{title}。"
    s = Sentence(text, [center, company, st.bureau])
    s.relations.append((center, "establishedBy", company))
    s.designations.append(Designation(center, title, "National", None, st.bureau))
    return s


def t_event(w: World, st: RegionState, ctx: dict) -> Sentence:
    y = ctx["year"]
    event = w.pick(st, "event", 0.5, lambda: Entity("Event", f"{st.region.short}{w.brand()}人工智能生态大会"))
    venue = w.pick(st, "venue", 0.4, lambda: w.venue(st))
    k = w.rng.randrange(2, 9)
    text = f"{y}年{event.name}在{venue.name}举办，由{st.bureau.name}主办，已连续举办{k}届。"
    s = Sentence(text, [event, venue, st.bureau])
    s.relations += [(event, "organizedBy", st.bureau), (event, "locatedIn", venue)]
    s.observations.append(Observation(Decimal(k), "count", f"{k}届", "举办届数", event))
    return s


def t_platform(w: World, st: RegionState, ctx: dict) -> Sentence:
    company = w.pick(st, "company", 0.3, lambda: w.company(st))
    platform = w.pick(st, "platform", 0.6,
                      lambda: Entity("Platform", f"{st.region.short}{w.brand()}工业互联网平台"))
    n = w.rng.randrange(100, 5000)
    text = f"{company.name}运营的{platform.name}已接入{n}家企业。"
    s = Sentence(text, [company, platform])
    s.relations.append((platform, "operatedBy", company))
    s.observations.append(Observation(Decimal(n), "count", f"{n}家", "企业数量", platform))
    return s


def t_infrastructure(w: World, st: RegionState, ctx: dict) -> Sentence:
    infra = w.pick(st, "infrastructure", 0.6,
                   lambda: Entity("Infrastructure", f"{st.region.short}{w.brand()}智算中心"))
    n = w.rng.randrange(50, 3000)
    text = f"{infra.name}已建成投用，算力规模达到{n}P。"
    s = Sentence(text, [infra])
    s.relations.append((infra, "locatedIn", st.place))
    s.observations.append(Observation(Decimal(n), "P", f"{n}P", "算力规模", infra))
    return s


#: Always said, in this order; then a random choice of OPTIONAL.
CORE: tuple[Template, ...] = (t_intro, t_park, t_park_revenue)
OPTIONAL: tuple[Template, ...] = (t_park_designation, t_fund, t_policy, t_committee, t_model, t_robot,
                                  t_supply, t_center, t_event, t_platform, t_infrastructure)


def plan_article(w: World, i: int) -> Article:
    """What article ``i`` says (call with i = 0, 1, 2 … in order on one world)."""
    st = w.pick_region(i)
    st.articles += 1
    ctx: dict = {"year": w.year(i), "industry": industry_of(w.rng)}
    ctx["park"] = w.pick(st, "park", 0.3, lambda: w.park(st))
    chosen = list(CORE) + w.rng.sample(OPTIONAL, w.rng.randrange(6, len(OPTIONAL) + 1))
    chosen += [w.rng.choice(OPTIONAL[4:]) for _ in range(w.rng.randrange(0, 4))]
    sentences = [t(w, st, ctx) for t in chosen]
    n_firms = sentences[1].observations[0].text
    title = f"{st.region.short}人工智能产业观察：{ctx['park'].name}集聚{n_firms}企业"
    y = ctx["year"]
    day = date(y, 1 + i % 12, 1 + (i * 7) % 28)
    issued = f"{day.isoformat()}T{8 + i % 10:02d}:{(i * 13) % 60:02d}:00"
    publisher = PUBLISHERS[i % len(PUBLISHERS)]
    return Article(i, title, issued, publisher, w.person_name(), f"https://news.example.org/ai/{i:07d}.html",
                   st.place, sentences)


def render(article: Article) -> str:
    """The article as a plain-text news page."""
    date_line = article.issued[:16].replace("T", " ")
    body = "\n\n".join(article.paragraphs())
    return (f"{article.title}\n\n{date_line}　{article.publisher}\n\n{body}\n\n"
            f"（来源：{article.publisher}　编辑：{article.editor}）\n")


@dataclass
class CorpusInfo:
    folder: str
    files: int
    bytes: int
    characters: int


def parse_size(text: str) -> int:
    """``1MB`` → 1_000_000 bytes (also kB, GB and plain numbers)."""
    t = text.strip().upper().removesuffix("B")
    mult = {"K": 10**3, "M": 10**6, "G": 10**9}.get(t[-1:], 1)
    number = t[:-1] if t[-1:] in "KMG" else t
    try:
        return int(float(number) * mult)
    except ValueError as exc:
        raise ValueError(f"size {text!r} is not like 1MB, 500kB or 10MB") from exc


def write_corpus(folder: str | os.PathLike[str], size: int | None, seed: int = 42,
                 articles: int | None = None) -> CorpusInfo:
    """Write ``article-NNNNNN.txt`` files into ``folder`` until they hold ``size`` bytes (UTF-8),
    or (``size`` None) until there are ``articles`` of them."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    w = World(seed)
    total = chars = i = 0
    while (total < size) if size is not None else (i < (articles or 0)):
        text = render(plan_article(w, i))
        data = text.encode("utf-8")
        path = out / f"article-{i:06d}.txt"
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        total += len(data)
        chars += len(text)
        i += 1
    return CorpusInfo(str(out), i, total, chars)


def long_article(size: int, seed: int = 42) -> str:
    """One article of about ``size`` bytes (UTF-8): the first article's page, then the paragraphs
    of the next ones, as a crawl that glues a whole site section into one page would give."""
    w = World(seed)
    parts = [render(plan_article(w, 0))]
    total, i = len(parts[0].encode("utf-8")), 1
    while total < size:
        body = "\n\n".join(plan_article(w, i).paragraphs()) + "\n\n"
        parts.append(body)
        total += len(body.encode("utf-8"))
        i += 1
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.gen_articles", description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--size", default="1MB", help="bytes of text to write (1MB, 10MB …)")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args(argv)
    try:
        info = write_corpus(args.folder, parse_size(args.size), args.seed)
    except ValueError as exc:
        print(f"gen_articles: error: {exc}", file=sys.stderr)
        return 2
    print(f"{info.files} articles, {info.bytes} bytes, {info.characters} characters in {info.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
