#!/usr/bin/env python3
"""numpy baseline for `cargo run --release -p cchc-bench -- calendar`.

    numpy_busday.py DIR ROUNDS

Reads from DIR little-endian int32 files written by the benchmark (days since 1970-01-01):
holidays.i32 (every Monday-Friday day off), dates.i32 (start dates) and offsets.i32 (working
days to add). Times `numpy.busday_offset(dates, offsets, roll="forward", busdaycal=...)` with
weekmask Monday-Friday over all inputs, ROUNDS times, single-threaded (numpy does not thread
it), and prints `numpy_version=`, `median_ns=` (per date) and `rounds_ns=`; writes the results of
the last round to DIR/result.i32. Exits 3 when numpy is not installed.
"""

import pathlib
import statistics
import sys
import time

try:
    import numpy as np
except ImportError:
    print("numpy is not installed", file=sys.stderr)
    sys.exit(3)


def main() -> int:
    folder, rounds = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    load = lambda name: np.fromfile(folder / name, dtype="<i4")  # noqa: E731
    holidays = load("holidays.i32").astype("datetime64[D]")
    dates = load("dates.i32").astype("datetime64[D]")
    offsets = load("offsets.i32").astype(np.int64)
    cal = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    per_round = []
    result = None
    for _ in range(rounds):
        start = time.perf_counter_ns()
        result = np.busday_offset(dates, offsets, roll="forward", busdaycal=cal)
        per_round.append((time.perf_counter_ns() - start) / len(dates))
    result.astype("datetime64[D]").astype("<i4").tofile(folder / "result.i32")
    print(f"numpy_version={np.__version__}")
    print(f"median_ns={statistics.median(per_round):.2f}")
    print("rounds_ns=" + ", ".join(f"{x:.1f}" for x in per_round))
    return 0


if __name__ == "__main__":
    sys.exit(main())
