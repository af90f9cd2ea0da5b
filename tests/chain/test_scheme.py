"""The industry chain scheme and its cue words: complete, consistent, extendable, checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ecokg.errors import InputError
from ecokg.graph.chain import load_chain
from ecokg.graph.namespaces import ECO
from ecokg.graph.placement import match
from tests.conftest import REPO, run_cli


def test_three_layers_and_the_segments_a_reader_expects() -> None:
    scheme = load_chain()
    assert [s.zh for s in scheme.layers()] == ["基础层", "技术层", "应用层"]
    by_zh = {s.zh: s for s in scheme.segments.values()}
    for layer, names in {"基础层": ["芯片", "传感器", "算力与数据中心", "数据与标注"],
                         "技术层": ["算法与大模型", "平台与操作系统", "核心零部件"],
                         "应用层": ["人形与具身机器人", "工业机器人", "智能制造", "智慧城市", "医疗", "交通",
                                 "金融", "海洋"]}.items():
        for name in names:
            assert scheme.layer_of(by_zh[name].iri).zh == layer, name
    for part in ("减速器", "伺服电机", "丝杠", "灵巧手"):
        assert by_zh[part].broader == by_zh["核心零部件"].iri
    assert by_zh["基础层"].upstream_of == (by_zh["技术层"].iri,)
    assert by_zh["核心零部件"].iri in {u for s in scheme.segments.values() for u in s.upstream_of} or \
        by_zh["核心零部件"].upstream_of
    assert all(s.en and s.notation for s in scheme.segments.values())


def test_every_cue_occurs_in_its_example_and_names_a_segment() -> None:
    scheme = load_chain()
    assert len(scheme.cues) > 60
    for cue in scheme.cues:
        assert cue.word in cue.example and cue.segment in scheme.segments
    assert scheme.types["AIModel"] == ECO.ChainModels
    assert scheme.actors["优必选"] == (ECO.ChainHumanoid,)


def test_longer_cues_win() -> None:
    scheme = load_chain()
    got = {scheme.segments[c.segment].zh for c in match("工业机器人产线", scheme.name_cues())}
    assert got == {"工业机器人"}
    assert [c.word for c in match("A、谐波减速器等关键零部件", scheme.context_cues(), 2)] == ["减速器",
                                                                                  "关键零部件"]


@pytest.mark.parametrize(("text", "error"), [
    ("segments:\n  火星层:\n    name: [{cue: 火, example: 火星}]\n", "no segment labelled '火星层'"),
    ("segments:\n  芯片:\n    name: [{cue: 光刻, example: 没有这个词}]\n", "does not occur in its example"),
    ("segments:\n  芯片:\n    name: [{cue: 芯片, example: 芯片企业}]\n", "duplicate cue '芯片'"),
    ("colours: {}\n", "unknown key(s) colours"),
    ("actors:\n  - {name: 某公司}\n", "each entry is"),
    ("segments: [\n", "not valid YAML"),
])
def test_bad_cue_files_fail_with_one_line(tmp_path: Path, text: str, error: str) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"mine\.yaml") as info:
        load_chain([f])
    assert error in str(info.value) and "\n" not in info.value.one_line()


def test_a_users_scheme_and_cues_extend_the_chain(tmp_path: Path) -> None:
    ttl = tmp_path / "mine.ttl"
    ttl.write_text("""@prefix eco: <https://w3id.org/ecokg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/chain#> .
ex:Drones a eco:ChainSegment ; skos:broader eco:ChainApplication ; skos:notation "3.10" ;
    skos:prefLabel "低空经济"@zh , "low-altitude economy"@en .
""", encoding="utf-8")
    cues = tmp_path / "mine.yaml"
    cues.write_text("segments:\n  低空经济:\n    name: [{cue: 无人机, example: 工业无人机}]\n",
                    encoding="utf-8")
    scheme = load_chain([ttl, cues])
    seg = scheme.by_label("低空经济")
    assert seg is not None and scheme.layer_of(seg).zh == "应用层"
    assert [scheme.segments[c.segment].zh for c in match("极飞无人机", scheme.name_cues())] == ["低空经济"]
    with pytest.raises(InputError, match="not valid Turtle"):
        (tmp_path / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
        load_chain([tmp_path / "bad.ttl"])


@pytest.mark.java
def test_the_scheme_passes_hermit_and_shacl() -> None:
    if shutil.which("java") is None:
        pytest.skip("no Java runtime")
    proc = run_cli("check", str(REPO / "ontology" / "chain.ttl"), timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SHACL: conforms" in proc.stdout and "OWL (HermiT): consistent" in proc.stdout
