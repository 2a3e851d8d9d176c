"""How long `python -m mathcore values` takes, as a user runs it (a figure, not a test).

    .venv/bin/python benchmarks/values_bench.py [--runs 7]

Prints the median wall time and CPU time of the whole command (interpreter start, imports,
loading the data, every fit and the network's training, JSON) over several runs.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mathcore", "values"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    print(
        f"python -m mathcore values: median wall {statistics.median(walls):.2f} s, "
        f"median CPU {statistics.median(cpus):.2f} s over {runs} runs [target < 1 s]"
    )


if __name__ == "__main__":
    main()
