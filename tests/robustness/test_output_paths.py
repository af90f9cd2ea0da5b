"""Output paths that cannot be written (a directory, a full disk): one line, nothing left behind."""

from __future__ import annotations

from .conftest import assert_one_line_error, tmpfs
from .test_full_disk import _fill


def test_export_to_a_directory(tmp_path, store, ecokg) -> None:
    target = tmp_path / "out.ttl"
    target.mkdir()
    assert_one_line_error(ecokg("export", "--store", str(store), "-o", str(target)), "out.ttl")
    assert list(target.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl", "store"]


def test_view_to_a_directory(tmp_path, store, ecokg) -> None:
    target = tmp_path / "page.html"
    target.mkdir()
    assert_one_line_error(ecokg("view", "--store", str(store), "-o", str(target)), "page.html")


def test_view_input_is_a_directory(tmp_path, ecokg) -> None:
    folder = tmp_path / "data.ttl"
    folder.mkdir()
    assert_one_line_error(ecokg("view", "--input", str(folder), "-o", str(tmp_path / "v.html")), "data.ttl")


def test_view_to_a_full_disk(tmp_path, store, ecokg) -> None:
    with tmpfs(tmp_path / "disk", "1m") as mnt:
        _fill(mnt, 0)
        out = mnt / "view.html"
        assert_one_line_error(ecokg("view", "--store", str(store), "-o", str(out)), "view.html")
        assert sorted(p.name for p in mnt.iterdir()) == ["filler"]


def test_build_output_to_a_full_disk(tmp_path, ecokg) -> None:
    from .conftest import sample_article

    with tmpfs(tmp_path / "disk", "1m") as mnt:
        _fill(mnt, 0)
        out = mnt / "graph.ttl"
        assert_one_line_error(ecokg("build", "-q", "-o", str(out), str(sample_article())), "graph.ttl")
        assert sorted(p.name for p in mnt.iterdir()) == ["filler"]
