"""The report period: German dates, at most a year, a default, presets for month, quarter and year."""

from datetime import date

from werkzeug.datastructures import MultiDict

from kimweb.reports.period import DEFAULT_DAYS, presets, read_period
from kimweb.timeutil import local_today


def test_presets_for_month_quarter_and_year():
    found = {p.key: (p.start, p.end) for p in presets(date(2026, 8, 14))}
    assert found == {
        "monat": (date(2026, 8, 1), date(2026, 8, 14)),
        "quartal": (date(2026, 7, 1), date(2026, 8, 14)),
        "jahr": (date(2026, 1, 1), date(2026, 8, 14)),
    }
    assert {p.key: p.start for p in presets(date(2026, 3, 31))}["quartal"] == date(2026, 1, 1)
    assert {p.key: p.start for p in presets(date(2026, 12, 1))}["quartal"] == date(2026, 10, 1)


def test_typed_period(app):
    with app.test_request_context():
        period = read_period(MultiDict({"von": "2.11.26", "bis": "08.11.2026"}))
    assert period.valid and period.status == 200
    assert (period.start, period.end) == (date(2026, 11, 2), date(2026, 11, 8))


def test_default_period_ends_today(app):
    with app.test_request_context():
        period = read_period(MultiDict())
    assert period.valid and period.end == local_today()
    assert (period.end - period.start).days == DEFAULT_DAYS - 1


def test_wrong_periods_answer_422_with_the_default_period(app):
    with app.test_request_context():
        backwards = read_period(MultiDict({"von": "08.11.2026", "bis": "02.11.2026"}))
        too_long = read_period(MultiDict({"von": "01.01.2025", "bis": "02.01.2026"}))
        nonsense = read_period(MultiDict({"von": "32.13.2026"}))
    for period in (backwards, too_long, nonsense):
        assert not period.valid and period.status == 422 and period.end == local_today()
    assert backwards.form.bis.errors == ["„Bis“ liegt vor „Von“."]
    assert too_long.form.bis.errors == ["Bitte wählen Sie höchstens ein Jahr."]


def test_a_whole_year_is_allowed(app):
    with app.test_request_context():
        assert read_period(MultiDict({"von": "01.01.2024", "bis": "31.12.2024"})).valid
