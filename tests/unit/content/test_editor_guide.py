"""The editors' guide quotes what `callboard check` prints for the ten commonest mistakes: each
quoted message must be exactly what the tool prints today, on a Swedish board.

    python -m tests.unit.content.test_editor_guide     prints the blocks to paste into the guide
"""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from pathlib import Path

from callboard.cli import main
from tests.support.boards import BOARD_TOML, NOW, REPO, need_file

GUIDE = REPO / "docs" / "redaktorsguide.md"
NEED = "content/needs/smarta-las.md"
MISTAKES: list[tuple[str, dict[str, str]]] = [
    ("title: Behov: smarta lås", {NEED: need_file("Behov: smarta lås")}),
    ("title: Smarta lås #2 i hemtjänsten", {NEED: need_file("Smarta lås #2 i hemtjänsten")}),
    ("categories: Skola, Miljö", {NEED: need_file("Smarta lås", "categories: Skola, Miljö")}),
    ("dealine: 2026-12-01", {NEED: need_file("Smarta lås", "dealine: 2026-12-01")}),
    ("   name: Anna Andersson", {NEED: need_file("Smarta lås").replace("  name:", "   name:")}),
    ("deadline: 2026-13-01", {NEED: need_file("Smarta lås", "deadline: 2026-13-01")}),
    ("deadline: 2026-09-01", {NEED: need_file("Smarta lås", "deadline: 2026-09-01")}),
    ("Skriv här.", {NEED: need_file("Smarta lås", body="## Bakgrund\n\nSkriv här.")}),
    ("smarta-las.md.txt", {NEED + ".txt": need_file("Smarta lås")}),
    ("[Läs mer](/needs/smarta-lass/)", {NEED: need_file("Smarta lås", body="[Läs mer](/needs/smarta-lass/)")}),
]
"""(what the guide shows the editor wrote, the board's files), in the guide's order."""


def printed(files: dict[str, str]) -> str:
    """What `callboard check` prints about a board of `files`, as the guide quotes it."""
    with tempfile.TemporaryDirectory() as folder, contextlib.redirect_stderr(io.StringIO()) as err:
        root = Path(folder)
        (root / "callboard.toml").write_text(BOARD_TOML, encoding="utf-8")
        for path, text in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
        main(["check", "--root", str(root), "--now", NOW, "--quiet"])
    return "\n".join(line for line in err.getvalue().splitlines() if line.startswith(("content/", "    ")))


def guide_blocks() -> list[tuple[str, str]]:
    """(what the editor wrote, what check said) of each mistake the guide lists."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("## När kontrollen hittar något"):]
    section = section[:section.index("\n## ", 1)]
    return re.findall(r"Du skrev:\n\n```[a-z]*\n(.*?)\n```\n\nKontrollen svarar:\n\n```\n(.*?)\n```", section, re.S)


def test_the_guide_lists_ten_mistakes_with_what_check_prints():
    blocks = guide_blocks()
    assert [written for written, _ in blocks] == [written for written, _ in MISTAKES]
    for (written, said), (_, files) in zip(blocks, MISTAKES):
        assert said == printed(files), written


def test_the_guide_has_no_table_of_english_messages():
    text = GUIDE.read_text(encoding="utf-8")
    assert ": error:" not in text and "is missing" not in text


if __name__ == "__main__":
    for written, files in MISTAKES:
        print(f"Du skrev:\n\n```\n{written}\n```\n\nKontrollen svarar:\n\n```\n{printed(files)}\n```\n")
