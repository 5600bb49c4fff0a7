"""Atom feeds, read back the way a feed reader reads them (feedparser)."""

from datetime import datetime

import feedparser

from callboard.outputs.feeds import FEED_LENGTH
from tests.support.boards import NOW, need_file

BASE = "https://tavla.example.org/"


def parse(site, path):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_needs_feed_lists_every_published_need_newest_first(built_site):
    feed = parse(built_site, "feed.xml")
    ids = [entry.id for entry in feed.entries]
    assert ids == [BASE + f"needs/{slug}/" for slug in
                   ("english-call", "energi", "smart-las", "snorojning", "vattenlackor", "avbruten", "skolmaltider")]
    assert feed.feed.title == "Nya behov – Testtavlan"
    assert feed.feed.language == "sv"
    assert any(link.rel == "self" and link.href == BASE + "feed.xml" for link in feed.feed.links)


def test_an_entry_has_summary_organisation_deadline_and_link(built_site):
    entry = next(e for e in parse(built_site, "feed.xml").entries if e.id.endswith("/smart-las/"))
    assert entry.title == "Smarta lås i hemtjänsten"
    assert entry.author == "Växjö kommun"
    assert entry.link == BASE + "needs/smart-las/"
    assert "Hemtjänsten vill slippa fysiska nycklar" in entry.summary
    assert "Sista ansökningsdag: 3 december 2026" in entry.summary
    assert entry.published.startswith("2026-10-01")


def test_updated_comes_from_the_content_not_the_clock(built_site):
    feed = parse(built_site, "feed.xml")
    closed = next(e for e in feed.entries if e.id.endswith("/vattenlackor/"))
    assert closed.updated.startswith("2026-11-28")  # closed the day after its deadline, 27 November
    newest = max(datetime.fromisoformat(e.updated) for e in feed.entries)
    assert datetime.fromisoformat(feed.feed.updated) == newest
    assert feed.feed.updated.startswith("2026-11-28")


def test_category_organisation_and_case_feeds(built_site):
    energy = parse(built_site, "categories/energi/feed.xml")
    assert [e.id for e in energy.entries] == [BASE + "needs/english-call/", BASE + "needs/energi/"]
    assert energy.feed.title == "Nya behov inom Energi – Testtavlan"
    umea = parse(built_site, "organisations/umea-kommun/feed.xml")
    assert [e.id for e in umea.entries] == [BASE + "needs/snorojning/", BASE + "needs/vattenlackor/"]
    cases = parse(built_site, "cases/feed.xml")
    assert [e.id for e in cases.entries] == [BASE + "cases/matsvinn-halverat/"]
    assert cases.entries[0].author == "Region Testland"


def test_pages_link_their_feeds_and_say_what_they_are(built_site):
    category = (built_site / "categories/energi/index.html").read_text(encoding="utf-8")
    assert ('<link rel="alternate" type="application/atom+xml" href="/categories/energi/feed.xml" '
            'title="Prenumerera på nya behov inom Energi">') in category
    assert '>Prenumerera på nya behov inom Energi</a>' in category
    front = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml" href="/feed.xml"' in front
    cases = (built_site / "cases/index.html").read_text(encoding="utf-8")
    assert 'href="/cases/feed.xml"' in cases and "Prenumerera på nya goda exempel" in cases


def test_a_feed_holds_the_newest_entries_only(cli, make_board, tmp_path):
    files = {f"content/needs/n{i:03d}.md": need_file(title=f"Behov {i:03d}", extra=f"published: 2026-{1 + i // 28:02d}-{1 + i % 28:02d}")
             for i in range(FEED_LENGTH + 5)}
    out = tmp_path / "out"
    assert cli("build", "--root", make_board(files), "--out", out, "--now", NOW, "--no-search").code == 0
    feed = parse(out, "feed.xml")
    assert len(feed.entries) == FEED_LENGTH
    assert feed.entries[0].title == f"Behov {FEED_LENGTH + 4:03d}" and feed.entries[-1].title == "Behov 005"
