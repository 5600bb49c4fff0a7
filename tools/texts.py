#!/usr/bin/env python3
"""Keeps callboard's message catalogs in step with the code, and fills in new texts.

    python tools/texts.py                    extract the keys the code uses into callboard.pot and
                                             update every catalog (the README's two pybabel commands)
    python tools/texts.py TEXTS.toml         the same, then give each key in TEXTS.toml its texts

TEXTS.toml names each key once, with one text per language (a list of forms for a text with a
count, in the catalog's plural order):

    [field_must_be_text]
    sv = "%(name)s ska vara text, inte %(value)s"
    en = "%(name)s must be text, not %(value)s"

A key the file names that the code does not use is an error: it would be thrown away by the next
update. Texts already in a catalog are replaced, so the file can also reword existing texts.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
I18N = REPO / "callboard" / "i18n"
POT = I18N / "callboard.pot"


def pybabel(*args: str) -> None:
    run = subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=REPO,
                         capture_output=True, text=True)
    warnings = [line for line in run.stderr.splitlines() if "warning" in line]
    if run.returncode or warnings:
        print("\n".join(warnings) or run.stderr, file=sys.stderr)
    if run.returncode:
        raise SystemExit(run.returncode)


def update_catalogs() -> None:
    pybabel("extract", "-F", "callboard/i18n/babel.cfg", "--sort-output", "--add-location=file",
            "--project=callboard", "--copyright-holder=callboard's authors", "-o", str(POT.relative_to(REPO)), ".")
    pybabel("update", "-i", str(POT.relative_to(REPO)), "-d", "callboard/i18n/locale", "-D", "callboard",
            "--no-fuzzy-matching", "--ignore-obsolete")


def fill_in(texts: dict[str, dict[str, str | list[str]]]) -> list[str]:
    """Write the texts into the catalogs; the problems found, if any."""
    problems = []
    for po_path in sorted(I18N.glob("locale/*/LC_MESSAGES/callboard.po")):
        lang = po_path.parent.parent.name
        with po_path.open("rb") as file:
            catalog = read_po(file, locale=lang)
        for key, forms in texts.items():
            message = catalog.get(key)
            if message is None:
                problems.append(f"{key}: the code does not use this key (is it written out in a say()/t() call?)")
                continue
            if lang not in forms:
                problems.append(f"{key}: no text in {lang}")
                continue
            text = forms[lang]
            message.string = tuple(text) if message.pluralizable else text
            message.flags.discard("fuzzy")  # a text given here is meant: .mo files leave fuzzy ones out
        with po_path.open("wb") as file:
            write_po(file, catalog, width=76, sort_output=True, include_previous=False)
    return sorted(set(problems))


def main(argv: list[str]) -> int:
    update_catalogs()
    if not argv:
        return 0
    with open(argv[0], "rb") as file:
        problems = fill_in(tomllib.load(file))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
