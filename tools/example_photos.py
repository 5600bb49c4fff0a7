#!/usr/bin/env python3
"""Render the example board's photos: scenes lit and rendered by Blender's Cycles, made for this project (CC0).

The example board needs photos as a phone takes them, so that the image pipeline shows what it
does: 3000 x 2000 pixels, a JPEG of a realistic size, one stored sideways with an EXIF
orientation flag (as phones store portrait photos) and one carrying the GPS position of where it
was "taken". No one else's photo is used: each scene is modelled here in metres (tools/photo_kit.py),
lit by a physically based sky, the sun and lamps, and path-traced by Cycles with depth of field;
then a phone's lens and sensor are added (vignette, sharpening, grain). Every random choice comes
from a fixed seed, so a run gives the same pictures with the same Blender, to within one level in
a handful of pixels (Cycles sums its samples on several threads; the site's build is byte-identical
all the same, as it reads the committed JPEGs). The licence is in static/images/LICENSE.md.

Blender's Python module (`bpy`, on PyPI) is not a dependency of callboard: it is large and needs
Python 3.11. Install it in a virtual environment of its own and run the tool with it:

    python3.11 -m venv /tmp/photo-venv
    /tmp/photo-venv/bin/pip install "bpy==5.0.1" "pillow>=10,<13"
    nice -n 10 /tmp/photo-venv/bin/python tools/example_photos.py [FOLDER] [--preview] [--only NAME]

FOLDER defaults to static/images/. `--preview` renders at a quarter of the size with few samples,
to look at a scene quickly; `--only plogbil` renders one photo. A full run takes most of an hour
on two cores.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy  # noqa: E402
import photo_kit as kit  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

SIZE = (3000, 2000)
RENDERED = (1200, 800)
"""Cycles renders 1200 x 800 pixels (denoised, few samples), enlarged before the sensor's grain is
added: a phone's photo is soft at 100 %, and it keeps a full run within the hour on two busy cores."""
QUALITY = 88


def door_scene(size: tuple[int, int], samples: int) -> None:
    """A green front door in a brick wall, a digital lock with a keypad lit green beside the handle,
    late afternoon sun raking across the bricks."""
    rng = random.Random(16)
    kit.fresh_scene(size, samples, seed=16)
    scene = kit.bpy.context.scene
    kit.sky(scene, elevation=16, rotation=215, strength=0.1)
    kit.sun(elevation=16, azimuth=38, strength=9.0, colour=(1.0, 0.74, 0.5))
    brick = kit.bricks("brick", (0.3, 0.085, 0.045), (0.4, 0.38, 0.35))
    for size_, at in (((2.9, 0.35, 3.6), (-2.05, 0.175, 1.8)), ((2.9, 0.35, 3.6), (2.05, 0.175, 1.8)),
                      ((1.2, 0.35, 1.2), (0, 0.175, 3.0))):
        kit.box(size_, at, brick)
    trim = kit.material("trim", (0.82, 0.81, 0.77), rough=0.35, grime=0.25, scale=3)
    kit.box((0.1, 0.22, 2.15), (-0.55, 0.09, 1.225), trim, bevel=0.008)
    kit.box((0.1, 0.22, 2.15), (0.55, 0.09, 1.225), trim, bevel=0.008)
    kit.box((1.2, 0.22, 0.1), (0, 0.09, 2.35), trim, bevel=0.008)
    paint = kit.material("door", (0.02, 0.09, 0.06), rough=0.3, coat=0.3, grime=0.3, bump=0.05, scale=4)
    kit.box((1.0, 0.05, 2.15), (0, 0.145, 1.225), paint, bevel=0.004)
    for bottom, top in ((0.35, 1.0), (1.42, 2.12)):
        kit.box((0.66, 0.022, top - bottom), (-0.06, 0.115, (bottom + top) / 2), paint, bevel=0.012)
    steel = kit.material("steel", (0.62, 0.62, 0.62), rough=0.28, metal=1.0, grime=0.15, scale=30)
    kit.cylinder(0.027, 0.02, (0.4, 0.11, 1.03), steel, rotation=(90, 0, 0), bevel=0.004)
    kit.cylinder(0.011, 0.06, (0.4, 0.085, 1.03), steel, rotation=(90, 0, 0))
    kit.box((0.14, 0.022, 0.022), (0.34, 0.06, 1.03), steel, bevel=0.007)
    kit.cylinder(0.018, 0.018, (0.4, 0.115, 0.93), steel, rotation=(90, 0, 0), bevel=0.003)
    black = kit.material("lock", (0.015, 0.015, 0.016), rough=0.22, coat=0.6)
    kit.box((0.085, 0.032, 0.27), (0.4, 0.104, 1.27), black, bevel=0.012)
    key = kit.material("key", (0.03, 0.03, 0.03), rough=0.4, emit=(0.25, 1.0, 0.35), strength=2.2)
    for row in range(4):
        for column in range(3):
            kit.box((0.017, 0.006, 0.015), (0.378 + column * 0.022, 0.087, 1.355 - row * 0.026), key, bevel=0.002)
    led = kit.material("led", (0.1, 1.0, 0.2), emit=(0.1, 1.0, 0.25), strength=40)
    kit.sphere(0.0045, (0.4, 0.088, 1.395), led)
    kit.box((0.05, 0.004, 0.03), (0.4, 0.088, 1.19), kit.material("reader", (0.04, 0.05, 0.06), rough=0.1))
    enamel = kit.material("sign", (0.04, 0.12, 0.38), rough=0.2, coat=0.8)
    kit.box((0.22, 0.012, 0.16), (0.95, -0.006, 1.95), enamel, bevel=0.01)
    number = kit.bpy.data.curves.new("number", "FONT")
    number.body, number.size, number.extrude, number.align_x, number.align_y = "14", 0.11, 0.001, "CENTER", "CENTER"
    text = kit.bpy.data.objects.new("number", number)
    text.location, text.rotation_euler = (0.95, -0.014, 1.95), (math.radians(90), 0, 0)
    number.materials.append(kit.material("white", (0.9, 0.9, 0.88), rough=0.3))
    scene.collection.objects.link(text)
    lantern = kit.material("lantern", (0.02, 0.02, 0.02), rough=0.5, metal=0.6)
    kit.box((0.16, 0.14, 0.26), (-0.95, -0.08, 2.05), lantern, bevel=0.01)
    kit.box((0.12, 0.15, 0.18), (-0.95, -0.08, 2.04), kit.material("glass", (0.8, 0.78, 0.7), rough=0.15,
                                                                       transmission=0.6))
    concrete = kit.material("concrete", (0.45, 0.44, 0.42), rough=0.9, grime=0.5, bump=0.3, scale=6)
    kit.box((1.9, 0.7, 0.16), (0, -0.2, 0.08), concrete, bevel=0.01)
    kit.box((0.8, 0.5, 0.015), (0.0, -0.22, 0.167), kit.material("mat", (0.12, 0.08, 0.05), rough=1.0,
                                                                   grime=0.5, bump=1.0, scale=40), bevel=0.01)
    paving = kit.material("paving", (0.33, 0.32, 0.3), rough=0.85, grime=0.6, bump=0.4, scale=2)
    kit.box((12, 8, 0.1), (0, -4, -0.05), paving)
    leaves = kit.material("leaf", (0.35, 0.16, 0.04), rough=0.7, grime=0.4, scale=20)
    for _ in range(14):
        kit.box((0.05, 0.035, 0.002), (rng.uniform(-1.4, 1.6), rng.uniform(-1.8, -0.6), 0.002), leaves,
                rotation=(0, 0, rng.uniform(0, 180)))
    kit.camera((1.25, -2.95, 1.32), (0.12, 0.1, 1.18), lens=30, focus=3.1, f_stop=8)


def plough_scene(size: tuple[int, int], samples: int, daylight: bool) -> None:
    """A snow plough on a town street, its orange beacons lit, snow in the air: at dawn (street
    lamps and windows lit) or on a bright winter day. Seen from the pavement with a phone's 2x
    lens: the houses behind it soft in the haze and the falling snow."""
    seed = 19 if daylight else 17
    rng = random.Random(seed)
    kit.fresh_scene(size, samples, seed=seed)
    scene = kit.bpy.context.scene
    if daylight:
        kit.sky(scene, elevation=10, rotation=130, strength=0.3)
        kit.sun(elevation=10, azimuth=-150, strength=5.0, colour=(1.0, 0.86, 0.7), angle=2.0)
    else:
        kit.sky(scene, elevation=-4, rotation=130, strength=1.2, tint=(0.7, 0.82, 1.1))
    street(rng, daylight)
    truck(daylight)
    haze = kit.material("haze", (1, 1, 1))
    tree = haze.node_tree
    tree.nodes.remove(tree.nodes["Principled BSDF"])
    volume = tree.nodes.new("ShaderNodeVolumePrincipled")
    volume.inputs["Density"].default_value = 0.006 if daylight else 0.025
    volume.inputs["Color"].default_value = (0.85, 0.88, 0.95, 1)
    tree.links.new(volume.outputs["Volume"], tree.nodes["Material Output"].inputs["Volume"])
    kit.box((70, 130, 24), (0, 45, 11.9), haze)
    flake = kit.material("flake", (0.95, 0.96, 1.0), rough=0.6, subsurface=0.3, emit=(0.9, 0.85, 0.8),
                         strength=0.0 if daylight else 0.35)
    kit.snowfall(rng, 12000, 2.0, 40, (5.0, -14.0, 1.6), -16, 22, (-0.5, 7.0), flake, flake=0.006,
                 stretch=1.3 if daylight else 4.0)
    kit.camera((5.0, -14.0, 1.55), (-1.2, 1.5, 1.9), lens=48, focus=16.4, f_stop=2.8)
    scene.view_settings.exposure = 0.3 if daylight else 0.6


def street(rng: random.Random, daylight: bool) -> None:
    """Packed snow with slushy wheel tracks, banks of ploughed snow, houses with lit windows, lamps."""
    snow = kit.material("snow", (0.8, 0.82, 0.86), rough=0.55, subsurface=0.15, bump=0.35, scale=3, grime=0.08)
    packed = kit.tracked_road("packed", (0.6, 0.61, 0.63), (0.3, 0.29, 0.28), (-3.0, -1.9, 0.25, 1.35), 0.42)
    kit.box((80, 140, 0.2), (0, 40, -0.1), snow)
    bank_snow = kit.material("ploughed snow", (0.7, 0.71, 0.73), rough=0.6, subsurface=0.1, grime=0.5, bump=0.6,
                             scale=2)
    kit.box((8.2, 140, 0.02), (0, 40, 0.0), packed)
    for side in (-1, 1):
        for start in range(-20, 100, 9):
            bank = kit.box((1.6, 9.5, 0.7), (side * 4.9, start + 4.5, 0.05), bank_snow,
                           rotation=(0, 0, rng.uniform(-2, 2)))
            kit.lumpy(bank, strength=0.5, size=0.25, levels=4)
    walls = ((0.45, 0.06, 0.04), (0.78, 0.6, 0.28), (0.72, 0.7, 0.64), (0.2, 0.28, 0.3), (0.55, 0.36, 0.2))
    window_light = kit.material("window lit", (0.1, 0.1, 0.1), rough=0.1, emit=(1.0, 0.62, 0.3), strength=1.6)
    window_dark = kit.material("window", (0.02, 0.025, 0.03), rough=0.05, coat=1.0)
    trim = kit.material("window trim", (0.8, 0.8, 0.78), rough=0.5)
    plinth = kit.material("plinth", (0.38, 0.37, 0.36), rough=0.9, grime=0.5, bump=0.3, scale=2)
    door = kit.material("house door", (0.12, 0.08, 0.05), rough=0.5, grime=0.3, scale=3)
    roof = kit.material("roof snow", (0.82, 0.84, 0.88), rough=0.6, subsurface=0.1, bump=0.2, scale=2)
    for side in (-1, 1):
        for index, start in enumerate(range(4, 110, 14)):
            depth, height = rng.uniform(8, 10), rng.uniform(6.0, 9.0)
            x = side * (13 + rng.uniform(0, 2.5))
            y = start + rng.uniform(-1, 1)
            colour = walls[rng.randrange(len(walls))]
            kit.box((depth, 11, height), (x, y, height / 2), kit.boarded(f"wall{side}{index}", colour))
            kit.box((depth + 0.1, 11.1, 0.6), (x, y, 0.3), plinth)
            kit.box((0.08, 1.1, 2.1), (x - side * (depth / 2 + 0.02), y + 4.2, 1.3), door)
            half = depth / 2 + 0.5
            kit.mesh("roof", [(x - half, y - 5.8, height), (x + half, y - 5.8, height), (x, y - 5.8, height + 2.8),
                              (x - half, y + 5.8, height), (x + half, y + 5.8, height), (x, y + 5.8, height + 2.8)],
                     [(0, 2, 5, 3), (1, 4, 5, 2), (0, 1, 2), (3, 5, 4), (0, 3, 4, 1)], roof)
            face = x - side * (depth / 2 + 0.03)
            for floor in range(2 if height < 7.5 else 3):
                for column in range(4):
                    lit = not daylight and rng.random() < 0.5
                    at = (face, y - 4 + column * 2.6, 1.7 + floor * 2.8)
                    kit.box((0.05, 1.25, 1.55), (face + side * 0.01, at[1], at[2]), trim)
                    kit.box((0.06, 1.05, 1.35), at, window_light if lit else window_dark)
    pole = kit.material("pole", (0.25, 0.26, 0.27), rough=0.5, metal=0.7, grime=0.3)
    for y in (-4, 22, 48, 74):
        kit.cylinder(0.08, 8, (-5.8, y, 4), pole)
        kit.box((1.8, 0.12, 0.1), (-5.0, y, 7.95), pole)
        kit.box((0.5, 0.25, 0.12), (-4.2, y, 7.9), kit.material("lamp head", (0.2, 0.2, 0.2), rough=0.4,
                                                                 emit=(1.0, 0.8, 0.55),
                                                                 strength=0.0 if daylight else 40.0))
        if not daylight:
            kit.lamp((-4.2, y, 7.75), 1500, (1.0, 0.76, 0.48), radius=0.2, spot=(0, 0), size=120)


def truck(daylight: bool) -> None:
    """A plough truck in its lane, driving towards the camera (along -y), its blade angled to the right."""
    x = -1.6
    white = kit.material("cab", (0.8, 0.8, 0.78), rough=0.3, coat=0.8, grime=0.35, scale=2.5)
    stripe = kit.material("reflective stripe", (0.95, 0.35, 0.02), rough=0.3, coat=0.5, grime=0.2, scale=4)
    grey = kit.material("steel grey", (0.1, 0.1, 0.11), rough=0.5, metal=0.4, grime=0.4, scale=3)
    rubber = kit.material("tyre", (0.02, 0.02, 0.02), rough=0.85, bump=0.3, scale=20)
    glass = kit.material("windscreen", (0.01, 0.012, 0.015), rough=0.03, coat=1.0)
    orange = kit.material("blade", (0.9, 0.28, 0.01), rough=0.35, coat=0.4, grime=0.45, scale=3)
    snow = kit.material("snow on truck", (0.85, 0.87, 0.9), rough=0.6, subsurface=0.1, bump=0.3, scale=4)
    for y in (0.9, 4.7, 6.0):
        for side in (-1, 1):  # wheels, and the mudguards over them
            kit.cylinder(0.53, 0.4, (x + side * 1.04, y, 0.53), rubber, rotation=(0, 90, 0), bevel=0.08)
            kit.cylinder(0.26, 0.42, (x + side * 1.04, y, 0.53), grey, rotation=(0, 90, 0), bevel=0.02)
            kit.box((0.45, 1.3, 0.08), (x + side * 1.04, y, 1.12), grey, bevel=0.03)
    kit.box((1.0, 7.2, 0.35), (x, 3.7, 0.95), grey)
    kit.box((2.5, 2.1, 2.0), (x, 1.05, 2.15), white, bevel=0.1)
    kit.box((2.3, 0.06, 0.92), (x, -0.02, 2.62), glass, bevel=0.02, rotation=(-6, 0, 0))
    headlight = kit.material("headlight", (0.9, 0.9, 0.85), rough=0.1, emit=(1.0, 0.93, 0.8),
                             strength=25 if not daylight else 6)
    beacon = kit.material("beacon", (1.0, 0.4, 0.0), rough=0.2, emit=(1.0, 0.42, 0.02),
                          strength=40 if not daylight else 6)
    for side in (-1, 1):
        kit.box((0.05, 1.2, 0.75), (x + side * 1.25, 0.75, 2.62), glass, bevel=0.01)
        kit.box((0.06, 0.12, 0.35), (x + side * 1.42, -0.05, 2.7), grey, bevel=0.02)
        kit.box((0.4, 0.05, 0.25), (x + side * 1.0, 1.95, 0.95), grey)
        kit.box((0.36, 0.06, 0.17), (x + side * 0.85, -0.04, 1.45), headlight, bevel=0.02)
        kit.lamp((x + side * 0.85, -0.4, 1.45), 400 if not daylight else 120, (1.0, 0.93, 0.82), radius=0.08,
                 spot=(-80, 0), size=55)
        kit.cylinder(0.13, 0.22, (x + side * 0.8, 0.9, 3.56), beacon, bevel=0.03)
        kit.lamp((x + side * 0.8, 0.6, 3.6), 150 if not daylight else 60, (1.0, 0.45, 0.05), radius=0.12)
    kit.box((1.7, 0.05, 0.5), (x, -0.03, 1.8), grey, bevel=0.01)
    slat = kit.material("slat", (0.2, 0.2, 0.21), rough=0.3, metal=0.8)
    for row in range(5):
        kit.box((1.6, 0.06, 0.03), (x, -0.06, 1.6 + row * 0.09), slat)
    kit.box((2.3, 0.12, 0.08), (x, 0.1, 3.08), grey, bevel=0.02)
    kit.box((2.52, 0.03, 0.09), (x, -0.015, 2.05), stripe)
    for side in (-1, 1):
        kit.box((0.02, 1.9, 0.09), (x + side * 1.252, 1.05, 2.05), stripe)
        kit.box((0.02, 0.02, 0.9), (x + side * 1.255, 1.45, 1.75), grey)
        kit.box((0.04, 0.3, 0.03), (x + side * 1.26, 0.9, 1.85), grey, bevel=0.01)
    kit.box((2.2, 0.25, 0.06), (x, -0.1, 3.1), kit.material("visor", (0.05, 0.05, 0.05), rough=0.4),
            rotation=(-10, 0, 0))
    kit.box((1.9, 0.25, 0.14), (x, 0.9, 3.38), grey, bevel=0.03)
    kit.box((0.52, 0.02, 0.11), (x, -0.24, 1.05), kit.material("plate", (0.85, 0.85, 0.82), rough=0.4), bevel=0.01)
    kit.box((2.5, 0.35, 0.45), (x, -0.05, 1.0), grey, bevel=0.04)
    kit.box((2.5, 2.1, 0.12), (x, 1.05, 3.2), snow, bevel=0.05)
    kit.box((2.55, 4.4, 1.7), (x, 5.3, 2.1), grey, bevel=0.05)
    heap = kit.box((2.3, 4.0, 0.5), (x, 5.3, 3.0), snow)
    kit.lumpy(heap, 0.2, 0.5, levels=2)
    kit.box((0.15, 1.4, 0.15), (x - 0.5, -0.7, 0.75), grey, rotation=(8, 0, 0))
    kit.box((0.15, 1.4, 0.15), (x + 0.5, -0.7, 0.75), grey, rotation=(8, 0, 0))
    profile = [(0.0, 0.0)] + [(-(0.9 - 0.9 * math.cos(a)), 0.9 * math.sin(a))
                              for a in (i / 10 * 1.15 for i in range(1, 11))]
    vertices = [(side * 1.8, y, z) for side in (-1, 1) for y, z in profile]
    count = len(profile)
    faces = [(i, i + 1, count + i + 1, count + i) for i in range(count - 1)]
    blade = kit.mesh("blade", vertices, faces, orange, smooth=True)
    solid = blade.modifiers.new("thickness", "SOLIDIFY")
    solid.thickness = 0.04
    blade.location = (x - 0.2, -1.55, 0.06)
    blade.rotation_euler = (0, 0, math.radians(-24))
    kit.box((3.7, 0.08, 0.1), (x - 0.2, -1.5, 0.06), grey, rotation=(0, 0, -24))
    spill = kit.box((3.0, 0.5, 0.3), (x - 0.3, -1.95, 0.05), snow, rotation=(0, 0, -24))
    kit.lumpy(spill, 0.3, 0.15, levels=4)


def meter_scene(size: tuple[int, int], samples: int) -> None:
    """A blue water meter on a copper pipe in a basement, a small white leak sensor with a green
    light beside it, lit by a bare ceiling bulb."""
    kit.fresh_scene(size, samples, seed=18)
    scene = kit.bpy.context.scene
    kit.sky(scene, elevation=20, rotation=0, strength=0.02)
    concrete = kit.material("concrete", (0.55, 0.54, 0.52), rough=0.92, grime=0.6, bump=0.15, scale=3)
    kit.box((6, 0.2, 4), (0, 0.5, 1.5), concrete)
    kit.box((6, 4, 0.2), (0, -1.5, -0.1), kit.material("floor", (0.32, 0.31, 0.3), rough=0.7, grime=0.6,
                                                          bump=0.3, scale=2))
    copper = kit.material("copper", (0.8, 0.42, 0.25), rough=0.3, metal=1.0, grime=0.35, scale=12)
    brass = kit.material("brass", (0.78, 0.6, 0.3), rough=0.35, metal=1.0, grime=0.3, scale=20)
    kit.cylinder(0.014, 4.0, (0, 0.3, 0.9), copper, rotation=(0, 90, 0))
    kit.cylinder(0.014, 1.0, (-1.2, 0.3, 0.4), copper)
    blue = kit.material("meter", (0.02, 0.12, 0.42), rough=0.3, coat=0.5, grime=0.15, scale=8)
    kit.cylinder(0.035, 0.16, (0, 0.3, 0.9), blue, rotation=(0, 90, 0), bevel=0.005)
    kit.cylinder(0.045, 0.07, (0, 0.3, 0.95), blue, bevel=0.006)
    face = kit.material("dial", (0.92, 0.92, 0.9), rough=0.2, coat=1.0)
    kit.cylinder(0.04, 0.004, (0, 0.3, 0.986), face)
    kit.box((0.036, 0.01, 0.002), (0, 0.31, 0.989), kit.material("counter", (0.02, 0.02, 0.02), rough=0.4))
    kit.box((0.002, 0.022, 0.002), (0.006, 0.285, 0.9895), kit.material("needle", (0.7, 0.05, 0.03), rough=0.4))
    for side in (-1, 1):
        kit.cylinder(0.024, 0.03, (side * 0.095, 0.3, 0.9), brass, rotation=(0, 90, 0), vertices=6)
        kit.cylinder(0.022, 0.05, (side * 0.25, 0.3, 0.9), brass, rotation=(0, 90, 0), vertices=6)
    kit.box((0.03, 0.035, 0.06), (-0.25, 0.3, 0.94), kit.material("valve", (0.7, 0.05, 0.03), rough=0.4),
            bevel=0.005)
    white = kit.material("sensor", (0.9, 0.9, 0.88), rough=0.35, coat=0.3)
    kit.box((0.075, 0.028, 0.075), (0.33, 0.386, 0.76), white, bevel=0.01)
    kit.sphere(0.004, (0.33, 0.372, 0.775), kit.material("sensor led", (0.1, 1, 0.2), emit=(0.1, 1, 0.25),
                                                         strength=60))
    kit.box((0.03, 0.004, 0.008), (0.33, 0.372, 0.745), kit.material("sensor grey", (0.5, 0.5, 0.5), rough=0.4))
    kit.cylinder(0.0025, 0.72, (0.33, 0.392, 0.36), white)
    kit.lamp((0.5, -0.2, 2.0), 90, (1.0, 0.82, 0.6), radius=0.03)
    kit.camera((0.1, -0.4, 1.25), (0.14, 0.32, 0.82), lens=32, focus=0.82, f_stop=2.4)
    scene.view_settings.exposure = 0.5


SCENES = {
    "digitalt-las": lambda size, samples: door_scene(size, samples),
    "plogbil": lambda size, samples: plough_scene(size, samples, daylight=False),
    "plogbil-dagtid": lambda size, samples: plough_scene(size, samples, daylight=True),
    "vattenmatare": lambda size, samples: meter_scene(size, samples),
}
SAMPLES = {"digitalt-las": 24, "plogbil": 16, "plogbil-dagtid": 16, "vattenmatare": 16}


def phone_finish(image: Image.Image, seed: int) -> Image.Image:
    """What a phone's lens and sensor add to the rendered light: a little vignetting, the
    sharpening phones apply, and grain that is stronger in the shadows."""
    pixels = numpy.asarray(image.convert("RGB"), dtype=numpy.float32) / 255
    height, width = pixels.shape[:2]
    ys, xs = numpy.mgrid[0:height, 0:width].astype(numpy.float32)
    radius = ((xs - width / 2) ** 2 + (ys - height / 2) ** 2) / ((width / 2) ** 2 + (height / 2) ** 2)
    pixels *= (1 - 0.28 * radius ** 1.5)[..., None]
    rng = numpy.random.default_rng(seed)
    shadow = (1.0 - pixels.mean(axis=2, keepdims=True)) ** 2
    luma = rng.normal(0, 0.012, (height, width, 1)).astype(numpy.float32)
    chroma = rng.normal(0, 0.006, (height, width, 3)).astype(numpy.float32)
    pixels = numpy.clip(pixels + (luma + chroma) * (0.4 + shadow), 0, 1)
    finished = Image.fromarray((pixels * 255 + 0.5).astype(numpy.uint8))
    return finished.filter(ImageFilter.UnsharpMask(radius=1.6, percent=45, threshold=2))


def gps(latitude: float, longitude: float) -> dict:
    def dms(value: float) -> tuple[float, float, float]:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return (float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 2))

    return {1: "N", 2: dms(latitude), 3: "E", 4: dms(longitude)}


def save(image: Image.Image, path: Path, orientation: int = 1, position: dict | None = None) -> None:
    exif = Image.Exif()
    exif[0x010F] = "callboard"  # Make
    exif[0x0110] = "example_photos.py (Blender Cycles)"  # Model
    exif[0x0132] = "2026:11:20 08:14:00"  # DateTime
    if orientation != 1:
        exif[0x0112] = orientation
    if position:
        exif[0x8825] = position
    image.save(path, "JPEG", quality=QUALITY, exif=exif.tobytes())


def render(name: str, preview: bool, work: Path) -> Image.Image:
    size = (SIZE[0] // 4, SIZE[1] // 4) if preview else RENDERED
    SCENES[name](size, 24 if preview else SAMPLES[name])
    path = work / f"{name}.png"
    kit.render(kit.bpy.context.scene, str(path))
    rendered = Image.open(path).convert("RGB")
    if not preview:
        rendered = rendered.resize(SIZE, Image.Resampling.LANCZOS)
    return phone_finish(rendered, seed=sum(map(ord, name)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path,
                        default=Path(__file__).resolve().parent.parent / "static" / "images")
    parser.add_argument("--preview", action="store_true", help="a quarter of the size, few samples")
    parser.add_argument("--only", choices=sorted(SCENES), action="append")
    options = parser.parse_args()
    options.folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for name in options.only or SCENES:
            picture = render(name, options.preview, Path(work))
            target = options.folder / f"{name}.jpg"
            if name == "digitalt-las":
                # A care recipient's front door: the GPS position is the kind of thing a site must not publish.
                save(picture, target, position=gps(56.8777, 14.8091))
            elif name == "plogbil":
                # Stored sideways, as a phone held upright stores it: EXIF orientation 6 turns it on display.
                save(picture.transpose(Image.Transpose.ROTATE_90), target, orientation=6)
            else:
                save(picture, target)


if __name__ == "__main__":
    main()
