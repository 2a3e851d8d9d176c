"""Work kept instead of done again: the camera's paths, the parsed SVG shapes, the lecture's
values. Each must give exactly what doing the work again gives, and be done again when what
it was made from changes."""

from __future__ import annotations

import dataclasses
import pickle

import numpy as np
import pytest
from manim import (
    BLUE,
    DOWN,
    GREEN,
    LEFT,
    RED,
    RIGHT,
    UP,
    Circle,
    Dot,
    Line,
    MathTex,
    Square,
    SVGMobject,
    Text,
    VGroup,
    tempconfig,
)
from manim.camera.camera import Camera
from manim.constants import CapStyleType
from manim.mobject.svg import svg_mobject

from mathcore import lecture as mathcore_lecture
from mathcore.config import default_settings
from pipeline import parsed_svg, values_cache
from pipeline.manim_cache import serialize_shared_files
from scenes import camera as camera_module
from scenes import layers as layers_module
from scenes.camera import LectureCamera


# -- the camera's kept paths ---------------------------------------------------------------
def _shapes() -> VGroup:
    holes = Text("Bad 0", font_size=60).shift(2 * RIGHT)  # glyphs of several subpaths
    ring = Circle(radius=1.2, color=BLUE, stroke_width=9).set_fill(BLUE, 0.4)
    return VGroup(holes, ring, Square(0.6).set_stroke(width=3))


def _picture(camera: LectureCamera, shapes: VGroup) -> np.ndarray:
    camera.reset()
    camera.capture_mobjects([shapes])
    return np.array(camera.pixel_array)


def test_kept_paths_draw_the_pixels_a_new_camera_draws():
    with tempconfig({"quality": "low_quality"}):
        shapes = _shapes()
        kept = LectureCamera()
        first = _picture(kept, shapes)
        assert len(kept.kept.paths) == len(shapes.family_members_with_points())
        again = _picture(kept, shapes)  # every path given back
        assert np.array_equal(again, first)
        assert np.array_equal(first, _picture(LectureCamera(), shapes))


def _made_anew(monkeypatch, cam: LectureCamera) -> list:
    """A list that gets an item for every path ``cam`` has manim build."""
    made: list = []
    build = Camera.set_cairo_context_path
    monkeypatch.setattr(Camera, "set_cairo_context_path", lambda *a: made.append(1) or build(*a))
    return made


@pytest.mark.parametrize("offset", [0.5 * RIGHT, 0.013 * RIGHT + 0.0071 * UP])
def test_a_shape_that_moved_is_drawn_where_it_is_now(monkeypatch, offset):
    """Moved (every point by the same offset): its kept path, moved; cairo rounds the moved
    path to its 1/256 of a pixel again, so edge pixels may differ from a path made anew by
    a step of its coverage sampling (1/16: at most 16 of 255)."""
    with tempconfig({"quality": "high_quality"}):
        shapes = _shapes()
        kept = LectureCamera()
        before = _picture(kept, shapes)
        made = _made_anew(monkeypatch, kept)
        shapes[1].shift(offset)  # the ring's points change: its kept path is stale
        moved = _picture(kept, shapes)
        assert made == []  # moved, not made anew
        monkeypatch.undo()
        fresh = _picture(LectureCamera(), shapes)
    assert not np.array_equal(moved, before)  # the check can see a stale path
    apart = np.abs(moved.astype(int) - fresh.astype(int)).max(axis=2)
    assert apart.max() <= 16
    assert (apart > 0).mean() < 0.001  # a few edge pixels


def test_a_shape_whose_points_did_not_all_move_alike_is_made_anew(monkeypatch):
    with tempconfig({"quality": "low_quality"}):
        shapes = _shapes()
        kept = LectureCamera()
        _picture(kept, shapes)
        made = _made_anew(monkeypatch, kept)
        shapes[1].scale(1.1)  # every point moved, each by its own offset
        shapes[2].points[0, 0] += 0.05  # one corner moved
        changed = _picture(kept, shapes)
        assert len(made) == 2
        monkeypatch.undo()
        assert np.array_equal(changed, _picture(LectureCamera(), shapes))


def test_a_moved_frame_draws_every_path_again():
    with tempconfig({"quality": "low_quality"}):
        shapes = _shapes()
        kept = LectureCamera()
        _picture(kept, shapes)
        kept.frame_center = np.array([0.7, -0.3, 0.0])  # another user-to-device transform
        kept.pixel_array_to_cairo_context.clear()  # manim makes the context anew for it
        fresh = LectureCamera()
        fresh.frame_center = kept.frame_center
        assert np.array_equal(_picture(kept, shapes), _picture(fresh, shapes))


# -- still shapes drawn as layers ----------------------------------------------------------
def _scene_of_layers() -> tuple[VGroup, VGroup]:
    """A moving ring under a stack of still shapes that overlap, half transparent, stroked
    with AUTO joins and caps (which take the last set ones: the round-capped line's, for the
    moving thick line drawn after them), and words."""
    ring = Circle(radius=0.8, color=RED, stroke_width=6, cap_style=CapStyleType.BUTT)
    ring.set_fill(RED, 0.5).shift(3 * LEFT)
    bar = Line(2 * LEFT, 2 * RIGHT, stroke_width=30, color=GREEN).shift(2.5 * UP + 3 * LEFT)
    mover = VGroup(ring, bar)
    still = VGroup(
        *(
            Square(0.9 + 0.1 * i, stroke_width=4 + i)
            .set_fill(BLUE, 0.35)
            .set_stroke(opacity=0.6)
            .shift(0.3 * i * RIGHT)
            for i in range(10)
        ),
        Text("Still words", font_size=40).shift(1.5 * DOWN),
        Line(LEFT, RIGHT, stroke_width=12, cap_style=CapStyleType.ROUND).shift(2.6 * DOWN),
    )
    return mover, still


def _frames(camera: LectureCamera, mover, still, steps, change=None) -> list[np.ndarray]:
    """The frames of the ring moving right over ``steps`` frames, ``change(i)`` done to the
    still shapes before frame i."""
    frames = []
    for i in range(steps):
        if change is not None:
            change(i)
        mover.shift(0.25 * RIGHT)
        camera.reset()
        camera.capture_mobjects([mover[0], still, mover[1]])
        frames.append(np.array(camera.pixel_array, dtype=int))
    return frames


def _most_apart(a: list[np.ndarray], b: list[np.ndarray]) -> int:
    return max(int(np.abs(x - y).max()) for x, y in zip(a, b, strict=True))


def _without_layers(monkeypatch) -> None:
    monkeypatch.setattr(layers_module, "LAYER_RUN", 10**9)


@pytest.mark.parametrize("quality", ["low_quality", "high_quality"])
def test_still_shapes_drawn_as_a_layer_look_as_drawn_one_by_one(monkeypatch, quality):
    def recolor(i: int) -> None:
        if i == 9:  # still for frames, then changed: its layer is stale
            still[3].set_fill(GREEN, 0.8)
        if i == 14:  # and the words move
            still[-2].shift(0.2 * UP)

    with tempconfig({"quality": quality}):
        mover, still = _scene_of_layers()
        layered = LectureCamera()
        made = []
        make = layered._make_layer
        monkeypatch.setattr(layered, "_make_layer", lambda *a: made.append(1) or make(*a))
        with_layers = _frames(layered, mover, still, 20, recolor)
        assert made, "no layer was made: nothing was checked"
        mover, still = _scene_of_layers()
        _without_layers(monkeypatch)
        one_by_one = _frames(LectureCamera(), mover, still, 20, recolor)
    # the same compositing in another order: a rounding step where layer shapes overlap
    assert _most_apart(with_layers, one_by_one) <= 3


def test_the_layer_check_sees_a_shape_that_changed(monkeypatch):
    """The check above can fail: a camera that took a recolored shape as still paints its
    old colors."""
    with tempconfig({"quality": "low_quality"}):
        mover, still = _scene_of_layers()
        _without_layers(monkeypatch)
        expected = _frames(
            LectureCamera(), mover, still, 12, lambda i: i == 9 and still[3].set_fill(GREEN, 0.8)
        )
        monkeypatch.undo()
        real_look = layers_module.look
        monkeypatch.setattr(  # what a shape draws, its fill color forgotten
            layers_module,
            "look",
            lambda shape: ((real_look(shape)[0] or ())[:2], real_look(shape)[1]),
        )
        mover, still = _scene_of_layers()
        blind = _frames(
            LectureCamera(), mover, still, 12, lambda i: i == 9 and still[3].set_fill(GREEN, 0.8)
        )
    assert _most_apart(blind, expected) > 50


def _counted(monkeypatch, cam: LectureCamera) -> list:
    """A list that gets an item for every shape ``cam`` draws."""
    drawn: list = []
    show = cam.display_vectorized
    monkeypatch.setattr(cam, "display_vectorized", lambda *a, **k: drawn.append(1) or show(*a, **k))
    return drawn


def _settle(still: VGroup):
    """The still group's shapes stopping one after the other (a LaggedStart)."""

    def settle(i: int) -> None:
        for k, shape in enumerate(still[:10]):
            if k >= i:  # not stopped yet
                shape.rotate(0.05)

    return settle


def test_a_run_that_grows_copies_its_layer_and_draws_the_rest(monkeypatch):
    """Shapes stopping one after the other: each longer run starts from the kept layer of
    the shorter one; the pictures are those drawn one by one."""
    with tempconfig({"quality": "low_quality"}):
        mover, still = _scene_of_layers()
        cam = LectureCamera()
        drawn = _counted(monkeypatch, cam)
        layered = _frames(cam, mover, still, 16, _settle(still))
        _without_layers(monkeypatch)
        mover, still = _scene_of_layers()
        cam = LectureCamera()
        drawn_one_by_one = _counted(monkeypatch, cam)
        one_by_one = _frames(cam, mover, still, 16, _settle(still))
    assert _most_apart(layered, one_by_one) <= 3
    assert len(drawn) < 0.7 * len(drawn_one_by_one)  # the kept layers were drawn from


def test_the_family_walk_is_manims():
    from manim.utils.family import extract_mobject_family_members

    rng = np.random.default_rng(7)
    for _ in range(200):
        pool = [Square(), Circle(), VGroup(), Dot()]
        groups = []
        for _ in range(6):  # trees with shared members and empty groups
            group = VGroup()
            members = [*pool, *groups]
            group.submobjects = [
                members[k] for k in rng.integers(0, len(members), rng.integers(0, 5))
            ]
            groups.append(group)
        members = [*pool, *groups]
        top = [members[k] for k in rng.integers(0, len(members), rng.integers(1, 6))]
        expected = extract_mobject_family_members(top, only_those_with_points=True)
        assert camera_module.family_with_points(top) == expected


# -- parsed SVG shapes kept on disk --------------------------------------------------------
@pytest.fixture
def media(tmp_path):
    serialize_shared_files()
    with tempconfig({"media_dir": str(tmp_path / "media")}):
        svg_mobject.SVG_HASH_TO_MOB_MAP.clear()  # this process's own cache: out of the way
        yield tmp_path / "media"
        svg_mobject.SVG_HASH_TO_MOB_MAP.clear()


def _drawing(mob) -> list:
    return [
        (type(m).__name__, m.points.tobytes(), m.fill_rgbas.tobytes(), m.stroke_rgbas.tobytes())
        for m in mob.get_family()
    ]


def _parse_forbidden(monkeypatch) -> None:
    def parse(*args, **kwargs):
        raise AssertionError("the SVG was parsed again")

    monkeypatch.setattr(svg_mobject.se.SVG, "parse", parse)


@pytest.mark.parametrize(
    ("make", "named"),
    [(lambda: Text("Backprop: J(w)"), False), (lambda: MathTex(r"\frac{dJ}{dw}"), True)],
)
def test_shapes_read_back_are_the_shapes_made(media, monkeypatch, make, named):
    made = make()
    entries = list((media / "parsed").glob("*.pickle"))
    assert len(entries) == 1
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()  # as in a new process
    _parse_forbidden(monkeypatch)
    read = make()
    assert _drawing(read) == _drawing(made)
    glyphs = [m for m in read.get_family() if isinstance(m, svg_mobject.VMobjectFromSVGPath)]
    assert glyphs and all(g.path_obj is None for g in glyphs)
    if named:  # LaTeX names its glyphs (the layout probe reads them), Pango does not
        assert all(g.glyph.startswith("g") for g in glyphs)
    assert [g.glyph for g in glyphs] == [
        g.glyph for g in made.get_family() if isinstance(g, svg_mobject.VMobjectFromSVGPath)
    ]


def test_other_text_or_default_style_has_its_own_entry(media, tmp_path):
    Text("gradient")
    Text("gradients")
    drawing = tmp_path / "drop.svg"
    drawing.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<path d="M1 1 L9 1 L5 9 Z"/></svg>'
    )
    plain = SVGMobject(str(drawing))
    red = SVGMobject(str(drawing), svg_default={**plain.svg_default, "fill_color": RED})
    assert len(list((media / "parsed").glob("*.pickle"))) == 4
    assert not np.array_equal(plain[0].fill_rgbas, red[0].fill_rgbas)


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps(("half",))[:-3]])
def test_an_entry_that_cannot_be_read_is_made_again(media, damage):
    made = Text("Chain rule")
    (entry,) = (media / "parsed").glob("*.pickle")
    entry.write_bytes(damage)
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    assert _drawing(Text("Chain rule")) == _drawing(made)
    assert pickle.loads(entry.read_bytes())  # made again, whole


def test_an_entry_follows_the_svg_file_it_was_made_from(media):
    text = Text("Chain rule")
    svg = media / "texts"
    (svg_file,) = svg.glob("*.svg")
    made = parsed_svg.entry_path(text, svg_file)
    svg_file.write_text(svg_file.read_text().replace("<svg", "<svg data-edited='1'", 1))
    assert parsed_svg.entry_path(text, svg_file) != made


# -- the lecture's values kept between commands --------------------------------------------
def test_values_read_back_are_the_values_computed(tmp_path, monkeypatch):
    settings = default_settings()
    computed = values_cache.lecture_values(settings, tmp_path)

    def recompute(*args, **kwargs):
        raise AssertionError("computed again")

    monkeypatch.setattr(values_cache, "build_lecture", recompute)
    read = values_cache.lecture_values(settings, tmp_path)
    assert read.to_json() == computed.to_json()
    assert read.balderdash == computed.balderdash


def test_an_edited_data_file_or_setting_computes_the_values_again(tmp_path):
    settings = default_settings()
    scores = tmp_path / "scores.csv"
    scores.write_bytes(settings.scores_csv.read_bytes())
    mine = dataclasses.replace(settings, scores_csv=scores)
    first = values_cache.lecture_values(mine, tmp_path)
    lines = scores.read_text().splitlines()
    header, rows = lines[0], lines[1:]
    x, y = rows[0].split(",")
    scores.write_text("\n".join([header, f"{x},{float(y) - 7:g}", *rows[1:]]) + "\n")
    edited = values_cache.lecture_values(mine, tmp_path)
    assert edited.regression.fit.m_best != first.regression.fit.m_best
    assert edited.to_json() == mathcore_lecture.build_lecture(mine).to_json()
    steps = dataclasses.replace(mine, regression_steps=mine.regression_steps + 1)
    assert values_cache.entry_name(steps) != values_cache.entry_name(mine)


def test_bad_data_still_stops_with_its_message_and_keeps_nothing(tmp_path):
    scores = tmp_path / "scores.csv"
    scores.write_text("test1,test2\n60,70\n75,banana\n")
    bad = dataclasses.replace(default_settings(), scores_csv=scores)
    with pytest.raises(mathcore_lecture.LectureInputError, match="banana"):
        values_cache.lecture_values(bad, tmp_path / "build")
    assert not list((tmp_path / "build").rglob("*.pickle"))


def test_a_values_entry_that_cannot_be_read_is_computed_again(tmp_path):
    settings = default_settings()
    computed = values_cache.lecture_values(settings, tmp_path)
    (entry,) = (tmp_path / "values").glob("*.pickle")
    entry.write_bytes(b"\x80\x05 cut short")
    assert values_cache.lecture_values(settings, tmp_path).to_json() == computed.to_json()
    assert pickle.loads(entry.read_bytes()).to_json() == computed.to_json()


def test_what_the_camera_keeps_is_not_part_of_manims_scene_hash():
    """manim's scene caching (on in a plain ``manim render``) hashes the camera's attributes:
    what is kept changes no picture, so it is not walked (walking a dictionary the garbage
    collector empties failed with "dictionary changed size during iteration")."""
    import json

    from manim.utils.hashing import get_json

    with tempconfig({"quality": "low_quality"}):
        shapes = _shapes()
        kept = LectureCamera()
        _picture(kept, shapes)
        assert len(kept.kept.paths) > 0
        seen = json.loads(get_json(kept))
        assert seen["kept"] == str(type(kept.kept))  # only its type, as manim hashes slots
        del shapes  # the kept paths' shapes go while the camera is hashed: nothing to walk
        assert json.loads(get_json(kept))["kept"] == seen["kept"]
