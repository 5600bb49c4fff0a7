"""Photos made fit for the web, with Pillow: upright, without metadata, in a few widths.

A phone photo is 4,000 px wide, several megabytes, often stored sideways with an EXIF flag that
says how to turn it, and it carries the place where it was taken (GPS), the camera and
sometimes the owner's name. `make_renditions` turns its bytes into what a page serves:
- the EXIF orientation applied to the pixels (`ImageOps.exif_transpose`), so it is upright
  everywhere, also where a browser would not read the flag;
- colours converted into sRGB when the photo has an ICC profile, then every piece of metadata
  left behind: the encoders are given none (no EXIF, no XMP, no ICC profile), and the pixels
  are copied into a new image that has no `info` at all;
- widths of WIDTHS that are narrower than the photo (never upscaled) and the photo's own width
  up to the largest of them, each as WebP and as a JPEG (PNG for a picture with transparency),
  for browsers without WebP;
- a 1200 x 630 crop for sharing previews (Open Graph), taken around the middle.

Encoder settings are fixed, so the same bytes give the same bytes on every build with the
same Pillow (its version is part of the cache key, `IMAGING_VERSION`). AVIF is left out on
purpose: it encodes about ten times slower than WebP, and every browser a board's visitors use
shows WebP.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import PIL
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from callboard.core.diagnostics import MessageError, say

WIDTHS = (480, 800, 1200, 1600)
SHARE_SIZE = (1200, 630)
"""What LinkedIn and Facebook show best (1.91:1)."""
MAX_PIXELS = 120_000_000
"""A 108-megapixel phone sensor fits; a 'decompression bomb' (a tiny file that unpacks into
gigabytes) does not. Checked before any pixel is decoded."""
WARN_BYTES = 20_000_000
"""A source larger than this is almost surely a camera original that could be made smaller."""
WEBP = {"format": "WEBP", "quality": 80, "method": 4}
JPEG = {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True, "subsampling": "4:2:0"}
PNG = {"format": "PNG", "optimize": False, "compress_level": 9}
IMAGING_VERSION = f"pillow {PIL.__version__}; {WIDTHS} {SHARE_SIZE} {WEBP} {JPEG} {PNG}"
"""Everything besides a source's bytes that decides the bytes made from it."""
_SRGB = ImageCms.createProfile("sRGB")
_MIME = {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}


class ImageProblem(MessageError):
    """A file that cannot be used as a picture, with a message saying why (the predicate of a
    sentence whose subject is the image: "is a HEIC photo...")."""


@dataclass(frozen=True)
class Rendition:
    """One encoded version of a picture."""

    width: int
    height: int
    mime: str
    data: bytes = b""

    @property
    def suffix(self) -> str:
        return {"image/webp": "webp", "image/jpeg": "jpg", "image/png": "png"}[self.mime]


@dataclass(frozen=True)
class Renditions:
    """Everything made from one source: its upright size, the versions in each width (smallest
    first), and the sharing crop."""

    width: int
    height: int
    modern: tuple[Rendition, ...]
    fallback: tuple[Rendition, ...]
    share: Rendition
    animated: bool = False
    """The source had several frames; only the first is shown."""


def make_renditions(data: bytes) -> Renditions:
    """All renditions of a photo given as bytes; ImageProblem when it is not a usable picture."""
    picture, animated = _open(data)
    widths = sorted({*(w for w in WIDTHS if w < picture.width), min(picture.width, WIDTHS[-1])})
    modern, fallback = [], []
    scaled = picture
    for width in reversed(widths):  # each from the one before: a fraction of the work, the same to the eye
        scaled = _scaled(scaled, width)
        modern.insert(0, _encode(scaled, WEBP))
        fallback.insert(0, _encode(scaled, PNG if scaled.mode == "RGBA" else JPEG))
        if width == widths[-1]:
            widest = scaled
    share = _encode(_clean(ImageOps.fit(widest.convert("RGB"), SHARE_SIZE, Image.Resampling.LANCZOS)), JPEG)
    return Renditions(picture.width, picture.height, tuple(modern), tuple(fallback), share, animated)


def _open(data: bytes) -> tuple[Image.Image, bool]:
    """The first frame, decoded, upright, in sRGB and without metadata; and whether there were more."""
    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 megapixels on; MAX_PIXELS, checked below, is the limit here
            # (a library-wide Image.MAX_IMAGE_PIXELS would be global state for every caller).
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise ImageProblem(say("image_too_many_pixels", width=opened.width, height=opened.height,
                                           limit=MAX_PIXELS // 1_000_000))
                if opened.format not in ("JPEG", "PNG", "WEBP", "GIF", "MPO"):
                    raise ImageProblem(say("image_unsupported_format", format=str(opened.format)))
                animated = getattr(opened, "n_frames", 1) > 1
                _decode_smaller(opened)
                opened.load()
                upright = ImageOps.exif_transpose(opened)
                return _clean(_in_srgb(upright, opened.info.get("icc_profile"))), animated
    except ImageProblem:
        raise
    except Image.DecompressionBombError:
        raise ImageProblem(say("image_decompression_bomb", limit=MAX_PIXELS // 1_000_000)) from None
    except UnidentifiedImageError:
        raise ImageProblem(say("image_unreadable")) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(say("image_damaged", reason=str(exc))) from None


def _decode_smaller(opened: Image.Image) -> None:
    """Let the JPEG decoder scale down by 1/2, 1/4 or 1/8 while it decodes, as long as the result is
    still at least as wide as the widest rendition and as tall as the sharing crop: a 4,000 px
    photo then decodes in a quarter of the time and memory, with the same result for the eye."""
    if opened.format not in ("JPEG", "MPO"):
        return
    wanted = (WIDTHS[-1], SHARE_SIZE[1])
    turned = opened.getexif().get(0x0112, 1) in (5, 6, 7, 8)
    opened.draft(opened.mode, wanted[::-1] if turned else wanted)


def _in_srgb(picture: Image.Image, icc: bytes | None) -> Image.Image:
    """RGB or RGBA pixels, in sRGB when the file said which colours it uses."""
    alpha = picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info)
    mode = "RGBA" if alpha else "RGB"
    if icc and picture.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(picture, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the colours as they are are the best guess
    return picture.convert(mode)


def _clean(picture: Image.Image) -> Image.Image:
    """The same pixels in a new image that carries no metadata at all."""
    clean = Image.new(picture.mode, picture.size)
    clean.paste(picture)
    return clean


def _scaled(picture: Image.Image, width: int) -> Image.Image:
    if width >= picture.width:
        return picture
    height = max(1, round(picture.height * width / picture.width))
    return _clean(picture.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0))


def _encode(picture: Image.Image, settings: dict) -> Rendition:
    buffer = io.BytesIO()
    options = dict(settings)
    picture.save(buffer, **options)
    return Rendition(picture.width, picture.height, _MIME[settings["format"]], buffer.getvalue())


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a picture as shown (EXIF orientation applied), from its header only."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            turned = opened.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            return (opened.height, opened.width) if turned else (opened.width, opened.height)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
