"""Rules kept as data: every frame and anaphor entry's example runs through the whole loader, and
bad rule files give one error naming the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg.loaders.components import make_frames
from ecokg.loaders.discourse import Discourse, anaphors
from ecokg.loaders.frame_rules import frames
from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.records import Document
from ecokg.loaders.rule_data import RuleDataError


def _extract(loader: NewsArticleLoader, text: str):
    return loader.extract(Document(text=text, title="示例", issued="2025-06-01"))


def _key(ex, name: str) -> str:
    for key, ent in ex.entities.items():
        if name == key or name in ent.alt_labels:
            return key
    raise AssertionError(f"{name!r} is not recognized; entities: {sorted(ex.entities)}")


FRAME_EXAMPLES = [(f.name, n, ex) for f in frames() for n, ex in enumerate(f.examples)]


def _only(frame: str) -> NewsArticleLoader:
    """A loader whose relations come from one frame alone (the other relation components dropped)."""
    only = NewsArticleLoader()
    for name in ("relations", "tables", "name-relations"):
        only.pipeline.remove(name)
    old = only.pipeline.remove("frames")
    only.pipeline.add("frames", make_frames([f for f in frames() if f.name == frame]), after="discourse",
                      assigns=old.assigns, requires=old.requires)
    assert only.pipeline.check() == []
    return only


@pytest.mark.parametrize(("frame", "n", "example"), FRAME_EXAMPLES,
                         ids=[f"{f}-{n}" for f, n, _ in FRAME_EXAMPLES])
def test_frame_example(frame: str, n: int, example: dict) -> None:
    """The frame by itself finds what its example states."""
    ex = _extract(_only(frame), example["text"])
    got = {(r.subject, r.predicate, r.object) for r in ex.relations}
    for s, p, o in example["expect"]:
        assert (_key(ex, s), p, _key(ex, o)) in got, (frame, sorted(got))


@pytest.mark.parametrize("anaphor", anaphors(), ids=lambda a: a.words[0])
def test_anaphor_example(loader: NewsArticleLoader, anaphor) -> None:
    ex = _extract(loader, anaphor.example)
    text = ex.document.text
    word, at = max(((w, text.rfind(w)) for w in anaphor.words), key=lambda x: x[1])
    assert at >= 0, f"no word of {anaphor.words} in the example"
    d = Discourse(text, ex.spans, ex.entities)
    assert d.resolve(word, anaphor.classes, at) == [_key(ex, n) for n in anaphor.refers]


def _bad(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "frames.yaml"
    p.write_text("frames:\n" + body, encoding="utf-8")
    return p


GOOD = """  - name: ok
    pattern: "{a:Company}入驻{b:IndustrialPark}"
    relations: [[a, locatedIn, b]]
    examples: [{text: "x", expect: []}]
"""


@pytest.mark.parametrize(("body", "message"), [
    (GOOD.replace("Company", "Firm"), "unknown ontology class 'Firm'"),
    (GOOD.replace("locatedIn", "sitsIn"), "unknown ontology property 'sitsIn'"),
    (GOOD + "    colour: red\n", "unknown key 'colour'"),
    (GOOD + GOOD, "duplicate entry 'ok'"),
    (GOOD.replace("[[a, locatedIn, b]]", "[[a, locatedIn, a]]"), "slot 'b' of 'ok' is used by no relation"),
    (GOOD.replace("入驻", "入驻("), "does not compile"),
    (GOOD.replace('    examples: [{text: "x", expect: []}]\n', ""), "has no 'examples'"),
])
def test_bad_frame_file_names_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    path = _bad(tmp_path, body)
    with pytest.raises(RuleDataError) as err:
        NewsArticleLoader(frame_files=[path])
    text = err.value.one_line()
    assert message in text
    assert f"{path}:" in text and text.split(f"{path}:")[1][:1].isdigit()


def test_user_frame_file_adds_a_construction(tmp_path: Path) -> None:
    """A new construction is one entry: X交由Y托管 → X operatedBy Y."""
    path = _bad(tmp_path, """  - name: managed-by
    pattern: "{thing:InnovationCenter|Platform}交由{org:Organization}托管"
    relations: [[thing, operatedBy, org]]
    examples: [{text: "北岭人工智能研究院交由青禾大学托管。", \
expect: [[北岭人工智能研究院, operatedBy, 青禾大学]]}]
""")
    text = "北岭人工智能研究院交由青禾大学托管。"
    before = _extract(NewsArticleLoader(), text)
    after = _extract(NewsArticleLoader(frame_files=[path]), text)
    rel = (_key(after, "北岭人工智能研究院"), "operatedBy", _key(after, "青禾大学"))
    assert rel not in {(r.subject, r.predicate, r.object) for r in before.relations}
    assert rel in {(r.subject, r.predicate, r.object) for r in after.relations}
