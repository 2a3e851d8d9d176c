"""What a scene draws from: the lecture's numbers (mathcore), the talk's details, the theme.

Scenes call :func:`lecture` and :func:`talk` instead of computing or typing anything in.
A run may install other values first (another data set, another learning rate, a teacher's
settings file) with :func:`use` or :func:`use_config`; every scene then draws those.
:func:`inputs` returns what is installed as one picklable object, and :func:`install` puts
it in place in another process (the render workers), so every scene of a run draws the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mathcore.config import LectureConfig, LectureSettings, Talk, default_config
from mathcore.lecture import LectureValues, build_lecture, default_lecture


@dataclass(frozen=True)
class SceneInputs:
    """Everything the scenes of a run draw from: the lecture's values, the talk's details
    and the theme's name ("dark" or "light")."""

    values: LectureValues
    talk: Talk
    theme: str = "dark"


_state: dict[str, object] = {}


def use(
    settings: LectureSettings | None = None,
    talk_info: Talk | None = None,
    *,
    theme_name: str | None = None,
    compute: Callable[[LectureSettings], LectureValues] | None = None,
) -> LectureValues:
    """Make the scenes of this process draw these settings, title details and theme (the
    theme in use stays when ``theme_name`` is None). Bad data or parameters raise
    :class:`~mathcore.errors.LectureInputError` and leave what was installed untouched.
    ``compute`` makes the values from the settings (default: ``build_lecture``, the shipped
    lecture's once per process; a run passes one that keeps them between commands)."""
    from scenes import theme

    shipped = default_config()
    if compute is not None:
        values = compute(settings or shipped.settings)
    elif settings in (None, shipped.settings):
        values = default_lecture()
    else:
        values = build_lecture(settings)
    install(SceneInputs(values, talk_info or shipped.talk, theme_name or theme.current()))
    return values


def use_config(
    config: LectureConfig,
    *,
    theme_name: str | None = None,
    compute: Callable[[LectureSettings], LectureValues] | None = None,
) -> LectureValues:
    """Install a settings file's lecture (see :func:`mathcore.config.load_config`), in its
    theme unless ``theme_name`` is given (``compute``: as in :func:`use`)."""
    return use(
        config.settings,
        config.talk,
        theme_name=theme_name or config.render.theme,
        compute=compute,
    )


def install(scene_inputs: SceneInputs) -> None:
    """Put ``scene_inputs`` in place (already computed, e.g. in another process)."""
    from scenes import theme

    theme.use(scene_inputs.theme)
    _state["values"] = scene_inputs.values
    _state["talk"] = scene_inputs.talk


def inputs() -> SceneInputs:
    """What the scenes draw (the theme as :func:`scenes.theme.use` last set it); the shipped
    lecture unless :func:`use` installed another."""
    from scenes import theme

    if "values" not in _state:
        use()
    return SceneInputs(
        _state["values"],  # type: ignore[arg-type]
        _state["talk"],  # type: ignore[arg-type]
        theme.current(),
    )


def lecture() -> LectureValues:
    """The lecture's values; the shipped defaults unless :func:`use` installed others."""
    if "values" not in _state:
        use()
    return _state["values"]  # type: ignore[return-value]


def talk() -> Talk:
    """The title slide's details; the shipped talk unless :func:`use` installed others."""
    if "talk" not in _state:
        use()
    return _state["talk"]  # type: ignore[return-value]
