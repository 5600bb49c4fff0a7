"""callboard's catalogs: complete in every language, CLDR's plural rules, every key used and
every used key present, the same placeholders in every language, and the .pot up to date.

The checks are functions of their own, each also run on a catalog made wrong on purpose."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import zipfile
from gettext import c2py
from io import BytesIO
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from callboard.i18n import LANGUAGES
from callboard.i18n.catalogs import catalog_path, message_key
from tests.support.boards import REPO

I18N = REPO / "callboard" / "i18n"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalog(lang: str) -> Catalog:
    with catalog_path(lang).open("rb") as file:
        return read_po(file, locale=lang)


def extracted(root: Path = REPO) -> Catalog:
    """What `pybabel extract -F callboard/i18n/babel.cfg .` finds, as a catalog."""
    with (I18N / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    found = Catalog()
    for path, line, key, comments, context in extract_from_dir(str(root), method_map, options_map,
                                                                keywords=DEFAULT_KEYWORDS):
        found.add(key, None, [(path, line)], auto_comments=comments, context=context)
    return found


def shapes(messages: Catalog) -> dict[str, str | None]:
    """Key -> its msgid_plural (None for a text without a count)."""
    return {message_key(m): m.id[1] if m.pluralizable else None for m in messages if m.id}


def untranslated(messages: Catalog) -> list[str]:
    """Keys with an empty text, or an empty or missing plural form, or marked fuzzy (a compiled
    catalog leaves a fuzzy text out, so the key would be missing when shown)."""
    return [message_key(m) for m in messages if m.id and (m.fuzzy or (
        not all(m.string) or len(m.string) != messages.num_plurals if m.pluralizable else not m.string))]


def key_differences(used: dict[str, str | None], present: dict[str, str | None]) -> dict[str, list[str]]:
    """Keys used but missing, present but unused, and counted in one and not the other."""
    return {"missing": sorted(set(used) - set(present)), "unused": sorted(set(present) - set(used)),
            "shape": sorted(k for k in set(used) & set(present) if used[k] != present[k])}


def placeholders(messages: Catalog) -> dict[str, set[str]]:
    return {message_key(m): {name for form in (m.string if m.pluralizable else (m.string,))
                             for name in PLACEHOLDER.findall(form)} for m in messages if m.id}


def unformattable(messages: Catalog) -> list[str]:
    """Keys with a % that is neither a placeholder %(name)s nor an escaped %%."""
    return [message_key(m) for m in messages if m.id and any(
        "%" in re.sub(r"%%|%\(\w+\)s", "", form) for form in (m.string if m.pluralizable else (m.string,)))]


def plural_mismatches(messages: Catalog, lang: str) -> list[int]:
    """The counts (0 to 200) for which the catalog's Plural-Forms picks another form than CLDR's
    rule for the language, the forms numbered in CLDR's order (zero, one, two, few, many, other)."""
    rule = Locale.parse(lang).plural_form
    tags = [tag for tag in ("zero", "one", "two", "few", "many", "other") if tag in rule.tags | {"other"}]
    catalog_form = c2py(messages.plural_expr)
    return [n for n in range(201) if catalog_form(n) != tags.index(rule(n))]


@pytest.fixture(scope="module")
def used() -> Catalog:
    return extracted()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_has_a_text_in_every_form(lang):
    assert untranslated(catalog(lang)) == []


def test_an_empty_text_or_a_missing_plural_form_is_caught():
    messages = Catalog(locale="sv")
    messages.add("done", "Klart")
    messages.add("empty", "")
    messages.add(("count", "count_plural"), ("%(n)s sak", ""))
    messages.add(("short", "short_plural"), ("%(n)s sak",))
    messages.add("unsure", "Kanske", flags=["fuzzy"])
    assert untranslated(messages) == ["empty", "count", "short", "unsure"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_plural_rule_is_cldrs(lang):
    messages = catalog(lang)
    assert messages.num_plurals == len(Locale.parse(lang).plural_form.tags | {"other"})
    assert plural_mismatches(messages, lang) == []
    assert dict(messages.mime_headers)["Language"] == lang


def test_a_plural_rule_other_than_cldrs_is_caught():
    header = 'msgid ""\nmsgstr ""\n"Language: sv\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
    messages = read_po(BytesIO(header.encode()), locale="sv")  # French's rule, not Swedish's
    assert plural_mismatches(messages, "sv") == [0]


def test_every_language_callboard_has_is_a_catalog():
    assert set(LANGUAGES) >= {"sv", "en"}
    assert all(catalog_path(lang).is_file() for lang in LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalog_has_every_key_the_code_uses_and_no_other(used, lang):
    assert key_differences(shapes(used), shapes(catalog(lang))) == {"missing": [], "unused": [], "shape": []}


def test_a_missing_an_unused_and_a_miscounted_key_are_caught():
    used = {"home": None, "new_key": None, "closes_in": "closes_in_plural"}
    present = {"home": None, "old_key": None, "closes_in": None}
    assert key_differences(used, present) == {"missing": ["new_key"], "unused": ["old_key"], "shape": ["closes_in"]}


def literal_keys(path: Path) -> set[str]:
    """The keys of every t("key"), t.ngettext("key", ...), N_("key"), say("key") and say_n("key", ...) in a module, read with
    Python's own parser: what extraction must see."""
    keys = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in ("t", "ngettext", "N_", "say", "say_n") and isinstance(node.args[0].value, str):
                keys.add(node.args[0].value)
    return keys


def test_extraction_sees_every_key_the_python_code_names(used):
    """pybabel cannot see into an f-string (before Python 3.12): a t("key") written inside one
    would be used but neither extracted nor checked. Keep such calls outside f-strings."""
    seen = set(shapes(used))
    hidden = {path.relative_to(REPO).as_posix(): sorted(literal_keys(path) - seen)
              for path in sorted((REPO / "callboard").rglob("*.py"))}
    assert {path: keys for path, keys in hidden.items() if keys} == {}


def test_a_message_named_with_say_or_say_n_must_have_its_texts(tmp_path):
    """Extraction sees a diagnostic's key as it sees a template's: a message without a text in
    the catalogs fails the test above."""
    module = tmp_path / "callboard" / "check.py"
    module.parent.mkdir()
    module.write_text('report(1, say("brand_new_problem", name="title"))\n'
                      'notes.append(say_n("brand_new_count", "brand_new_count_plural", 3, page="a"))\n',
                      encoding="utf-8")
    assert shapes(extracted(tmp_path)) == {"brand_new_problem": None, "brand_new_count": "brand_new_count_plural"}
    differences = key_differences(shapes(extracted(tmp_path)), shapes(catalog("sv")))
    assert differences["missing"] == ["brand_new_count", "brand_new_problem"]


def test_a_key_hidden_in_an_f_string_is_caught(tmp_path):
    module = tmp_path / "module.py"
    module.write_text('label = f"{t(\'deadline\')}: {day}"\n', encoding="utf-8")
    assert literal_keys(module) == {"deadline"}


def test_every_language_gives_the_same_placeholders():
    found = {lang: placeholders(catalog(lang)) for lang in LANGUAGES}
    first, *others = LANGUAGES
    for lang in others:
        assert {k: v for k, v in found[lang].items() if v != found[first][k]} == {}, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_can_be_filled_in(lang):
    assert unformattable(catalog(lang)) == []


def test_a_lone_percent_sign_is_caught():
    messages = Catalog(locale="sv")
    messages.add("share", "100 % av behoven")
    messages.add("escaped", "100 %% av %(name)s")
    assert unformattable(messages) == ["share"]


def test_the_template_is_up_to_date_with_the_code(used):
    """callboard.pot is what extraction gives now: regenerate it (README, "Translations") after
    adding, removing or moving a key."""
    with (I18N / "callboard.pot").open("rb") as file:
        template = read_po(file)
    where = lambda messages: {message_key(m): sorted({path for path, _ in m.locations})  # noqa: E731
                              for m in messages if m.id}
    assert shapes(template) == shapes(used)
    assert where(template) == where(used)


def test_the_wheel_carries_every_catalog(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(REPO)], check=True)
    (wheel,) = tmp_path.glob("callboard-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {catalog_path(lang).relative_to(REPO).as_posix() for lang in LANGUAGES} <= names
