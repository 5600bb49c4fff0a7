"""site/sharing.py: needs that several organisations share, and the same need elsewhere."""

import json
import os
import subprocess
import sys
from datetime import date

from callboard.build.pipeline import RunOptions, build, check
from callboard.site.sharing import share_needs, shared_groups
from tests.support.boards import NOW, REPO, need_file
from tests.support.messages import english
from tests.unit.site.test_assemble import need


def test_a_need_shared_with_others_lists_every_organisation_once_its_own_first():
    shared = need(slug="a", organisation="Växjö kommun", shared_with=("Region Kronoberg", "växjö kommun", "Alvesta kommun"))
    alone = need(slug="b", organisation="Umeå kommun")
    sharing = share_needs([shared, alone])
    assert set(sharing) == {"a"}  # nothing shared, no entry
    assert sharing["a"].organisations == ("Växjö kommun", "Region Kronoberg", "Alvesta kommun")
    assert sharing["a"].count == 3 and sharing["a"].others(shared) == ()


def test_same_as_joins_needs_in_either_direction_and_keeps_addresses_elsewhere():
    first = need(slug="a", organisation="Region Västerbotten", same_as=("b",))
    second = need(slug="b", organisation="Norrlandsfastigheter AB",
                  same_as=("c", "https://umea.example.se/needs/effekt/"))
    third = need(slug="c", organisation="Umeå kommun")
    sharing = share_needs([first, second, third])
    group = sharing["a"]
    assert sharing["b"] is group and sharing["c"] is group
    assert group.organisations_for(third) == ("Umeå kommun", "Region Västerbotten", "Norrlandsfastigheter AB")
    assert [n.slug for n in group.others(second)] == ["a", "c"]
    assert group.elsewhere == ("https://umea.example.se/needs/effekt/",)


def test_a_need_the_same_as_one_elsewhere_is_shared_even_with_one_organisation():
    sharing = share_needs([need(slug="a", same_as=("https://annan.example.se/needs/x/",))])
    assert sharing["a"].count == 1 and shared_groups(sharing) == ()  # not on the list of shared needs


def test_groups_are_listed_most_organisations_first_then_by_title():
    needs = [need(slug="b", title="Bättre luft", shared_with=("X",)),
             need(slug="a", title="Allt om snö", shared_with=("X",)),
             need(slug="c", title="Ö", shared_with=("X", "Y", "Z"))]
    assert [g.needs[0].slug for g in shared_groups(share_needs(needs))] == ["c", "a", "b"]


def test_the_order_does_not_depend_on_the_hash_seed():
    script = ("from tests.unit.site.test_sharing import seeded_order; print(seeded_order())")
    outputs = {subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1 and outputs.pop().strip()


def seeded_order() -> str:
    needs = [need(slug=f"n{i}", title=f"T{i % 3}", organisation=f"O{i}", shared_with=(f"O{(i + 1) % 5}", "Gemensam"))
             for i in range(12)]
    groups = shared_groups(share_needs(needs))
    return ";".join(",".join(g.organisations) + ":" + g.needs[0].slug for g in groups)


SHARED = """shared_with: [Region Kronoberg, Alvesta kommun]
same_as: [annat-behov, https://annan.example.se/needs/las/]"""


def test_a_shared_need_shows_its_organisations_and_joins_the_lists_and_open_data(make_board, tmp_path):
    root = make_board({"content/needs/smarta-las.md": need_file("Smarta lås", SHARED),
                       "content/needs/annat-behov.md": need_file("Nyckelfria besök", "organisation: Alvesta kommun"),
                       "content/needs/ensamt.md": need_file("Ett eget behov")})
    out = tmp_path / "site"
    result = build(RunOptions(root=root, now=date.fromisoformat(NOW)), out)
    assert result.ok, [english(d) for d in result.diagnostics.items]
    page = (out / "needs/smarta-las/index.html").read_text(encoding="utf-8")
    assert "Det här behovet delas av 3 organisationer" in page
    assert '<a href="/needs/annat-behov/">Nyckelfria besök</a>' in page
    assert 'href="https://annan.example.se/needs/las/" rel="noopener noreferrer"' in page
    assert "delas av" not in (out / "needs/ensamt/index.html").read_text(encoding="utf-8")
    listing = (out / "gemensamma-behov/index.html").read_text(encoding="utf-8")
    assert "1 gemensamt behov" in listing and "Region Kronoberg" in listing and "Ett eget behov" not in listing
    records = {r["slug"]: r for r in json.loads((out / "api/needs.json").read_text(encoding="utf-8"))["needs"]}
    assert records["smarta-las"]["organisations"] == ["Växjö kommun", "Region Kronoberg", "Alvesta kommun"]
    assert records["annat-behov"]["organisations_count"] == 3 and records["ensamt"]["organisations_count"] == 1
    index = json.loads((out / "needs/index.json").read_text(encoding="utf-8"))
    count = index["fields"].index("organisations_count")
    assert sorted(row[count] for row in index["needs"]) == [1, 3, 3]


def test_a_same_as_that_names_no_need_is_an_error_at_its_line(make_board):
    root = make_board({"content/needs/smarta-las.md": need_file("Smarta lås", "same_as: [annat-behv]"),
                       "content/needs/annat-behov.md": need_file("Nyckelfria besök"),
                       "content/needs/fel.md": need_file("Fel", "same_as: [ftp://example.org/x]")})
    problems = check(RunOptions(root=root, now=date.fromisoformat(NOW))).diagnostics.sorted()
    assert [(d.path, d.line, english(d)) for d in problems] == [
        ("content/needs/fel.md", 9, "same_as 'ftp://example.org/x' is neither a need's file name (without .md) "
                                    "nor a web address (https://...)"),
        ("content/needs/smarta-las.md", 9, "need 'annat-behv' does not exist in content/needs/; did you mean 'annat-behov'?"),
    ]
