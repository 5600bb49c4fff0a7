"""What search engines and sharing previews read on every page: schema.org JSON-LD, and
OpenGraph/Twitter card meta.

All of it needs absolute URLs, so a board without base_url gets none of it.
"""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

from callboard.config import Config
from callboard.content.media import WebImage
from callboard.content.models import Case, Innovator, Item, Need, Testbed
from callboard.content.permalinks import ORGANISATIONS, term_url_of
from callboard.i18n import regional_locale
from callboard.site.deadlines import deadline_datetime
from callboard.site.pages import Page



def script_json(data: object) -> str:
    """JSON that is safe inside <script>: a title holding `</script>` or `<!--` cannot break out."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


class StructuredData:
    """JSON-LD and sharing meta for pages: like the page itself, a function of the page's own
    fields and context and the config, nothing else (incremental builds rely on it)."""

    def __init__(self, config: Config, images: dict[str, WebImage] | None = None):
        self.config = config
        self.base = config.base_url
        self.images = images or {}

    def organisation(self, name: str) -> dict:
        url = self.base + term_url_of(ORGANISATIONS, name)
        return {"@type": "Organization", "@id": url + "#organisation", "name": name, "url": url}

    def json_ld(self, page: Page, home_title: str) -> str:
        """The page's schema.org graph as script-safe JSON, or '' without base_url."""
        if not self.base:
            return ""
        graph = [self.breadcrumbs(page, home_title)]
        item = page.context.get("item")
        if isinstance(item, Need):
            graph[:0] = self.demand(item) + ([self.questions(item)] if item.questions else [])
        elif isinstance(item, Testbed):
            graph.insert(0, self.offer(item))
        elif isinstance(item, Case):
            graph.insert(0, self.article(item, page.context.get("need")))
        elif isinstance(item, Innovator):
            graph.insert(0, self.company(item))
        return script_json({"@context": "https://schema.org", "@graph": graph})

    def breadcrumbs(self, page: Page, home_title: str) -> dict:
        trail = [(crumb.title, crumb.url) for crumb in page.crumbs] if page.url else []
        trail.append((page.title if page.url else home_title, page.url))
        return {"@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": self.base + url}
            for position, (name, url) in enumerate(trail, start=1)]}

    def _common(self, item: Item) -> dict:
        data = {"name": item.title, "description": item.summary, "url": self.base + item.url}
        if item.categories:
            data["category"] = list(item.categories)
        if self.config.area_served:
            data["areaServed"] = self.config.area_served
        if item.origin:
            data |= self.provenance(item)
        return data

    def provenance(self, item: Item) -> dict:
        """A gathered item's original (`isBasedOn`, its page on the board that published it) and
        that board as its `publisher`: the hub's page is a copy, and says whose."""
        origin = item.origin
        return {"isBasedOn": origin.url,
                "publisher": {"@type": "Organization", "name": origin.board, "url": origin.board_url}}

    def demand(self, need: Need) -> list[dict]:
        demand = {"@type": "Demand", "@id": self.base + need.url + "#demand", **self._common(need),
                  "validFrom": (need.opens or need.published).isoformat()}
        if need.deadline:
            demand["validThrough"] = deadline_datetime(need, ZoneInfo(self.config.timezone))
        return [demand, {**self.organisation(need.organisation), "seeks": {"@id": demand["@id"]}}]

    def questions(self, need: Need) -> dict:
        """The need's questions and answers as a schema.org FAQPage."""
        page = self.base + need.url
        return {"@type": "FAQPage", "@id": page + "#questions", "url": page + "#questions", "inLanguage": need.lang,
                "mainEntity": [{"@type": "Question", "name": q.question, "url": page + "#" + q.anchor,
                                "acceptedAnswer": {"@type": "Answer", "text": q.answer_html,
                                                   **({"dateCreated": q.answered.isoformat()} if q.answered else {})}}
                               for q in need.questions]}

    def offer(self, testbed: Testbed) -> dict:
        offer = {"@type": "Offer", **self._common(testbed), "offeredBy": self.organisation(testbed.host)}
        if testbed.location:
            offer["availableAtOrFrom"] = {"@type": "Place", "name": testbed.location}
        if testbed.available_from:
            offer["validFrom"] = testbed.available_from.isoformat()
        if testbed.available_to:
            offer["validThrough"] = testbed.available_to.isoformat()
        return offer

    def company(self, innovator: Innovator) -> dict:
        """An innovator's profile as a schema.org Organization; its contact only when shown."""
        page = self.base + innovator.url
        company = {"@type": "Organization", "@id": page + "#organisation", "name": innovator.title,
                   "description": innovator.summary, "url": innovator.website or page, "mainEntityOfPage": page}
        if innovator.location:
            company["location"] = {"@type": "Place", "name": innovator.location}
        if innovator.founded:
            company["foundingDate"] = str(innovator.founded)
        if innovator.categories:
            company["knowsAbout"] = list(innovator.categories)
        if innovator.logo:
            image = self.images.get(innovator.logo)
            company["logo"] = self.base + (image.largest if image else innovator.logo)
        contact = innovator.public_contact
        if contact:
            company["contactPoint"] = {"@type": "ContactPoint", "name": contact.name, "email": contact.email,
                                       **({"telephone": contact.phone} if contact.phone else {})}
        return company

    def article(self, case: Case, need: Need | None) -> dict:
        project = {"@type": "Project", "name": need.title if need else case.title,
                   "sponsor": self.organisation(case.organisation)}
        if case.partners:
            project["member"] = [{"@type": "Organization", "name": name} for name in case.partners]
        if need:
            project["url"] = self.base + need.url
        article = {"@type": "Article", "headline": case.title, "description": case.summary,
                   "url": self.base + case.url, "datePublished": case.completed.isoformat(),
                   "inLanguage": case.lang, "author": self.organisation(case.organisation), "about": project,
                   **(self.provenance(case) if case.origin else {})}
        if case.image:
            image = self.images.get(case.image)
            article["image"] = self.base + (image.largest if image else case.image)
        return article

    def share_image(self, item: object) -> tuple[str, int, int, str] | None:
        """The sharing preview's picture as (URL, width, height, alt): a case story's own photo
        cropped to 1200 x 630, else the board's `share_image`, else a case story's SVG as it is
        (without a size; not every service shows one)."""
        own = self.images.get(item.image) if isinstance(item, Case) and item.image else None
        if own is not None and own.share is not None:
            return self.base + own.share.path, own.share.width, own.share.height, item.image_alt or ""
        default = self.images.get(self.config.share_image)
        if default is not None and default.share is not None:
            return self.base + default.share.path, default.share.width, default.share.height, self.config.share_image_alt
        if isinstance(item, Case) and item.image:
            return self.base + item.image, 0, 0, item.image_alt or ""
        return None

    def share_meta(self, page: Page, page_lang: str) -> list[tuple[str, str]]:
        """OpenGraph and Twitter card properties, as (property, content) pairs."""
        if not self.base:
            return []
        item = page.context.get("item")
        share = self.share_image(item)
        meta = [("og:type", "article" if item else "website"), ("og:title", page.title),
                ("og:description", page.description), ("og:url", page.canonical or self.base + page.url),
                ("og:site_name", self.config.title), ("og:locale", regional_locale(page_lang))]
        if share:
            url, width, height, alt = share
            meta.append(("og:image", url))
            if width:
                meta += [("og:image:width", str(width)), ("og:image:height", str(height))]
            meta.append(("og:image:alt", alt))
        meta += [("twitter:card", "summary_large_image" if share else "summary"),
                 ("twitter:title", page.title), ("twitter:description", page.description)]
        return [(key, value) for key, value in meta if value]
