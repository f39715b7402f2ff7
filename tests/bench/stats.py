"""Shared arithmetic of the benchmarks."""


def percentile(values, share):
    """The value below which `share` (0..1) of the values lie, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]
