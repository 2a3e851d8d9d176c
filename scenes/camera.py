"""The lecture's camera: manim's Cairo :class:`~manim.camera.camera.Camera`, drawing a raster
(an :class:`~manim.ImageMobject`, e.g. the decision regions of scenes 13, 14, 16 and 17)
at a fraction of the cost, with the very same pixels.

manim 0.21 draws an image at every frame it is on screen and moving: it resamples the
image onto its place in the frame (a bilinear perspective transform, about 10 ms at 1080p
for the regions), pastes the result into a transparent frame-sized image and composites
that over the whole frame. A region image changes only a few dozen times in a sweep of
hundreds of frames, and it does not move. This camera keeps the last resampled images
(same pixels, same place, same resampling: the same result) and composites only over the
image's box (outside it the frame-sized image is fully transparent, and compositing a
fully transparent pixel leaves the frame's pixel as it was).

Paths: manim builds the cairo path of a shape from its points at every frame it draws it, a
Python loop over its curves, though most shapes redrawn in an animation (those above the
first one that moves) keep their points, and most that move only move (a ``FadeIn`` with a
``shift``). This camera keeps each shape's path as cairo made it, in device coordinates
(cairo's own fixed-point numbers, read back and given again exactly), and gives it back
when the shape's points and the frame's transform are those it was made from; moved by the
offset of its points when they all moved by the same offset (cairo rounds the moved path to
its 1/256 of a pixel again: the path is within 1/256 of a pixel of one made anew, and an edge
pixel of a moving shape can differ by a step of cairo's coverage sampling, at most 16 of 255).

Families: manim lists what a frame draws by walking each mobject's family recursively,
removing repeats at every level of the tree (``Mobject.get_family``), at every frame, for
every shape that moves: a tenth of a frame's Python. This camera walks each tree once and
removes repeats once, with the same result (:func:`family_with_points`).

Still shapes above moving ones are drawn as layers, and shapes that paint nothing are
skipped: :mod:`scenes.layers`, the camera this one builds on (pixels within a rounding
step of manim's where a layer's shapes overlap).

A scene uses it as its ``camera_class`` (:class:`scenes.base.LectureScene` does): nothing of
manim is changed at run time.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from typing import Any

import numpy as np
from manim.utils.iterables import remove_list_redundancies
from manim.utils.space_ops import cross2d
from PIL import Image

from scenes.layers import StillLayersCamera

#: Resampled images kept (a sweep shows one image for many frames in a row).
KEPT = 4
#: Points that moved by offsets this close (scene units) moved by the same offset.
SAME_OFFSET = 1e-9


class _Kept:
    """What the camera keeps from frame to frame. Slots, no ``__dict__``: manim's scene
    caching hashes the camera's attributes, and what is kept changes no picture (nor may
    it change that hash, or be walked while the garbage collector empties it)."""

    __slots__ = ("paths", "resampled")

    def __init__(self) -> None:
        self.resampled: OrderedDict[tuple, tuple[Image.Image, np.ndarray]] = OrderedDict()
        #: shape -> (its points, the user-to-device transform, its path in device space)
        self.paths: weakref.WeakKeyDictionary[Any, tuple[bytes, tuple, Any]] = (
            weakref.WeakKeyDictionary()
        )


class LectureCamera(StillLayersCamera):
    #: Give back the kept path of a shape that only moved, moved (False: build it anew).
    moved_paths: bool = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept = _Kept()

    def get_mobjects_to_display(
        self,
        mobjects: Any,
        include_submobjects: bool = True,
        excluded_mobjects: list | None = None,
    ) -> list[Any]:
        """manim's list of what to draw, its members with points in drawing order, made by
        :func:`family_with_points` (the same list, for less)."""
        if not include_submobjects or excluded_mobjects:
            return super().get_mobjects_to_display(mobjects, include_submobjects, excluded_mobjects)
        found = family_with_points(mobjects)
        if self.use_z_index:
            return sorted(found, key=lambda m: m.z_index)
        return found

    def set_cairo_context_path(self, ctx: Any, vmobject: Any) -> LectureCamera:
        """manim's, with the path of a shape whose points have not changed given back as
        cairo made it last time (the same path: same pixels), and the path of a shape that
        only moved (all its points by the same offset: ``FadeIn(..., shift=...)``) given
        back moved (within 1/256 of a pixel of the path made anew)."""
        points = vmobject.points
        if len(points) == 0:
            return super().set_cairo_context_path(ctx, vmobject)  # manim leaves the path
        matrix = ctx.get_matrix()
        transform = tuple(matrix)
        data = points.tobytes()
        kept = self.kept.paths.get(vmobject)
        if kept is not None and kept[1] == transform:
            if kept[0] == data:
                offset: tuple[float, float] | None = (0.0, 0.0)
            else:
                offset = _offset(points, kept[0]) if self.moved_paths else None
            if offset is not None:
                ctx.new_path()
                ctx.identity_matrix()  # the kept path is in device space
                if offset != (0.0, 0.0):
                    ctx.translate(*matrix.transform_distance(*offset))
                ctx.append_path(kept[2])
                ctx.set_matrix(matrix)
                return self
        super().set_cairo_context_path(ctx, vmobject)
        ctx.identity_matrix()  # device space: cairo's fixed-point numbers, exactly
        self.kept.paths[vmobject] = (data, transform, ctx.copy_path())
        ctx.set_matrix(matrix)
        return self

    def display_image_mobject(self, image_mobject: Any, pixel_array: np.ndarray) -> None:
        """manim 0.21's ``Camera.display_image_mobject`` (same checks, same transform, same
        compositing per pixel), with its resampled image kept for the next frames and the
        compositing limited to the image's box."""
        pixels = np.ascontiguousarray(image_mobject.get_pixel_array())
        target_coords = self.points_to_subpixel_coords(image_mobject, image_mobject.points)
        key = (
            pixels.shape,
            pixels.tobytes(),
            np.asarray(target_coords).tobytes(),
            image_mobject.resampling_algorithm,
        )
        found = self.kept.resampled.get(key)
        if found is None:
            found = self._resample(pixels, target_coords, image_mobject.resampling_algorithm)
            if found is None:
                return
            self.kept.resampled[key] = found
            if len(self.kept.resampled) > KEPT:
                self.kept.resampled.popitem(last=False)
        else:
            self.kept.resampled.move_to_end(key)
        sub_image, shift_vector = found
        # manim pastes ``sub_image`` at ``shift_vector`` into a transparent frame-sized
        # image (clipped to the frame) and composites that over the whole frame
        x0, y0 = int(shift_vector[0]), int(shift_vector[1])
        left, top = max(x0, 0), max(y0, 0)
        right = min(x0 + sub_image.width, self.pixel_width)
        bottom = min(y0 + sub_image.height, self.pixel_height)
        if right <= left or bottom <= top:
            return
        if (left, top, right, bottom) != (x0, y0, x0 + sub_image.width, y0 + sub_image.height):
            sub_image = sub_image.crop((left - x0, top - y0, right - x0, bottom - y0))
        box = pixel_array[top:bottom, left:right]
        under = Image.fromarray(np.ascontiguousarray(box))
        box[:] = np.asarray(Image.alpha_composite(under, sub_image), dtype="uint8")

    def _resample(
        self, pixels: np.ndarray, target_coords: np.ndarray, resampling: Any
    ) -> tuple[Image.Image, np.ndarray] | None:
        """The image resampled onto its place, and where its top left corner goes (None:
        nothing to draw); manim 0.21's steps."""
        sub_image = Image.fromarray(pixels, mode="RGBA")
        original_coords = np.array(
            [
                [0, 0],
                [sub_image.width, 0],
                [0, sub_image.height],
                [sub_image.width, sub_image.height],
            ]
        )
        target_coords = np.array(target_coords)
        int_target_coords = target_coords.astype(np.int64)
        shift_vector = np.array(
            [
                min(*[x for x, y in int_target_coords]),
                min(*[y for x, y in int_target_coords]),
            ]
        )
        target_coords -= shift_vector
        int_target_coords -= shift_vector
        target_size = (
            max(*[x for x, y in int_target_coords]),
            max(*[y for x, y in int_target_coords]),
        )
        ordered_vertices = [target_coords[i] for i in (0, 1, 3, 2)]
        sides = [ordered_vertices[(i + 1) % 4] - ordered_vertices[i] for i in range(4)]
        side_lengths_in_pixels = np.linalg.norm(sides, axis=1)
        longest_side_index = np.argmax(side_lengths_in_pixels)
        longest_side = sides[longest_side_index]
        longest_side_length_in_pixels = side_lengths_in_pixels[longest_side_index]
        if longest_side_length_in_pixels == 0:
            return None
        previous_side = sides[(longest_side_index - 1) % 4]
        next_side = sides[(longest_side_index - 1) % 4]  # sic: manim 0.21
        h1 = abs(cross2d(longest_side, previous_side)) / longest_side_length_in_pixels
        h2 = abs(cross2d(longest_side, next_side)) / longest_side_length_in_pixels
        if max(h1, h2) < 0.5:
            return None
        homography_matrix = []
        for (x, y), (X, Y) in zip(target_coords, original_coords, strict=True):
            homography_matrix.append([x, y, 1, 0, 0, 0, -X * x, -X * y])
            homography_matrix.append([0, 0, 0, x, y, 1, -Y * x, -Y * y])
        A = np.array(homography_matrix, dtype=np.float64)
        b = original_coords.reshape(8).astype(np.float64)
        try:
            transform_coefficients = np.linalg.solve(A, b)
        except np.linalg.LinAlgError:
            return None
        sub_image = sub_image.transform(
            size=target_size,
            method=Image.Transform.PERSPECTIVE,
            data=transform_coefficients,
            resample=resampling,
        )
        return sub_image, shift_vector


def _offset(points: np.ndarray, kept: bytes) -> tuple[float, float] | None:
    """The (x, y) offset by which every one of ``points`` moved from ``kept`` (their bytes),
    or None when they did not all move by the same offset (to within
    :data:`SAME_OFFSET` scene units: a millionth of a pixel at 4K)."""
    before = np.frombuffer(kept, dtype=points.dtype)
    if before.size != points.size:
        return None
    moved = points[:, :2] - before.reshape(points.shape)[:, :2]
    offset = moved[0]
    if not np.all(np.abs(moved - offset) <= SAME_OFFSET):  # NaN: not the same offset
        return None
    return float(offset[0]), float(offset[1])


def family_with_points(mobjects: Any) -> list[Any]:
    """The members of ``mobjects``' families that have points, in manim's order: each mobject
    before its submobjects, depth first, and a mobject found twice kept at its last place
    (``extract_mobject_family_members(mobjects, only_those_with_points=True)``, which gets
    the same list by removing repeats at every level of every tree: keeping each last
    occurrence level by level keeps the last occurrences of the whole walk, in order)."""
    walk: list[Any] = []
    stack = list(reversed(mobjects))
    while stack:
        mob = stack.pop()
        walk.append(mob)
        stack.extend(reversed(mob.submobjects))
    if len(set(walk)) != len(walk):
        walk = remove_list_redundancies(walk)
    return [mob for mob in walk if len(mob.points) > 0]
