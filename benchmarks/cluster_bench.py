"""Scenes on a Dask cluster against the same scenes rendered locally (figures, never asserts).

    .venv/bin/python benchmarks/cluster_bench.py [--scenes 2,5,13,17] [--workers 2]
                                                 [--quality low] [--runs 1]

Starts a local Dask cluster (``--workers`` processes of one thread, on 127.0.0.1: what
``dask scheduler`` and ``dask worker --nworkers N --nthreads 1`` make on a real machine), then
renders the scenes cold, silent, with the ordinary command, twice per run: locally (``--jobs
N``) and with ``--cluster ADDRESS``, each into fresh output and build folders (and, for the
cluster, a fresh worker cache: LaTeX and texts made again there too). Wall time of each command;
on one machine the cluster has the same cores, so the ratio shows what sending scenes and their
outputs costs, not a gain (a gain needs more machines). The encoding floor of the frames
rendered, divided by the cores, is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def floor_seconds(videos: list[Path]) -> tuple[int, float]:
    """(frames, CPU seconds) of encoding the rendered frames as manim does."""
    from benchmarks.frame_cost_bench import encode_floor

    frames = total = 0.0
    for video in videos:
        count, seconds = encode_floor(video)
        frames += count
        total += seconds
    return int(frames), total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scenes", default="2,5,13,17", help="numbers or ranges")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (1 thread)")
    parser.add_argument("--quality", default="low")
    parser.add_argument("--runs", type=int, default=1, help="pairs of renders (medians)")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    from benchmarks.render_bench import ours  # the same command, timed the same way

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} core(s)")
    local_times, cluster_times = [], []
    with tempfile.TemporaryDirectory(prefix="cluster-bench-") as tmp:
        root = Path(tmp)
        for run in range(1, args.runs + 1):
            os.environ["LECTURE_WORKER_CACHE"] = str(root / f"worker-cache-{run}")
            with (
                LocalCluster(
                    n_workers=args.workers,
                    processes=True,
                    threads_per_worker=1,
                    host="127.0.0.1",
                    dashboard_address="127.0.0.1:0",
                ) as cluster,
                Client(cluster, set_as_default=False) as client,
            ):
                client.wait_for_workers(args.workers, timeout=60)
                local = root / f"local-{run}"
                local_times.append(
                    ours(local, args.quality, "--scenes", args.scenes, "--jobs", str(args.workers))
                )
                remote = root / f"cluster-{run}"
                cluster_times.append(
                    ours(
                        remote,
                        args.quality,
                        "--scenes",
                        args.scenes,
                        "--cluster",
                        cluster.scheduler_address,
                    )
                )
            print(
                f"run {run}: local {local_times[-1]:.1f} s, cluster {cluster_times[-1]:.1f} s",
                flush=True,
            )
        videos = sorted((root / "local-1" / "out" / args.quality / "scenes").glob("*.mp4"))
        frames, floor = floor_seconds(videos)
    local_s, cluster_s = statistics.median(local_times), statistics.median(cluster_times)
    print(
        f"\nscenes {args.scenes} at {args.quality}, {frames} frames, cold, silent "
        f"(medians of {args.runs}):\n"
        f"  local, --jobs {args.workers}:                  {local_s:6.1f} s\n"
        f"  Dask cluster, {args.workers} workers x 1 thread:   {cluster_s:6.1f} s "
        f"(ratio {cluster_s / local_s:.2f})\n"
        f"  encoding floor / {args.workers} cores:             {floor / args.workers:6.1f} s"
    )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
