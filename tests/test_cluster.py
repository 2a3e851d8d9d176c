"""Scenes rendered on a Dask cluster (``lecture render --cluster ADDRESS``), here a local one
of two worker processes started by the tests: the same frames as a local render, outputs
written back and joined here, the skip cache still deciding what is sent, a worker killed
mid-scene replaced by the other one, and a clear message when no scheduler answers."""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import pytest
from distributed import Client, LocalCluster

import pipeline.cluster as cluster_module
from mathcore.config import ConfigError, load_config
from pipeline.cli import main as lecture_main
from pipeline.deck import load_notes, load_slides
from pipeline.jobs import SceneJob
from pipeline.render import render_lecture
from scenes import context, theme
from scenes.base import LectureScene
from scenes.lecture import SCENES, SceneEntry
from scenes.notes import Note

ATTEMPTS = "LECTURE_TEST_CLUSTER_ATTEMPTS"  # a folder: one file per try of SlowOnce, its pid
THANK_YOU = SCENES[19]

pytestmark = pytest.mark.usefixtures("restore_scene_inputs")


# -- tiny scenes, found by the workers in this module -----------------------------------------
class ClusterTiny(LectureScene):
    title = "Tiny"

    def construct(self) -> None:
        self.add(theme.text("rendered on a worker"))
        self.beat(note=Note(say="A scene rendered on a worker."), pause=0.2)


class SlowOnce(ClusterTiny):
    """Its first try sleeps until the test kills the worker process running it; later tries
    render at once. Each try leaves a file named by its process id."""

    title = "Slow once"

    def construct(self) -> None:
        attempts = Path(os.environ[ATTEMPTS])
        first = not any(attempts.iterdir())
        (attempts / str(os.getpid())).write_text("trying", encoding="utf-8")
        if first:
            time.sleep(60)  # killed meanwhile
        super().construct()


@dataclass(frozen=True)
class ClusterEntry(SceneEntry):
    __test__ = False  # not a pytest test class

    def load(self) -> type[LectureScene]:
        return globals()[self.name]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """Two worker processes of one thread each, on 127.0.0.1 only."""
    saved = {name: os.environ.get(name) for name in (ATTEMPTS, "LECTURE_WORKER_CACHE")}
    os.environ[ATTEMPTS] = str(tmp_path_factory.mktemp("attempts"))
    os.environ["LECTURE_WORKER_CACHE"] = str(tmp_path_factory.mktemp("worker-cache"))
    try:
        with (
            LocalCluster(
                n_workers=2,
                processes=True,
                threads_per_worker=1,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",  # its HTTP server: any free port
            ) as cluster,
            Client(cluster, set_as_default=False) as client,  # as the command makes it
        ):
            client.wait_for_workers(2, timeout=60)
            yield client
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def frames(video: Path) -> list[np.ndarray]:
    with av.open(str(video)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


def render(*args: str) -> int:
    return lecture_main(["render", "--quality", "low", *args])


# -- the same frames, the outputs joined here, the skip cache ------------------------------------
def test_cluster_render_matches_a_local_render_and_is_joined_here(client, tmp_path, capsys):
    here, there = tmp_path / "here", tmp_path / "there"
    assert render("--scenes", "20", "--jobs", "1", "--out", str(here), "--build-dir",
                  str(here / "build")) == 0  # fmt: skip
    address = client.scheduler.address
    assert render("--scenes", "20", "--out", str(there), "--build-dir", str(there / "build"),
                  "--cluster", address) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert f"sending them to the Dask scheduler at {address}: 2 worker process(es)" in out

    local, remote = (folder / "low" / "scenes" for folder in (here, there))
    name = THANK_YOU.slug
    assert (remote / f"{name}.last.png").read_bytes() == (local / f"{name}.last.png").read_bytes()
    local_frames, remote_frames = frames(local / f"{name}.mp4"), frames(remote / f"{name}.mp4")
    assert len(remote_frames) == len(local_frames) > 1
    assert all(np.array_equal(a, b) for a, b in zip(local_frames, remote_frames, strict=True))
    local_record, remote_record = (
        json.loads((folder / f"{name}.json").read_text()) for folder in (local, remote)
    )
    assert remote_record["key"] == local_record["key"]
    assert remote_record["notes"] == local_record["notes"]
    assert (there / "low" / "contact_sheet.png").is_file()
    assert not [p for p in (there / "low").rglob("*") if ".partial" in p.name]

    # manim-slides' files came back too, pointing into this machine's build folder
    slides = load_slides(THANK_YOU, "low", there, there / "build")
    assert slides is not None and load_notes(THANK_YOU, "low", there) is not None
    for slide in slides.slides:
        assert slide.file.is_relative_to(there / "build" / "low" / "slides" / "files")

    # nothing changed: nothing is sent
    video = remote / f"{name}.mp4"
    before = video.stat().st_mtime_ns
    assert render("--scenes", "20", "--out", str(there), "--build-dir", str(there / "build"),
                  "--cluster", address) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "1 unchanged (reused), 0 to render" in out and "sending them" not in out
    assert video.stat().st_mtime_ns == before


# -- a worker killed mid-scene ----------------------------------------------------------------
def test_a_worker_killed_mid_scene_is_retried_on_another_worker(client, tmp_path, capsys):
    client.wait_for_workers(2, timeout=60)
    workers = set(client.run(os.getpid).values())  # the two worker processes' ids
    attempts = Path(os.environ[ATTEMPTS])
    killed: list[int] = []

    def kill_the_first_try() -> None:
        """Once the other scene is back (its worker is free), kill SlowOnce's worker."""
        deadline = time.monotonic() + 60
        tiny_done = tmp_path / "low" / "scenes" / "91_ClusterTiny.json"
        while time.monotonic() < deadline and not killed:
            tries = list(attempts.iterdir())
            if tries and tiny_done.is_file():
                pid = int(tries[0].name)
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            time.sleep(0.05)

    killer = threading.Thread(target=kill_the_first_try, daemon=True)
    killer.start()
    entries = [
        ClusterEntry(90, "backprop", "SlowOnce", "Slow once"),
        ClusterEntry(91, "backprop", "ClusterTiny", "Tiny"),
    ]
    started = time.monotonic()
    code = render_lecture(entries, "low", tmp_path, build=tmp_path / "build", cluster=client)
    killer.join()
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert len(killed) == 1
    tries = sorted(int(p.name) for p in attempts.iterdir())
    assert len(tries) == 2 and killed[0] in tries  # tried again after the kill...
    assert [pid for pid in tries if pid != killed[0]] == sorted(workers - set(killed))  # ...by
    # the other worker, idle then (the killed one's replacement was still starting)
    assert time.monotonic() - started < 50  # not the 60 s sleep of the killed try
    for slug in ("90_SlowOnce", "91_ClusterTiny"):
        assert (tmp_path / "low" / "scenes" / f"{slug}.mp4").is_file()
    assert (tmp_path / "low" / "lecture.mp4").is_file()
    # the killed worker's temporary folder was removed by the next job on that machine
    assert not list((Path(os.environ["LECTURE_WORKER_CACHE"]) / "jobs").iterdir())


def test_a_worker_with_other_code_refuses_the_scene(tmp_path):
    """The skip key is computed where the run was asked for; a worker whose checkout or
    libraries would draw something else says so instead of rendering."""
    entry = ClusterEntry(91, "backprop", "ClusterTiny", "Tiny")
    job = SceneJob(entry, "low", tmp_path / "out", tmp_path / "build", "a key from elsewhere",
                   context.inputs())  # fmt: skip
    bundle = cluster_module.render_remote(job)
    assert bundle.result.error is not None
    assert "has other scene code or library versions than this machine" in bundle.result.error
    assert not bundle.out_files and not (tmp_path / "out").exists()
    assert cluster_module.receive(job, bundle).error == bundle.result.error


# -- no scheduler there -------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_no_scheduler_at_the_address_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 1.0)
    address = f"tcp://127.0.0.1:{free_port()}"
    started = time.monotonic()
    assert render("--scenes", "20", "--cluster", address, "--out", str(tmp_path / "out")) == 2
    assert time.monotonic() - started < 15
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        f"error: --cluster {address}: no Dask scheduler answers there (Timed out trying to "
        f"connect to {address} after 1 s). Fix: start one with `.venv/bin/dask scheduler --port "
        f"{address.rsplit(':', 1)[1]}` on that machine, then on each worker machine"
    ), captured.err
    assert f"`.venv/bin/dask worker {address} --nworkers $(nproc) --nthreads 1`" in captured.err
    assert not (tmp_path / "out" / "low" / "scenes").exists()  # nothing rendered or written


def test_a_scheduler_without_workers_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cluster_module, "WORKERS_TIMEOUT", 1.0)
    with LocalCluster(
        n_workers=0, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as empty:
        address = empty.scheduler_address
        assert render("--scenes", "20", "--cluster", address, "--out", str(tmp_path / "out")) == 2
    assert capsys.readouterr().err.startswith(
        f"error: --cluster {address}: the Dask scheduler there has no worker (waited 1 s). "
        "Fix: on each worker machine, from a clone of this repository, run `./render.sh setup` "
        f"and `.venv/bin/dask worker {address} --nworkers $(nproc) --nthreads 1`"
    )


def test_the_settings_file_can_name_the_cluster(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 1.0)
    port = free_port()
    config = tmp_path / "my.toml"
    config.write_text(f'[render]\ncluster = "127.0.0.1:{port}"\n', encoding="utf-8")
    assert load_config(config).render.cluster == f"127.0.0.1:{port}"
    assert load_config().render.cluster is None  # the shipped lecture renders here
    bad = tmp_path / "bad.toml"
    bad.write_text("[render]\ncluster = 8786\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[render\] cluster = 8786 is a whole number\. "):
        load_config(bad)
    assert render("--config", str(config), "--scenes", "20", "--out", str(tmp_path / "out")) == 2
    assert capsys.readouterr().err.startswith(
        f'error: {config.resolve()}: [render] cluster = "127.0.0.1:{port}": no Dask scheduler '
        f"answers there (Timed out trying to connect to tcp://127.0.0.1:{port} after 1 s)"
    )
    assert cluster_module.normalize_address("render-1") == "tcp://render-1:8786"
    assert cluster_module.normalize_address("tcp://10.0.0.2:9000") == "tcp://10.0.0.2:9000"
