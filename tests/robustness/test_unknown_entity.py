"""``ecokg show`` of a name or IRI the store does not hold: exit 1, one line."""

from __future__ import annotations

import pytest

from .conftest import assert_one_line_error

NAMES = ["不存在的公司", "http://example.org/nothing", "<https://w3id.org/ecokg/id/org/无>",
         'a"}\\ DROP ALL', "名字\n换行", "   "]


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_show_unknown(store, ecokg, name: str) -> None:
    proc = ecokg("show", "--store", str(store), name)
    assert_one_line_error(proc, codes=(1, 2))
    assert proc.stdout == ""


def test_export_unknown_document(tmp_path, store, ecokg) -> None:
    out = tmp_path / "doc.ttl"
    proc = ecokg("export", "--store", str(store), "--document", "no-such-doc.txt", "-o", str(out))
    assert_one_line_error(proc, "no-such-doc.txt")
    assert not out.exists()


def test_remove_unknown_document(tmp_path, store, ecokg) -> None:
    from .conftest import snapshot

    before = snapshot(store, tmp_path)
    assert_one_line_error(ecokg("remove", "--store", str(store), "no-such-doc.txt"), "no-such-doc.txt")
    assert snapshot(store, tmp_path) == before
