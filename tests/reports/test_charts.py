"""SVG bar charts: the geometry, and the drawing: an image with a title, no inline styles."""

from flask import render_template_string

from kimweb.reports.charts import bar_chart


def test_bars_scale_to_the_highest_value():
    chart = bar_chart([("a", 2), ("b", 4), ("c", 0)], width=300, height=100)
    assert chart.top == 4
    assert [b.height for b in chart.bars] == [50.0, 100.0, 0.0]
    assert [b.y for b in chart.bars] == [50.0, 0.0, 100.0]
    assert chart.bar_width == 70.0 and chart.bars[1].x == 115.0


def test_no_values_still_make_a_scale():
    assert bar_chart([]).top == 1 and bar_chart([("a", 0)]).bars[0].height == 0


def test_at_most_about_twelve_labels():
    chart = bar_chart([(str(i), i) for i in range(60)])
    assert sum(b.show_label for b in chart.bars) == 12


def test_macro_draws_an_image_with_a_title(app):
    chart = bar_chart([("02.11.", 3), ("03.11.", 1)])
    with app.test_request_context():
        svg = render_template_string(
            '{% from "reports/_macros.html" import bar_chart %}{{ bar_chart(chart, "Besuche <pro> Tag", id="v") }}',
            chart=chart,
        )
    assert 'role="img"' in svg and 'aria-labelledby="v-title"' in svg
    assert '<title id="v-title">Besuche &lt;pro&gt; Tag</title>' in svg
    assert "<title>02.11.: 3</title>" in svg and svg.count("<rect") == 2
    assert "style=" not in svg
