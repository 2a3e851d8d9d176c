"""Writing a file so that nobody ever sees half of it.

Every output of the project -- data, values JSON, scene videos and frames, the lecture video,
the slides, the handout -- is written under a temporary name beside its target and moved
into place in one step (``os.replace``) when complete. A run that fails or is stopped half
way leaves the previous file as it was, and at worst a hidden ``.<name>.partial`` file that
the next run removes (:func:`remove_partial_files`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: How temporary files are named: ``.<stem>.partial<suffix>`` beside the target.
PARTIAL_GLOB = ".*.partial*"


def partial_path(target: Path) -> Path:
    """The temporary name beside ``target`` (same folder, so the final move is atomic)."""
    return target.with_name(f".{target.stem}.partial{target.suffix}")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write ``target``'s content to; on leaving the block without
    an error it replaces ``target`` in one step, otherwise it is deleted and ``target`` is
    untouched. The target's folder is created if needed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = partial_path(target)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(target: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` all at once or not at all."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def move_into_place(source: Path, target: Path) -> None:
    """Move a finished file to ``target`` in one step, also across file systems (the copy
    goes to a temporary name beside ``target`` first)."""
    try:
        os.replace(source, target)
        return
    except OSError:
        if source.stat().st_dev == target.parent.stat().st_dev:
            raise
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)
    source.unlink()


def remove_partial_files(folder: Path) -> list[Path]:
    """Delete the temporary files a killed run left in ``folder`` (never a finished file)."""
    if not folder.is_dir():
        return []
    left = [p for p in folder.rglob(PARTIAL_GLOB) if p.is_file()]
    for path in left:
        path.unlink(missing_ok=True)
    return left
