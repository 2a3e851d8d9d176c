"""Speaker notes: what the teacher says and asks on a slide, and the values it shows.

A note is written where its slide ends, in the scene's own ``construct``:
``self.beat(Note(...))`` closes the slide (see :meth:`scenes.base.LectureScene.beat`), so
every slide has exactly one note and a scene's notes are in ``scene.notes`` once it has been
built (:func:`scenes.dry_run.dry_run` builds one without rendering).

The notes are written from the talk (``shared/seed``) and the storyboard. Every number in
them is formatted from the lecture's values (``self.values``, mathcore's) when the scene is
built, the same way the slide formats it: no result is typed into a note.
"""

from __future__ import annotations

from dataclasses import dataclass

from scenes import theme


@dataclass(frozen=True)
class Note:
    """One slide's notes: what to ``say``, what to ``ask`` the class, and the lecture
    ``values`` the slide shows as (label, number exactly as on screen) -- for the teacher --
    and the ``narration``: what the lecture's voice says while this slide plays, for a
    student watching alone (prose with the math written as on screen, e.g. "θ₁₁⁽¹⁾";
    ``pipeline.speech.pronounce`` reads it aloud)."""

    say: str
    ask: str = ""
    values: tuple[tuple[str, str], ...] = ()
    narration: str = ""

    def markdown(self) -> str:
        """The note for reveal.js's speaker view and the Qt presenter (Markdown)."""
        parts = [self.say]
        if self.ask:
            parts.append(f"**Ask the class:** {self.ask}")
        if self.values:
            shown = " · ".join(f"{label} = {value}" for label, value in self.values)
            parts.append(f"**On screen:** {shown}")
        return "\n\n".join(parts)


def ints(*pairs: tuple[str, int]) -> tuple[tuple[str, str], ...]:
    """Note values that are whole numbers: (label, count) -> (label, "count")."""
    return tuple((label, theme.fmt(value, 0)) for label, value in pairs)
