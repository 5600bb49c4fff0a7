"""A need page a start-up can act on: how to apply, who may, how it is judged, and the budget
as an amount, on the page and in the open data."""

from __future__ import annotations

import csv
import io
import json

import html5lib
import pytest

from tests.support.boards import BOARD_TOML, NOW, need_file

NS = "{http://www.w3.org/1999/xhtml}"
CALL = """\
deadline: 2026-12-20
apply: https://vaxjo.example.se/ansok
eligibility: [Små och medelstora företag, Forskargrupper]
criteria: [Nytta för brukarna, Pris]
budget: {amount: 2000000, currency: SEK}
"""


def build(cli, root, now=NOW):
    out = root.parent / f"{root.name}-{now}-site"
    result = cli("build", "--root", root, "--out", out, "--now", now, "--no-search")
    assert result.code == 0, result.err
    return out


def page_text(path) -> tuple[str, object]:
    tree = html5lib.parse(path.read_text(encoding="utf-8"))
    main = next(tree.iter(f"{NS}main"))
    return " ".join(" ".join(main.itertext()).split()), main


def links_to(main, href: str) -> list[str]:
    return [" ".join("".join(a.itertext()).split()) for a in main.iter(f"{NS}a") if a.get("href") == href]


def test_an_open_call_shows_how_to_apply_who_may_and_how_it_is_judged(cli, make_board):
    out = build(cli, make_board({"content/needs/behov.md": need_file(extra=CALL)}))
    text, main = page_text(out / "needs/behov/index.html")
    assert links_to(main, "https://vaxjo.example.se/ansok") == ["Gå till ansökan", "Gå till ansökan"]
    assert "Vem kan söka Små och medelstora företag Forskargrupper" in text
    assert "Så bedöms ansökningarna Nytta för brukarna Pris" in text
    assert "Så ansöker du" in text
    assert "Budget 2 000 000 kr" in text  # with no-break spaces, which split() reads as spaces
    assert text.index("Vem kan söka") < text.index("Text.") < text.index("Så ansöker du")


def test_an_e_mail_address_to_apply_to_is_a_mailto_link(cli, make_board):
    out = build(cli, make_board({"content/needs/behov.md": need_file(extra="apply: ansokan@vaxjo.example.se")}))
    text, main = page_text(out / "needs/behov/index.html")
    assert links_to(main, "mailto:ansokan@vaxjo.example.se") == ["Gå till ansökan", "ansokan@vaxjo.example.se",
                                                                 "Gå till ansökan"]
    assert "Skicka din ansökan med e-post till ansokan@vaxjo.example.se" in text


def test_a_closed_call_has_no_apply_button(cli, make_board):
    out = build(cli, make_board({"content/needs/behov.md": need_file(extra=CALL)}), now="2026-12-21")
    text, main = page_text(out / "needs/behov/index.html")
    assert links_to(main, "https://vaxjo.example.se/ansok") == []
    assert "Så ansöker du" not in text
    assert "Vem kan söka" in text  # still true of the call, and worth reading in the archive


def test_the_open_data_carries_the_amount_and_the_way_to_apply(cli, make_board):
    out = build(cli, make_board({"content/needs/behov.md": need_file(extra=CALL),
                                 "content/needs/text.md": need_file(title="Text", extra="budget: cirka 2 miljoner")}))
    needs = {n["slug"]: n for n in json.loads((out / "api/needs.json").read_text(encoding="utf-8"))["needs"]}
    assert needs["behov"]["budget"] == "2\u00a0000\u00a0000\u00a0kr"
    assert needs["behov"]["budget_amount"] == {"amount": 2000000, "currency": "SEK"}
    assert needs["behov"]["apply"] == "https://vaxjo.example.se/ansok"
    assert needs["behov"]["eligibility"] == ["Små och medelstora företag", "Forskargrupper"]
    assert needs["behov"]["criteria"] == ["Nytta för brukarna", "Pris"]
    assert (needs["text"]["budget"], needs["text"]["budget_amount"], needs["text"]["apply"]) == (
        "cirka 2 miljoner", None, None)
    rows = list(csv.DictReader(io.StringIO((out / "api/needs.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    behov = next(row for row in rows if row["Titel"] == "Ett behov")
    assert (behov["Budget"], behov["Belopp"], behov["Valuta"]) == ("2\u00a0000\u00a0000\u00a0kr", "2000000", "SEK")
    releases = {r["tender"]["id"]: r for r in json.loads((out / "api/ocds.json").read_text(encoding="utf-8"))["releases"]}
    assert releases["behov"]["tender"]["value"] == {"amount": 2000000, "currency": "SEK"}
    assert "value" not in releases["text"]["tender"]


TIMED = "deadline: 2027-01-15 12:00\napply: https://vaxjo.example.se/ansok\n"


def test_a_deadline_with_its_hour_is_shown_and_closes_the_call_at_that_hour(cli, make_board):
    root = make_board({"content/needs/behov.md": need_file(extra=TIMED)})
    before = build(cli, root, now="2027-01-15T11:59")
    text, main = page_text(before / "needs/behov/index.html")
    assert "Sista ansökningsdag 15 januari 2027 kl. 12.00" in text
    assert "Öppen Sista dag idag" in text
    assert [t.get("datetime") for t in main.iter(f"{NS}time") if "12.00" in "".join(t.itertext())][0] == \
        "2027-01-15T12:00+01:00"
    assert links_to(main, "https://vaxjo.example.se/ansok")
    after = build(cli, root, now="2027-01-15T12:00")
    text, main = page_text(after / "needs/behov/index.html")
    assert "Stängd" in text and "Stängde 15 januari 2027 kl. 12.00" in text
    assert links_to(main, "https://vaxjo.example.se/ansok") == []


def test_an_english_board_shows_the_hour_the_english_way(cli, make_board):
    root = make_board({"content/needs/behov.md": need_file(extra=TIMED + "lang: en")},
                      config=BOARD_TOML.replace('lang = "sv"', 'lang = "en"'))
    text, _ = page_text(build(cli, root) / "needs/behov/index.html")
    assert "15 January 2027 at 12:00" in text


def test_a_timed_deadline_is_a_timed_event_in_the_board_s_time_zone(cli, make_board):
    from icalendar import Calendar

    root = make_board({"content/needs/behov.md": need_file(extra=TIMED),
                       "content/needs/dag.md": need_file(title="Dag", extra="deadline: 2027-01-20")})
    out = build(cli, root)
    for path in ("needs/behov/behov.ics", "deadlines.ics"):
        files = list(out.glob("needs/behov/*.ics")) if path.startswith("needs") else [out / path]
        calendar = Calendar.from_ical(files[0].read_bytes())
        assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
        timed = next(e for e in calendar.walk("VEVENT") if "Ett behov" in str(e["summary"]))
        start = timed.decoded("dtstart")
        assert (start.isoformat(), str(start.tzinfo)) == ("2027-01-15T12:00:00+01:00", "Europe/Stockholm")
    daily = next(e for e in Calendar.from_ical((out / "deadlines.ics").read_bytes()).walk("VEVENT")
                 if "Dag" in str(e["summary"]))
    assert daily.decoded("dtstart").isoformat() == "2027-01-20"  # all day, as before


def test_a_board_of_all_day_deadlines_has_no_time_zone_in_its_calendar(cli, make_board):
    out = build(cli, make_board({"content/needs/dag.md": need_file(extra="deadline: 2027-01-20")}))
    assert b"VTIMEZONE" not in (out / "deadlines.ics").read_bytes()


def test_the_open_data_carries_the_hour(cli, make_board):
    out = build(cli, make_board({"content/needs/behov.md": need_file(extra=TIMED)}))
    need = json.loads((out / "api/needs.json").read_text(encoding="utf-8"))["needs"][0]
    assert (need["deadline"], need["deadline_time"]) == ("2027-01-15", "12:00")
    rows = list(csv.DictReader(io.StringIO((out / "api/needs.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0]["Sista ansökningsdag"] == "2027-01-15 12:00"
    release = json.loads((out / "api/ocds.json").read_text(encoding="utf-8"))["releases"][0]
    assert release["tender"]["tenderPeriod"]["endDate"] == "2027-01-15T12:00:00+01:00"


def test_now_takes_a_date_and_time_and_refuses_nonsense(cli, make_board, capsys):
    root = make_board({"content/needs/behov.md": need_file(extra=TIMED)})
    assert cli("check", "--root", root, "--now", "2027-01-15 12:00").code == 0
    with pytest.raises(SystemExit) as exit_info:
        cli("check", "--root", root, "--now", "2027-01-15 kl 12")
    assert exit_info.value.code == 2
    assert "is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)" in capsys.readouterr().err


QA = """\
deadline: 2026-12-20 12:00
questions_until: 2026-12-10
questions:
  - question: Får flera företag söka tillsammans?
    answer: "Ja, som **konsortium**. <script>alert(1)</script>"
    answered: 2026-11-10
  - question: Vem äger resultatet?
    answer: Leverantören.
    answered: 2026-11-20
meetings:
  - title: Informationsmöte på webben
    start: 2026-11-20 13:00
    end: 2026-11-20 14:30
    url: https://vaxjo.example.se/mote
    recording: https://vaxjo.example.se/inspelning
  - title: Visning av testmiljön
    start: 2026-12-02 09:00
    place: Stadshuset, Växjö
    register: https://vaxjo.example.se/anmalan
    register_by: 2026-11-30
journey:
  - stage: Marknadsdialog
    state: done
    date: 2026-10-01
  - stage: Annonsering
    state: current
    date: 2026-11-01
  - stage: Tilldelning
    state: planned
"""


def test_questions_meetings_and_journey_on_the_page(cli, make_board):
    out = build(cli, make_board({"content/needs/behov.md": need_file(extra=QA)}))
    html = (out / "needs/behov/index.html").read_text(encoding="utf-8")
    text, main = page_text(out / "needs/behov/index.html")
    assert "Frågor och svar Sista dag för frågor: 10 december 2026 Vem äger resultatet? Besvarad 20 november 2026" in text
    assert text.index("Vem äger resultatet?") < text.index("Får flera företag söka tillsammans?")  # newest first
    assert 'id="fraga-far-flera-foretag-soka-tillsammans"' in html
    assert "<strong>konsortium</strong>" in html and "<script>alert" not in html
    assert "Informationsmöte på webben 20 november 2026 kl. 13.00–14.30 · Mötet är genomfört" in text
    assert links_to(main, "https://vaxjo.example.se/inspelning") and not links_to(main, "https://vaxjo.example.se/mote")
    assert "Visning av testmiljön 2 december 2026 kl. 09.00 Plats: Stadshuset, Växjö Anmäl dig" in text
    assert ('Kommande informationsmöte</dt><dd><a href="#mote-2">Visning av testmiljön</a>, '
            '<time datetime="2026-12-02T09:00+01:00">2 december 2026 kl. 09.00</time>') in html
    stages = [" ".join("".join(li.itertext()).split()) for li in main.iter(f"{NS}li") if "journey__stage" in (li.get("class") or "")]
    assert stages == ["Marknadsdialog 1 oktober 2026 Klart", "Annonsering 1 november 2026 Pågår nu", "Tilldelning Planerat"]
    assert next(main.iter(f"{NS}ol")).tag and 'aria-current="step"' in html
    graph = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])["@graph"]
    faq = next(node for node in graph if node["@type"] == "FAQPage")
    assert [q["name"] for q in faq["mainEntity"]] == ["Vem äger resultatet?", "Får flera företag söka tillsammans?"]


def test_questions_and_meetings_in_the_calendar_and_the_open_data(cli, make_board):
    from icalendar import Calendar

    out = build(cli, make_board({"content/needs/behov.md": need_file(extra=QA)}))
    events = {str(e["summary"]): e for e in Calendar.from_ical((out / "deadlines.ics").read_bytes()).walk("VEVENT")}
    assert events["Sista dag för frågor: Ett behov"].decoded("dtstart").isoformat() == "2026-12-10"
    meeting = events["Visning av testmiljön: Ett behov"]
    assert meeting.decoded("dtstart").isoformat() == "2026-12-02T09:00:00+01:00"
    assert str(meeting["location"]) == "Stadshuset, Växjö"
    assert not any("Informationsmöte på webben" in summary for summary in events)  # held: not ahead any more
    need = json.loads((out / "api/needs.json").read_text(encoding="utf-8"))["needs"][0]
    assert need["questions_until"] == "2026-12-10" and need["questions"][0]["answered"] == "2026-11-20"
    assert need["meetings"][1]["start"] == "2026-12-02T09:00" and need["journey"][2] == {
        "stage": "Tilldelning", "state": "planned", "date": None}
    tender = json.loads((out / "api/ocds.json").read_text(encoding="utf-8"))["releases"][0]["tender"]
    assert tender["enquiryPeriod"] == {"endDate": "2026-12-10T23:59:59+01:00"} and tender["hasEnquiries"] is True
    assert [(m["title"], m["status"]) for m in tender["milestones"]] == [
        ("Marknadsdialog", "met"), ("Annonsering", "scheduled"), ("Tilldelning", "scheduled")]


def test_an_awarded_need_links_its_journey_to_its_case_story(cli, make_board):
    case = ("---\ntitle: Det gick bra\norganisation: Växjö kommun\nsummary: Så här.\ncompleted: 2026-11-01\n"
            "need: behov\n---\nText.\n")
    out = build(cli, make_board({"content/needs/behov.md": need_file(extra=QA + "status: awarded"),
                                 "content/cases/det-gick-bra.md": case}))
    text, main = page_text(out / "needs/behov/index.html")
    assert "Så gick det: Det gick bra" in text and links_to(main, "/cases/det-gick-bra/")
