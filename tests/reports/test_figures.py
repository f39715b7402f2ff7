"""Median and nearest-rank percentile."""

from kimweb.reports.figures import median, percentile


def test_percentile_is_nearest_rank():
    assert percentile([5, 10, 15, 20, 60], 0.9) == 60
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile([], 0.9) is None
    assert median([5, 10, 15, 20, 60]) == 15
    assert median([]) is None
