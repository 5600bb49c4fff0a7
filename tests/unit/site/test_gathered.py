"""site/gathered.py: a hub's gathered items, once each, with slugs no local item can have."""

from datetime import date

from callboard.config import Config
from callboard.content.models import Case, Content, Origin
from callboard.core.fields import SLUG_RE
from callboard.site.assemble import assemble
from callboard.site.gathered import board_prefix, canonical_url, gathered_items
from callboard.site.sharing import share_needs
from tests.unit.site.test_assemble import need

UMEA = "https://tavla.umea.example.se/"
REGION = "https://nav.region.example.se/"
HUB = "https://hub.example.org/"


def gathered(slug: str, board: str = UMEA, via: str = "", **fields):
    """A need as the reader gives it: read at `via` (default: straight from its board)."""
    origin = Origin(board=f"Tavlan {board}", board_url=board, url=f"{board}needs/{slug}/")
    read_at = f"{via}needs/{slug}/" if via else origin.url
    return need(slug=slug, source=read_at, origin=origin, **fields)


def test_the_slug_names_the_publishing_board_and_can_never_be_a_local_one():
    (item,) = gathered_items([gathered("snoplogning")], HUB)
    assert item.slug == "tavla-umea-example-se--snoplogning" and item.url == f"needs/{item.slug}/"
    assert not SLUG_RE.match(item.slug)  # a local file name can never give it
    assert board_prefix("https://www.example.org:8443/umea/") == "example-org-umea"


def test_the_same_item_reached_twice_is_kept_once_and_the_publishers_own_copy_wins():
    through_region = gathered("snoplogning", via=REGION, title="Regionens kopia")
    direct = gathered("snoplogning", title="Umeås eget")
    for order in ([through_region, direct], [direct, through_region]):
        (kept,) = gathered_items(order, HUB)
        assert kept.title == "Umeås eget"
    first, second = gathered("x", via=REGION, title="Först"), gathered("x", via=HUB + "annan/", title="Sedan")
    assert [item.title for item in gathered_items([first, second], "")] == ["Först"]


def test_a_need_and_a_case_story_at_different_addresses_are_both_kept():
    case = Case(slug="x", source=f"{UMEA}cases/x/", title="C", summary="S", organisation="O", completed=date(2026, 1, 1),
                origin=Origin(board="U", board_url=UMEA, url=f"{UMEA}cases/x/"))
    kinds = sorted(item.kind.value for item in gathered_items([gathered("x"), case], HUB))
    assert kinds == ["case", "need"]


def test_an_item_this_board_published_itself_is_not_taken_back():
    echo = need(slug="egen", source=f"{REGION}needs/x/", origin=Origin(board="Navet", board_url=HUB, url=f"{HUB}needs/egen/"))
    assert gathered_items([echo, gathered("a")], HUB) == gathered_items([gathered("a")], HUB)


def test_items_that_would_share_a_slug_are_numbered_in_the_order_of_their_addresses():
    one = need(slug="a", source=f"{UMEA}x/las/", origin=Origin(board="U", board_url=UMEA, url=f"{UMEA}x/las/"))
    two = need(slug="b", source=f"{UMEA}needs/las/", origin=Origin(board="U", board_url=UMEA, url=f"{UMEA}needs/las/"))
    for order in ([one, two], [two, one]):
        slugs = {item.origin.url: item.slug for item in gathered_items(order, HUB)}
        assert slugs == {f"{UMEA}needs/las/": "tavla-umea-example-se--las", f"{UMEA}x/las/": "tavla-umea-example-se--las-2"}


def test_the_canonical_address_is_the_original_or_the_boards_own_page():
    assert canonical_url(gathered("a"), HUB) == f"{UMEA}needs/a/"
    assert canonical_url(need(slug="b"), HUB) == f"{HUB}needs/b/"
    assert canonical_url(need(slug="b"), "") == ""


def test_gathered_needs_join_the_board_as_ordinary_needs(tmp_path):
    content = Content(needs=[need(slug="egen", title="Eget")], foreign=[gathered("a", title="Främmande")])
    board = assemble(content, Config(root=tmp_path, base_url=HUB, today=date(2026, 11, 28)))
    assert [n.title for n in board.needs] == ["Eget", "Främmande"]
    assert [n.title for n in board.organisations[0].needs] == ["Eget", "Främmande"]


def test_a_local_needs_same_as_joins_it_to_a_gathered_one_but_another_boards_word_does_not():
    local = need(slug="egen", organisation="Växjö kommun", same_as=(f"{UMEA}needs/a",))
    foreign = gathered_items([gathered("a", organisation="Umeå kommun")], HUB)[0]
    sharing = share_needs([local, foreign], base_url=HUB)
    assert sharing["egen"] is sharing[foreign.slug] and sharing["egen"].count == 2
    assert sharing["egen"].elsewhere == ()
    claim = gathered_items([gathered("b", organisation="Umeå kommun", shared_with=("Försvarsmakten",),
                                     same_as=(f"{HUB}needs/egen/",))], HUB)[0]
    sharing = share_needs([need(slug="egen", organisation="Växjö kommun"), claim], base_url=HUB)
    assert "egen" not in sharing  # a source cannot add buyers to the hub's own need
    assert sharing[claim.slug].needs == (claim,) and sharing[claim.slug].elsewhere == ()
    foreign_pair = gathered_items([gathered("c", same_as=(f"{REGION}needs/d/",)),
                                   gathered("d", board=REGION)], HUB)
    sharing = share_needs(foreign_pair, base_url=HUB)
    assert sharing[foreign_pair[0].slug] is sharing[foreign_pair[1].slug]  # across sources, either way
