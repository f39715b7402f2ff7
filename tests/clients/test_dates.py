"""Dates as typed at the desk: formats, two-digit years, impossible and future dates."""

from datetime import date

import pytest

from kimweb.fields import DateInputError, expand_year, parse_date

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("01.02.1990", date(1990, 2, 1)),
        ("1.2.90", date(1990, 2, 1)),
        ("1.2.1990", date(1990, 2, 1)),
        (" 01. 02. 1990 ", date(1990, 2, 1)),
        ("1990-02-01", date(1990, 2, 1)),
        ("29.02.2024", date(2024, 2, 29)),
        ("21.11.26", date(2026, 11, 21)),
        ("22.11.26", date(1926, 11, 22)),
    ],
)
def test_birth_dates_as_typed(text, expected):
    assert parse_date(text, TODAY, birth=True).value == expected


def test_a_bare_year_is_an_approximate_birth_date():
    parsed = parse_date("1985", TODAY, birth=True)
    assert (parsed.value, parsed.approximate) == (date(1985, 1, 1), True)
    assert parse_date("ca. 1985", TODAY, birth=True).approximate


def test_two_digit_years_of_other_dates_lie_around_today():
    assert expand_year(45, TODAY, birth=False) == 2045
    assert expand_year(46, TODAY, birth=False) == 1946
    assert expand_year(7, TODAY, birth=False) == 2007
    assert parse_date("1.2.28", TODAY).value == date(2028, 2, 1)


def test_two_digit_birth_years_are_never_in_the_future():
    assert expand_year(26, TODAY, birth=True) == 2026
    assert expand_year(27, TODAY, birth=True) == 1927


@pytest.mark.parametrize(
    "text, message",
    [
        ("31.02.1990", "Diesen Tag gibt es nicht"),
        ("29.02.2023", "Diesen Tag gibt es nicht"),
        ("1.13.90", "Diesen Tag gibt es nicht"),
        ("01.02.3000", "Bitte prüfen Sie das Jahr"),
        ("01.02.1850", "Bitte prüfen Sie das Jahr"),
        ("gestern", "TT.MM.JJJJ"),
        ("1985", "TT.MM.JJJJ"),
        ("12/03/1985", "TT.MM.JJJJ"),
    ],
)
def test_wrong_dates_are_refused_in_german(app, text, message):
    with app.test_request_context():
        with pytest.raises(DateInputError) as error:
            parse_date(text, TODAY)
        assert message in str(error.value.message)


def test_future_birth_dates_are_refused(app):
    with app.test_request_context():
        with pytest.raises(DateInputError) as error:
            parse_date("22.11.2026", TODAY, birth=True)
        assert "Zukunft" in str(error.value.message)
    assert parse_date("22.11.2026", TODAY).value == date(2026, 11, 22)


def test_empty_is_no_date():
    assert parse_date("  ", TODAY) is None
