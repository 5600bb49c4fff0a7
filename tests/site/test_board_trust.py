"""Issue 18: a board repository is untrusted input. Each attack is committed to a board,
cloned to a fresh folder and built there with a fresh per-user cache key, as CI does; nothing
of the attacker's may reach the site or a file outside the board."""

import shutil

import pytest

from tests.support.boards import FIXTURES, NOW
from tests.support.clones import commit_and_clone, run_fresh

MARK = "ATTACKER-WAS-HERE"


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOP SECRET: id_rsa\n", encoding="utf-8")
    return path


@pytest.fixture
def board(tmp_path):
    root = tmp_path / "board"
    shutil.copytree(FIXTURES / "board", root, ignore=shutil.ignore_patterns(".callboard-cache"))
    return root


def published(site):
    """Every file of a site, links followed as GitHub's upload step (tar --dereference) does."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_a_committed_search_cache_is_not_trusted(board, tmp_path, secret):
    """Finding 1: a pagefind.js of the attacker's and a link to a secret in a cached shard. The
    shard's key depends only on the pages, so the attacker builds the same commit to learn it."""
    commit_and_clone(board, tmp_path / "first-clone")
    assert run_fresh(board, tmp_path / "attacker-home", "build", "--now", NOW).code == 0
    (shard,) = [p for p in (board / ".callboard-cache/pagefind").iterdir() if not p.name.startswith(".")]
    script = shard / "pagefind.js"
    script.write_text(f"alert('{MARK}');\n" + script.read_text(encoding="utf-8"), encoding="utf-8")
    (shard / "leak.txt").symlink_to(secret)
    shutil.rmtree(board / "site")
    (board / ".callboard-cache/state.json").unlink()
    clone = commit_and_clone(board, tmp_path / "clone")
    assert (clone / ".callboard-cache/pagefind" / shard.name / "leak.txt").is_symlink()

    result = run_fresh(clone, tmp_path / "ci-home", "build", "--now", NOW)
    assert result.code == 0, result.err
    files = published(clone / "site")
    assert "pagefind/0/pagefind.js" in files and "leak.txt" not in str(sorted(files))
    assert not [path for path, data in files.items() if MARK.encode() in data or b"TOP SECRET" in data]
    assert not [path for path in (clone / "site").rglob("*") if path.is_symlink()]
    assert "sökindexets delar i .callboard-cache/pagefind/ hade gjorts någon annanstans" in result.out  # Swedish board


@pytest.mark.parametrize("folder", ["static", "content/needs", "templates"])
def test_a_base_folder_that_links_out_of_the_board_is_refused(board, tmp_path, folder):
    """Finding 4: only the entries inside static/ were checked, not static/ itself."""
    private = tmp_path / "private"
    private.mkdir()
    (private / "id_rsa").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n", encoding="utf-8")
    (private / "hemlig.md").write_text((board / "content/needs/smart-las.md").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    target = board / folder
    if target.exists():
        shutil.rmtree(target)
    target.symlink_to(private)
    clone = commit_and_clone(board, tmp_path / "clone")
    assert (clone / folder).is_symlink()

    result = run_fresh(clone, tmp_path / "ci-home", "build", "--now", NOW)
    assert result.code == 1
    assert f"{folder}: fel: är en symbolisk länk till en mapp utanför tavlan" in result.err
    assert not (clone / "site").exists()


def test_a_control_character_in_the_config_is_an_error_at_its_line(board, tmp_path):
    """Finding 9: it crashed the build with a traceback from the feed library."""
    config = board / "callboard.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('title = "', 'title = "Tavlan \\u0001', 1),
                      encoding="utf-8")
    clone = commit_and_clone(board, tmp_path / "clone")

    result = run_fresh(clone, tmp_path / "ci-home", "build", "--now", NOW)
    assert result.code == 1
    assert "callboard.toml:1: fel: title innehåller ett osynligt styrtecken (U+0001); ta bort det" in result.err
    assert "Traceback" not in result.err and not (clone / "site").exists()


def test_a_committed_site_link_does_not_make_the_build_replace_another_folder(board, tmp_path):
    """Finding 2, the output side: `site -> ~/Documents` would be swapped out and deleted."""
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "thesis.txt").write_text("years of work\n", encoding="utf-8")
    (board / "site").symlink_to(documents)
    (board / ".site.callboard-tmp-old").symlink_to(documents)
    clone = commit_and_clone(board, tmp_path / "clone")

    result = run_fresh(clone, tmp_path / "ci-home", "build", "--now", NOW)
    assert result.code == 2
    assert f"skriver inte till {clone / 'site'}: mappen är en symbolisk länk" in result.err
    assert sorted(path.name for path in documents.iterdir()) == ["thesis.txt"]


def test_a_link_in_the_place_of_the_spare_folder_is_an_error_naming_it(board, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (board / ".site.callboard-spare").symlink_to(outside)
    clone = commit_and_clone(board, tmp_path / "clone")

    result = run_fresh(clone, tmp_path / "ci-home", "build", "--now", NOW)
    assert result.code == 1
    assert (f"kan inte skriva webbplatsen: {clone / '.site.callboard-spare'} är en symbolisk länk, och callboard "
            "skriver eller kopierar aldrig genom en sådan: ta bort den") in result.err
    assert not list(outside.iterdir()) and not (clone / "site").exists()


@pytest.mark.parametrize("command", ["check", "build"])
def test_links_in_the_cache_folder_are_errors_and_nothing_outside_is_written(board, tmp_path, command):
    """Finding 2, the cache side: `.gitignore -> a file of the user's` was overwritten with `*`
    by `callboard check`, and a `lock` link created a file outside the board."""
    dotfile = tmp_path / "bashrc"
    dotfile.write_text("export PATH=~/bin:$PATH\n", encoding="utf-8")
    cache = board / ".callboard-cache"
    cache.mkdir()
    (cache / ".gitignore").symlink_to(dotfile)
    (cache / "lock").symlink_to(tmp_path / "planted")
    clone = commit_and_clone(board, tmp_path / "clone")

    result = run_fresh(clone, tmp_path / "ci-home", command, "--now", NOW)
    assert result.code == 2
    assert "är en symbolisk länk, och callboard skriver eller kopierar aldrig genom en sådan: ta bort den" in result.err
    assert ".callboard-cache/" in result.err and "Traceback" not in result.err
    assert dotfile.read_text(encoding="utf-8") == "export PATH=~/bin:$PATH\n"
    assert not (tmp_path / "planted").exists()


def test_a_cache_folder_that_links_out_of_the_board_is_an_error(board, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (board / ".callboard-cache").symlink_to(elsewhere)
    clone = commit_and_clone(board, tmp_path / "clone")

    result = run_fresh(clone, tmp_path / "ci-home", "check", "--now", NOW)
    assert result.code == 2 and f"{clone / '.callboard-cache'} är en symbolisk länk" in result.err
    assert not list(elsewhere.iterdir())


def test_a_committed_state_does_not_make_a_committed_site_up_to_date(board, tmp_path):
    """Finding 3: the attacker builds at the path CI uses, injects a script into site/ and
    commits site/ with .callboard-cache/state.json."""
    commit_and_clone(board, tmp_path / "first-clone")
    assert run_fresh(board, tmp_path / "attacker-home", "build", "--now", NOW).code == 0
    page = board / "site/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", f"<script>{MARK}</script></body>"),
                    encoding="utf-8")
    script = board / "site/pagefind/0/pagefind.js"
    script.write_text(f"/*{MARK}*/" + script.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.rmtree(board / ".callboard-cache/pagefind")  # the shard is reused from the committed site/ alone
    origin = tmp_path / "origin"
    commit_and_clone(board, origin)
    shutil.rmtree(board)
    clone = commit_and_clone(origin, board)  # the same path, as on CI
    assert MARK in (clone / "site/index.html").read_text(encoding="utf-8")

    result = run_fresh(clone, tmp_path / "ci-home", "build", "--now", NOW)
    assert result.code == 0, result.err
    assert result.err.count("varning: byggcachen var skadad eller gjord någon annanstans och har tagits bort") == 1
    assert not [path for path, data in published(clone / "site").items() if MARK.encode() in data]


def test_active_content_in_static_is_refused_or_reported(board, tmp_path):
    """Finding 5: an SVG with script, a page with inline script, and files hosts act on."""
    static = board / "static"
    (static / "images/x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                                         encoding="utf-8")
    (static / "needs/extra").mkdir(parents=True)
    (static / "needs/extra/index.html").write_text(f"<script>{MARK}</script>", encoding="utf-8")
    (static / "_redirects").write_text("/* https://evil.example/ 302\n", encoding="utf-8")
    (static / "_worker.js").write_text(f"export default {{ fetch() {{ /*{MARK}*/ }} }}\n", encoding="utf-8")
    (static / "_routes.json").write_text('{"include": ["/*"]}\n', encoding="utf-8")
    (static / "CNAME").write_text("tavla.example.org\n", encoding="utf-8")
    config = board / "callboard.toml"
    config.write_text('host_files = ["CNAME"]\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    clone = commit_and_clone(board, tmp_path / "clone")

    checked = run_fresh(clone, tmp_path / "ci-home", "check", "--now", NOW)
    assert checked.code == 1
    assert ("static/images/x.svg: fel: har ett händelseattribut (onload), som kör kod; en SVG-bild ska vara en "
            "ren teckning, spara den utan det") in checked.err
    (clone / "static/images/x.svg").unlink()
    result = run_fresh(clone, tmp_path / "ci-home", "build", "--now", NOW)
    assert result.code == 0, result.err
    for name in ("_redirects", "_worker.js", "_routes.json"):
        assert f"static/{name}: varning: '{name}' är en fil som webbhotellet agerar på" in result.err
    assert "static/needs/extra/index.html: varning: är en sida eller ett skript som inte ersätter någon fil i temat" in result.err
    site = clone / "site"
    assert (site / "CNAME").is_file() and (site / "needs/extra/index.html").is_file()
    assert not any((site / name).exists() for name in ("_redirects", "_worker.js", "_routes.json"))
