"""The lecture's values kept between commands, so that a command with nothing new to compute
does not compute them again.

``mathcore.build_lecture`` takes about 1.4 s (most of it training the character network of
scene 2) and every rendering verb needs its result before it can tell what is already
rendered: a rebuild with nothing changed spent half its time there. The values depend only
on the settings, the files they name, mathcore's code and the numeric libraries: an entry in
``<build>/values/`` is named by a digest of all of these, so an edit to any of them (a data
file, a learning rate, a line of mathcore) computes them again, and checks them again (bad
data still stops the run with its message: only values computed without an error are kept).
Entries appear whole in one step; one that cannot be read is computed again. The files are
this program's own (pickle runs what it reads: never point ``--build-dir`` at files from
elsewhere).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path

from mathcore.config import LectureSettings
from mathcore.lecture import LectureValues, build_lecture

MATHCORE = Path(__file__).resolve().parent.parent / "mathcore"
#: Changes when what an entry holds changes (then older entries are never read).
FORMAT = 1
#: Entries kept (the most recently made): a teacher trying settings back and forth.
KEPT = 8


def entry_name(settings: LectureSettings) -> str | None:
    """The digest naming ``settings``' values (None: a file it names cannot be read; then
    nothing is kept, and ``build_lecture`` says what is wrong with it)."""
    digest = hashlib.sha256()

    def part(data: bytes) -> None:
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)

    part(f"{FORMAT}|{sys.version}".encode())
    for package in ("numpy", "scipy"):
        part(metadata.version(package).encode())
    for source in sorted(MATHCORE.rglob("*.py")):
        part(source.relative_to(MATHCORE).as_posix().encode())
        part(source.read_bytes())
    part(repr(settings).encode())
    for field in dataclasses.fields(settings):
        value = getattr(settings, field.name)
        if isinstance(value, Path):
            try:
                part(value.read_bytes())
            except OSError:
                return None
    return digest.hexdigest()[:32]


def lecture_values(settings: LectureSettings, build: Path) -> LectureValues:
    """``build_lecture(settings)``, read from ``build``/values/ when it was computed there
    from the same inputs, else computed and kept there (a folder that cannot be written
    only loses the entry)."""
    name = entry_name(settings)
    if name is None:
        return build_lecture(settings)
    entry = build / "values" / f"{name}.pickle"
    try:
        with entry.open("rb") as file:
            values = pickle.load(file)
        if isinstance(values, LectureValues):
            return values
    except Exception:  # none yet, or cut short: computed (again)
        pass
    values = build_lecture(settings)
    made = entry.with_name(f".{name}.{os.getpid()}.partial")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with made.open("wb") as file:
            pickle.dump(values, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(made, entry)
        older = sorted(entry.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in older[:-KEPT]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        made.unlink(missing_ok=True)
    return values
