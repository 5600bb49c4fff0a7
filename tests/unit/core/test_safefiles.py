"""No write follows a link, no copy takes one (issue 18, finding 2)."""

import os

import pytest

from callboard.core.safefiles import (
    SymlinkRefused,
    copy_regular_tree,
    open_nofollow,
    own_folder,
    real_folder,
    regular_files,
    remove_path,
    tree_digests,
    write_file_nofollow,
)


@pytest.fixture
def outside(tmp_path):
    target = tmp_path / "outside.txt"
    target.write_text("the user's own file\n", encoding="utf-8")
    return target


def test_a_write_to_a_link_is_refused_and_the_target_is_untouched(tmp_path, outside):
    link = tmp_path / ".gitignore"
    link.symlink_to(outside)
    with pytest.raises(SymlinkRefused, match=r"\.gitignore is a symbolic link"):
        write_file_nofollow(link, b"*\n")
    assert outside.read_text(encoding="utf-8") == "the user's own file\n"
    write_file_nofollow(tmp_path / "plain", b"data")
    assert (tmp_path / "plain").read_bytes() == b"data" and len(list(tmp_path.iterdir())) == 3


def test_opening_a_link_is_refused(tmp_path):
    link = tmp_path / "lock"
    link.symlink_to(tmp_path / "elsewhere" / "lock")
    with pytest.raises(SymlinkRefused, match="lock is a symbolic link"):
        open_nofollow(link, os.O_RDWR | os.O_CREAT)
    assert not (tmp_path / "elsewhere").exists()
    os.close(open_nofollow(tmp_path / "real", os.O_RDWR | os.O_CREAT))
    assert (tmp_path / "real").is_file()


def test_a_folder_that_is_a_link_or_a_file_is_refused(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert real_folder(tmp_path / "real") == tmp_path / "real"
    assert real_folder(tmp_path / "new", create=True).is_dir()
    with pytest.raises(SymlinkRefused, match="linked is a symbolic link"):
        real_folder(tmp_path / "linked", create=True)
    with pytest.raises(SymlinkRefused, match="file is not a folder"):
        real_folder(tmp_path / "file")


def test_a_copy_takes_regular_files_and_refuses_a_link_anywhere(tmp_path, outside):
    source = tmp_path / "source"
    (source / "deep").mkdir(parents=True)
    (source / "a.js").write_text("a", encoding="utf-8")
    (source / "deep/b.json").write_text("b", encoding="utf-8")
    copy_regular_tree(source, tmp_path / "copy")
    assert regular_files(tmp_path / "copy") == ["a.js", "deep/b.json"]
    assert tree_digests(tmp_path / "copy", ["a.js"]) == tree_digests(source, ["a.js"])
    (source / "deep/leak.txt").symlink_to(outside)
    with pytest.raises(SymlinkRefused, match="leak.txt is a symbolic link"):
        copy_regular_tree(source, tmp_path / "second")
    assert not (tmp_path / "second").exists()


def test_removing_a_link_removes_the_link_not_its_target(tmp_path):
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep/file").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "keep")
    remove_path(tmp_path / "link")
    remove_path(tmp_path / "nothing")
    assert (tmp_path / "keep/file").is_file() and not os.path.lexists(tmp_path / "link")


def test_an_own_folder_with_a_link_in_it_is_refused(tmp_path, outside):
    folder = own_folder(tmp_path / ".callboard-cache")
    (folder / "state.json").write_text("{}", encoding="utf-8")
    assert own_folder(folder) == folder
    (folder / "lock").symlink_to(outside)
    with pytest.raises(SymlinkRefused, match="lock is a symbolic link"):
        own_folder(folder)
