"""The board in numbers: what funders and municipalities ask a hub, answered on every build.

`board_figures(board, t)` counts the published needs (previews shown by --drafts are left out)
by year and quarter, category, organisation, procurement type and how their calls ended, the
median days from publishing to the deadline and from the deadline to the award, the needs that
led to a case story, and the needs that point at each testbed. Each count that the page draws
is a `Chart`: its bars, and a sentence in plain language that says what the chart shows, for
those who do not see it and for those who read faster than they look. The statistics page,
the home page's key figures and `api/statistics.json` all read the same `Figures`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median

from callboard.content.labels import PROCUREMENT_LABEL, STATUS_LABEL
from callboard.content.models import Need, Status
from callboard.core.text import collation_key
from callboard.i18n import N_, Translator
from callboard.site.assemble import Board

MOST_BARS = 12
"""Organisations and categories beyond the twelve largest are summed up as 'others'."""
ENDED = (Status.AWARDED, Status.CLOSED, Status.CANCELLED)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    key: str = ""
    """A stable name for the open data (a year, a status, a procurement type, a slug)."""


@dataclass(frozen=True)
class Chart:
    """One bar chart: its id (also its key in api/statistics.json and its SVG file's name), title,
    summary and bars. `WIDTH` and `height` are the drawing's size in CSS pixels, which the SVG
    file and the page's `<img>` both state: a row of `ROW` pixels per bar, its label above it."""

    id: str
    title: str
    summary: str
    bars: tuple[Bar, ...]
    label_heading: str
    value_heading: str

    ROW = 46
    WIDTH = 360

    @property
    def largest(self) -> int:
        return max((bar.value for bar in self.bars), default=0)

    @property
    def height(self) -> int:
        return len(self.bars) * self.ROW


@dataclass(frozen=True)
class Figures:
    open_now: int
    published: int
    with_case: int
    """Needs that led to a case story."""
    days_to_deadline: float | None
    """Median days from publishing to the deadline, over needs with a deadline."""
    days_to_award: float | None
    """Median days from the deadline to the award, over awarded needs with both dates."""
    testbeds: int
    charts: tuple[Chart, ...]

    @property
    def key_figures(self) -> tuple[int, int, int]:
        """What the home page shows: open needs now, needs published, needs that led to a case story."""
        return self.open_now, self.published, self.with_case


def board_figures(board: Board, t: Translator) -> Figures:
    needs = [need for need in board.needs if not need.preview]
    to_deadline = [(n.deadline - n.published).days for n in needs if n.deadline]
    to_award = [(n.awarded - n.deadline).days for n in needs if n.awarded and n.deadline]
    charts = (
        _per_year(needs, t), _per_quarter(needs, t), _ended(needs, t),
        _counted("categories", t("stats_categories"), t("category"), t,
                 Counter(name for n in needs for name in n.categories)),
        _counted("organisations", t("stats_organisations"), t("organisation"), t,
                 Counter(n.organisation for n in needs)),
        _procurement(needs, t), _testbeds(board, t),
    )
    return Figures(
        open_now=sum(1 for n in needs if n.status is Status.OPEN), published=len(needs),
        with_case=sum(1 for n in needs if board.cases_by_need.get(n.slug)),
        days_to_deadline=_median(to_deadline), days_to_award=_median(to_award),
        testbeds=len([tb for tb in board.testbeds if not tb.preview]), charts=charts)


def _median(values: list[int]) -> float | None:
    return float(median(values)) if values else None


def _per_year(needs: list[Need], t: Translator) -> Chart:
    counts = Counter(n.published.year for n in needs)
    bars = tuple(Bar(str(year), counts[year], str(year)) for year in sorted(counts))
    if not bars:
        summary = t("stats_none")
    elif len(bars) == 1:
        summary = t("stats_year_one", count=bars[0].value, year=bars[0].label)
    else:
        first, last = bars[0], bars[-1]
        key = ("stats_year_up" if last.value > first.value else
               "stats_year_down" if last.value < first.value else "stats_year_same")
        summary = t(key, first=first.value, first_year=first.label, last=last.value, last_year=last.label)
    return Chart("per_year", t("stats_per_year"), summary, bars, t("stats_year"), t("stats_needs"))


def _per_quarter(needs: list[Need], t: Translator) -> Chart:
    counts = Counter((n.published.year, (n.published.month - 1) // 3 + 1) for n in needs)
    bars = tuple(Bar(t("stats_quarter", year=year, quarter=quarter), counts[(year, quarter)], f"{year}-Q{quarter}")
                 for year, quarter in sorted(counts))
    busiest = max(bars, key=lambda bar: bar.value, default=None)
    summary = t("stats_quarter_most", quarter=busiest.label, count=busiest.value) if busiest else t("stats_none")
    return Chart("per_quarter", t("stats_per_quarter"), summary, bars, t("stats_quarter_heading"), t("stats_needs"))


def _ended(needs: list[Need], t: Translator) -> Chart:
    counts = Counter(n.status for n in needs if n.status in ENDED)
    bars = tuple(Bar(t(STATUS_LABEL[status]), counts[status], status.value) for status in ENDED)
    total = sum(counts.values())
    summary = (t("stats_ended_summary", total=total, awarded=counts[Status.AWARDED], closed=counts[Status.CLOSED],
                 cancelled=counts[Status.CANCELLED]) if total else t("stats_none_ended"))
    return Chart("ended", t("stats_ended"), summary, bars, t("stats_outcome"), t("stats_needs"))


def _procurement(needs: list[Need], t: Translator) -> Chart:
    counts = Counter(n.procurement or "" for n in needs)
    bars = tuple(Bar(t(PROCUREMENT_LABEL[kind]) if kind else t("stats_not_stated"), counts[kind], kind or "none")
                 for kind in (*PROCUREMENT_LABEL, "") if counts[kind])
    return Chart("procurement", t("stats_procurement"), _most(bars, t), _sorted(bars), t("procurement"),
                 t("stats_needs"))


def _testbeds(board: Board, t: Translator) -> Chart:
    bars = tuple(Bar(tb.title, sum(1 for n in board.needs_by_testbed.get(tb.slug, ()) if not n.preview), tb.slug)
                 for tb in board.testbeds if not tb.preview)
    return Chart("testbeds", t("stats_testbeds"), _most(bars, t), _sorted(bars), t("stats_testbed"), t("stats_needs"))


def _counted(id: str, title: str, heading: str, t: Translator, counts: Counter) -> Chart:
    bars = _sorted(tuple(Bar(name, count, name) for name, count in counts.items()))
    if len(bars) > MOST_BARS:
        rest = sum(bar.value for bar in bars[MOST_BARS - 1:])
        bars = (*bars[:MOST_BARS - 1], Bar(t("stats_others", count=len(bars) - MOST_BARS + 1), rest, "others"))
    return Chart(id, title, _most(bars, t), bars, heading, t("stats_needs"))


def _sorted(bars: tuple[Bar, ...]) -> tuple[Bar, ...]:
    return tuple(sorted(bars, key=lambda bar: (-bar.value, collation_key(bar.label))))


def _most(bars: tuple[Bar, ...], t: Translator) -> str:
    """'Most needs are in Energi (8), then Skola (5).'"""
    ranked = [bar for bar in _sorted(bars) if bar.value]
    if not ranked:
        return t("stats_none")
    if len(ranked) == 1:
        return t("stats_most_one", name=ranked[0].label, count=ranked[0].value)
    return t("stats_most", name=ranked[0].label, count=ranked[0].value, next=ranked[1].label,
             next_count=ranked[1].value)


KEYS = (N_("stats_none"), N_("stats_year_one"), N_("stats_year_up"), N_("stats_year_down"), N_("stats_year_same"))
