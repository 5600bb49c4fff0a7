"""Issue 19: the everyday mistakes an editor makes, one row each, on a Swedish and an English
board. Each row asserts what `callboard check` does (exit code, file, line, the words of the
message in the board's language); where the message gives the corrected line, the correction is
applied to the file and the check must pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from callboard.build.pipeline import RunOptions, build, check
from callboard.core.diagnostics import Severity
from tests.support.boards import BOARD_TOML, CONTACT, NOW, innovator_file, need_file
from tests.support.messages import english

NEED = "content/needs/smarta-las.md"
CONFIG = {"sv": BOARD_TOML, "en": BOARD_TOML.replace('lang = "sv"', 'lang = "en"')}
SEVERITY = {("sv", "error"): "fel", ("sv", "warning"): "varning", ("en", "error"): "error", ("en", "warning"): "warning"}
CASE = """---
title: Smarta lås i hemtjänsten
organisation: Växjö kommun
summary: Hemtjänsten slapp nycklarna.
completed: 2026-06-01
image: static/images/las.jpg
image_alt: Ett lås på en dörr
---
Text.
"""
PICTURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Row:
    """One mistake: the files of the board, where the problem is reported and what it says."""

    name: str
    files: dict[str, str]
    path: str
    line: int
    sv: str
    en: str
    severity: str = "error"
    fix: str = "fixed"
    """How the message's advice is applied: "fixed" replaces the line with the message's
    corrected line(s); "rename" renames the file as the message says; "" applies nothing."""
    more: dict[str, str | bytes] = field(default_factory=dict)


def need(title: str = "Smarta lås", extra: str = "", body: str = "Text.") -> dict[str, str]:
    return {NEED: need_file(title, extra, body)}


ROWS = [
    Row("a # cuts the title short", need("Smarta lås #2 i hemtjänsten"), NEED, 2,
        "Allt efter # på raden läses som en kommentar, så värdet blev bara 'Smarta lås'. Sätt citattecken runt "
        'texten:\n    title: "Smarta lås #2 i hemtjänsten"',
        "Everything after # on the line is read as a comment, so the value became only 'Smarta lås'. Put the "
        'text in quotes:\n    title: "Smarta lås #2 i hemtjänsten"'),
    Row("a comment after a value", need(extra="draft: false # klar"), NEED, 9,
        "Skriv kommentaren på en egen rad ovanför", "Write the comment on a line of its own above"),
    Row("a list without brackets", need(extra="categories: Skola, Miljö"), NEED, 9,
        "Sätt hakparenteser runt listan (eller skriv en sak per rad med - först):\n    categories: [Skola, Miljö]",
        "Put square brackets around the list (or write one item per line, starting with -):\n"
        "    categories: [Skola, Miljö]"),
    Row("a deadline before published", need(extra="deadline: 2026-09-01"), NEED, 9,
        "deadline 2026-09-01 är före published 2026-10-01", "deadline 2026-09-01 is before published 2026-10-01",
        fix=""),
    Row("a misspelt key", need(extra="dealine: 2026-12-01"), NEED, 9,
        "Fältet 'dealine' finns inte. Menade du 'deadline'?", "There is no field 'dealine'. Did you mean 'deadline'?",
        fix="hint"),
    Row("a key of the board's own", need(extra="finansiar: Vinnova"), NEED, 9,
        "Fältet 'finansiar' finns inte. Är det ett eget fält för tavlans mallar ska det stå under extra:, så "
        "här:\n    extra:\n      finansiar: Vinnova",
        "There is no field 'finansiar'. If it is a field of your board's own, for its templates, put it under "
        "extra:, like this:\n    extra:\n      finansiar: Vinnova"),
    Row("a .md.txt file", {"content/needs/smarta-las.md.txt": need_file()}, "content/needs/smarta-las.md.txt", 0,
        "Filen läses inte, eftersom bara filer som slutar på .md blir sidor. Byt namn på den till smarta-las.md",
        "The file is not read, since only files ending in .md become pages. Rename it to smarta-las.md",
        fix="rename"),
    Row("a .MD file", {"content/needs/Smarta-las.MD": need_file()}, "content/needs/Smarta-las.MD", 0,
        "Byt namn på den till smarta-las.md", "Rename it to smarta-las.md", fix="rename"),
    Row("an empty body", need(body=""), NEED, 9,
        "Sidan har ingen text. Skriv texten under den här raden", "The page has no text. Write the text below this "
        "line", fix="body"),
    Row("the body hint of callboard new", need(body="## Bakgrund\n\nSkriv här."), NEED, 12,
        "Här står fortfarande exempeltexten från callboard new ('Skriv här.'). Skriv din egen text i stället.",
        "The example text from callboard new is still here ('Skriv här.'). Write your own text instead.",
        fix="placeholder"),
    Row("an example text of callboard new in English", need(extra="summary: Sum it up in one or two sentences. "
        "This text is shown in lists and search results."), NEED, 4,
        "Här står fortfarande exempeltexten från callboard new", "The example text from callboard new is still here",
        fix="placeholder"),
    Row("HTML pasted into the body", need(body="Det här är <b>viktigt</b>."), NEED, 10,
        "HTML visas som text på sidan: '<b>'. Skriv Markdown i stället, till exempel **fet** för fetstil.",
        "HTML is shown as text on the page: '<b>'. Write Markdown instead, for example **bold** for bold.",
        severity="warning", fix="html"),
    Row("a colon in a value", need("Behov: smarta lås"), NEED, 2,
        "Texten i title innehåller kolon och mellanslag (': ')",
        "The text of title contains a colon and a space (': ')"),
    Row("a tab for indentation", {NEED: need_file().replace("  name:", "\tname:")}, NEED, 7,
        "Raden har ett tabbtecken i indraget (tecken 1). Gör indrag med mellanslag, inte med tabb:\n      name: "
        "Anna Andersson", "The line has a tab in its indentation (character 1). Indent with spaces, not tabs:\n"
        "      name: Anna Andersson"),
    Row("wrong indentation under contact", {NEED: need_file().replace("  name:", "   name:")}, NEED, 7,
        "Raden har fel indrag (3 mellanslag). Fält som hör ihop ska börja lika långt in, så här:\n      name: Anna",
        "The line is indented wrong (3 spaces). Fields that belong together start equally far in, like this:\n"
        "      name: Anna"),
    Row("a quote never closed", need('"Smarta lås'), NEED, 2,
        "Citattecknet som börjar på den här raden avslutas aldrig. Avsluta texten med samma tecken, \":\n"
        '    title: "Smarta lås"', "The quote that starts on this line is never closed."),
    Row("a bracket never closed", need(extra="categories: [Skola, Miljö"), NEED, 9,
        "Listan som börjar på den här raden stängs aldrig. Avsluta den med ]:\n    categories: [Skola, Miljö]",
        "The list that starts on this line is never closed. End it with ]:"),
    Row("quotes from Word", need("“Smarta lås”"), NEED, 2,
        "Texten står inom typografiska citattecken (“), kanske från Word. De blir en del av texten. Använd raka "
        'citattecken:\n    title: "Smarta lås"', "The text is in curly quotes (“), perhaps from Word."),
    Row("an image path with static/", {"content/cases/smarta-las.md": CASE}, "content/cases/smarta-las.md", 6,
        "Sökvägen till bilden räknas från mappen static/, så static/ ska inte stå med. Skriv:\n"
        "    image: images/las.jpg", "leave out static/. Write:\n    image: images/las.jpg",
        more={"static/images/las.jpg": PICTURE}),
]
LANGUAGES = ("sv", "en")


def board(make_board, row: Row, lang: str):
    return make_board({**row.files, **row.more}, config=CONFIG[lang], name=f"board-{lang}")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_each_mistake_is_told_at_its_line_in_the_boards_language(row, lang, make_board, cli):
    root = board(make_board, row, lang)
    result = cli("check", "--root", root, "--now", NOW)
    where = f"{row.path}:{row.line}" if row.line else row.path
    assert result.code == (1 if row.severity == "error" else 0), result.err
    assert f"{where}: {SEVERITY[lang, row.severity]}: " in result.err
    assert getattr(row, lang) in result.err


@pytest.mark.parametrize("row", [row for row in ROWS if row.fix], ids=lambda row: row.name)
def test_the_advice_of_each_message_makes_the_problem_go_away(row, make_board):
    root = board(make_board, row, "sv")
    problem = next(d for d in check(RunOptions(root=root, now=_today())).diagnostics.sorted()
                   if d.path == row.path and d.line == row.line)
    values = dict(problem.message.values)
    path = root / row.path
    if row.fix == "rename":
        path.rename(path.with_name(values["fixed"]))
    else:
        lines = path.read_text(encoding="utf-8").split("\n")
        original = lines[row.line - 1]
        lines[row.line - 1] = {
            "fixed": lambda: values.get("fixed"),
            "hint": lambda: original.replace("dealine", values.get("hint", "")),
            "body": lambda: original + "\nEn riktig text.",
            "placeholder": lambda: original.replace(values["text"], "Hemtjänsten vill slippa nycklar."),
            "html": lambda: original.replace("<b>viktigt</b>", "**viktigt**"),
        }[row.fix]()
        path.write_text("\n".join(lines), encoding="utf-8")
    after = check(RunOptions(root=root, now=_today())).diagnostics.sorted()
    assert [d for d in after if d.path == row.path or d.path.startswith("content/needs/smarta-las")] == []


def _today():
    from datetime import date

    return date.fromisoformat(NOW)


def test_a_document_beside_index_md_is_not_an_error(make_board):
    """Files beside an index.md are that page's documents (page bundles), not content."""
    root = make_board({"content/needs/smarta-las/index.md": need_file(), "content/needs/smarta-las/plan.pdf": "%PDF"})
    problems = check(RunOptions(root=root, now=_today())).diagnostics.sorted()
    assert [d.severity for d in problems] == [Severity.WARNING]
    assert "plan.pdf" in english(problems[0]) and problems[0].path.endswith("smarta-las/index.md")


def test_a_word_document_in_content_is_told_where_it_belongs(make_board, cli):
    root = make_board({NEED: need_file(), "content/needs/behov.docx": b"PK"})
    result = cli("check", "--root", root, "--now", NOW)
    assert result.code == 1
    assert ("content/needs/behov.docx: fel: Bara texter i Markdown (.md) hör hemma i content/. Lägg bilder och "
            "dokument i static/, till exempel static/dokument/behov.docx") in result.err


def test_a_quoted_value_with_commas_is_one_item(make_board, cli):
    root = make_board(need(extra='categories: "Vård, omsorg och socialtjänst"'))
    assert cli("check", "--root", root, "--now", NOW).code == 0


def test_a_quoted_hash_is_part_of_the_text(make_board, cli):
    root = make_board(need('"Smarta lås #2 i hemtjänsten"'))
    assert cli("check", "--root", root, "--now", NOW).code == 0


def test_contact_lines_are_as_need_file_writes_them():
    """The rows above count lines from need_file's layout: contact on lines 6 to 8."""
    lines = need_file().split("\n")
    assert lines[5:8] == CONTACT.rstrip("\n").split("\n")


@pytest.mark.parametrize("lang, line", [
    ("sv", "1 behov, 0 testbäddar och 1 gott exempel: inga fel\n"),
    ("en", "1 need, 0 testbeds and 1 case story: no problems\n"),
])
def test_a_board_that_is_fine_says_so_in_one_line(lang, line, make_board, cli):
    case = CASE.replace("image: static/images/las.jpg\nimage_alt: Ett lås på en dörr\n", "")
    root = make_board({**need(), "content/cases/smarta-las.md": case}, config=CONFIG[lang])
    result = cli("check", "--root", root, "--now", NOW)
    assert (result.code, result.out, result.err) == (0, line, "")
    assert cli("check", "--root", root, "--now", NOW, "--quiet").out == ""


def test_warnings_are_counted_in_that_line(make_board, cli):
    root = make_board(need(body="Det här är <b>viktigt</b>."))
    result = cli("check", "--root", root, "--now", NOW)
    assert result.out == "1 behov, 0 testbäddar och 0 goda exempel: inga fel, men 1 varning (se ovan)\n"


def test_a_board_with_innovators_counts_them_in_that_line(make_board, cli):
    root = make_board({**need(), "content/innovators/solvind.md": innovator_file(),
                       "content/innovators/vindkraft.md": innovator_file("Vindkraft AB")})
    assert cli("check", "--root", root, "--now", NOW).out == (
        "1 behov, 0 testbäddar, 0 goda exempel och 2 innovatörer: inga fel\n")
    english_board = make_board({**need(), "content/innovators/solvind.md": innovator_file()},
                               config=CONFIG["en"], name="english")
    assert cli("check", "--root", english_board, "--now", NOW).out == (
        "1 need, 0 testbeds, 0 case stories and 1 innovator: no problems\n")


@pytest.mark.parametrize("body, line, url", [
    ("Text.\n\nLäs [det andra behovet](/needs/finns-inte/).", 12, "/needs/finns-inte/"),
    ("![Karta](/images/karta.png)", 10, "/images/karta.png"),
    ("Se [testbädden](../../testbeds/labbet/).", 10, "../../testbeds/labbet/"),
])
def test_check_finds_a_broken_link_in_a_body_at_its_line(body, line, url, make_board, cli):
    """`build` found these only after rendering; `check` finds them too, writing nothing."""
    root = make_board(need(body=body))
    problems = check(RunOptions(root=root, now=_today())).diagnostics.sorted()
    assert [(d.path, d.line, url in repr(d.message)) for d in problems] == [(NEED, line, True)]
    assert not (root / "site").exists()


def test_check_accepts_links_to_pages_files_and_generated_files(make_board):
    body = ("[Alla behov](/needs/) [Detta](/needs/smarta-las/) [Kartan](/images/karta.png) "
            "[Flödet](/needs/feed.xml) [Avsnitt](#bakgrund) [Webb](https://example.org/)")
    root = make_board({**need(body=body), "static/images/karta.png": PICTURE})
    assert check(RunOptions(root=root, now=_today())).diagnostics.sorted() == []


def test_check_and_build_agree_on_links_to_documents_and_photos(make_board, tmp_path):
    """A body may link to a document in its need's folder and to a photo; the photo's original is
    never published, so the link leads to its largest rendition. `check` passes exactly what
    `build` passes, and a document that is not there fails both."""
    from tests.unit.core.test_imaging import photo

    documents = "documents:\n  - file: plan.docx\n    title: Plan"
    body = "Se [planen](plan.docx), [allt](smarta-las.zip) och [fotot](/images/foto.jpg)."
    files = {"content/needs/smarta-las/index.md": need_file("Smarta lås", documents, body),
             "content/needs/smarta-las/plan.docx": b"PK\x03\x04", "static/images/foto.jpg": photo((900, 600))}
    root = make_board(files)
    assert check(RunOptions(root=root, now=_today())).diagnostics.sorted() == []
    result = build(RunOptions(root=root, now=_today()), tmp_path / "site")
    assert result.ok, [english(d) for d in result.diagnostics.items]
    page = (tmp_path / "site" / "needs" / "smarta-las" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="/media/foto-\d+\.[0-9a-f]+\.jpg"', page) and "/images/foto.jpg" not in page

    broken = make_board({**files, "content/needs/smarta-las/index.md": need_file("Smarta lås", documents,
                                                                                 "Se [bilagan](bilaga.docx).")},
                        name="broken")
    problems = check(RunOptions(root=broken, now=_today())).diagnostics.sorted()
    assert [(d.path, "bilaga.docx" in english(d)) for d in problems] == [("content/needs/smarta-las/index.md", True)]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", ["need", "testbed", "case"])
def test_an_optional_field_of_callboard_new_uncommented_keeps_its_explanation(kind, lang):
    """`new` writes `# draft: true  # true = utkast, ...`; its header says to remove the first #.
    The explanation left after the value is a comment the editor did not write: no error."""
    from datetime import date

    from callboard.content.models import Kind
    from callboard.content.parse import parse_document
    from callboard.content.scaffold import NewItem, render_item
    from callboard.content.mistakes import document_problems

    text = render_item(NewItem(kind=Kind(kind), title="Smarta lås", today=date(2026, 11, 28), lang=lang))
    uncommented = "\n".join(line[2:] if line.startswith("# ") and "  # " in line else line for line in text.split("\n"))
    assert uncommented != text
    keys = {message.key for _, message, _ in document_problems(parse_document(uncommented.encode("utf-8")))}
    assert keys == {"placeholder_left"}
