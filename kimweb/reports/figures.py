"""Small statistics reports share: the median and the nearest-rank percentile."""

import math
import statistics


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile: a value that really occurred, as people expect in a table."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
