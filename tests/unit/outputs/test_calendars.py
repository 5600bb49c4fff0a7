"""iCalendar files, parsed back with icalendar the way a calendar app reads them."""

from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar

from tests.support.boards import NOW


def events(site, path):
    calendar = Calendar.from_ical((site / path).read_bytes())
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_deadlines_calendar_has_every_open_or_upcoming_deadline(built_site):
    found = events(built_site, "deadlines.ics")
    assert set(found) == {"need-english-call@tavla.example.org", "need-smart-las@tavla.example.org",
                          "need-energi@tavla.example.org"}
    event = found["need-smart-las@tavla.example.org"]
    assert event.decoded("dtstart") == date(2026, 12, 3)
    assert event.decoded("dtend") == date(2026, 12, 4)
    assert str(event["summary"]) == "Sista dag: Smarta lås i hemtjänsten (Växjö kommun)"
    assert str(event["url"]) == "https://tavla.example.org/needs/smart-las/"
    assert event.decoded("dtstamp") == datetime(2026, 10, 1, tzinfo=timezone.utc)


def test_each_event_reminds_a_week_before(built_site):
    event = events(built_site, "deadlines.ics")["need-energi@tavla.example.org"]
    alarms = event.walk("VALARM")
    assert len(alarms) == 1 and str(alarms[0]["action"]) == "DISPLAY"
    assert alarms[0].decoded("trigger") == -timedelta(days=7)


def test_calendar_names_itself_for_subscribers(built_site):
    calendar = Calendar.from_ical((built_site / "deadlines.ics").read_bytes())
    assert str(calendar["x-wr-calname"]) == "Sista ansökningsdagar"
    assert str(calendar["version"]) == "2.0" and "callboard" in str(calendar["prodid"])


def test_category_and_need_calendars_share_the_uids(built_site):
    assert set(events(built_site, "categories/energi/deadlines.ics")) == {
        "need-english-call@tavla.example.org", "need-energi@tavla.example.org"}
    assert set(events(built_site, "needs/smart-las/smart-las.ics")) == {"need-smart-las@tavla.example.org"}
    assert not (built_site / "needs/vattenlackor/vattenlackor.ics").exists()  # closed: nothing ahead


def test_need_page_offers_add_to_calendar_only_with_a_deadline_ahead(built_site):
    smart = (built_site / "needs/smart-las/index.html").read_text(encoding="utf-8")
    assert 'href="/needs/smart-las/smart-las.ics" type="text/calendar" download>Lägg till i kalender</a>' in smart
    assert "Lägg till i kalender" not in (built_site / "needs/vattenlackor/index.html").read_text(encoding="utf-8")
    category = (built_site / "categories/energi/index.html").read_text(encoding="utf-8")
    assert 'type="text/calendar" href="/categories/energi/deadlines.ics"' in category
    assert "Lägg in sista ansökningsdagarna inom Energi i din kalender" in category


def test_uids_are_stable_across_builds_on_different_days(cli, fixture_board, tmp_path):
    found = []
    for now in (NOW, "2026-12-01"):
        out = tmp_path / now
        assert cli("build", "--root", fixture_board, "--out", out, "--now", now, "--no-search").code == 0
        found.append(events(out, "deadlines.ics"))
    first, later = found
    assert set(later) == set(first) - {"need-english-call@tavla.example.org"}  # it closed on 28 November
    assert later["need-smart-las@tavla.example.org"].to_ical() == first["need-smart-las@tavla.example.org"].to_ical()


def test_event_bytes_equal_an_event_built_the_ordinary_way(fixture_board):
    from icalendar import Alarm, Event

    from callboard.site.assemble import assemble
    from callboard.outputs.calendars import REMINDER, event_bytes, event_uid
    from callboard.i18n import Translator
    from callboard.build.pipeline import RunOptions, check

    result = check(RunOptions(root=fixture_board, now=date.fromisoformat(NOW), use_cache=False))
    board = assemble(result.content, result.config)
    t = Translator("sv")
    need = next(n for n in board.needs if n.slug == "smart-las")
    url = board.config.base_url + need.url
    event = Event()
    event.add("uid", event_uid(need, board))
    event.add("dtstamp", datetime(2026, 10, 1, tzinfo=timezone.utc))
    event.add("dtstart", need.deadline)
    event.add("dtend", need.deadline + timedelta(days=1))
    event.add("summary", t("calendar_event", title=need.title, organisation=need.organisation))
    event.add("description", f"{need.summary}\n\n{url}")
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", t("calendar_reminder", title=need.title))
    alarm.add("trigger", -REMINDER)
    event.add_component(alarm)
    assert event_bytes(need, board, t) == event.to_ical()
