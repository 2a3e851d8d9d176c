"""The system pieces rendering needs (programs, LaTeX files, fonts), checked before a run so
that a missing one is reported with the command that installs it."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SystemPiece:
    """A program, LaTeX file or font the scenes need, and the Debian package with it."""

    name: str
    kind: str  # "program", "latex file" or "font"
    purpose: str
    package: str


SYSTEM_PIECES = (
    SystemPiece("latex", "program", "typesets every formula", "texlive-latex-base"),
    SystemPiece("dvisvgm", "program", "turns typeset formulas into shapes", "dvisvgm"),
    SystemPiece("standalone.cls", "latex file", "manim's formula page", "texlive-latex-extra"),
    SystemPiece("preview.sty", "latex file", "manim's formula page", "preview-latex-style"),
    SystemPiece("babel.sty", "latex file", "manim's formula preamble", "texlive-latex-base"),
    SystemPiece("english.ldf", "latex file", "manim's formula preamble", "texlive-latex-base"),
    SystemPiece("amsmath.sty", "latex file", "the formulas' math", "texlive-latex-base"),
    SystemPiece("amssymb.sty", "latex file", "the formulas' symbols", "texlive-base"),
    SystemPiece("Lato", "font", "the lecture's text (scenes.theme.FONT)", "fonts-lato"),
)


def missing_system_pieces() -> list[SystemPiece]:
    """The pieces of :data:`SYSTEM_PIECES` this machine lacks (checked in well under 1 s)."""
    missing = [p for p in SYSTEM_PIECES if p.kind == "program" and shutil.which(p.name) is None]
    latex_files = [p for p in SYSTEM_PIECES if p.kind == "latex file"]
    kpsewhich = shutil.which("kpsewhich")
    if kpsewhich is None:
        if not missing:  # no TeX search tool at all: TeX Live itself is missing
            missing.append(SYSTEM_PIECES[0])
    else:
        found = subprocess.run(
            [kpsewhich, *(p.name for p in latex_files)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        have = {Path(line.strip()).name for line in found.splitlines() if line.strip()}
        missing += [p for p in latex_files if p.name not in have]
    import manimpango

    fonts = set(manimpango.list_fonts())
    missing += [p for p in SYSTEM_PIECES if p.kind == "font" and p.name not in fonts]
    return missing


def system_problem() -> str | None:
    """A message naming what is missing and the command that installs it, or None."""
    missing = missing_system_pieces()
    if not missing:
        return None
    packages = list(dict.fromkeys(p.package for p in missing))
    lines = [
        f"  {p.name} ({p.kind}: {p.purpose}) is in the Debian package {p.package}" for p in missing
    ]
    return (
        "this machine lacks what the scenes need to render:\n"
        + "\n".join(lines)
        + "\nInstall it (as root, or with sudo):\n"
        + f"  apt-get install --no-install-recommends {' '.join(packages)}\n"
        + "or run ./render.sh setup, which installs everything missing."
    )
