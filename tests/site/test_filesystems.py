"""What the file systems editors use do differently: macOS's decomposed file names, the
capitals that Windows and macOS ignore and the web server does not, CRLF line ends from git's
autocrlf, and paths too long for Windows. Each gives the same site or a clear error."""

import shutil
import unicodedata

import pytest

from tests.support.boards import NOW, REPO, need_file, read_tree

DECOMPOSED = "sno\u0308.png"
COMPOSED = unicodedata.normalize("NFC", DECOMPOSED)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8"
                    "ffff3f0005fe02fea7d6a4920000000049454e44ae426082")
PROCESSED = (".md", ".html", ".toml", ".po")
"""What the build reads and turns into pages (content, templates, callboard.toml, catalogs)."""
COPIED = (".svg", ".css", ".js", ".txt")
"""What it publishes as it is (after the SVG check)."""


def case_sensitive(folder) -> bool:
    probe = folder / "case-probe"
    probe.write_text("", encoding="utf-8")
    try:
        return not (folder / "CASE-PROBE").exists()
    finally:
        probe.unlink()


def build(cli, root, out, *options):
    return cli("build", "--root", root, "--out", out, "--now", NOW, "-q", *options)


def test_a_decomposed_file_name_matches_a_composed_link_and_is_published_composed(cli, fixture_board, tmp_path):
    (fixture_board / "static/images" / DECOMPOSED).write_bytes(PNG)
    (fixture_board / "content/needs/sno.md").write_text(
        need_file("Snöröjning", body=f"![Snö](/images/{COMPOSED})\n\n![Också snö](/images/{DECOMPOSED})"),
        encoding="utf-8")
    result = build(cli, fixture_board, tmp_path / "out")
    assert result.code == 0, result.err
    published = [p.name for p in (tmp_path / "out/images").iterdir()]
    assert COMPOSED in published and DECOMPOSED not in published
    page = (tmp_path / "out/needs/sno/index.html").read_text(encoding="utf-8")
    assert page.count('src="/images/sn%C3%B6.png"') == 2  # the decomposed link is composed too


def test_a_case_storys_decomposed_image_is_found_by_its_composed_name(cli, fixture_board, tmp_path):
    (fixture_board / "static/images" / DECOMPOSED).write_bytes(PNG)
    case = fixture_board / "content/cases/matsvinn-halverat.md"
    case.write_text(case.read_text(encoding="utf-8").replace("images/tallrik.svg", f"images/{COMPOSED}"),
                    encoding="utf-8")
    result = build(cli, fixture_board, tmp_path / "out")
    assert result.code == 0, result.err
    assert f'src="/images/{COMPOSED}"' in (tmp_path / "out/cases/matsvinn-halverat/index.html").read_text(encoding="utf-8")
    assert COMPOSED in [p.name for p in (tmp_path / "out/images").iterdir()]


def test_a_link_whose_capitals_differ_from_the_files_names_the_file(cli, fixture_board, tmp_path):
    """It works on a Mac or a Windows laptop and breaks on the Linux web server: an error
    everywhere, naming the file as it is."""
    (fixture_board / "content/needs/las.md").write_text(
        need_file("Lås", body="![Tallrik](/images/Tallrik.svg)\n\n[Låset](/needs/Smart-las/)\n"), encoding="utf-8")
    result = build(cli, fixture_board, tmp_path / "out")
    assert result.code == 1
    # the fixture board is Swedish, and so is what callboard says
    assert ("content/needs/las.md:10: fel: länken '/images/Tallrik.svg' leder ingenstans: webbplatsen har ingen sida "
            "images/Tallrik.svg; filen heter '/images/tallrik.svg': skriv namnet precis så, med samma stora och små "
            "bokstäver (det fungerar i Windows och macOS, men inte på webbservern)") in result.err
    assert "webbplatsen har ingen sida needs/Smart-las/; filen heter '/needs/smart-las/'" in result.err


def test_a_case_storys_image_with_other_capitals_is_an_error_naming_the_file(cli, fixture_board, tmp_path):
    case = fixture_board / "content/cases/matsvinn-halverat.md"
    case.write_text(case.read_text(encoding="utf-8").replace("images/tallrik.svg", "images/Tallrik.SVG"),
                    encoding="utf-8")
    result = cli("check", "--root", fixture_board, "--now", NOW)
    assert result.code == 1
    assert ("content/cases/matsvinn-halverat.md:10: fel: bilden 'images/Tallrik.SVG' heter "
            "static/images/tallrik.svg: skriv namnet precis så, med samma stora och små bokstäver") in result.err


def test_two_static_files_differing_only_in_capitals_are_an_error(cli, fixture_board, tmp_path):
    if not case_sensitive(fixture_board):
        pytest.skip("this file system ignores capitals (Windows, macOS): the two files cannot both exist here")
    (fixture_board / "static/images/Tallrik.svg").write_bytes((fixture_board / "static/images/tallrik.svg").read_bytes())
    result = build(cli, fixture_board, tmp_path / "out")
    assert result.code == 1
    for name, other in (("Tallrik.svg", "tallrik.svg"), ("tallrik.svg", "Tallrik.svg")):
        assert (f"static/images/{name}: fel: skulle publiceras som /images/{name}, som bara skiljer sig från "
                f"/images/{other} i stora och små bokstäver: i Windows och macOS är de en och samma fil") in result.err


def test_two_content_files_differing_only_in_capitals_are_an_error(cli, fixture_board):
    if not case_sensitive(fixture_board):
        pytest.skip("this file system ignores capitals (Windows, macOS): the two files cannot both exist here")
    need = fixture_board / "content/needs/smart-las.md"
    (fixture_board / "content/needs/Smart-las.md").write_bytes(need.read_bytes())
    result = cli("check", "--root", fixture_board, "--now", NOW)
    assert result.code == 1
    assert ("content/needs/Smart-las.md: fel: filnamnet 'Smart-las.md' går inte att använda i en webbadress (bara "
            "små bokstäver a-z, siffror och bindestreck); byt namn på filen till 'smart-las.md'") in result.err


def with_crlf(root):
    """Every text file of the board with CRLF line ends, as git's autocrlf checks it out on Windows."""
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in PROCESSED + COPIED:
            path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def test_crlf_in_every_kind_of_file_gives_the_same_site(cli, fixture_board, tmp_path):
    """Content, templates, callboard.toml and a catalog are read the same with CRLF; an SVG,
    a style sheet, a script and a text file in static/ are published as they are."""
    shutil.copytree(REPO / "templates", fixture_board / "templates", ignore=shutil.ignore_patterns("static"))
    (fixture_board / "locale").mkdir()
    (fixture_board / "locale/sv.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                                                'msgid "front_lead"\nmsgstr ""\n"Kommunerna i länet "\n"söker lösningar."\n',
                                                encoding="utf-8")
    for name, text in (("egen.css", "body {\n  margin: 0;\n}\n"), ("egen.js", "const a = 1;\nconsole.log(a);\n"),
                       ("las-mig.txt", "Första raden\nAndra raden\n")):
        (fixture_board / "static" / name).write_text(text, encoding="utf-8")
    lf = tmp_path / "lf"
    assert build(cli, fixture_board, lf, "--no-cache").code == 0
    with_crlf(fixture_board)
    assert b"\r\n" in (fixture_board / "templates/base.html").read_bytes()
    crlf = tmp_path / "crlf"
    result = build(cli, fixture_board, crlf, "--no-cache")
    assert result.code == 0, result.err
    lf_tree, crlf_tree = read_tree(lf), read_tree(crlf)
    copied = {path for path in lf_tree if path.endswith(COPIED) and (fixture_board / "static" / path).is_file()}
    assert copied >= {"images/tallrik.svg", "egen.css", "egen.js", "las-mig.txt"}
    assert {p: d for p, d in crlf_tree.items() if p not in copied} == {p: d for p, d in lf_tree.items() if p not in copied}
    for path in copied:
        assert crlf_tree[path] == (fixture_board / "static" / path).read_bytes()
        assert crlf_tree[path] == lf_tree[path].replace(b"\n", b"\r\n")
    assert "söker lösningar." in (crlf / "index.html").read_text(encoding="utf-8")


def test_a_path_too_long_to_write_is_a_clear_error_not_a_crash(cli, fixture_board, tmp_path):
    out = tmp_path / ("s" * 250)
    result = build(cli, fixture_board, out)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert "fel: kan inte skriva webbplatsen:" in result.err
    assert "bygg i en mapp med kortare sökväg (--out)" in result.err
