"""`callboard init`: a complete board repository in a new folder, ready to check, build and publish.

The files are package data in `boardtemplate/`. What an editor reads (callboard.toml's comments,
the README, the example items) is one file per language, which a translator can read as a whole
document; the rest (workflows, Dependabot, pre-commit, .gitignore) is the same for every board.
The example items are made the way `callboard new` makes a file, with every optional field as a
YAML comment, and then filled in with the example's values: a new board shows its editors what a
finished file looks like, and it passes `callboard check --strict` as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path, PurePosixPath
from string import Template

import yaml

from callboard import __version__
from callboard.config import check_base_url, normalise_base_url
from callboard.content.models import Kind
from callboard.content.scaffold import NewItem, quoted, render_item
from callboard.core.diagnostics import MessageError, say
from callboard.i18n import LANGUAGES

TEMPLATES = files("callboard.content") / "boardtemplate"
INIT_LANGUAGES = tuple(lang for lang in LANGUAGES if TEMPLATES.joinpath(f"callboard.{lang}.toml").is_file())
"""The interface languages that also have the files `init` writes per language (callboard.toml,
README, examples): a new catalog makes a language usable, these files make it one to start in."""
BOARD_TIMEZONE = "Europe/Stockholm"
"""The time zone that callboard.toml starts with; `init` dates the examples in it."""
DEFAULT_NAMES = {"sv": ("Innovationstavlan", "Exempelkommunen"), "en": ("Innovation board", "Example Council")}
"""Title and organisation when none is given and nobody can be asked (not in a terminal)."""
SHARED_FILES = {
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/dependabot.yml": "dependabot.yml",
    ".github/workflows/check.yml": "workflows/check.yml",
    ".github/workflows/publish.yml": "workflows/publish.yml",
    "requirements.txt": "requirements.txt",
    "static/images/klassrum.svg": "static/images/klassrum.svg",
}
"""Board path -> template path, for the files every board gets as they are (but for the version)."""
LANGUAGE_FILES = {"callboard.toml": "callboard.{lang}.toml", "README.md": "README.{lang}.md"}
EXAMPLES = (Kind.TESTBED, Kind.NEED, Kind.CASE)
"""The testbed first: the example need names it."""
DEADLINE_AFTER = timedelta(days=60)
IGNORED_IN_EMPTY_FOLDER = frozenset({".git"})
"""A freshly cloned, empty repository is an empty folder for `init`."""


class InitError(MessageError):
    """A board `init` must not write: the folder is not empty, or a setting is unusable."""


@dataclass(frozen=True)
class BoardSettings:
    """What a new board is made from; everything else in it is an example to replace."""

    title: str
    organisation: str
    today: date
    lang: str = "sv"
    base_url: str = ""
    version: str = __version__
    """The callboard version that the board's workflows install (requirements.txt)."""


@dataclass(frozen=True)
class InitResult:
    written: tuple[str, ...]
    kept: tuple[str, ...]
    """Files that were there already and were left as they were (only with force)."""


def write_board(folder: Path, settings: BoardSettings, force: bool = False) -> InitResult:
    """Write every file of a new board into `folder`; never overwrite one.

    An existing folder must be empty (but for `.git`) unless `force` is given; then the board's
    files go in beside what is there, and a file that already exists is kept as it is."""
    files_to_write = board_files(settings)
    if folder.exists() and not folder.is_dir():
        raise InitError(say("init_folder_is_file", folder=str(folder)))
    if not force and folder.is_dir() and any(p.name not in IGNORED_IN_EMPTY_FOLDER for p in folder.iterdir()):
        raise InitError(say("init_folder_not_empty", folder=str(folder)))
    written, kept = [], []
    for relative, text in files_to_write.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as file:
                file.write(text)
        except FileExistsError:
            kept.append(relative)
        else:
            written.append(relative)
    return InitResult(tuple(written), tuple(kept))


def board_files(settings: BoardSettings) -> dict[str, str]:
    """Board path -> text of every file of the new board."""
    check_settings(settings)
    toml_values = {"title": quoted(settings.title), "organisation": quoted(settings.organisation),
                   "today": settings.today.isoformat(), "base_url_line": base_url_line(settings)}
    values = {"callboard.toml": toml_values, "README.md": {"title": settings.title},
              "requirements.txt": {"version": settings.version}}
    templates = {**SHARED_FILES, **{path: name.format(lang=settings.lang) for path, name in LANGUAGE_FILES.items()}}
    board = {}
    for path, name in templates.items():
        text = template_text(name)
        board[path] = Template(text).substitute(values[path]) if path in values else text
    board.update(example_items(settings))
    return dict(sorted(board.items()))


def check_settings(settings: BoardSettings) -> None:
    if settings.lang not in INIT_LANGUAGES:
        raise InitError(say("init_language_unsupported", lang=settings.lang, known=", ".join(INIT_LANGUAGES)))
    if settings.base_url and (problem := check_base_url(settings.base_url)):
        raise InitError(problem)
    for text, empty, control in ((settings.title, say("init_title_empty"), say("init_title_control_character")),
                                 (settings.organisation, say("init_organisation_empty"),
                                  say("init_organisation_control_character"))):
        if not text.strip():
            raise InitError(empty)
        if any(unicodedata.category(char) == "Cc" for char in text):
            raise InitError(control)


def base_url_line(settings: BoardSettings) -> str:
    """Set when known; otherwise an example to fill in, and `check` says what is left out."""
    if settings.base_url:
        return f"base_url = {quoted(normalise_base_url(settings.base_url))}"
    return '# base_url = "https://org.github.io/board/"'


def template_text(name: str) -> str:
    return TEMPLATES.joinpath(*PurePosixPath(name).parts).read_text(encoding="utf-8")


def example_items(settings: BoardSettings) -> dict[str, str]:
    """One testbed, need and case story, each as `callboard new` writes it, filled in."""
    items: dict[str, str] = {}
    slugs: dict[Kind, str] = {}
    for kind in EXAMPLES:
        values, body = read_example(kind, settings.lang)
        item = NewItem(kind=kind, title=str(values.pop("title")), today=settings.today, lang=settings.lang,
                       organisation=settings.organisation)
        if kind is Kind.NEED:
            values["deadline"] = settings.today + DEADLINE_AFTER
            values["testbeds"] = [slugs[Kind.TESTBED]]
        slugs[kind] = item.slug
        items[item.path(Path()).as_posix()] = fill_in(render_item(item), values, body)
    return items


def read_example(kind: Kind, lang: str) -> tuple[dict[str, object], str]:
    """The example's field values (nested ones as 'contact.name') and its Markdown body."""
    _, front, body = template_text(f"{kind.value}.{lang}.md").split("---\n", 2)
    values: dict[str, object] = {}
    for key, value in yaml.safe_load(front).items():
        if isinstance(value, dict):
            values.update({f"{key}.{sub}": subvalue for sub, subvalue in value.items()})
        else:
            values[key] = value
    return values, body


_FIELD_LINE = re.compile(r"^(?P<indent> *)(?:# )?(?P<key>[a-z_]+):(?: (?P<value>.*?))?(?P<comment>  # .*)?$")
"""A field in a file from `callboard new`: `key: value`, or `# key: value  # what it is` when optional."""


def fill_in(new_file: str, values: dict[str, object], body: str) -> str:
    """`new_file` with each field in `values` set (and uncommented, if it was optional) and `body`
    in place of the outline. A value for a field that `new` does not write is a mistake here."""
    lines = new_file.split("\n")
    end = lines.index("---", 1)
    unused, parent, front = dict(values), "", []
    for line in lines[1:end]:
        if match := _FIELD_LINE.match(line):
            key = match["key"] if not match["indent"] else f"{parent}.{match['key']}"
            parent = parent if match["indent"] else match["key"]
            if key in unused:
                line = f"{match['indent']}{match['key']}: {yaml_value(unused.pop(key))}{match['comment'] or ''}"
        front.append(line)
    if unused:
        raise ValueError(f"callboard new writes no field {', '.join(sorted(unused))}")
    return "\n".join(["---", *front, "---", ""]) + body


def yaml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(quoted(str(v)) for v in value) + "]"
    return quoted(str(value))

