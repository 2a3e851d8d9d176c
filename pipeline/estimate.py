"""Which scenes to start first: the heaviest, so that the last to finish is a short one.

A scene rendered before has its time on record (``<out>/<quality>/scenes/NN_Name.json``). On
a cold start there is none, and lecture order would start a short title card while the heavy
gradient descent waits: :func:`video_seconds` estimates a scene's length from its code
instead (no scene is built: a dry run of all twenty would cost more than it saves), and
:func:`heaviest_first` orders by the record where there is one and by the estimate,
scaled to the records, where there is not.
"""

from __future__ import annotations

import ast
import statistics
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

from scenes import theme
from scenes.lecture import SceneEntry

T = TypeVar("T")
SCENES_DIR = Path(__file__).resolve().parent.parent / "scenes"
#: A play whose run time is not a number in the code lasts manim's default, 1 s; a loop
#: whose number of turns is not written out is taken to turn this many times.
DEFAULT_RUN_TIME = 1.0
UNKNOWN_TURNS = 3


def heaviest_first(
    items: Sequence[T],
    recorded: Callable[[T], float | None],
    estimate: Callable[[T], float],
) -> list[T]:
    """``items`` by decreasing cost: the ``recorded`` seconds of the last render where there
    is one; otherwise the ``estimate`` (any unit), scaled to seconds by the median ratio of
    record to estimate among the items that have both (unscaled when none has a record).
    Ties keep their order."""
    records = [recorded(item) for item in items]
    estimates = [max(estimate(item), 0.0) for item in items]
    ratios = [r / e for r, e in zip(records, estimates, strict=True) if r is not None and e > 0]
    scale = statistics.median(ratios) if ratios else 1.0
    cost = [r if r is not None else e * scale for r, e in zip(records, estimates, strict=True)]
    order = sorted(range(len(items)), key=lambda i: -cost[i])
    return [items[i] for i in order]


def video_seconds(entry: SceneEntry) -> float:
    """The length of ``entry``'s video as written, estimated from its class's code: each
    ``self.play`` its ``run_time`` (a number in the code, else 1 s), each ``self.wait`` its
    duration, each ``self.beat`` its pause, times the turns of the loops around them."""
    return _video_seconds(entry.module, entry.name)


@cache
def _video_seconds(module: str, name: str) -> float:
    try:
        source = (SCENES_DIR / f"{module}.py").read_text(encoding="utf-8")
    except OSError:
        return 0.0
    return class_seconds(source, name)


def class_seconds(source: str, name: str) -> float:
    """:func:`video_seconds` of the class ``name`` defined in the module code ``source``
    (0 when it is not there, or the code does not parse)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return 0.0
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return sum(_seconds(statement, 1.0) for statement in node.body)
    return 0.0


def _seconds(node: ast.AST, turns: float) -> float:
    """The seconds of the plays, waits and beats under ``node``, run ``turns`` times."""
    if isinstance(node, ast.For | ast.AsyncFor):
        inner = turns * _turns(node.iter)
        return sum(_seconds(child, inner) for child in node.body) + sum(
            _seconds(child, turns) for child in node.orelse
        )
    if isinstance(node, ast.While):
        return sum(_seconds(child, turns * UNKNOWN_TURNS) for child in node.body)
    total = 0.0
    if isinstance(node, ast.Call) and _is_self_call(node):
        total += turns * _call_seconds(node)
    for child in ast.iter_child_nodes(node):
        total += _seconds(child, turns)
    return total


def _is_self_call(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
        and func.attr in ("play", "wait", "beat")
    )


def _call_seconds(call: ast.Call) -> float:
    assert isinstance(call.func, ast.Attribute)
    what = call.func.attr
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    if what == "play":
        return _number(keywords.get("run_time"), DEFAULT_RUN_TIME)
    if what == "wait":
        first = call.args[0] if call.args else keywords.get("duration")
        return _number(first, DEFAULT_RUN_TIME)
    pause = call.args[1] if len(call.args) > 1 else keywords.get("pause")
    return _number(pause, theme.BEAT_PAUSE)


def _number(node: ast.AST | None, default: float) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    return default


def _turns(iterable: ast.AST) -> float:
    """How many times a ``for`` over ``iterable`` turns, where the code says so."""
    if isinstance(iterable, ast.Tuple | ast.List | ast.Set):
        return float(len(iterable.elts))
    if (
        isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Name)
        and iterable.func.id == "range"
        and iterable.args
        and all(isinstance(a, ast.Constant) and isinstance(a.value, int) for a in iterable.args)
    ):
        bounds = [int(a.value) for a in iterable.args]  # type: ignore[attr-defined]
        return float(len(range(*bounds)))
    if (
        isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Name)
        and iterable.func.id in ("zip", "enumerate", "reversed")
        and iterable.args
    ):
        return min(_turns(a) for a in iterable.args)
    return float(UNKNOWN_TURNS)
