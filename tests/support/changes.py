"""Random changes to a board, as an editor, a designer or an administrator makes them: the
incremental-equals-clean tests (tests/unit/build/test_changes.py for `callboard build`,
tests/unit/dev/test_page_first.py for `callboard serve`) apply them in random order."""

from __future__ import annotations

import re

from tests.support.boards import REPO, need_file


def prepare_theme_card(tmp_path) -> None:
    """`change_template` varies a copy of the theme's need card kept beside the board."""
    (tmp_path / "theme-card.html").write_text((REPO / "templates/partials/need_card.html").read_text(encoding="utf-8"),
                                              encoding="utf-8")


def edit_need(root, rng):
    path = rng.choice(sorted((root / "content/needs").glob("*.md")))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: ", f"summary: Ändrad {rng.randint(0, 999)}. ", 1), encoding="utf-8")


def add_need(root, rng):
    slug = f"nytt-{rng.randint(0, 10**6)}"
    extra = f"deadline: 2026-12-{rng.randint(1, 28):02d}\ncategories: [{rng.choice(['Energi', 'Skola', 'Nytt'])}]"
    (root / "content/needs" / f"{slug}.md").write_text(need_file(title=f"Nytt {slug}", extra=extra), encoding="utf-8")


def delete_need(root, rng):
    linked = ("skolmaltider", "snorojning")  # a case and a body link point at these
    candidates = [p for p in sorted((root / "content/needs").glob("*.md")) if p.stem not in linked]
    rng.choice(candidates).unlink()


def rename_need(root, rng):
    path = rng.choice(sorted((root / "content/needs").glob("nytt-*.md")) or
                      [root / "content/needs/vattenlackor.md"])
    if path.exists():
        path.rename(path.with_name(f"omdopt-{rng.randint(0, 10**6)}.md"))


def change_template(root, rng):
    folder = root / "templates/partials"
    folder.mkdir(parents=True, exist_ok=True)
    theme_card = (root.parent / "theme-card.html").read_text(encoding="utf-8")
    (folder / "need_card.html").write_text(theme_card.replace("card__org", f"card__org v{rng.randint(0, 99)}"),
                                           encoding="utf-8")


def change_config(root, rng):
    toml = root / "callboard.toml"
    lines = [line for line in toml.read_text(encoding="utf-8").splitlines() if not line.startswith("title")]
    toml.write_text(f'title = "Tavla {rng.randint(0, 99)}"\n' + "\n".join(lines) + "\n", encoding="utf-8")


def add_static(root, rng):
    (root / "static/images").mkdir(parents=True, exist_ok=True)
    (root / "static/images" / f"bild-{rng.randint(0, 9)}.svg").write_text(f"<svg>{rng.random()}</svg>", encoding="utf-8")


def change_board_texts(root, rng):
    """The board's own catalog: a text on every page, and the label a body's tables get when loaded."""
    (root / "locale").mkdir(exist_ok=True)
    (root / "locale/sv.po").write_text(board_catalog(f"Vår ingress {rng.randint(0, 99)}.",
                                                     f"Tabell {rng.randint(0, 99)}"), encoding="utf-8")


def board_catalog(front_lead: str, table_region: str) -> str:
    return (f'msgid "front_lead"\nmsgstr "{front_lead}"\n\n'
            f'msgid "table_region"\nmsgstr "{table_region}"\n\nmsgid "skip_link"\nmsgstr "Till innehållet"\n')


def change_bundle(root, rng):
    """A need kept as a page bundle: made, or one of its documents changed, added or removed."""
    folder = root / "content/needs/buntad"
    if not folder.is_dir():
        folder.mkdir()
        (folder / "index.md").write_text(need_file("Buntad", extra=BUNDLE_DOCUMENTS), encoding="utf-8")
        (folder / "underlag.txt").write_text("Underlag", encoding="utf-8")
    elif rng.random() < 0.5 and (folder / "bilaga.txt").exists():
        (folder / "bilaga.txt").unlink()
    else:
        name = rng.choice(["underlag.txt", "bilaga.txt"])
        (folder / name).write_text(f"Version {rng.randint(0, 999)}", encoding="utf-8")


BUNDLE_DOCUMENTS = "documents:\n  - file: underlag.txt\n    title: Underlag\n"

CHANGES = [edit_need, edit_need, add_need, delete_need, rename_need, change_template, change_config, add_static,
           change_board_texts, change_bundle, change_bundle]


def retitle_need(root, rng):
    """What the dev server's page first handles: a need's title (shown on lists, terms, feeds...)."""
    path = rng.choice(sorted((root / "content/needs").glob("*.md")))
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: (.*)$", rf"title: \1 v{rng.randint(0, 999)}", text, count=1, flags=re.M),
                    encoding="utf-8")


def extend_body(root, rng):
    path = rng.choice(sorted((root / "content/needs").glob("*.md")))
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n\nEtt nytt stycke {rng.randint(0, 999)} med [en länk](https://example.org/).\n")


def recategorise_need(root, rng):
    """What the page first leaves to the whole build: a field the assemble step reads."""
    path = rng.choice(sorted((root / "content/needs").glob("*.md")))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", f"---\ntags: [Ny tagg {rng.randint(0, 3)}]\n", 1)
                    if "\ntags:" not in text else re.sub(r"^tags: .*$", "tags: [Omtaggad]", text, count=1, flags=re.M),
                    encoding="utf-8")

