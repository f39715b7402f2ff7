"""Public holidays of North Rhine-Westphalia, for opening hours and legal deadlines."""

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _year(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DE", subdiv="NW", years=year).keys())


def is_public_holiday(day: date) -> bool:
    return day in _year(day.year)


def holiday_name(day: date) -> str | None:
    return holidays.country_holidays("DE", subdiv="NW", years=day.year, language="de").get(day)
