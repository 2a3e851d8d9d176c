"""The bad-input sweep's own code (``benchmarks/bad_input_sweep.py``, issue 14's closing sweep):
a few representative cases of its table run through its runner as the sweep runs them (each a
``lecture`` subprocess, all refused before anything renders), and its classifier on made-up
outcomes of every kind."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_sweep():
    spec = importlib.util.spec_from_file_location(
        "bad_input_sweep", ROOT / "benchmarks" / "bad_input_sweep.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


sweep = _load_sweep()
CASES = {case.id: case for case in sweep.CASES}

#: One case of each kind of input, each refused within seconds (most before manim loads).
REPRESENTATIVE = [
    "cfg-syntax-unclosed-string",  # not TOML
    "cfg-key-typo",  # an unknown key
    "cfg-regression-lr-type",  # the wrong type
    "cfg-regression-lr-nan",  # NaN
    "cfg-logistic-start-0-0",  # a list of the wrong length
    "cfg-path-shadow",  # a file the lecture must not read
    "cli-quality-8k",  # an option's value
    "cli-config-dir",  # --config on a folder
    "cli-scenes-8-4",  # a selection of no scene
    "data-scores-non-numeric",  # a data file's cell
]


def test_the_sweep_has_at_least_160_cases_of_every_kind():
    assert len(sweep.CASES) >= 160
    assert {case.group for case in sweep.CASES} == {
        "settings",
        "data",
        "quiz",
        "cli",
        "faults",
    }
    assert set(REPRESENTATIVE) <= set(CASES)


@pytest.fixture(scope="module")
def shared_build(tmp_path_factory):
    return tmp_path_factory.mktemp("sweep-build")


@pytest.mark.parametrize("case_id", REPRESENTATIVE)
def test_representative_cases_get_a_clear_error(case_id, tmp_path, shared_build):
    result = sweep.run_case(CASES[case_id], tmp_path, shared_build)
    assert (result.klass, result.rc, result.clear, result.traceback) == (
        "clear-error",
        2,
        True,
        False,
    ), result
    assert result.wrote == []  # refused before anything was written
    assert "lecture " in result.repro


# -- the classifier on made-up outcomes ---------------------------------------------------------
def outcome(rc=2, stderr="", stdout="", timed_out=False):
    return sweep.Run(["render"], rc, 1.0, stdout, stderr, timed_out)


def judged(tmp_path, run, case_id="cfg-key-typo", before=None, after=None):
    ctx = sweep.Ctx(tmp_path, tmp_path / "build")
    seeds = {name: "good" for name in sweep.SEEDS}
    before = seeds if before is None else before
    after = seeds if after is None else after
    return sweep.judge(CASES[case_id], ctx, [run], None, before, after)


CLEAR = "error: /x/my.toml: unknown key 'stpes' in [regression]. Accepted keys: lr, steps\n"


@pytest.mark.parametrize(
    ("run", "klass"),
    [
        (outcome(stderr=CLEAR), "clear-error"),
        (outcome(stderr="error: something went wrong\n"), "unclear-message"),  # names no key
        (outcome(stderr=CLEAR + CLEAR), "unclear-message"),  # two error lines
        (outcome(rc=1, stderr=CLEAR), "unclear-message"),  # not the bad-input exit code
        (
            outcome(rc=1, stderr="Traceback (most recent call last):\n  ...\nKeyError: 'x'\n"),
            "traceback",
        ),
        (outcome(rc=-9, timed_out=True), "hang"),
        (outcome(rc=0), "silently-wrong"),  # a bad input accepted
    ],
)
def test_the_classifier(tmp_path, run, klass):
    assert judged(tmp_path, run).klass == klass


def test_a_refused_run_that_changes_an_earlier_output_lost_it(tmp_path):
    ctx = sweep.Ctx(tmp_path, tmp_path / "build")
    ctx.seed()  # a previous run's good outputs in the output folder
    (ctx.out / "low" / "lecture.mp4").write_bytes(b"half a video")
    result = sweep.judge(CASES["cfg-key-typo"], ctx, [outcome(stderr=CLEAR)], None, {}, {})
    assert result.klass == "lost-output" and "low/lecture.mp4" in result.note


def test_an_accepted_input_is_checked(tmp_path):
    accepted = CASES["cfg-syntax-empty"]  # must render scene 20: here nothing was rendered
    ctx = sweep.Ctx(tmp_path, tmp_path / "build")
    result = sweep.judge(accepted, ctx, [outcome(rc=0)], None, {}, {})
    assert result.klass == "silently-wrong" and "no video of scene 20" in result.note
