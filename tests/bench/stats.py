"""Shared arithmetic and reporting of the benchmarks."""

import os
import statistics
import time


def percentile(values, share):
    """The value below which `share` (0..1) of the values lie, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(label, values):
    """One line of figures (milliseconds); the load average beside it, since other work on the
    machine shows in the figures."""
    print(
        f"  {label:42s} n {len(values):4d}   p50 {statistics.median(values):6.1f} ms   "
        f"p95 {percentile(values, 0.95):6.1f} ms   max {max(values):6.1f} ms   load {os.getloadavg()[0]:.2f}"
    )


def timed(call, status: int = 200) -> float:
    """Milliseconds of one request made by `call`, which must answer `status`."""
    begin = time.perf_counter()
    response = call()
    elapsed = (time.perf_counter() - begin) * 1000
    assert response.status_code == status, response.status_code
    return elapsed
