"""Years of lawful stay from a residence status history: merged periods, gaps, whole months."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from flask_babel import ngettext

from ..textfold import fold
from .alerts import status_kind, status_text
from .periods import ONE_DAY, as_date, last_day_of_period
from .rules import LAWFUL_STAY_TYPES

_DULDUNGSFIKTION = re.compile(r"\b81 abs 3 (s|satz) 2\b")


@dataclass(frozen=True)
class Gap:
    first_day: date
    last_day: date

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1


@dataclass(frozen=True)
class LawfulStay:
    total_days: int
    years: int
    months: int
    days: int
    periods: tuple[tuple[date, date], ...]  # merged, first and last day inclusive
    gaps: tuple[Gap, ...]
    continuous_since: date | None  # start of the period that reaches `today`, if any
    skipped: int  # records without a usable start date, or ending before they start

    @property
    def text(self) -> str:
        """E.g. "5 Jahre, 3 Monate"."""
        return ", ".join(
            (
                ngettext("%(num)d Jahr", "%(num)d Jahre", self.years),
                ngettext("%(num)d Monat", "%(num)d Monate", self.months),
            )
        )


def _whole_months(first_day: date, last_day: date) -> tuple[int, int]:
    """Whole calendar months from first_day through last_day, and the days left over."""
    months = (last_day.year - first_day.year) * 12 + last_day.month - first_day.month + 1
    while months > 0 and last_day_of_period(first_day, months) > last_day:
        months -= 1
    counted_to = last_day_of_period(first_day, months) if months else first_day - ONE_DAY
    return months, (last_day - counted_to).days


def _counts_as_lawful(record: Any, counted: Iterable[str]) -> bool:
    kind = status_kind(getattr(record, "status_type", None), getattr(record, "legal_basis", None))
    if kind not in counted:
        return False
    basis = fold(
        f"{status_text(getattr(record, 'status_type', None))} {status_text(getattr(record, 'legal_basis', None))}"
    )
    return not (kind == "fiktionsbescheinigung" and _DULDUNGSFIKTION.search(basis))


def lawful_stay(records: Iterable[Any], today: date, *, counted: Iterable[str] = LAWFUL_STAY_TYPES) -> LawfulStay:
    """Lawful stay up to `today` from a status history: records of a `counted` type (keys of
    STATUS_TYPES) from valid_from (or issued_on) to valid_until (or today, if open-ended), merged
    where they overlap or touch. Whole months are counted per period; leftover days of separate
    periods are added up at 30 days a month (§ 191 BGB)."""
    counted = frozenset(counted)
    spans, skipped = [], 0
    for record in records:
        if not _counts_as_lawful(record, counted):
            continue
        start = as_date(getattr(record, "valid_from", None)) or as_date(getattr(record, "issued_on", None))
        end = as_date(getattr(record, "valid_until", None))
        if start is None or (end is not None and end < start):
            skipped += 1
            continue
        if start > today:
            continue
        spans.append((start, min(end or today, today)))

    merged: list[list[date]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])

    gaps = tuple(Gap(a[1] + ONE_DAY, b[0] - ONE_DAY) for a, b in pairwise(merged))
    months = leftover = 0
    for start, end in merged:
        whole, rest = _whole_months(start, end)
        months, leftover = months + whole, leftover + rest
    months += leftover // 30
    continuous_since = merged[-1][0] if merged and merged[-1][1] == today else None
    return LawfulStay(
        total_days=sum((end - start).days + 1 for start, end in merged),
        years=months // 12,
        months=months % 12,
        days=leftover % 30,
        periods=tuple((start, end) for start, end in merged),
        gaps=gaps,
        continuous_since=continuous_since,
        skipped=skipped,
    )
