"""Shared fixtures for the mathcore tests."""

import pytest


@pytest.fixture(scope="session")
def lecture():
    """The shipped lecture (default settings), built once per test session. Do not mutate."""
    from mathcore.lecture import default_lecture

    return default_lecture()
