"""Stage 3b: render each planned page through the Jinja theme.

A page is a pure function of its context, the templates, the config and the build date:
templates get no handle on the whole board, so a page's inputs are known exactly and pages can
be rendered in any order, in parallel, or skipped when their inputs are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from callboard.config import Config
from callboard.content import permalinks
from callboard.content.labels import (
    JOURNEY_LABEL,
    PROCUREMENT_LABEL,
    READINESS_LABEL,
    STATUS_LABEL,
    STATUS_VIEW,
    WANT_LABEL,
    WANT_REASON,
)
from callboard.content.models import Change, Document, Item, Need, Status
from callboard.content.money import budget_text
from callboard.content.permalinks import (
    archive_name,
    has_calendar,
    need_archive_path,
    need_calendar_path,
    need_document_path,
    term_url_of,
)
from callboard.core.archive import zip_size
from callboard.i18n import N_, Translator
from callboard.site.assemble import Board
from callboard.site.assets import Assets
from callboard.site.calls import is_held, meeting_when, upcoming
from callboard.site.changes import change_sentence
from callboard.site.csp import content_security_policy
from callboard.site.deadlines import (
    CLOSES_WITHIN_DAYS,
    CLOSING_SOON_DAYS,
    Shown,
    clock_texts,
    deadline_datetime,
    deadline_line,
    iso_moment,
)
from callboard.core.text import to_slug
from callboard.site.matching import explain
from callboard.site.pages import Page
from callboard.site.pictures import Pictures
from callboard.site.structured import StructuredData
from callboard.site.theme import ThemeFiles

MENU = ((permalinks.NEEDS, N_("needs")), (permalinks.TESTBEDS, N_("testbeds")), (permalinks.CASES, N_("cases")),
        (permalinks.CATEGORIES, N_("categories")), (permalinks.ORGANISATIONS, N_("organisations")))
"""The sections the header's menu links to, in its order, with the key of each one's name."""
INNOVATORS_MENU = (permalinks.INNOVATORS, N_("innovators"))
"""Between the case stories and the categories, on a board that has innovators."""


@dataclass(frozen=True)
class MenuLink:
    url: str
    name: str
    """The key of the section's name."""
    current: str
    """aria-current: 'page' on the section's own list, 'true' below it, else ''."""


@dataclass(frozen=True)
class Links:
    """The board's fixed pages and files as templates link them (`links.search`), base path included."""

    home: str
    search: str
    statement: str
    statistics: str
    statistics_json: str
    shared: str
    needs_index: str
    needs_csv: str
    needs_json: str
    search_bundle: str
    matches: str = ""
    """The staff's table of matches: only on a board with innovators."""

    @classmethod
    def of(cls, config: Config, innovators: bool = False) -> Links:
        return cls(*(config.base_path + path for path in (
            permalinks.HOME, permalinks.search_url(config.lang), permalinks.statement_url(config.lang),
            permalinks.statistics_url(config.lang), permalinks.STATISTICS_JSON, permalinks.shared_url(config.lang),
            permalinks.NEEDS_INDEX, permalinks.NEEDS_CSV, permalinks.NEEDS_JSON, permalinks.SEARCH_BUNDLE)),
                   matches=config.base_path + permalinks.matches_url(config.lang) if innovators else "")


@dataclass(frozen=True)
class Archive:
    """The "download all" zip of a need's documents."""

    url: str
    size: int


class Renderer:
    """A Jinja environment for one board: the board's templates first, then the theme's.

    Sandboxed: a board's templates arrive by pull request like its content, and reviewers
    build pull-request checkouts, so a template may reach only what it is given (no dunder
    attributes, no `os` through a function's globals) and may not change it.

    Templates make no address of their own: they ask for it (`url_for(item)`, `section_url`,
    `status_url`, `term_url`, `links`), and `url(path)` only puts the base path before a path
    that Python made (a crumb, a page of a list, a feed)."""

    def __init__(self, board: Board, theme: ThemeFiles, extra_head: str = ""):
        self.board = board
        self.config: Config = board.config
        self.t = self.config.translator()
        self.theme = theme
        self.extra_head = extra_head
        self.env = ImmutableSandboxedEnvironment(
            extensions=["jinja2.ext.i18n"],
            loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
            autoescape=True,
            auto_reload=False,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        install_texts(self.env, self.t)
        self.pictures = Pictures(board.images, self.config.base_path, self._draw_picture)
        self.env.filters["pictures"] = self.pictures.in_body
        self.env.filters["slug"] = to_slug
        self.env.globals.update(
            config=self.config, url=self.url, absolute_url=self.absolute_url,
            asset=self.asset, term_url=self.term_url, card=self.card, Status=Status,
            need_calendar=self.need_calendar, csp=content_security_policy(), N_=N_, STATUS_LABEL=STATUS_LABEL,
            STATUS_VIEW=STATUS_VIEW, PROCUREMENT_LABEL=PROCUREMENT_LABEL, url_for=self.url_for,
            section_url=self.section_url, status_url=self.status_url,
            links=Links.of(self.config, bool(board.innovators)), WANT_LABEL=WANT_LABEL, WANT_REASON=WANT_REASON,
            READINESS_LABEL=READINESS_LABEL, match_reason=lambda match: explain(match, self.t),
            nav_links=self.nav_links, deadline_line=deadline_line, Shown=Shown,
            deadline_datetime=self.deadline_datetime, closes_at=self.closes_at,
            clock_texts=clock_texts(self.t, self.config.timezone), JOURNEY_LABEL=JOURNEY_LABEL,
            meeting_when=lambda meeting: meeting_when(meeting, self.t),
            meeting_datetime=lambda meeting: iso_moment(meeting.start.replace(tzinfo=self.zone)),
            meeting_held=lambda meeting: is_held(meeting, self.config.now),
            upcoming_meetings=lambda need: upcoming(need.meetings, self.config.now),
            meeting_anchor=lambda need, meeting: f"mote-{need.meetings.index(meeting) + 1}",
            CLOSING_SOON_DAYS=CLOSING_SOON_DAYS, CLOSES_WITHIN_DAYS=CLOSES_WITHIN_DAYS,
            document_url=self.document_url, documents_archive=self.documents_archive, change_text=self.change_text,
            picture=self.pictures.picture, web_image=self.pictures.image,
        )
        self.zone = ZoneInfo(self.config.timezone)
        self.structured = StructuredData(self.config, board.images)
        self.assets = Assets(self.theme.static_file)
        self._cards: dict[tuple, Markup] = {}

    def __reduce__(self):
        """A spawned worker gets the board and the theme and makes its own environment (a Jinja
        environment does not pickle); what it renders is the same."""
        return Renderer, (self.board, self.theme, self.extra_head)

    def deadline_datetime(self, need: Need) -> str:
        """A `<time datetime>` for the deadline: the day, or the moment when it has an hour."""
        return deadline_datetime(need, self.zone)

    def _draw_picture(self, **values: object) -> str:
        return self.env.get_template("partials/picture.html").render(values).strip()

    def closes_at(self, need: Need) -> str:
        """The moment the call closes, for the script that keeps clock texts true (clock.js)."""
        return iso_moment(need.closes_at(self.zone))

    def url(self, path: str) -> str:
        """A site-root-relative link: works at any depth and under a sub-path."""
        return self.config.base_path + path

    def absolute_url(self, path: str) -> str:
        return self.config.base_url + path if self.config.base_url else ""

    def asset(self, path: str) -> str:
        """Link to a theme file in `assets/` by its content-hashed name (`site/assets.py`), so
        browsers may keep it for a year and never keep a stale one."""
        return self.url(self.assets.address(path) or path)

    def nav_links(self, page: Page) -> list[MenuLink]:
        links = []
        menu = (*MENU[:3], INNOVATORS_MENU, *MENU[3:]) if self.board.innovators else MENU
        for section, name in menu:
            own = permalinks.section_url(section)
            current = ("page" if page.url == own else "true") if page.url.startswith(own) else ""
            links.append(MenuLink(self.url(own), name, current))
        return links

    def url_for(self, item: Item) -> str:
        return self.url(item.url)

    def section_url(self, section: str) -> str:
        return self.url(permalinks.section_url(section))

    def status_url(self, status: Status) -> str:
        return self.url(permalinks.status_url(status))

    def term_url(self, section: str, name: str) -> str:
        return self.url(term_url_of(section, name))

    def card(self, item: Item, heading: int = 3) -> Markup:
        """An item's card (partials/<kind>_card.html), its title a heading of level `heading` (3
        under a section's h2, 2 straight under a page's h1), rendered once per build however
        many lists show it: a card depends on nothing but its item and that level."""
        key = (item.kind, item.slug, heading)
        if key not in self._cards:
            template = self.env.get_template(f"partials/{item.kind.value}_card.html")
            self._cards[key] = Markup(template.render({item.kind.value: item, "card_heading": heading}))
        return self._cards[key]

    def need_calendar(self, need: Need) -> str:
        """Link to the need's own .ics, or '' when it has none (no deadline ahead, or no base_url)."""
        return self.url(need_calendar_path(need)) if self.config.base_url and has_calendar(need) else ""

    def document_url(self, need: Need, document: Document) -> str:
        return self.url(need_document_path(need, document.file))

    def documents_archive(self, need: Need) -> Archive:
        """The zip of all the need's documents: its link and its size, known before it is made."""
        size = zip_size((archive_name(need, d), d.size) for d in need.documents)
        return Archive(self.url(need_archive_path(need)), size)

    def change_text(self, change: Change) -> str:
        return change_sentence(change, self.t)

    def render(self, page: Page) -> bytes:
        template = self.env.get_template(page.template)
        page_lang = page.lang or self.config.lang
        ui_lang = f' lang="{self.config.lang}"' if page_lang != self.config.lang else ""
        html = template.render(page=page, page_lang=page_lang, ui_lang=Markup(ui_lang),
                               extra_head=self.extra_head,
                               json_ld=Markup(self.structured.json_ld(page, self.config.title)),
                               share_meta=self.structured.share_meta(page, page_lang), **page.context)
        return html.encode("utf-8")



def install_texts(env: jinja2.Environment, t: Translator) -> None:
    """`_`, `ngettext` (jinja2.ext.i18n, new style: placeholders filled in by name) and the
    `date`, `number` and `budget` filters, in `t`'s language. A catalog's text is plain text, not HTML:
    it is escaped like any other value (jinja2 would otherwise mark it safe), so an apostrophe
    comes out as `&#39;` and a board's own catalog cannot slip markup into a page."""
    translations = t.translations
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda key: escape(translations.gettext(key)),
        ngettext=lambda key, plural_key, n: escape(translations.ngettext(key, plural_key, n)),
        newstyle=True,
    )
    env.filters["date"] = t.date
    env.filters["number"] = t.number
    env.filters["budget"] = lambda budget: budget_text(budget, t)
    env.filters["date_at"] = t.date_at
    env.filters["filesize"] = t.size
    env.filters["language_name"] = t.language_name
