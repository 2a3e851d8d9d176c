"""What a scene draws from: the lecture's numbers (mathcore) and the talk's details.

Scenes call :func:`lecture` and :func:`talk` instead of computing or typing anything in.
A run may install other values first (another data set, another learning rate) with
:func:`use`; every scene then draws those.
"""

from __future__ import annotations

from dataclasses import dataclass

from mathcore.lecture import LectureSettings, LectureValues, build_lecture


@dataclass(frozen=True)
class TalkInfo:
    """The title slide's details."""

    title: str = "The Mathematics of Deep Learning"
    club: str = "UT Tyler Math Club"
    speaker: str = "Alex Bearden"
    affiliation: str = "Department of Mathematics, The University of Texas at Tyler"
    date: str = "November 16, 2022"


_state: dict[str, object] = {}


def use(settings: LectureSettings | None = None, talk_info: TalkInfo | None = None) -> None:
    """Make the scenes of this process draw these settings (and title details)."""
    _state["values"] = build_lecture(settings or LectureSettings())
    _state["talk"] = talk_info or TalkInfo()


def lecture() -> LectureValues:
    """The lecture's values; the shipped defaults unless :func:`use` installed others."""
    if "values" not in _state:
        use()
    return _state["values"]  # type: ignore[return-value]


def talk() -> TalkInfo:
    if "talk" not in _state:
        use()
    return _state["talk"]  # type: ignore[return-value]
