#!/usr/bin/env python3
"""Draw the example board's photos: scenes rendered with Pillow, made for this project (CC0).

    python tools/example_photos.py [FOLDER]      # default: static/images/

The example board needs photos as a phone takes them, so that the image pipeline shows what it
does: a few thousand pixels, a JPEG of a realistic size, one stored sideways with an EXIF
orientation flag (as phones store portrait photos) and one carrying the GPS position of where it
was "taken". No one else's photo is used: each scene is drawn here from gradients, shapes, blur
and sensor-like grain, from a fixed seed, so the files are the same on every run with the same
Pillow. The licence is in static/images/LICENSE.md.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

SIZE = (3000, 2000)
QUALITY = 84


def gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    """A vertical gradient from `top` to `bottom`."""
    ramp = Image.linear_gradient("L").resize(size)
    return ImageOps.colorize(ramp, top, bottom)


def light(size: tuple[int, int], centre: tuple[int, int], radius: int, colour: str, strength: float) -> Image.Image:
    """A soft round light: a colour that fades out from `centre`, to be added to a scene."""
    # Pillow's radial gradient reaches 255 in the corners, 181 at the middle of each edge: stretched
    # so that it is 255 from the inscribed circle out, the light has no square edge.
    glow = Image.radial_gradient("L").point(lambda value: min(255, value * 255 // 181)).resize((radius * 2, radius * 2))
    mask = Image.new("L", size, 255)
    mask.paste(glow, (centre[0] - radius, centre[1] - radius))
    mask = ImageOps.invert(mask).point(lambda value: int(value * strength))
    return Image.composite(Image.new("RGB", size, colour), Image.new("RGB", size, "black"), mask)


def finish(scene: Image.Image, seed: int) -> Image.Image:
    """What a phone's camera adds: a little softness, a vignette and grain."""
    random.seed(seed)
    scene = scene.filter(ImageFilter.GaussianBlur(1.2))
    for cells, weight in ((12, 0.10), (60, 0.08), (300, 0.06)):  # uneven light and surfaces, at three scales
        blotches = Image.effect_noise((cells, cells * 2 // 3), 60).resize(scene.size, Image.Resampling.BICUBIC)
        scene = Image.blend(scene, ImageChops.soft_light(scene, blotches.convert("RGB")), weight * 3)
    vignette = Image.radial_gradient("L").point(lambda value: min(255, value * 255 // 181)).resize(scene.size).point(lambda value: 255 - int(value * 0.45))
    scene = ImageChops.multiply(scene, Image.merge("RGB", (vignette, vignette, vignette)))
    grain = Image.effect_noise(scene.size, 18).convert("RGB")
    return Image.blend(scene, ImageChops.overlay(scene, grain), 0.22)


def door(seed: int) -> Image.Image:
    """A front door of a terraced house with a digital lock beside the handle, late afternoon."""
    rng = random.Random(seed)
    width, height = SIZE
    scene = gradient(SIZE, "#c9b8a0", "#8d7b66")
    draw = ImageDraw.Draw(scene)
    for row in range(0, height, 46):  # brick courses
        offset = 0 if (row // 46) % 2 else 60
        for column in range(-offset, width, 120):
            tone = rng.randint(-18, 18)
            draw.rectangle((column + 3, row + 3, column + 116, row + 42),
                           fill=(150 + tone, 82 + tone // 2, 62 + tone // 3))
    draw.rectangle((1020, 260, 1980, 2000), fill="#e8e4dc")  # door frame
    draw.rectangle((1080, 320, 1920, 2000), fill="#2f5d50")  # the door
    for top in (380, 1180):
        draw.rectangle((1160, top, 1840, top + 700), outline="#254a40", width=18)
    draw.rounded_rectangle((1690, 1010, 1790, 1250), radius=16, fill="#1d1f21")  # the lock
    for key in range(9):
        x, y = 1708 + (key % 3) * 28, 1040 + (key // 3) * 34
        draw.rounded_rectangle((x, y, x + 20, y + 24), radius=4, fill="#6a7075")
    draw.ellipse((1728, 1172, 1752, 1196), fill="#39d353")  # its green light
    draw.rounded_rectangle((1560, 1120, 1690, 1150), radius=14, fill="#b9bcc0")  # handle
    draw.rectangle((0, 1880, width, height), fill="#6e6a64")  # steps
    scene = Image.eval(scene, lambda value: value)
    scene = ImageChops.add(scene, light(SIZE, (2300, 300), 1400, "#ffd9a0", 0.35))
    scene = ImageChops.add(scene, light(SIZE, (1740, 1184), 60, "#39d353", 0.8))
    return finish(scene, seed)


def plough(seed: int, daylight: bool = False) -> Image.Image:
    """A snow plough on a town street at dawn (or in daylight), its orange beacon lit, snow in the air."""
    rng = random.Random(seed)
    width, height = SIZE
    scene = gradient(SIZE, "#8fa6c4", "#eef1f5") if daylight else gradient(SIZE, "#27324a", "#d9dde6")
    draw = ImageDraw.Draw(scene)
    for left in range(0, width, 260):  # houses far away, softened below
        top = 700 + rng.randint(-60, 80)
        draw.rectangle((left, top, left + 240, 1250), fill=(60 + rng.randint(0, 25), 66, 82))
        for window in range(3):
            if rng.random() < 0.6:
                x = left + 30 + window * 70
                draw.rectangle((x, top + 80, x + 40, top + 130), fill="#ffcf7a")
    scene = scene.filter(ImageFilter.GaussianBlur(6))
    draw = ImageDraw.Draw(scene)
    draw.polygon([(0, 1250), (width, 1250), (width, height), (0, height)], fill="#e7ebf2")  # snow
    draw.polygon([(900, 1250), (2100, 1250), (2900, height), (100, height)], fill="#b7bfcc")  # road
    draw.rectangle((1150, 900, 1900, 1500), fill="#2a2f36")  # truck body
    draw.rectangle((1250, 950, 1600, 1180), fill="#6f8aa8")  # windscreen
    draw.polygon([(1000, 1420), (2050, 1420), (2200, 1600), (850, 1600)], fill="#f0a020")  # blade
    for x in (1230, 1820):
        draw.ellipse((x - 70, 1420, x + 70, 1560), fill="#15171a")
    draw.rectangle((1480, 860, 1560, 900), fill="#ff8c00")
    scene = ImageChops.add(scene, light(SIZE, (1520, 880), 260, "#ff8c00", 0.9))
    scene = ImageChops.add(scene, light(SIZE, (1300, 1350), 120, "#fff4d0", 0.7))
    scene = ImageChops.add(scene, light(SIZE, (1800, 1350), 120, "#fff4d0", 0.7))
    flakes = Image.new("L", SIZE, 0)
    draw = ImageDraw.Draw(flakes)
    for _ in range(2600):
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.choice((2, 3, 3, 4, 6))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(150, 255))
    flakes = flakes.filter(ImageFilter.GaussianBlur(1.5))
    scene = Image.composite(Image.new("RGB", SIZE, "white"), scene, flakes)
    return finish(scene, seed)


def meter(seed: int) -> Image.Image:
    """A water meter with a small leak sensor on a pipe in a basement, lit by a ceiling lamp."""
    rng = random.Random(seed)
    width, height = SIZE
    scene = gradient(SIZE, "#55585c", "#2c2e31")
    draw = ImageDraw.Draw(scene)
    for _ in range(400):  # concrete
        x, y = rng.randint(0, width), rng.randint(0, height)
        tone = rng.randint(50, 110)
        draw.ellipse((x, y, x + rng.randint(8, 40), y + rng.randint(8, 40)), fill=(tone, tone, tone + 4))
    scene = scene.filter(ImageFilter.GaussianBlur(4))
    draw = ImageDraw.Draw(scene)
    draw.rectangle((0, 1080, width, 1220), fill="#8a5a2b")  # copper pipe
    draw.rectangle((0, 1100, width, 1130), fill="#c08050")
    draw.rounded_rectangle((1200, 900, 1800, 1400), radius=60, fill="#1f4e8c")  # meter body
    draw.ellipse((1330, 960, 1670, 1300), fill="#dfe4ea")
    draw.ellipse((1360, 990, 1640, 1270), fill="#f7f9fb")
    draw.rectangle((1420, 1080, 1580, 1130), fill="#202020")
    draw.line((1500, 1130, 1580, 1220), fill="#c0392b", width=10)
    draw.rounded_rectangle((2050, 1230, 2350, 1380), radius=30, fill="#f2f2f2")  # leak sensor
    draw.ellipse((2180, 1280, 2220, 1320), fill="#2ecc71")
    draw.rectangle((2190, 1380, 2210, 1700), fill="#303030")  # its cable
    scene = ImageChops.add(scene, light(SIZE, (1500, 0), 1600, "#fff1c4", 0.45))
    scene = ImageChops.add(scene, light(SIZE, (2200, 1300), 70, "#2ecc71", 0.7))
    return finish(scene, seed)


def gps(latitude: float, longitude: float) -> dict:
    def dms(value: float) -> tuple[float, float, float]:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return (float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 2))

    return {1: "N", 2: dms(latitude), 3: "E", 4: dms(longitude)}


def save(image: Image.Image, path: Path, orientation: int = 1, position: dict | None = None) -> None:
    exif = Image.Exif()
    exif[0x010F] = "callboard"  # Make
    exif[0x0110] = "example_photos.py"  # Model
    exif[0x0132] = "2026:11:20 08:14:00"  # DateTime
    if orientation != 1:
        exif[0x0112] = orientation
    if position:
        exif[0x8825] = position
    image.save(path, "JPEG", quality=QUALITY, exif=exif.tobytes())


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # A care recipient's front door: the GPS position is the kind of thing a site must not publish.
    save(door(16), folder / "digitalt-las.jpg", position=gps(56.8777, 14.8091))
    # Stored sideways, as a phone held upright stores it: EXIF orientation 6 turns it on display.
    save(plough(17).transpose(Image.Transpose.ROTATE_90), folder / "plogbil.jpg", orientation=6)
    save(plough(19, daylight=True), folder / "plogbil-dagtid.jpg")
    save(meter(18), folder / "vattenmatare.jpg")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "static" / "images")
