"""The ``lecture`` command's own complaints (issue 14): whatever argparse refuses -- an unknown
option, a stray word, an option without its value, a value of the wrong kind, two options
that exclude each other, a missing scene -- is one ``error:`` line naming the option, with
the fix, and exit code 2 (one parser class for every verb: pipeline.cli.options)."""

from __future__ import annotations

import pytest

import pipeline.render as render_module
from pipeline.cli import main as lecture_main

CASES = [
    (["render", "--fast"], "unrecognized arguments: --fast", "leave out --fast"),
    (["render", "20"], "unrecognized arguments: 20", "--scenes 20"),
    (["render", "--scenes"], "--scenes", "give --scenes a value, e.g. '8' or '4-8,19'"),
    (["render", "--jobs", "abc"], "--jobs", "give a whole number, e.g. --jobs 2"),
    (["render", "--jobs", "1.5"], "--jobs", "give a whole number, e.g. --jobs 2"),
    (["render", "--quiet", "--verbose"], "--quiet", "give --verbose or --quiet, not both"),
    (["render", "--config"], "--config", "write --config CONFIG"),
    (["values", "--indent", "abc"], "--indent", "give a whole number, e.g. --indent 2"),
    (["preview"], "scenes", "name the scenes, e.g. 'lecture preview 8'"),
    (["list", "extra"], "unrecognized arguments: extra", "leave out extra"),
    (["--fast"], "unrecognized arguments: --fast", "see 'lecture render --help'"),
    (["rendr"], "invalid choice: 'rendr'", "see 'lecture --help'"),
]


@pytest.mark.parametrize(("argv", "names", "fix"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_argparse_errors_are_one_line_with_the_fix(argv, names, fix, capsys):
    with pytest.raises(SystemExit) as ended:
        lecture_main(argv)
    assert ended.value.code == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "error: " in line]
    assert len(lines) == 1, err
    assert names in lines[0] and fix in lines[0], lines[0]
    assert ". Fix: " in lines[0]


def test_an_empty_scene_selection_is_refused_not_read_as_all(tmp_path, capsys, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("rendering started")

    monkeypatch.setattr(render_module, "render_lecture", refuse)
    out = tmp_path / "out"
    assert lecture_main(["render", "--scenes", "", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --scenes: an empty selection selects no scene. Fix: ")
    assert not out.exists()
