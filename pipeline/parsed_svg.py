"""What manim makes of an SVG file, kept on disk between processes.

manim turns every Text and formula into shapes by parsing its SVG file (``svgelements``,
then a path per glyph): 10-50 ms a text, 5-20% of a scene's render, done again in every
process though the file (named by a hash of what it holds) has not changed. manim keeps the
result in memory for the rest of the process (``SVG_HASH_TO_MOB_MAP``: the same key, a copy
of the shapes); this keeps it in ``<media>/parsed/`` for the next process too.

An entry is the shapes ``SVGMobject.generate_mobject`` made (after its flip), pickled, named
by a digest of everything they are made from: the SVG file's bytes, manim's key for it (the
class, its default style, its path settings) and the versions of Python, manim and
svgelements. Entries appear whole in one step (``os.replace``); an entry that cannot be read
is made again. Each shape keeps its points, colors and attributes, and its element's name in
the SVG (``glyph``, e.g. LaTeX's ``g<font>-<char code>``), but not the parsed svgelements
path its points were made from (``path_obj``: manim reads it only while making the points;
it was 90% of an entry and of the time to read one, and of every later copy of the shape):
shapes made here and shapes read back are the same. The files are this program's own, written in the build folder it renders
into (pickle runs what it reads: never point ``media_dir`` at files from elsewhere).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from manim import config

#: Changes when what an entry holds changes (then older entries are never read).
FORMAT = 1


@functools.cache
def _versions() -> str:
    """What the kept shapes depend on besides the SVG (read once: a package's metadata
    costs about a millisecond to look up, and every text and formula asks)."""
    return "|".join(
        [str(FORMAT), sys.version, metadata.version("manim"), metadata.version("svgelements")]
    )


def entry_path(svg_mobject: Any, file_path: Path) -> Path:
    """Where the shapes made from ``file_path`` for ``svg_mobject`` are kept."""
    digest = hashlib.sha256()
    for part in (_versions(), repr(svg_mobject.hash_seed[:3]), config.renderer):
        digest.update(str(part).encode())
        digest.update(b"\0")
    digest.update(file_path.read_bytes())
    return Path(config.get_dir("media_dir")) / "parsed" / f"{digest.hexdigest()[:32]}.pickle"


def load(svg_mobject: Any, entry: Path) -> bool:
    """Give ``svg_mobject`` the shapes kept in ``entry``, as ``generate_mobject`` would
    have (False, and nothing changed: no such entry, or one that cannot be read)."""
    try:
        with entry.open("rb") as file:
            shapes, groups = pickle.load(file)
    except Exception:  # none yet, or cut short: made (again)
        return False
    svg_mobject.add(*shapes)
    svg_mobject.id_to_vgroup_dict = groups
    return True


def save(svg_mobject: Any, entry: Path) -> None:
    """Keep the shapes ``svg_mobject`` has just made, after
    :func:`scenes.theme.drop_parsed_paths` (a full disk only loses the entry)."""
    made = entry.with_name(f".{entry.stem}.{os.getpid()}.partial")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with made.open("wb") as file:
            pickle.dump(
                (svg_mobject.submobjects, svg_mobject.id_to_vgroup_dict),
                file,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        os.replace(made, entry)
    except OSError:
        pass  # the shapes are made; only the next process makes them again
    finally:
        made.unlink(missing_ok=True)
