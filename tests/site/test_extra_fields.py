"""A board's own fields (`extra:`) reach its own templates as `item.extra`, read-only."""

from tests.support.boards import NOW, need_file

EXTRA = "extra:\n  funder: Vinnova\n  partners: [Ikea, Volvo]\n  budget:\n    year: 2026\n"


def test_templates_read_the_boards_own_fields(make_board, cli, tmp_path):
    template = ('{% extends "item.html" %}{% set kind_label = "Behov" %}{% set organisation = item.organisation %}{% block facts %}<dd id="funder">{{ item.extra.funder }} '
                '{{ item.extra.partners | join("+") }} {{ item.extra["budget"].year }} '
                '{{ item.extra.missing is undefined }} {{ item.extra | length }}</dd>{% endblock %}')
    root = make_board({"content/needs/smarta-las.md": need_file("Smarta lås", EXTRA),
                       "templates/need.html": template})
    result = cli("build", "--root", root, "--now", NOW, "--out", tmp_path / "out", "--no-search", "--quiet")
    assert result.code == 0, result.err
    page = (tmp_path / "out/needs/smarta-las/index.html").read_text(encoding="utf-8")
    assert '<dd id="funder">Vinnova Ikea+Volvo 2026 True 3</dd>' in page


def test_a_template_cannot_change_them(make_board, cli, tmp_path):
    template = '{% extends "item.html" %}{% set kind_label = "Behov" %}{% set organisation = item.organisation %}{% block facts %}{{ item.extra.pairs.append(1) }}{% endblock %}'
    root = make_board({"content/needs/smarta-las.md": need_file("Smarta lås", EXTRA),
                       "templates/need.html": template})
    result = cli("build", "--root", root, "--now", NOW, "--out", tmp_path / "out", "--no-search", "--quiet")
    assert result.code == 1
