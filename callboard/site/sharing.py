"""Shared needs: several organisations with the same need, who may procure together.

A need names the other organisations that share it (`shared_with`) and the same need elsewhere
(`same_as`: another need on this board by its slug, or the need's address on another board).
Needs joined by `same_as` on this board form one group, whichever of them names the other; an
address names a need on this board too when it is that need's own page: a local need's page
here, or, on a hub, the page on the board that published a gathered need (its `origin.url`),
so that the same need declared on several boards forms one group on the hub. Then a
start-up sees every buyer and each buyer's own call, and a buyer finds the others. The group's
organisations are each need's own and those it shares with, once each; a need's page names
its own first, then those it wrote, then the rest of the group.
"""

from __future__ import annotations

from dataclasses import dataclass

from callboard.content.models import Need
from callboard.core.text import collation_key, to_slug
from callboard.site.gathered import canonical_url


@dataclass(frozen=True)
class Sharing:
    """The group a shared need belongs to."""

    organisations: tuple[str, ...]
    """Every organisation with the need, once each (compared without regard to capitals)."""
    needs: tuple[Need, ...]
    """The group's needs on this board, in list order (soonest deadline first)."""
    elsewhere: tuple[str, ...]
    """Addresses of the same need on other boards."""
    with_pages: tuple[str, ...] = ()
    """Slugs of the group's organisations that have a page on the board: those are linked."""

    @property
    def count(self) -> int:
        return len(self.organisations)

    def others(self, need: Need) -> tuple[Need, ...]:
        return tuple(other for other in self.needs if other.slug != need.slug)

    def has_page(self, organisation: str) -> bool:
        return to_slug(organisation) in self.with_pages

    def organisations_for(self, need: Need) -> tuple[str, ...]:
        """The organisations as `need`'s page names them: its own, those it shares with as
        written, then the others of its group."""
        return _once((need.organisation, *need.shared_with, *self.organisations))


def share_needs(needs: tuple[Need, ...] | list[Need], with_pages: frozenset[str] = frozenset(),
                base_url: str = "") -> dict[str, Sharing]:
    """Need slug -> its group, for every need that is shared: with another organisation, or the
    same as a need elsewhere. Needs that share nothing have no entry. `with_pages`: the slugs
    of the organisations that have a page on the board; `base_url`: the board's address, by
    which its own needs' pages are known."""
    addresses = {_address(canonical_url(need, base_url)): need.slug for need in needs if canonical_url(need, base_url)}
    groups = _groups(needs, addresses)
    found: dict[str, Sharing] = {}
    for members in groups:
        organisations = _once(name for need in members for name in (need.organisation, *need.shared_with))
        elsewhere = tuple(dict.fromkeys(ref for need in members for ref in need.same_as
                                        if "://" in ref and _address(ref) not in addresses))
        if len(organisations) < 2 and not elsewhere and len(members) < 2:
            continue
        linked = tuple(sorted({to_slug(name) for name in organisations} & with_pages))
        sharing = Sharing(organisations, tuple(members), elsewhere, linked)
        found.update((need.slug, sharing) for need in members)
    return found


def shared_groups(sharing: dict[str, Sharing]) -> tuple[Sharing, ...]:
    """Each group of several organisations once, most organisations first, then by the title
    of its first need."""
    unique = {id(group): group for group in sharing.values() if group.count >= 2}
    return tuple(sorted(unique.values(), key=lambda g: (-g.count, collation_key(g.needs[0].title), g.needs[0].slug)))


def _address(url: str) -> str:
    """An address as `same_as` is compared: with or without its closing slash."""
    return url.rstrip("/")


def _groups(needs: tuple[Need, ...] | list[Need], addresses: dict[str, str]) -> list[list[Need]]:
    """The needs joined by `same_as` on this board (in either direction), in list order: by
    slug, or by the address of a need's own page (`addresses`: address -> slug).

    A gathered need's `same_as` never reaches one of the board's own needs: another board's
    word cannot add buyers to this board's need. The board's editors join them, with their
    own need's `same_as`, and then the group is one whichever way it was said."""
    parent = {need.slug: need.slug for need in needs}
    own = {need.slug for need in needs if need.origin is None}

    def root(slug: str) -> str:
        while parent[slug] != slug:
            parent[slug] = parent[parent[slug]]
            slug = parent[slug]
        return slug

    for need in needs:
        for ref in need.same_as:
            slug = ref if ref in parent else addresses.get(_address(ref))
            if slug is not None and slug != need.slug and not (need.origin is not None and slug in own):
                parent[root(slug)] = root(need.slug)
    members: dict[str, list[Need]] = {}
    for need in needs:
        members.setdefault(root(need.slug), []).append(need)
    return list(members.values())


def _once(names) -> tuple[str, ...]:
    """Names without repeats, compared without regard to capitals; the first spelling wins."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.strip().casefold(), name.strip())
    return tuple(seen.values())
