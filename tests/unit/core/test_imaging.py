"""core/imaging.py: a phone photo comes out upright, in several widths, with no metadata left."""

import io

import pytest
from PIL import Image, ImageCms

from callboard.core.imaging import MAX_PIXELS, SHARE_SIZE, WIDTHS, ImageProblem, image_size, make_renditions
from tests.support.messages import refused

GPS = {1: "N", 2: (56.0, 52.0, 39.7), 3: "E", 4: (14.0, 48.0, 32.8)}


def photo(size=(3000, 2000), orientation: int = 1, gps: bool = False, icc: bool = False, xmp: bool = False,
          fmt: str = "JPEG", mode: str = "RGB") -> bytes:
    """A photo as a phone writes it: pixels with a left/right difference (to tell a turn), EXIF,
    and optionally a GPS position, an ICC profile and XMP."""
    picture = Image.new(mode, size, (200, 40, 40, 255) if mode == "RGBA" else (200, 40, 40))
    picture.paste((20, 40, 200), (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[0x010F] = "Phone"
    if orientation != 1:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = GPS
    extra = {"exif": exif.tobytes()}
    if icc:
        extra["icc_profile"] = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    if xmp:
        extra["xmp"] = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    buffer = io.BytesIO()
    picture.save(buffer, fmt, **extra)
    return buffer.getvalue()


def every_file(made):
    return [*made.modern, *made.fallback, made.share]


def test_a_photo_with_gps_exif_icc_and_xmp_yields_files_without_any_metadata():
    source = photo(gps=True, icc=True, xmp=True)
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(0x8825)  # the source really has a position
    made = make_renditions(source)
    for rendition in every_file(made):
        opened = Image.open(io.BytesIO(rendition.data))
        assert dict(opened.getexif()) == {}, rendition
        assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(opened.info), opened.info
        assert b"Exif" not in rendition.data and b"adobe:ns:meta" not in rendition.data


def test_an_exif_rotated_photo_comes_out_upright():
    made = make_renditions(photo(size=(3000, 2000), orientation=6))  # stored landscape, shown portrait
    assert (made.width, made.height) == (2000, 3000)
    widest = made.fallback[-1]
    assert (widest.width, widest.height) == (WIDTHS[-1], 2400)
    upright = Image.open(io.BytesIO(widest.data)).convert("RGB")
    # Orientation 6 turns the picture clockwise: its left (red) half ends up at the top.
    top, bottom = upright.getpixel((800, 200)), upright.getpixel((800, 2200))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]


def test_widths_are_never_upscaled_and_each_comes_as_webp_and_jpeg():
    made = make_renditions(photo(size=(1000, 500)))
    assert [r.width for r in made.modern] == [480, 800, 1000]
    assert [r.mime for r in made.modern] == ["image/webp"] * 3
    assert [r.mime for r in made.fallback] == ["image/jpeg"] * 3
    assert (made.share.width, made.share.height) == SHARE_SIZE


def test_a_picture_with_transparency_falls_back_to_png():
    made = make_renditions(photo(size=(900, 600), fmt="PNG", mode="RGBA"))
    assert {r.mime for r in made.fallback} == {"image/png"}
    assert made.share.mime == "image/jpeg"


def test_the_same_bytes_give_the_same_bytes():
    source = photo(gps=True)
    assert make_renditions(source) == make_renditions(source)


@pytest.mark.parametrize("data, words", [
    (b"%PDF-1.7 not a picture at all", "not a picture"),
    (photo()[:5000], "damaged or cut short"),
])
def test_what_is_not_a_usable_picture_is_a_problem_not_a_traceback(data, words):
    with refused(ImageProblem, words):
        make_renditions(data)


def test_a_decompression_bomb_is_refused_before_decoding():
    side = int(MAX_PIXELS ** 0.5) + 100
    buffer = io.BytesIO()
    Image.new("1", (side, side)).save(buffer, "PNG")  # a few kilobytes that unpack into 120+ megapixels
    assert len(buffer.getvalue()) < 2_000_000
    with refused(ImageProblem, "megapixels"):
        make_renditions(buffer.getvalue())


def test_image_size_reads_the_header_and_turns_with_the_flag():
    assert image_size(photo(size=(300, 200), orientation=6)) == (200, 300)
    assert image_size(b"no picture") is None
