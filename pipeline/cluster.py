"""Scenes rendered on a Dask distributed cluster, their outputs written back here.

    lecture render --cluster tcp://HOST:8786      (or ``[render] cluster`` in the TOML)

Scenes are independent jobs, so a run can hand them to an existing engine instead of the
local process pool: a Dask scheduler (``.venv/bin/dask scheduler``) and workers on other
machines (``./render.sh setup``, then ``.venv/bin/dask worker tcp://HOST:8786 --nworkers
$(nproc) --nthreads 1``: one single-threaded process per core, as manim's settings are per
process), each with this project's set-up. Only what the skip key says must be rendered is
sent: the skip cache (:mod:`pipeline.inputs`) is computed and checked here, on the machine
that asked.

Why Dask distributed: it is pure Python on PyPI (no broker or daemon to install: its own
scheduler and workers are two commands of the same package), its futures map one-to-one onto
the local process pool's, results come straight back from the worker, and a worker lost
mid-task is handled by the scheduler itself. Ray would bring a large native runtime and an
object store for what are a few megabytes per scene; Celery needs a separate broker (Redis,
RabbitMQ) and a result backend, and re-runs a lost task only with late acknowledgement.

A worker does not share this machine's file system. It renders the scene with the ordinary
worker function (:func:`pipeline.jobs.render_scene`) into a temporary folder of its own --
manim's compiled LaTeX and text SVGs are shared by the jobs of that machine -- and sends
back the files a local render leaves: the scene video, its last frame, its record (skip key,
seconds, notes), and manim-slides' slide videos and JSON (``<build>/<quality>/slides/``,
which the slides and the handout read). They are written here under temporary names and
moved into place (:func:`mathcore.files.atomic_path`), the record last, then joined exactly
as after a local render.

A worker that dies mid-scene (killed, out of memory) loses its task; Dask's scheduler gives
it to another worker (up to its ``allowed-failures``, 3 by default), and a task that raises
is tried again :data:`RETRIES` times. A worker whose code or library versions differ from
this machine's (its skip key for the scene differs) refuses the scene, naming the fix.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from mathcore.files import atomic_path
from pipeline.jobs import SceneJob, SceneResult, describe, render_scene

if TYPE_CHECKING:
    from distributed import Client

DEFAULT_PORT = 8786  # the port `dask scheduler` listens on unless told otherwise
CONNECT_TIMEOUT = 5.0  # seconds to wait for a scheduler's answer
WORKERS_TIMEOUT = 20.0  # seconds to wait for a scheduler's first worker
RETRIES = 2  # a task that raised is tried again this many times (worker deaths: the scheduler)
#: The worker command to document and to print in messages.
WORKER_COMMAND = ".venv/bin/dask worker {address} --nworkers $(nproc) --nthreads 1"


class ClusterError(Exception):
    """No usable cluster at the address given; the message names the problem and the fix."""


# -- the machine that asks ------------------------------------------------------------------
def normalize_address(address: str) -> str:
    """``host`` -> ``tcp://host:8786``, ``host:port`` -> ``tcp://host:port``."""
    address = address.strip()
    if "://" not in address:
        address = f"tcp://{address}"
    scheme, rest = address.split("://", 1)
    if rest and ":" not in rest:
        address = f"{scheme}://{rest}:{DEFAULT_PORT}"
    return address


def _how_to_start(address: str) -> str:
    port = address.rsplit(":", 1)[-1]
    scheduler = ".venv/bin/dask scheduler" + (
        "" if port == str(DEFAULT_PORT) else f" --port {port}"
    )
    return (
        f"start one with `{scheduler}` on that machine, then on each worker machine, from a "
        f"clone of this repository, `./render.sh setup` and "
        f"`{WORKER_COMMAND.format(address=address)}`; or leave the cluster out to render on "
        "this machine"
    )


def connect(address: str, where: str | None = None) -> Client:
    """A client of the Dask scheduler at ``address`` with at least one worker. Raises
    :class:`ClusterError` (message: ``<where>: what is wrong. Fix: ...``, ``where`` by default
    ``--cluster <address>``) within :data:`CONNECT_TIMEOUT` when no scheduler answers."""
    from distributed import Client

    target = normalize_address(address)
    where = where or f"--cluster {address}"
    try:
        client = Client(target, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterError(
            f"{where}: no Dask scheduler answers there ({err or type(err).__name__}). "
            f"Fix: {_how_to_start(target)}"
        ) from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except (OSError, TimeoutError):
        client.close()
        raise ClusterError(
            f"{where}: the Dask scheduler there has no worker (waited "
            f"{WORKERS_TIMEOUT:g} s). Fix: on each worker machine, from a clone "
            f"of this repository, run `./render.sh setup` and "
            f"`{WORKER_COMMAND.format(address=target)}`"
        ) from None
    return client


def describe_cluster(client: Client) -> str:
    workers = client.scheduler_info(n_workers=-1).get("workers", {})
    threads = sum(w.get("nthreads", 1) for w in workers.values())
    hosts = {w.get("host") for w in workers.values()}
    return (
        f"the Dask scheduler at {client.scheduler.address}: {len(workers)} worker process(es), "
        f"{threads} thread(s), on {len(hosts)} machine(s)"
    )


def render_on_cluster(
    todo: list[SceneJob], client: Client, say: Callable[[str], object] = print
) -> Iterator[SceneResult]:
    """Send ``todo`` (heaviest first) to the cluster; yield each scene's result as it
    finishes, its outputs already written here. Stopping early (Ctrl-C) cancels the rest.
    ``say`` tells where the scenes go."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    say(f"  sending them to {describe_cluster(client)}")
    futures = {
        client.submit(
            render_remote,
            job,
            key=f"scene-{job.entry.slug}-{uuid.uuid4().hex[:8]}",
            priority=len(todo) - rank,  # the order of todo: heaviest first
            retries=RETRIES,
            pure=False,
        ): job
        for rank, job in enumerate(todo)
    }
    try:
        for future in as_completed(futures, loop=client.loop):
            job = futures[future]
            try:
                bundle = future.result()
            except KilledWorker as err:
                yield SceneResult(
                    job.entry,
                    0.0,
                    error=f"its worker process died while rendering it, on each of the "
                    f"{err.allowed_failures + 1} workers tried (a crash in a library, or out of "
                    "memory); run it alone with --scenes and --jobs 1, without the cluster, to "
                    "see the error",
                )
                continue
            except Exception as err:  # the task raised on every try, or the scheduler left
                problem = f"{type(err).__name__}: {err}"
                yield SceneResult(job.entry, 0.0, error=f"on the cluster: {problem}")
                continue
            yield receive(job, bundle)
    finally:
        client.cancel([f for f in futures if not f.done()])


def receive(job: SceneJob, bundle: SceneBundle) -> SceneResult:
    """Write a worker's outputs for ``job`` into this machine's folders, each file whole or
    not at all, the record last (it makes the scene current for the skip cache)."""
    job.record.unlink(missing_ok=True)  # as a local render does when it starts
    result = dataclasses.replace(bundle.result, entry=job.entry)
    if result.error is not None:
        return result
    try:
        for rel, data in bundle.build_files.items():
            _write(_inside(job.build_dir, rel), data)
        if bundle.slides is not None:
            _write(_inside(job.build_dir, bundle.slides_path), _slides_json(bundle.slides, job))
        record = job.record.relative_to(job.out_dir).as_posix()
        for rel, data in bundle.out_files.items():
            if rel != record:
                _write(_inside(job.out_dir, rel), data)
        _write(job.record, bundle.out_files[record])
    except (OSError, KeyError, ValueError) as err:  # e.g. a full disk: nothing half-written
        job.record.unlink(missing_ok=True)
        return dataclasses.replace(
            result, error=f"rendered on {bundle.worker}, not written here: {describe(err)}"
        )
    return result


def _write(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def _inside(folder: Path, rel: str) -> Path:
    """``folder / rel``, refusing a path that would leave ``folder``."""
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"a worker sent a file outside its folder: {rel!r}")
    return folder.joinpath(*path.parts)


def _slides_json(slides: dict, job: SceneJob) -> bytes:
    """manim-slides' JSON with each slide's files where they are here, written as
    manim-slides writes it (a local render names them ``<build>/<quality>/slides/...``)."""
    from manim_slides.config import PresentationConfig

    slides = json.loads(json.dumps(slides))  # a copy
    for slide in slides["slides"]:
        for key in ("file", "rev_file"):
            if slide.get(key):
                slide[key] = str(_inside(job.build_dir, slide[key]))
    return PresentationConfig.model_validate(slides).model_dump_json(indent=2).encode()


# -- a worker ---------------------------------------------------------------------------------
@dataclass
class SceneBundle:
    """What a worker sends back for a scene: its result and the files a local render would
    have left (paths relative to the job's output folder and build folder)."""

    result: SceneResult
    worker: str
    out_files: dict[str, bytes] = field(default_factory=dict)
    build_files: dict[str, bytes] = field(default_factory=dict)
    #: manim-slides' JSON, its files relative to the build folder; None: no slides
    slides: dict | None = None
    slides_path: str = ""


#: manim's settings and the scenes' inputs are per process: one scene at a time in each
#: worker process, even when a worker runs several threads (start workers with --nthreads 1
#: and one process per core instead).
_RENDER_LOCK = threading.Lock()


def render_remote(job: SceneJob) -> SceneBundle:
    """Render ``job`` on this worker into a temporary folder; return the bundle to send back."""
    worker = _worker_name()
    with _RENDER_LOCK:
        refused = _refuse_other_code(job, worker)
        if refused is not None:
            return SceneBundle(refused, worker)
        logging.getLogger("manim-slides").setLevel(logging.WARNING)
        jobs = _worker_cache() / "jobs"
        _remove_dead_jobs_folders(jobs)
        jobs.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(
            prefix=f"{os.getpid()}-{job.entry.slug}-", dir=jobs
        ) as tmp:
            here = dataclasses.replace(
                job,
                out_dir=Path(tmp) / "out" / job.quality,
                build_dir=Path(tmp) / "build" / job.quality,
            )
            _share_caches(here.build_dir / "media")
            result = render_scene(here)
            if result.error is not None:
                return SceneBundle(
                    dataclasses.replace(result, error=f"on {worker}: {result.error}"), worker
                )
            bundle = SceneBundle(result, worker)
            for path in (here.video, here.frame, here.record):
                bundle.out_files[path.relative_to(here.out_dir).as_posix()] = path.read_bytes()
            _pack_slides(here, bundle)
            return bundle


def _refuse_other_code(job: SceneJob, worker: str) -> SceneResult | None:
    """A failed result when this worker would draw the scene from other code or library
    versions than the machine that asked (its skip key differs), else None."""
    if job.inputs is None:
        return None
    from pipeline.inputs import scene_key, values_digest
    from pipeline.narration import full_key  # the key of a narrated scene covers its voice

    key = scene_key(job.entry, job.quality, values_digest(job.inputs))
    if full_key(key, job.narration) == job.key:
        return None
    return SceneResult(
        job.entry,
        0.0,
        error=f"worker {worker} has other scene code or library versions than this machine "
        "(its skip key for the scene differs). Fix: on that machine, check out the same "
        "commit as here and run `./render.sh setup`, then restart its `dask worker`",
    )


def _pack_slides(here: SceneJob, bundle: SceneBundle) -> None:
    """Add manim-slides' JSON and each slide's video, paths relative to the build folder."""
    path = here.build_dir / "slides" / f"{here.entry.name}.json"
    if not path.is_file():
        return
    slides = json.loads(path.read_text(encoding="utf-8"))
    for slide in slides.get("slides", []):
        for key in ("file", "rev_file"):
            if slide.get(key):
                file = Path(slide[key])
                if not file.is_absolute():  # as manim-slides reads it: beside the slides folder
                    file = path.parent.parent / file
                rel = file.relative_to(here.build_dir).as_posix()
                if rel not in bundle.build_files:
                    bundle.build_files[rel] = file.read_bytes()
                slide[key] = rel
    bundle.slides = slides
    bundle.slides_path = path.relative_to(here.build_dir).as_posix()


def _worker_cache() -> Path:
    """This worker machine's folder for the project: shared caches, one folder per job."""
    return Path(
        os.environ.get("LECTURE_WORKER_CACHE")
        or Path(tempfile.gettempdir()) / f"lecture-worker-cache-{os.getuid()}"
    )


def _remove_dead_jobs_folders(jobs: Path) -> None:
    """Delete the job folders of worker processes that died mid-scene (named ``<pid>-...``)."""
    if not jobs.is_dir():
        return
    for folder in jobs.iterdir():
        pid = folder.name.split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (killed, not yet reaped by its nanny) is dead too
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _share_caches(media: Path) -> None:
    """Point the job's LaTeX and text caches (and their locks) at this machine's shared ones,
    so each formula is compiled once per worker machine, not once per scene."""
    shared = _worker_cache()
    media.mkdir(parents=True, exist_ok=True)
    for name in ("Tex", "texts", "locks"):
        (shared / name).mkdir(parents=True, exist_ok=True)
        (media / name).symlink_to(shared / name, target_is_directory=True)


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        import socket

        return f"{socket.gethostname()} (pid {os.getpid()})"
