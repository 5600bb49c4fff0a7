"""The building blocks of the example photos' scenes, for Blender's Cycles (`bpy`): a fresh scene
with a physically based sky, materials, boxes, cylinders and meshes in metres, a phone's camera.

Used by tools/example_photos.py only; it needs the `bpy` wheel (see that file's docstring).
"""

from __future__ import annotations

import math
import random

import bpy  # isort: skip (bpy first: it puts addon_utils on the path)
import addon_utils  # noqa: E402
from mathutils import Vector


def fresh_scene(size: tuple[int, int], samples: int, seed: int) -> bpy.types.Scene:
    """An empty scene rendered by Cycles on the CPU, denoised, with AgX tone mapping like a phone's."""
    bpy.ops.wm.read_factory_settings(use_empty=True)
    addon_utils.enable("cycles", default_set=True)
    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = samples
    scene.cycles.seed = seed
    scene.cycles.use_adaptive_sampling = True
    scene.cycles.adaptive_threshold = 0.03
    scene.cycles.use_denoising = True
    scene.cycles.denoiser = "OPENIMAGEDENOISE"
    scene.cycles.max_bounces = 6
    scene.cycles.caustics_reflective = scene.cycles.caustics_refractive = False
    scene.cycles.blur_glossy = 1.0
    scene.render.resolution_x, scene.render.resolution_y = size
    scene.render.resolution_percentage = 100
    scene.render.image_settings.file_format = "PNG"
    scene.view_settings.view_transform = "AgX"
    scene.view_settings.look = "AgX - Medium High Contrast"
    scene.world = bpy.data.worlds.new("sky")
    return scene


def sky(scene: bpy.types.Scene, elevation: float, rotation: float, strength: float = 1.0,
        tint: tuple[float, float, float] | None = None) -> None:
    """Bruneton-style multiple-scattering sky for the sun at `elevation` degrees (below zero: twilight)."""
    tree = scene.world.node_tree
    tree.nodes.clear()
    texture = tree.nodes.new("ShaderNodeTexSky")
    texture.sky_type = "MULTIPLE_SCATTERING"
    texture.sun_disc = False
    texture.sun_elevation = math.radians(elevation)
    texture.sun_rotation = math.radians(rotation)
    texture.air_density = 1.4
    texture.aerosol_density = 3.0
    background = tree.nodes.new("ShaderNodeBackground")
    background.inputs["Strength"].default_value = strength
    output = tree.nodes.new("ShaderNodeOutputWorld")
    source = texture.outputs["Color"]
    if tint:
        mix = tree.nodes.new("ShaderNodeMix")
        mix.data_type = "RGBA"
        mix.blend_type = "MULTIPLY"
        mix.inputs["Factor"].default_value = 1.0
        tree.links.new(source, mix.inputs["A"])
        mix.inputs["B"].default_value = (*tint, 1.0)
        source = mix.outputs["Result"]
    tree.links.new(source, background.inputs["Color"])
    tree.links.new(background.outputs["Background"], output.inputs["Surface"])


def sun(elevation: float, azimuth: float, strength: float, colour: tuple[float, float, float],
        angle: float = 0.6) -> None:
    data = bpy.data.lights.new("sun", "SUN")
    data.energy, data.color, data.angle = strength, colour, math.radians(angle)
    light = bpy.data.objects.new("sun", data)
    light.rotation_euler = (math.radians(90 - elevation), 0, math.radians(azimuth))
    bpy.context.scene.collection.objects.link(light)


def lamp(at: tuple[float, float, float], power: float, colour: tuple[float, float, float],
         radius: float = 0.05, spot: tuple[float, float] | None = None, size: float = 60) -> bpy.types.Object:
    """A point light, or a spot aimed (pitch, yaw in degrees) with a cone of `size` degrees."""
    data = bpy.data.lights.new("lamp", "SPOT" if spot else "POINT")
    data.energy, data.color, data.shadow_soft_size = power, colour, radius
    if spot:
        data.spot_size, data.spot_blend = math.radians(size), 0.6
    light = bpy.data.objects.new("lamp", data)
    light.location = at
    if spot:
        light.rotation_euler = (math.radians(spot[0]), 0, math.radians(spot[1]))
    bpy.context.scene.collection.objects.link(light)
    return light


def camera(at: tuple[float, float, float], target: tuple[float, float, float], lens: float,
           focus: float, f_stop: float = 2.8) -> None:
    """A camera at `at` looking at `target`; `lens` in mm on a 36 mm sensor (a phone's 26 mm is wide)."""
    data = bpy.data.cameras.new("phone")
    data.lens, data.sensor_width = lens, 36
    data.dof.use_dof, data.dof.focus_distance, data.dof.aperture_fstop = True, focus, f_stop
    data.clip_start, data.clip_end = 0.05, 500
    cam = bpy.data.objects.new("phone", data)
    cam.location = at
    cam.rotation_euler = (Vector(target) - Vector(at)).to_track_quat("-Z", "Y").to_euler()
    bpy.context.scene.collection.objects.link(cam)
    bpy.context.scene.camera = cam


def _principled(material: bpy.types.Material) -> bpy.types.Node:
    return material.node_tree.nodes["Principled BSDF"]


def material(name: str, colour: tuple[float, float, float], rough: float = 0.5, metal: float = 0.0,
             coat: float = 0.0, emit: tuple[float, float, float] | None = None, strength: float = 0.0,
             grime: float = 0.0, bump: float = 0.0, scale: float = 8.0, subsurface: float = 0.0,
             transmission: float = 0.0) -> bpy.types.Material:
    """A Principled BSDF with, optionally, uneven colour (`grime`) and a bumpy surface (`bump`) from noise."""
    mat = bpy.data.materials.new(name)
    nodes, links = mat.node_tree.nodes, mat.node_tree.links
    shader = _principled(mat)
    shader.inputs["Base Color"].default_value = (*colour, 1)
    shader.inputs["Roughness"].default_value = rough
    shader.inputs["Metallic"].default_value = metal
    shader.inputs["Coat Weight"].default_value = coat
    shader.inputs["Subsurface Weight"].default_value = subsurface
    shader.inputs["Transmission Weight"].default_value = transmission
    if emit:
        shader.inputs["Emission Color"].default_value = (*emit, 1)
        shader.inputs["Emission Strength"].default_value = strength
    if grime or bump:
        coords = nodes.new("ShaderNodeTexCoord")
        noise = nodes.new("ShaderNodeTexNoise")
        noise.inputs["Scale"].default_value = scale
        noise.inputs["Detail"].default_value = 8
        noise.inputs["Roughness"].default_value = 0.6
        links.new(coords.outputs["Object"], noise.inputs["Vector"])
        if grime:
            mix = nodes.new("ShaderNodeMix")
            mix.data_type = "RGBA"
            mix.blend_type = "MULTIPLY"
            mix.inputs["Factor"].default_value = grime
            mix.inputs["A"].default_value = (*colour, 1)
            links.new(noise.outputs["Color"], mix.inputs["B"])
            links.new(mix.outputs["Result"], shader.inputs["Base Color"])
            rough_map = nodes.new("ShaderNodeMapRange")
            rough_map.inputs["To Min"].default_value = max(0.0, rough - 0.15)
            rough_map.inputs["To Max"].default_value = min(1.0, rough + 0.15)
            links.new(noise.outputs["Fac"], rough_map.inputs["Value"])
            links.new(rough_map.outputs["Result"], shader.inputs["Roughness"])
        if bump:
            fine = nodes.new("ShaderNodeTexNoise")
            fine.inputs["Scale"].default_value = scale * 12
            fine.inputs["Detail"].default_value = 4
            links.new(coords.outputs["Object"], fine.inputs["Vector"])
            bumper = nodes.new("ShaderNodeBump")
            bumper.inputs["Strength"].default_value = bump
            bumper.inputs["Distance"].default_value = 0.01
            links.new(fine.outputs["Fac"], bumper.inputs["Height"])
            links.new(bumper.outputs["Normal"], shader.inputs["Normal"])
    return mat


def bricks(name: str, colour: tuple[float, float, float], mortar: tuple[float, float, float]) -> bpy.types.Material:
    """Bricks 25 x 6.5 cm in a stretcher bond, each a little different, mortar sunk in, on walls facing y."""
    mat = material(name, colour, rough=0.85)
    nodes, links = mat.node_tree.nodes, mat.node_tree.links
    shader = _principled(mat)
    position = nodes.new("ShaderNodeNewGeometry")
    split = nodes.new("ShaderNodeSeparateXYZ")
    upright = nodes.new("ShaderNodeCombineXYZ")
    links.new(position.outputs["Position"], split.inputs["Vector"])
    for source, target in (("X", "X"), ("Z", "Y"), ("Y", "Z")):
        links.new(split.outputs[source], upright.inputs[target])
    brick = nodes.new("ShaderNodeTexBrick")
    brick.offset = 0.5
    brick.inputs["Scale"].default_value = 1.0
    brick.inputs["Brick Width"].default_value = 0.25
    brick.inputs["Row Height"].default_value = 0.075
    brick.inputs["Mortar Size"].default_value = 0.009
    brick.inputs["Mortar Smooth"].default_value = 0.2
    brick.inputs["Color1"].default_value = (*colour, 1)
    brick.inputs["Color2"].default_value = (colour[0] * 0.6, colour[1] * 0.62, colour[2] * 0.7, 1)
    brick.inputs["Bias"].default_value = 0.0
    brick.inputs["Mortar"].default_value = (*mortar, 1)
    links.new(upright.outputs["Vector"], brick.inputs["Vector"])
    noise = nodes.new("ShaderNodeTexNoise")
    noise.inputs["Scale"].default_value = 40
    noise.inputs["Detail"].default_value = 10
    links.new(upright.outputs["Vector"], noise.inputs["Vector"])
    mix = nodes.new("ShaderNodeMix")
    mix.data_type = "RGBA"
    mix.blend_type = "MULTIPLY"
    mix.inputs["Factor"].default_value = 0.6
    links.new(brick.outputs["Color"], mix.inputs["A"])
    links.new(noise.outputs["Color"], mix.inputs["B"])
    links.new(mix.outputs["Result"], shader.inputs["Base Color"])
    height = nodes.new("ShaderNodeMath")
    height.operation = "ADD"
    links.new(brick.outputs["Fac"], height.inputs[0])
    grit = nodes.new("ShaderNodeMath")
    grit.operation = "MULTIPLY"
    grit.inputs[1].default_value = 0.25
    links.new(noise.outputs["Fac"], grit.inputs[0])
    links.new(grit.outputs["Value"], height.inputs[1])
    invert = nodes.new("ShaderNodeMath")
    invert.operation = "SUBTRACT"
    invert.inputs[0].default_value = 1.0
    links.new(height.outputs["Value"], invert.inputs[1])
    bumper = nodes.new("ShaderNodeBump")
    bumper.inputs["Strength"].default_value = 0.6
    bumper.inputs["Distance"].default_value = 0.006
    links.new(invert.outputs["Value"], bumper.inputs["Height"])
    links.new(bumper.outputs["Normal"], shader.inputs["Normal"])
    return mat


def _finish(obj: bpy.types.Object, mat: bpy.types.Material, bevel: float, segments: int = 3) -> bpy.types.Object:
    obj.data.materials.append(mat)
    if bevel:
        modifier = obj.modifiers.new("bevel", "BEVEL")
        modifier.width, modifier.segments, modifier.limit_method = bevel, segments, "ANGLE"
        modifier.harden_normals = True
        obj.data.shade_smooth()
    return obj


def box(size: tuple[float, float, float], at: tuple[float, float, float], mat: bpy.types.Material,
        bevel: float = 0.0, rotation: tuple[float, float, float] = (0, 0, 0)) -> bpy.types.Object:
    """A box of `size` metres centred at `at`, rotated in degrees, its edges rounded by `bevel` metres."""
    bpy.ops.mesh.primitive_cube_add(size=1)
    obj = bpy.context.active_object
    for vertex in obj.data.vertices:
        vertex.co = Vector((vertex.co.x * size[0], vertex.co.y * size[1], vertex.co.z * size[2]))
    obj.location = at
    obj.rotation_euler = tuple(math.radians(angle) for angle in rotation)
    return _finish(obj, mat, bevel)


def cylinder(radius: float, depth: float, at: tuple[float, float, float], mat: bpy.types.Material,
             rotation: tuple[float, float, float] = (0, 0, 0), bevel: float = 0.0, vertices: int = 48) -> bpy.types.Object:
    bpy.ops.mesh.primitive_cylinder_add(vertices=vertices, radius=radius, depth=depth, location=at,
                                        rotation=tuple(math.radians(angle) for angle in rotation))
    return _finish(bpy.context.active_object, mat, bevel)


def sphere(radius: float, at: tuple[float, float, float], mat: bpy.types.Material,
           scale: tuple[float, float, float] = (1, 1, 1)) -> bpy.types.Object:
    bpy.ops.mesh.primitive_uv_sphere_add(radius=radius, location=at, segments=32, ring_count=16)
    obj = bpy.context.active_object
    obj.scale = scale
    obj.data.shade_smooth()
    obj.data.materials.append(mat)
    return obj


def mesh(name: str, vertices: list, faces: list, mat: bpy.types.Material, smooth: bool = False) -> bpy.types.Object:
    data = bpy.data.meshes.new(name)
    data.from_pydata(vertices, [], faces)
    data.update()
    if smooth:
        data.shade_smooth()
    obj = bpy.data.objects.new(name, data)
    bpy.context.scene.collection.objects.link(obj)
    data.materials.append(mat)
    return obj


def lumpy(obj: bpy.types.Object, strength: float, size: float, levels: int = 3) -> bpy.types.Object:
    """Soften and dent a box into a heap of snow: subdivided, then displaced by clouds."""
    subdivide = obj.modifiers.new("subdivide", "SUBSURF")
    subdivide.levels = subdivide.render_levels = levels
    texture = bpy.data.textures.new(f"{obj.name}-clouds", "CLOUDS")
    texture.noise_scale = size
    displace = obj.modifiers.new("displace", "DISPLACE")
    displace.texture, displace.strength, displace.mid_level = texture, strength, 0.5
    displace.texture_coords = "GLOBAL"
    obj.data.shade_smooth()
    return obj


def snowfall(rng: random.Random, count: int, near: float, far: float, eye: tuple[float, float, float],
             heading: float, spread: float, height: tuple[float, float], mat: bpy.types.Material,
             flake: float = 0.012, stretch: float = 1.0) -> bpy.types.Object:
    """Snowflakes as small octahedra scattered in the camera's view, `stretch` > 1 drawing them as
    short streaks (a slow shutter at dusk)."""
    vertices, faces = [], []
    for _ in range(count):
        distance = near + (far - near) * rng.random() ** 0.8
        angle = math.radians(heading + rng.uniform(-spread, spread))
        x = eye[0] + distance * math.sin(angle)
        y = eye[1] + distance * math.cos(angle)
        z = rng.uniform(*height)
        size = flake * rng.uniform(0.6, 1.4)
        base = len(vertices)
        vertices += [(x + size, y, z), (x - size, y, z), (x, y + size, z), (x, y - size, z),
                     (x, y, z + size * stretch), (x, y, z - size * stretch)]
        for top in (4, 5):
            faces += [(base + top, base + a, base + b) for a, b in ((0, 2), (2, 1), (1, 3), (3, 0))]
    return mesh("snowfall", vertices, faces, mat)


def render(scene: bpy.types.Scene, path: str) -> None:
    scene.render.filepath = path
    bpy.ops.render.render(write_still=True)


def _world_axis(nodes, links, axis: str, warp: float, warp_scale: float):
    """One world coordinate, wavered by noise so that lines drawn along it are never ruled."""
    position = nodes.new("ShaderNodeNewGeometry")
    split = nodes.new("ShaderNodeSeparateXYZ")
    links.new(position.outputs["Position"], split.inputs["Vector"])
    noise = nodes.new("ShaderNodeTexNoise")
    noise.inputs["Scale"].default_value = warp_scale
    links.new(position.outputs["Position"], noise.inputs["Vector"])
    wobble = nodes.new("ShaderNodeMath")
    wobble.operation = "MULTIPLY_ADD"
    wobble.inputs[1].default_value = warp
    wobble.inputs[2].default_value = -warp / 2
    links.new(noise.outputs["Fac"], wobble.inputs[0])
    total = nodes.new("ShaderNodeMath")
    total.operation = "ADD"
    links.new(split.outputs[axis], total.inputs[0])
    links.new(wobble.outputs["Value"], total.inputs[1])
    return total.outputs["Value"]


def tracked_road(name: str, snow: tuple[float, float, float], slush: tuple[float, float, float],
                 tracks: tuple[float, ...], width: float) -> bpy.types.Material:
    """Packed snow with darker, wet wheel tracks along y at the x positions `tracks`, their edges
    frayed by noise."""
    mat = material(name, snow, rough=0.45, grime=0.4, bump=0.5, scale=1.5)
    nodes, links = mat.node_tree.nodes, mat.node_tree.links
    shader = _principled(mat)
    x = _world_axis(nodes, links, "X", 0.35, 1.2)
    wet = None
    for centre in tracks:
        distance = nodes.new("ShaderNodeMath")
        distance.operation = "ABSOLUTE"
        offset = nodes.new("ShaderNodeMath")
        offset.operation = "SUBTRACT"
        offset.inputs[1].default_value = centre
        links.new(x, offset.inputs[0])
        links.new(offset.outputs["Value"], distance.inputs[0])
        edge = nodes.new("ShaderNodeMapRange")
        edge.inputs["From Min"].default_value = width / 2
        edge.inputs["From Max"].default_value = width / 2 + 0.12
        edge.inputs["To Min"].default_value = 1.0
        edge.inputs["To Max"].default_value = 0.0
        links.new(distance.outputs["Value"], edge.inputs["Value"])
        if wet is None:
            wet = edge.outputs["Result"]
        else:
            both = nodes.new("ShaderNodeMath")
            both.operation = "MAXIMUM"
            links.new(wet, both.inputs[0])
            links.new(edge.outputs["Result"], both.inputs[1])
            wet = both.outputs["Value"]
    colour = nodes.new("ShaderNodeMix")
    colour.data_type = "RGBA"
    colour.inputs["B"].default_value = (*slush, 1)
    links.new(shader.inputs["Base Color"].links[0].from_socket, colour.inputs["A"])
    links.new(wet, colour.inputs["Factor"])
    links.new(colour.outputs["Result"], shader.inputs["Base Color"])
    gloss = nodes.new("ShaderNodeMapRange")
    gloss.inputs["To Min"].default_value = 0.5
    gloss.inputs["To Max"].default_value = 0.18
    links.new(wet, gloss.inputs["Value"])
    links.new(gloss.outputs["Result"], shader.inputs["Roughness"])
    return mat


def boarded(name: str, colour: tuple[float, float, float], boards: float = 0.16) -> bpy.types.Material:
    """Painted vertical wooden boards (a Swedish house's panel), on walls facing x."""
    mat = material(name, colour, rough=0.75, grime=0.3, scale=1)
    nodes, links = mat.node_tree.nodes, mat.node_tree.links
    shader = _principled(mat)
    y = _world_axis(nodes, links, "Y", 0.004, 3)
    scale = nodes.new("ShaderNodeMath")
    scale.operation = "DIVIDE"
    scale.inputs[1].default_value = boards
    links.new(y, scale.inputs[0])
    fraction = nodes.new("ShaderNodeMath")
    fraction.operation = "FRACT"
    links.new(scale.outputs["Value"], fraction.inputs[0])
    groove = nodes.new("ShaderNodeMapRange")
    groove.inputs["From Min"].default_value = 0.0
    groove.inputs["From Max"].default_value = 0.08
    links.new(fraction.outputs["Value"], groove.inputs["Value"])
    bumper = nodes.new("ShaderNodeBump")
    bumper.inputs["Strength"].default_value = 0.7
    bumper.inputs["Distance"].default_value = 0.01
    links.new(groove.outputs["Result"], bumper.inputs["Height"])
    links.new(bumper.outputs["Normal"], shader.inputs["Normal"])
    return mat
