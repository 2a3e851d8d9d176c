"""Shared fixtures."""

import pytest


@pytest.fixture(scope="session")
def lecture():
    """The shipped lecture (default settings), built once per test session. Do not mutate."""
    from mathcore.lecture import default_lecture

    return default_lecture()


@pytest.fixture
def restore_scene_inputs():
    """Put back what the scenes draw (values, talk, theme) after a test that changes them."""
    from scenes import context, theme

    saved, saved_theme = dict(context._state), theme.current()
    yield
    theme.use(saved_theme)
    context._state.clear()
    context._state.update(saved)
