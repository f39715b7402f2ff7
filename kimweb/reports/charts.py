"""Server-rendered SVG charts: the geometry here, the drawing in templates/reports/_macros.html.

No JavaScript and no inline styles (the CSP forbids both). A chart is an image with a title for
screen readers; the table next to it holds the same figures and is the text alternative.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

MAX_LABELS = 12  # at most about twelve labels under the bars, or they overlap


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    label: str
    value: float
    show_label: bool


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    top: float  # the highest value, the top of the scale
    bar_width: float
    width: int  # the plot area; the SVG adds a margin for the scale and the labels
    height: int


def bar_chart(points: Sequence[tuple[str, float]], width: int = 720, height: int = 200) -> BarChart:
    """Bars for (label, value) pairs in a plot of `width` x `height`."""
    top = max([value for _, value in points] + [1])
    step = width / max(len(points), 1)
    every = max(1, math.ceil(len(points) / MAX_LABELS))
    bars = [
        Bar(
            x=round(i * step + step * 0.15, 1),
            y=round(height - value / top * height, 1),
            height=round(value / top * height, 1),
            label=label,
            value=value,
            show_label=i % every == 0,
        )
        for i, (label, value) in enumerate(points)
    ]
    return BarChart(bars, top, round(step * 0.7, 1), width, height)
