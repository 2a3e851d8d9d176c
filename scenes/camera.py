"""The lecture's camera: manim's Cairo :class:`~manim.camera.camera.Camera`, drawing a raster
(an :class:`~manim.ImageMobject`, e.g. the decision regions of scenes 13, 14, 16 and 17)
at a fraction of the cost, and skipping what is fully transparent, with the very same
pixels.

manim 0.21 draws an image at every frame it is on screen and moving: it resamples the
image onto its place in the frame (a bilinear perspective transform, about 10 ms at 1080p
for the regions), pastes the result into a transparent frame-sized image and composites
that over the whole frame. A region image changes only a few dozen times in a sweep of
hundreds of frames, and it does not move. This camera keeps the last resampled images
(same pixels, same place, same resampling: the same result) and composites only over the
image's box (outside it the frame-sized image is fully transparent, and compositing a
fully transparent pixel leaves the frame's pixel as it was).

Vector shapes: manim builds the cairo path of every shape it draws, then fills and strokes
it, even when every color of the shape is fully transparent (the texts of a ``LaggedStart``
of ``FadeIn`` not yet begun, at opacity 0: most of them, most of the time). Painting with
alpha 0 leaves every pixel as it was (cairo's OVER operator), so such a shape is skipped;
what its drawing leaves in the cairo context for the shapes after it (the line join and
cap of a stroke with a width) is set as manim would.

Paths: manim builds the cairo path of a shape from its points at every frame it draws it, a
Python loop over its curves, though most shapes redrawn in an animation (those above the
first one that moves) keep their points. This camera keeps each shape's path as cairo made
it, in device coordinates (cairo's own fixed-point numbers, read back and given again
exactly), and gives it back when the shape's points and the frame's transform are those it
was made from.

A scene uses it as its ``camera_class`` (:class:`scenes.base.LectureScene` does): nothing of
manim is changed at run time.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from typing import Any

import numpy as np
from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP, Camera
from manim.constants import CapStyleType, LineJointType
from manim.utils.space_ops import cross2d
from PIL import Image

#: Resampled images kept (a sweep shows one image for many frames in a row).
KEPT = 4


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


class LectureCamera(Camera):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept = _Kept()

    def set_cairo_context_path(self, ctx: Any, vmobject: Any) -> LectureCamera:
        """manim's, with the path of a shape whose points have not changed given back as
        cairo made it last time (the same path: same pixels)."""
        points = vmobject.points
        if len(points) == 0:
            return super().set_cairo_context_path(ctx, vmobject)  # manim leaves the path
        matrix = ctx.get_matrix()
        transform = tuple(matrix)
        data = points.tobytes()
        kept = self.kept.paths.get(vmobject)
        if kept is not None and kept[0] == data and kept[1] == transform:
            ctx.new_path()
            ctx.identity_matrix()  # the kept path is in device space
            ctx.append_path(kept[2])
            ctx.set_matrix(matrix)
            return self
        super().set_cairo_context_path(ctx, vmobject)
        ctx.identity_matrix()  # device space: cairo's fixed-point numbers, exactly
        self.kept.paths[vmobject] = (data, transform, ctx.copy_path())
        ctx.set_matrix(matrix)
        return self

    def display_vectorized(self, vmobject: Any, ctx: Any) -> LectureCamera:
        """manim's, except that a shape with nothing to paint is not drawn (same pixels)."""
        if _unseen(vmobject):
            # manim's ``apply_stroke`` sets these and leaves them set: the shapes drawn
            # after this one with AUTO joins or caps stroke with them
            if vmobject.get_stroke_width(True) != 0 or vmobject.get_stroke_width(False) != 0:
                if vmobject.joint_type != LineJointType.AUTO:
                    ctx.set_line_join(LINE_JOIN_MAP[vmobject.joint_type])
                if vmobject.cap_style != CapStyleType.AUTO:
                    ctx.set_line_cap(CAP_STYLE_MAP[vmobject.cap_style])
            return self
        return super().display_vectorized(vmobject, ctx)

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


def _unseen(vmobject: Any) -> bool:
    """Whether drawing ``vmobject`` paints nothing: its fill colors all have alpha 0, and
    so do its stroke colors, background stroke included, unless that stroke has no width
    (manim's ``Camera.apply_fill`` and ``apply_stroke`` paint these colors, and only these)."""
    if np.any(vmobject.get_fill_rgbas()[:, 3] != 0):
        return False
    for background in (True, False):
        if vmobject.get_stroke_width(background) != 0 and np.any(
            vmobject.get_stroke_rgbas(background)[:, 3] != 0
        ):
            return False
    return True
