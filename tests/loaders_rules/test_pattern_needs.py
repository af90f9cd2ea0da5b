"""What every match of a frame's pattern contains (``loaders/pattern_needs.py``): the test that lets
``apply_frames`` skip a scan must never skip a text the pattern matches."""

from __future__ import annotations

import random
import re

from ecokg.loaders.pattern_needs import Need, met, needs

BASE, BLOCK = 0xF0000, 1024


def sym(block: int, n: int = 0) -> str:
    return chr(BASE + block * BLOCK + n)


def test_words_groups_repeats_and_choices() -> None:
    got = needs("由(?:联合|正式)?(?:印发|发布)+[^，]{0,3}(?P<x>的)", 0, BASE, BLOCK)
    assert set(got) == {Need(("由",), frozenset()), Need(("印发", "发布"), frozenset()),
                        Need(("的",), frozenset())}
    assert got[0] == Need(("印发", "发布"), frozenset())  # words of two characters, rarer, tested first


def test_symbol_classes_are_blocks() -> None:
    pattern = f"(?P<a>[{sym(2)}-{sym(2, 1023)}{sym(5)}-{sym(5, 1023)}])在(?:[{sym(9)}-{sym(9, 1023)}]|该园区)"
    got = needs(pattern, 0, BASE, BLOCK)
    assert set(got) == {Need((), frozenset({2, 5})), Need(("在",), frozenset()),
                        Need(("该园区",), frozenset({9}))}
    assert met(got, f"{sym(5, 3)}在该园区", {5})
    assert met(got, f"{sym(5, 3)}在{sym(9, 4)}", {5, 9})
    assert not met(got, f"{sym(5, 3)}在园区", {5})
    assert not met(got, f"{sym(7, 3)}在该园区", {7})


def test_what_may_be_missing_is_no_need() -> None:
    assert needs("(?:由)?X?(?:甲|)[^a]*\\d(?=乙)", 0, BASE, BLOCK) == ()
    assert needs("由", re.IGNORECASE, BASE, BLOCK) == ()
    assert needs("[a-z]由|的", 0, BASE, BLOCK) == (Need(("由", "的"), frozenset()),)
    assert needs("(?:[a-z]|由)的", 0, BASE, BLOCK) == (Need(("的",), frozenset()),)


def test_a_matching_text_always_meets_the_needs() -> None:
    rng = random.Random(7)
    alphabet = ["由", "的", "在", "印发", "发布", "该园区", "，", "X", sym(2, 1), sym(5, 2), sym(9, 3)]
    patterns = [f"由(?:[{sym(2)}-{sym(2, 1023)}]|X)+的", "(?:印发|发布)[^，]{0,4}在",
                f"在(?:[{sym(9)}-{sym(9, 9)}]|该园区)", f"[{sym(5)}-{sym(5, 1023)}](?:由|在)?的"]
    for pattern in patterns:
        rx, required = re.compile(pattern), needs(pattern, 0, BASE, BLOCK)
        assert required
        for _ in range(2000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
            blocks = {(ord(c) - BASE) // BLOCK for c in text if ord(c) >= BASE}
            if rx.search(text):
                assert met(required, text, blocks), (pattern, text)
