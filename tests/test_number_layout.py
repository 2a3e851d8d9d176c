"""A changing number laid out from its glyphs' boxes (scenes.number_layout) is where manim's
own ``DecimalNumber.set_value`` puts it: the same glyphs, points, colors and size."""

from __future__ import annotations

import numpy as np
import pytest
from manim import RIGHT, tempconfig

from pipeline.manim_cache import serialize_shared_files
from scenes import number_layout, theme
from scenes.theme import Number

#: glyph points may differ by float rounding only (one shift instead of a few in a row)
TOLERANCE = 1e-12


@pytest.fixture(scope="module", autouse=True)
def media(tmp_path_factory):
    serialize_shared_files()
    with tempconfig({"media_dir": str(tmp_path_factory.mktemp("media"))}):
        yield


def pair(value: float, scale: float = 1.0, **kwargs) -> tuple[Number, Number]:
    """The same number twice, moved and scaled alike: ours, and one set manim's way."""
    kwargs.setdefault("color", theme.palette().TEXT)
    ours, manims = Number(value, **kwargs), Number(value, **kwargs)
    manims.reuse = False
    for number in (ours, manims):
        number.shift([1.3, -0.7, 0]).scale(scale)
    return ours, manims


def difference(ours: Number, manims: Number) -> float:
    """The largest distance between the two numbers' points; asserts all else is equal."""
    family, other = ours.get_family(), manims.get_family()
    assert [type(m) for m in family] == [type(m) for m in other]
    assert len(ours.submobjects) == len(manims.submobjects)
    worst = 0.0
    for mine, theirs in zip(family, other, strict=True):
        assert mine.points.shape == theirs.points.shape
        assert np.array_equal(mine.fill_rgbas, theirs.fill_rgbas)
        assert np.array_equal(mine.stroke_rgbas, theirs.stroke_rgbas)
        assert mine.stroke_width == theirs.stroke_width
        if len(mine.points):
            worst = max(worst, float(np.abs(mine.points - theirs.points).max()))
    assert ours.font_size == pytest.approx(manims.font_size, abs=1e-9)
    return worst


CASES = {
    "3 decimals": {"num_decimal_places": 3, "font_size": 30},
    "right edge fixed": {"num_decimal_places": 2, "font_size": 36, "edge_to_fix": RIGHT},
    "signed": {"num_decimal_places": 1, "font_size": 24, "include_sign": True},
    "commas": {"num_decimal_places": 0, "font_size": 48, "group_with_commas": True},
}


@pytest.mark.parametrize("scale", [1.0, 0.8])
@pytest.mark.parametrize("case", CASES)
def test_a_number_is_laid_out_where_manim_puts_it(case, scale):
    rng = np.random.default_rng(15)
    ours, manims = pair(0.5, scale, **CASES[case])
    values = [*rng.normal(0, 10.0 ** rng.uniform(-1, 5, 24)), -0.0004, 0.0, 12_345.678, -7.0]
    for value in values:
        ours.set_value(float(value))
        manims.set_value(float(value))
        assert difference(ours, manims) <= TOLERANCE, value


def test_the_comparison_sees_a_glyph_out_of_place(monkeypatch):
    """The check itself can fail: with the gap between glyphs 10% wide, the numbers differ."""
    lay_out = number_layout.lay_out

    def wide(string, boxes, buff, *args, **kwargs):
        return lay_out(string, boxes, buff * 1.1, *args, **kwargs)

    monkeypatch.setattr(number_layout, "lay_out", wide)
    ours, manims = pair(0.5, **CASES["3 decimals"])
    ours.set_value(0.123)
    manims.set_value(0.123)
    assert difference(ours, manims) > 1e-3


def test_a_number_with_a_unit_is_set_manims_way():
    ours, manims = pair(20.0, num_decimal_places=1, unit=r"\%")
    assert not ours._set_from_boxes(3.5)
    ours.set_value(3.5)
    manims.set_value(3.5)
    assert difference(ours, manims) <= TOLERANCE


def test_glyphs_no_longer_shown_are_blanked():
    """manim's Cairo renderer draws what it listed when the animation began until it ends:
    a glyph dropped (fewer digits) must not stay drawn where it was."""
    number, _ = pair(1234.5, **CASES["commas"])
    before = number.submobjects
    number.set_value(7.0)
    dropped = [m for glyph in before[1:] for m in glyph.get_family()]
    assert len(number.submobjects) == 1 and dropped
    assert all(not m.points.any() for m in dropped if m not in number.get_family())
