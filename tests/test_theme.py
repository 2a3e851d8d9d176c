"""The theme: switching palettes rewrites no module, and every scene, built after the
switch, draws only colors of the palette in use (every submobject's fill and stroke, every
image, the background); the check itself catches a color kept from the other palette."""

from __future__ import annotations

import sys
import types

import pytest
from manim import Dot, FadeIn

from scenes import context, theme
from scenes.base import LectureScene
from scenes.lecture import SCENES
from scenes.notes import Note
from tests.scene_probe import build, foreign_colors

pytestmark = pytest.mark.usefixtures("restore_scene_inputs")


def _scene_modules() -> dict[str, types.ModuleType]:
    """Every loaded module of ``scenes`` but the theme itself (which keeps the palette)."""
    for entry in SCENES:
        entry.load()  # every scene module and the drawings they import
    return {
        name: module
        for name, module in sys.modules.items()
        if name.startswith("scenes.") and name != "scenes.theme" and module is not None
    }


def _defaults(module: types.ModuleType) -> dict[str, object]:
    """The default arguments of the module's functions and of its classes' methods."""
    found: dict[str, object] = {}
    for name, obj in vars(module).items():
        members = vars(obj).items() if isinstance(obj, type) else [("", obj)]
        for member, fn in members:
            fn = getattr(fn, "__func__", fn)
            if isinstance(fn, types.FunctionType):
                found[f"{name}.{member}"] = (fn.__defaults__, fn.__kwdefaults__)
    return found


def test_switching_the_theme_rewrites_no_module():
    modules = _scene_modules()
    before = {name: (dict(vars(m)), _defaults(m)) for name, m in modules.items()}
    for name in ("light", "dark", "light"):
        theme.use(name)
        assert theme.palette() == (theme.LIGHT if name == "light" else theme.DARK)
        for module_name, module in modules.items():
            names, defaults = before[module_name]
            assert vars(module).keys() == names.keys(), module_name
            assert all(vars(module)[k] is v for k, v in names.items()), module_name
            assert _defaults(module) == defaults, module_name


def test_roles_are_read_from_the_palette_in_use():
    from scenes.regression import RECAP  # the constant the old scanner missed (a tuple)

    for name, colors in theme.PALETTES.items():
        theme.use(name)
        assert [theme.role(row[0]) for row in RECAP] == [
            colors["DATA"],
            colors["MODEL"],
            colors["COST"],
            colors["GRADIENT"],
        ]
        assert all(getattr(theme, role) == colors[role] for role in theme.ROLES)
    assert theme.LIGHT.REAL == theme.LIGHT.DATA  # an alias follows its role
    with pytest.raises(ValueError, match="unknown theme"):
        theme.use("blue")
    with pytest.raises(AttributeError):
        theme.NOT_A_ROLE  # noqa: B018


@pytest.mark.parametrize("entry", SCENES, ids=lambda e: e.slug)
def test_every_scene_draws_in_the_light_palette(entry):
    """Built after switching to "light" (the scene modules were imported in "dark" by the
    other tests), a scene shows no color of the dark palette. The dark direction is checked
    on every scene by tests/test_scenes.py."""
    context.use(theme_name="light")
    for shot in build(entry):
        foreign = foreign_colors(shot)
        assert not foreign, f"{entry.name} at {shot.label} draws dark colors {sorted(foreign)}"


KEPT_AT_IMPORT = theme.PALETTES["dark"]["DATA"]  # as a module constant would keep it


class _HardCoded(LectureScene):
    def construct(self) -> None:
        self.play(FadeIn(Dot(color=KEPT_AT_IMPORT), theme.text("fine")))
        self.beat(Note("A dot whose color was taken from the dark palette."))


def test_the_check_catches_a_color_of_the_other_palette():
    context.use(theme_name="light")
    shots = build(_HardCoded)
    assert foreign_colors(shots[-1]) == {KEPT_AT_IMPORT.lower()}
    context.use(theme_name="dark")
    assert not foreign_colors(build(_HardCoded)[-1])
