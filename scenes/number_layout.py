"""Where manim's ``DecimalNumber`` puts each glyph, worked out on bounding boxes.

manim 0.21 lays a number out with mobject calls (``DecimalNumber._set_submobjects_from_number``
and ``set_value``): ``arrange`` the glyphs left to right with a gap, bottoms aligned; centre
the row; raise a minus sign to the next glyph's top, then lower it by half that glyph's
height; lower a comma by half its own height; scale back to the size the number had; put the
fixed edge (``edge_to_fix``) back where it was. Every one of those calls reads a bounding box
(the anchors of the whole family, walked again each time), which made a changing number the
costliest part of a training sweep's frame.

A glyph only ever moves as a whole, so the same layout is a shift per glyph found from the
glyphs' boxes: a box is ``(2, 3)``, its lowest and highest anchor coordinates (manim's
``get_critical_point`` reads anchors, not handles). :func:`lay_out` gives each glyph's shift
``s_i`` (``(n, 3)``), the row's unscaled height and the scale; a glyph's new points are its
template's points ``P`` moved as manim moves them, ``(P + s_i - c) k + c + f``
(:func:`place`). tests/test_number_layout.py checks the result against manim's own ``set_value``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from manim import Mobject

RIGHT = np.array([1.0, 0.0, 0.0])
#: next_to(previous, RIGHT, aligned_edge=DOWN): the previous glyph's bottom right corner
#: takes the next glyph's bottom left corner (the middle in depth)
BOTTOM_RIGHT, BOTTOM_LEFT = np.array([1.0, -1.0, 0.0]), np.array([-1.0, -1.0, 0.0])


def anchor_box(members: Iterable[Mobject]) -> np.ndarray | None:
    """The ``(2, 3)`` box of the anchors of ``members`` (cubic curves: every curve's first
    and last point; a single point is its own anchor); None when none has points."""
    lows, highs = [], []
    for member in members:
        points = member.points
        if len(points) == 0:
            continue
        if len(points) > 1:
            step = member.n_points_per_cubic_curve
            points = np.concatenate((points[::step], points[step - 1 :: step]))
        lows.append(points.min(axis=0))
        highs.append(points.max(axis=0))
    if not lows:
        return None
    return np.array([np.min(lows, axis=0), np.max(highs, axis=0)])


def critical_point(box: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """manim's ``get_critical_point`` of a box: per axis the low side (-1), the middle (0)
    or the high side (+1) of ``direction``."""
    middle = (box[0] + box[1]) / 2
    return np.where(direction < 0, box[0], np.where(direction > 0, box[1], middle))


@dataclass(frozen=True)
class Layout:
    """A number's glyphs placed: glyph ``i``'s template points ``P`` go to
    ``(P + shifts[i] - centre) * scale + centre + offset``."""

    shifts: np.ndarray  # (n, 3)
    centre: np.ndarray  # (3,) the point the row is scaled about
    scale: float
    offset: np.ndarray  # (3,) the last move, putting the fixed edge back
    height: float  # the unscaled row's height (DecimalNumber.initial_height)


def _row_box(boxes: np.ndarray, shifts: np.ndarray) -> np.ndarray:
    return np.array([(boxes[:, 0] + shifts).min(axis=0), (boxes[:, 1] + shifts).max(axis=0)])


def lay_out(
    string: str,
    boxes: np.ndarray,
    buff: float,
    scale: float,
    edge: np.ndarray,
    edge_point: np.ndarray,
) -> Layout:
    """The layout of ``string``'s glyphs, whose template boxes are ``boxes`` (n, 2, 3).

    ``buff`` is the gap between glyphs, ``scale`` the number's size over its font size,
    ``edge`` the fixed edge's direction and ``edge_point`` where that edge must end up."""
    n = len(string)
    shifts = np.zeros((n, 3))
    for i in range(1, n):  # arrange(RIGHT, buff, aligned_edge=DOWN): next_to the previous
        before = boxes[i - 1] + shifts[i - 1]
        target = critical_point(before, BOTTOM_RIGHT)
        shifts[i] = target - critical_point(boxes[i], BOTTOM_LEFT) + buff * RIGHT
    for _ in range(2):  # center(), then move_to(ORIGIN)
        row = _row_box(boxes, shifts)
        shifts -= (row[0] + row[1]) / 2
    for i, char in enumerate(string):
        if char == "-" and i + 1 < n:  # a minus: top to the next glyph's top, half its height down
            top = boxes[i + 1, 1, 1] + shifts[i + 1, 1]
            shifts[i, 1] += top - (boxes[i, 1, 1] + shifts[i, 1])
            shifts[i, 1] -= (boxes[i + 1, 1, 1] - boxes[i + 1, 0, 1]) / 2
        elif char == ",":
            shifts[i, 1] -= (boxes[i, 1, 1] - boxes[i, 0, 1]) / 2
    row = _row_box(boxes, shifts)
    centre = (row[0] + row[1]) / 2
    scaled = (row - centre) * scale + centre
    offset = edge_point - critical_point(scaled, edge)
    return Layout(shifts, centre, scale, offset, float(row[1, 1] - row[0, 1]))


def place(layout: Layout, index: int, points: np.ndarray) -> np.ndarray:
    """Glyph ``index``'s template ``points`` (m, 3) where ``layout`` puts them (a new array)."""
    if layout.scale == 1.0:
        return points + (layout.shifts[index] + layout.offset)
    return (points + (layout.shifts[index] - layout.centre)) * layout.scale + (
        layout.centre + layout.offset
    )
