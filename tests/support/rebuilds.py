"""Builds through the command line, and the check every incremental test ends with."""

from __future__ import annotations

from tests.support.boards import NOW, read_tree


def build(cli, root, out, *extra):
    result = cli("build", "--root", root, "--out", out, "--now", NOW, "-q", *extra)
    assert result.code == 0, result.err
    return result


def assert_same_as_clean(cli, root, out, tmp_path, *extra):
    clean = tmp_path / "clean"
    build(cli, root, clean, "--no-cache", *extra)
    assert read_tree(out) == read_tree(clean)
