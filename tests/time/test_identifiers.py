"""统一社会信用代码 check characters (property tests), GB/T 2260 codes, the Wikidata table."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ecokg.loaders.identifiers import (
    USCC_CHARS,
    admin_codes,
    find_usccs,
    is_valid_uscc,
    uscc_check_char,
    uscc_problem,
)
from ecokg.resources import loader_data

BODY = st.text(alphabet=USCC_CHARS, min_size=17, max_size=17)


def test_a_published_example_code() -> None:
    # the worked example of GB 32100-2015's check character, recomputed by hand: weights 3**i mod 31
    assert [pow(3, i, 31) for i in range(5)] == [1, 3, 9, 27, 19]
    assert uscc_check_char("91330106MA2KX7L30") == "8"
    assert is_valid_uscc("91330106MA2KX7L308") and not is_valid_uscc("91330106MA2KX7L30X")


@given(BODY)
def test_a_code_with_its_check_character_is_valid(body: str) -> None:
    assert is_valid_uscc(body + uscc_check_char(body))


@given(BODY, st.sampled_from(USCC_CHARS))
def test_any_other_check_character_is_invalid(body: str, other: str) -> None:
    good = uscc_check_char(body)
    if other != good:
        assert "check character" in (uscc_problem(body + other) or "")


@given(BODY, st.integers(0, 16), st.sampled_from(USCC_CHARS))
def test_changing_one_character_is_detected(body: str, at: int, ch: str) -> None:
    code = body + uscc_check_char(body)
    changed = code[:at] + ch + code[at + 1:]
    assert is_valid_uscc(changed) == (changed == code)


@given(st.text(min_size=0, max_size=30))
def test_any_text_is_judged_without_error(text: str) -> None:
    assert isinstance(is_valid_uscc(text), bool)


def test_letters_outside_the_alphabet_are_named() -> None:
    assert "'I'" in (uscc_problem("91330106MA2KX7LI08") or "")
    assert "17 characters" in (uscc_problem("9133010") or "") or "has 7" in (uscc_problem("9133010") or "")


def test_only_codes_after_a_cue_are_read() -> None:
    text = "身份证号110101199003071234X以外，统一社会信用代码：91330106MA2KX7L308。"
    found = find_usccs(text)
    assert [f.code for f in found] == ["91330106MA2KX7L308"] and found[0].problem is None


def test_an_invalid_code_is_reported_not_stored() -> None:
    from ecokg.loaders.news_loader import NewsArticleLoader
    from ecokg.loaders.records import Document

    text = "澄湾云启智能科技有限公司（统一社会信用代码：91330106MA2KX7L30X）今年营业收入12亿元。"
    ex = NewsArticleLoader().extract(Document(text=text, title="t", issued="2025-06-01"))
    assert all("uscc" not in e.codes for e in ex.entities.values())
    assert any("91330106MA2KX7L30X" in n and "expected 8" in n for n in ex.notes)
    good = text.replace("30X", "308")
    ex = NewsArticleLoader().extract(Document(text=good, title="t", issued="2025-06-01"))
    assert ex.entities["澄湾云启智能科技有限公司"].codes == {"uscc": "91330106MA2KX7L308"} and not ex.notes


def test_provinces_and_prefecture_cities_have_codes() -> None:
    places = yaml.safe_load(loader_data("places.yaml").read_text(encoding="utf-8"))
    codes = admin_codes()
    for name, info in places["provinces"].items():
        assert re.fullmatch(r"\d{2}0000", str(info["code"])), name
        for city in info.get("cities", []) or []:
            if city == "雄安新区":
                continue  # a new area, not a prefecture in GB/T 2260
            full = city if city.endswith(("市", "区")) else city + "市"
            assert codes[full][:2] == str(info["code"])[:2] and codes[full].endswith("00"), city
    assert codes["山东省"] == "370000" and codes["青岛市"] == "370200" and codes["武汉市"] == "420100"
    assert len(set(codes.values())) == len(codes)  # one code per place


def test_wikidata_ids_are_well_formed_and_unique() -> None:
    gaz = yaml.safe_load(loader_data("gazetteer.yaml").read_text(encoding="utf-8"))
    ids = [e["wikidata"] for section in gaz.values() if isinstance(section, list)
           for e in section if isinstance(e, dict) and e.get("wikidata")]
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in ids)
    assert len(ids) == len(set(ids))


def test_the_identifier_table_is_well_formed_sourced_and_unique() -> None:
    from ecokg.graph.identity import parse_table
    from ecokg.resources import identifier_file

    entries = parse_table(identifier_file().read_text(encoding="utf-8"))
    assert entries, "the table lists what was verified"
    qids = [e.qid for e in entries]
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in qids) and len(qids) == len(set(qids))
    assert len({(e.cls, e.name) for e in entries}) == len(entries)
    assert all(e.source.startswith("https://") for e in entries)
    gaz = yaml.safe_load(loader_data("gazetteer.yaml").read_text(encoding="utf-8"))
    gaz_ids = {e["wikidata"] for section in gaz.values() if isinstance(section, list)
               for e in section if isinstance(e, dict) and e.get("wikidata")}
    assert not gaz_ids & set(qids)  # one QID, one place it is written
    codes = admin_codes()
    for e in entries:  # a place's code is the one places.yaml gives its name
        if e.adcode:
            assert e.cls == "Place" and codes[e.name] == e.adcode, e.name


def test_every_qid_is_quoted_by_its_recorded_evidence() -> None:
    from ecokg.resources import identifier_file

    raw = yaml.safe_load(identifier_file().read_text(encoding="utf-8"))["wikidata"]
    for entry in raw:  # the text kept from each page names the QID it is the evidence for
        evidence = [(entry["source"], entry.get("shows", ""))]
        evidence += [(a["source"], a["shows"]) for a in entry.get("also") or []]
        for source, shows in evidence:
            assert source.startswith("https://") and source != "https://", entry["name"]
            assert re.search(rf"\b{entry['qid']}(?!\d)", shows), (entry["name"], source)
    adcodes = [str(e["adcode"]) for e in raw if e.get("adcode")]
    assert len(adcodes) == len(set(adcodes))  # one QID per place


def test_the_municipalities_have_their_items() -> None:
    from ecokg.graph.identity import table

    by_code, _ = table()
    places = yaml.safe_load(loader_data("places.yaml").read_text(encoding="utf-8"))["provinces"]
    municipal = {str(info["code"]) for info in places.values() if info.get("municipality")}
    assert municipal <= set(by_code), sorted(municipal - set(by_code))
    assert by_code["110000"] == "Q956"  # Wikidata's page for P442: "Beijing (Q956) → 11"


def test_a_bad_identifier_table_is_named() -> None:
    from ecokg.errors import InputError
    from ecokg.graph.identity import parse_table

    with pytest.raises(InputError, match="entry 1 needs name, type, qid and source"):
        parse_table("wikidata:\n  - {name: 华为, type: Company, qid: Q1}\n")
    with pytest.raises(InputError, match="'Q0x' is not a QID"):
        parse_table("wikidata:\n  - {name: 华为, type: Company, qid: Q0x, source: 'https://x'}\n")


def test_a_verified_place_is_same_as_its_wikidata_item(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import ecokg

    art = tmp_path / "a.txt"  # 湖北省 and 北京市 are in the table; 苏州市 is not (its English name is shared)
    art.write_text("湖北省、北京市和苏州市联合发布人工智能产业合作计划。", encoding="utf-8")
    with ecokg.open(tmp_path / "s") as kg:
        kg.build([str(art)])
        kg.export(tmp_path / "kg.nt")
    text = (tmp_path / "kg.nt").read_text(encoding="utf-8")
    for place, qid in (("湖北省", "Q46862"), ("北京市", "Q956")):
        iri = f"<https://w3id.org/ecokg/id/place/{place}>"
        for prop in ("http://www.w3.org/2002/07/owl#sameAs", "https://schema.org/sameAs",
                     "http://www.w3.org/2004/02/skos/core#exactMatch"):
            assert f"{iri} <{prop}> <http://www.wikidata.org/entity/{qid}> ." in text, (place, prop)
            assert text.count(f"<{prop}> <http://www.wikidata.org/entity/{qid}>") == 1  # the entity graph
    assert "<https://w3id.org/ecokg/id/place/苏州市>" in text
    assert "<https://w3id.org/ecokg/id/place/苏州市> <http://www.w3.org/2002/07/owl#sameAs>" not in text


def test_a_wikidata_id_is_written_as_same_as(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import ecokg

    gaz = tmp_path / "gaz.yaml"  # Q4115189 is Wikidata's sandbox item: an id for tests, not knowledge
    gaz.write_text("entities:\n  - {name: 澄湾云启智能科技有限公司, type: Company, wikidata: Q4115189}\n",
                   encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text("澄湾云启智能科技有限公司发布新一代工业视觉平台。", encoding="utf-8")
    with ecokg.open(tmp_path / "s") as kg:
        kg.build([str(art)], gazetteer=[str(gaz)])
        kg.export(tmp_path / "kg.nt")
    text = (tmp_path / "kg.nt").read_text(encoding="utf-8")
    for prop in ("http://www.w3.org/2002/07/owl#sameAs", "https://schema.org/sameAs",
                 "http://www.w3.org/2004/02/skos/core#exactMatch"):
        assert f"<{prop}> <http://www.wikidata.org/entity/Q4115189>" in text, prop


def test_merging_uses_a_shared_credit_code(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import ecokg

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("澄湾云启科技有限公司（统一社会信用代码：91330106MA2KX7L308）发布工业视觉平台。",
                 encoding="utf-8")
    b.write_text("澄湾云启智能科技有限公司（统一社会信用代码：91330106MA2KX7L308）入驻澄湾高新区。",
                 encoding="utf-8")
    c = tmp_path / "c.txt"  # the same names with a wrong check character: no identifier, no merge
    c.write_text("澄湾云启数据科技有限公司（统一社会信用代码：91330106MA2KX7L30X）发布数据平台。",
                 encoding="utf-8")
    with ecokg.open(tmp_path / "s") as kg:
        kg.build([str(a), str(b), str(c)])
        rows = kg.query(
            "SELECT ?e ?code WHERE { ?e <https://w3id.org/ecokg/ontology#creditCode> ?code }").rows
        names = {r["l"] for r in kg.query(
            "SELECT ?l WHERE { ?e a <https://w3id.org/ecokg/ontology#Company> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?l }").rows}
    assert len({r["e"] for r in rows}) == 1 and {r["code"] for r in rows} == {"91330106MA2KX7L308"}
    assert len(names & {"澄湾云启科技有限公司", "澄湾云启智能科技有限公司"}) == 1  # one entity, one name
    assert "澄湾云启数据科技有限公司" in names
