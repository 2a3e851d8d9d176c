"""What a scene's video depends on, as one digest: the skip key of a render.

A scene is rendered again only when its key changes: its own class (not the other scenes in
its module), the project modules it imports (transitively), the lecture's values, talk and
theme, the quality, and the manim and manim-slides versions.
"""

from __future__ import annotations

import ast
import hashlib
import json
from functools import cache
from importlib import metadata
from pathlib import Path

from scenes import context
from scenes.context import SceneInputs
from scenes.lecture import SCENES, SceneEntry

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("scenes", "mathcore")


def project_imports(module: str) -> set[str]:
    """The project modules ``module`` imports, transitively (itself included)."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen or _module_path(name) is None:
            continue
        seen.add(name)
        todo.extend(_direct_imports(_module_path(name)))
    return seen


@cache
def _direct_imports(path: Path) -> tuple[str, ...]:
    """Every name a module file imports (parsed once per process)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return tuple(names)


def _module_path(name: str) -> Path | None:
    if name.split(".")[0] not in PACKAGES:
        return None
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def scene_source(entry: SceneEntry) -> str:
    """The scene's own module without the other scene classes in it: editing one scene's
    wording does not invalidate its neighbours, editing a shared helper does."""
    module = f"scenes.{entry.module}"
    source = _module_path(module).read_text(encoding="utf-8")  # type: ignore[union-attr]
    others = {e.name for e in SCENES if e.module == entry.module and e.name != entry.name}
    lines = source.splitlines(keepends=True)
    kept = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef) and node.name in others:
            continue
        start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        kept.append("".join(lines[start - 1 : node.end_lineno]))
    return "\n".join(kept)


def scene_key(entry: SceneEntry, quality: str, values_digest: str) -> str:
    """A digest of everything the scene's video depends on: its own code, the project
    modules it imports, the lecture's values, the quality and the library versions."""
    digest = hashlib.sha256(scene_source(entry).encode())
    module = f"scenes.{entry.module}"
    for name in sorted(project_imports(module) - {module}):
        digest.update(name.encode())
        digest.update(_module_path(name).read_bytes())  # type: ignore[union-attr]
    for part in (
        entry.name,
        quality,
        values_digest,
        metadata.version("manim"),
        metadata.version("manim-slides"),
    ):
        digest.update(part.encode())
    return digest.hexdigest()


def values_digest(scene_inputs: SceneInputs | None = None) -> str:
    """A digest of the lecture's values, talk details and theme, as the scenes will draw
    them (``scene_inputs``, or what this process has installed)."""
    inputs = scene_inputs or context.inputs()
    values = inputs.values
    payload = {
        "values": values.to_json(),
        "terms": [[t.term, t.real] for t in values.balderdash.quiz],
        "more": list(values.balderdash.more_generated),
        "talk": inputs.talk.__dict__,
        "theme": inputs.theme,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
