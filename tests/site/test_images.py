"""Photos on a whole board: processed once, published without metadata, reported at their line."""

import io
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from callboard.build.pipeline import RunOptions, build, check
from tests.support.boards import NOW, REPO, need_file
from tests.support.messages import as_text
from tests.unit.core.test_imaging import photo

OPTIONS = dict(now=date.fromisoformat(NOW), search=False)


def case_file(extra: str, body: str = "Text.") -> str:
    return ("---\ntitle: Ett exempel\norganisation: Kommunen\nsummary: Kort.\ncompleted: 2026-01-10\n"
            f"{extra}---\n{body}\n")


@pytest.fixture(scope="module")
def example_copy(tmp_path_factory) -> Path:
    """The example board, copied without its cache or site."""
    root = tmp_path_factory.mktemp("example") / "board"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".git", ".callboard-cache", "site", "node_modules",
                                                              "tests", "bench", "docs", "tools", "*.egg-info"))
    return root


@pytest.fixture(scope="module")
def example_built(example_copy, tmp_path_factory):
    out = tmp_path_factory.mktemp("example-site") / "site"
    result = build(RunOptions(root=example_copy, **OPTIONS), out)
    assert result.ok, [as_text(d) for d in result.diagnostics.items]
    return result, out


def test_the_example_photos_really_carry_gps_and_a_turn():
    """The proof below means something only if the sources have what is removed."""
    door = Image.open(REPO / "static/images/digitalt-las.jpg")
    assert door.getexif().get_ifd(0x8825)
    plough = Image.open(REPO / "static/images/plogbil.jpg")
    assert plough.getexif()[0x0112] == 6 and plough.size == (2000, 3000)


def test_no_published_picture_carries_metadata_and_no_original_is_published(example_built):
    _, out = example_built
    pictures = sorted((out / "media").iterdir())
    assert len(pictures) >= 4 * 9
    for path in pictures:
        opened = Image.open(path)
        assert dict(opened.getexif()) == {}, path.name
        assert not {"exif", "xmp", "icc_profile"} & set(opened.info), path.name
    assert sorted(out.rglob("*.jpg")) == sorted((out / "media").glob("*.jpg"))  # renditions only
    assert not (out / "images" / "digitalt-las.jpg").exists()
    assert not (out / "images" / "plogbil.jpg").exists()


def test_the_rotated_photo_is_upright(example_built):
    _, out = example_built
    for path in (out / "media").glob("plogbil-1600.*"):
        assert Image.open(path).size == (1600, 1067)


class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def test_every_img_in_the_example_site_has_width_height_and_alt(example_built):
    _, out = example_built
    seen = 0
    for page in out.rglob("*.html"):
        parser = Images()
        parser.feed(page.read_text(encoding="utf-8"))
        for attributes in parser.images:
            seen += 1
            assert {"width", "height", "alt"} <= set(attributes), (page, attributes)
            assert int(attributes["width"]) > 0 and int(attributes["height"]) > 0
    assert seen > 10


def test_a_case_story_shows_its_photo_caption_credit_and_gallery(example_built):
    _, out = example_built
    page = (out / "cases/snorojning-i-realtid/index.html").read_text(encoding="utf-8")
    assert '<source type="image/webp" srcset="/media/plogbil-480.' in page
    assert 'fetchpriority="high"' in page and "Foto: Innovationsnoden Småland" in page
    gallery = page[page.index('class="gallery"'):]
    assert 'loading="lazy" decoding="async"' in gallery and '<a href="/media/plogbil-dagtid-1600.' in gallery
    assert '<meta property="og:image:width" content="1200">' in page


def test_a_rebuild_encodes_nothing_and_gives_the_same_bytes(example_copy, example_built, tmp_path):
    first, out = example_built
    assert first.images_encoded == 4
    (example_copy / "content/needs/extra.md").write_text(need_file("Ett nytt behov"), encoding="utf-8")
    try:
        again = build(RunOptions(root=example_copy, **OPTIONS), out)
    finally:
        (example_copy / "content/needs/extra.md").unlink()
    assert again.ok and again.images_encoded == 0
    clean = tmp_path / "clean"
    build(RunOptions(root=example_copy, use_cache=False, **OPTIONS), clean)
    assert {p.name: p.read_bytes() for p in (clean / "media").iterdir()} == \
           {p.name: p.read_bytes() for p in (out / "media").iterdir()}


def problems(result) -> list[str]:
    return [as_text(d) for d in result.diagnostics.items]


@pytest.mark.parametrize("data, words", [
    (b"this is a text file", "is not a picture"),
    (photo()[:3000], "damaged or cut short"),
])
def test_a_file_that_is_not_a_usable_picture_is_an_error_at_its_line(make_board, tmp_path, data, words):
    root = make_board({"static/images/bild.jpg": data,
                       "content/cases/exempel.md": case_file("image: images/bild.jpg\nimage_alt: En bild\n")})
    result = build(RunOptions(root=root, **OPTIONS), tmp_path / "site")
    assert not result.ok
    assert any("content/cases/exempel.md:6" in text and words in text for text in problems(result)), problems(result)


def test_a_body_image_and_a_gallery_picture_are_reported_at_their_lines(make_board, tmp_path):
    gallery = "images:\n  - src: images/fel.png\n    alt: Fel\n"
    root = make_board({"static/images/fel.png": b"nope",
                       "content/cases/exempel.md": case_file(gallery, body="\n\n![Fel](/images/fel.png)")})
    result = build(RunOptions(root=root, **OPTIONS), tmp_path / "site")
    texts = problems(result)
    assert any("exempel.md:7" in text for text in texts) and any("exempel.md:12" in text for text in texts), texts


def test_a_heic_photo_is_an_error_that_says_how_to_convert(make_board):
    root = make_board({"static/images/bild.heic": b"\0\0\0\x18ftypheic",
                       "content/cases/exempel.md": case_file("image: images/bild.heic\nimage_alt: En bild\n")})
    result = check(RunOptions(root=root, now=date.fromisoformat(NOW)))
    assert any("exempel.md:6" in text and "save it as JPEG" in text for text in problems(result)), problems(result)


def test_a_source_over_20_mb_is_a_warning(make_board, tmp_path):
    big = io.BytesIO()
    Image.effect_noise((3200, 2400), 120).convert("RGB").save(big, "PNG", compress_level=0)
    data = big.getvalue() + b"\0" * max(0, 20_500_000 - len(big.getvalue()))
    root = make_board({"static/images/stor.png": data,
                       "content/cases/exempel.md": case_file("image: images/stor.png\nimage_alt: En bild\n")})
    result = check(RunOptions(root=root, now=date.fromisoformat(NOW)))
    warnings = [as_text(d) for d in result.diagnostics.items if "MB" in as_text(d)]
    assert result.ok and warnings and "exempel.md:6" in warnings[0]


def test_a_drawing_that_states_no_size_keeps_its_place_at_the_browsers_default_size(make_board, tmp_path):
    """An <img> without width and height moves the page when it loads (layout shift): an SVG
    that says no size is drawn at 300 x 150 by every browser, so the page says that."""
    drawing = b'<svg xmlns="http://www.w3.org/2000/svg"><circle cx="8" cy="8" r="4"/></svg>'
    root = make_board({"static/images/ritning.svg": drawing,
                       "content/cases/exempel.md": case_file("image: images/ritning.svg\nimage_alt: En ritning\n",
                                                             body="\n\n![Ritning](/images/ritning.svg)")})
    out = tmp_path / "site"
    assert build(RunOptions(root=root, **OPTIONS), out).ok
    shown = 0
    for page in out.rglob("*.html"):
        parser = Images()
        parser.feed(page.read_text(encoding="utf-8"))
        for attributes in parser.images:
            if attributes["src"].endswith("ritning.svg"):
                shown += 1
                assert (attributes.get("width"), attributes.get("height")) == ("300", "150"), (page, attributes)
    assert shown >= 3  # the case page's picture and body image, and its card in the list
