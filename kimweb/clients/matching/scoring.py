"""Duplicate hints at intake: how likely a typed-in person is a client already on file."""

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from .readings import Names, person_names
from .similarity import name_score

THRESHOLD = 0.8
"""score() at or above this is shown as a likely duplicate (see tests/clients/matching_pairs.csv).
For scale: the same name without a birth date scores 0.9, with a birth date years off (not by
one mistyped digit) 0.1; one wrong consonant in an eight-letter name, same birth date, 0.875."""

# Birth date evidence
NO_DATE = 0.9
SAME_DATE, DAY_MONTH_SWAPPED, DIGIT_TYPO = 1.0, 0.95, 0.85
SAME_YEAR_ROUGH, NEXT_YEAR_ROUGH, TWO_YEARS_ROUGH = 0.95, 0.85, 0.4
SAME_MONTH, SAME_YEAR, NEXT_YEAR, FAR_APART = 0.5, 0.4, 0.3, 0.1


def _year_only(day: date, approximate: bool) -> bool:
    return approximate or (day.day == 1 and day.month == 1)


def _one_digit_apart(a: date, b: date) -> bool:
    """A single mistyped digit, or two neighbouring digits swapped (1985 / 1958)."""
    # (as strftime("%d%m%Y") writes them, at a third of its cost: it runs for most candidates)
    x, y = f"{a.day:02d}{a.month:02d}{a.year}", f"{b.day:02d}{b.month:02d}{b.year}"
    differ = [k for k in range(8) if x[k] != y[k]]
    if len(differ) == 1:
        return True
    first, second = (differ + [0, 0])[:2]
    return len(differ) == 2 and second == first + 1 and (x[first], x[second]) == (y[second], y[first])


def _date_factor(
    a: date | None, a_approximate: bool, b: date | None, b_approximate: bool, month_only: bool = False
) -> float:
    """How well two birth dates agree, in [0, 1]. 01.01.YYYY is read as "only the year is known";
    `month_only`: one of them is only a month and year (03.1985, stored as the first)."""
    if a is None or b is None:
        return NO_DATE
    years = abs(a.year - b.year)
    if _year_only(a, a_approximate) or _year_only(b, b_approximate):
        return {0: SAME_YEAR_ROUGH, 1: NEXT_YEAR_ROUGH, 2: TWO_YEARS_ROUGH}.get(years, FAR_APART)
    if month_only:
        if years == 0:
            return SAME_YEAR_ROUGH if a.month == b.month else SAME_YEAR
        return NEXT_YEAR if years == 1 else FAR_APART
    if a == b:
        return SAME_DATE
    if years == 0 and (a.day, a.month) == (b.month, b.day):
        return DAY_MONTH_SWAPPED
    if _one_digit_apart(a, b):
        return DIGIT_TYPO
    if years == 0:
        return SAME_MONTH if a.month == b.month else SAME_YEAR
    return NEXT_YEAR if years == 1 else FAR_APART


@dataclass(frozen=True)
class PersonQuery:
    """A person as typed at intake. Names in any script; other spellings are whole names in any
    order (the name in its original script, an older transliteration), given as any iterable."""

    family: str = ""
    given: str = ""
    other_spellings: tuple[str, ...] = ()
    birth_date: date | None = None
    birth_date_approximate: bool = False
    birth_month_only: bool = False  # only month and year known ("03.1985")

    def __post_init__(self):
        spellings = (self.other_spellings,) if isinstance(self.other_spellings, str) else self.other_spellings
        object.__setattr__(self, "other_spellings", tuple(s for s in spellings if s))

    @cached_property
    def _names(self) -> Names:
        return person_names(self.family or "", self.given or "", self.other_spellings)


@dataclass(frozen=True)
class PersonRecord(PersonQuery):
    """A client on file; `id` is passed through untouched so that callers find the row again."""

    id: object = None


def _dates(query: PersonQuery, candidate: PersonQuery) -> float:
    return _date_factor(
        query.birth_date,
        query.birth_date_approximate,
        candidate.birth_date,
        candidate.birth_date_approximate,
        query.birth_month_only or candidate.birth_month_only,
    )


def score(query: PersonQuery, candidate: PersonQuery) -> float:
    """How likely the two are the same person, in [0, 1]: the name similarity (best of the
    fields as typed, swapped, all words together, and the other spellings) times how well the
    birth dates agree. Symmetric. See THRESHOLD."""
    return round(name_score(query._names, candidate._names) * _dates(query, candidate), 4)


def is_likely_match(query: PersonQuery, candidate: PersonQuery) -> bool:
    return score(query, candidate) >= THRESHOLD


def rank(
    query: PersonQuery,
    candidates: Iterable[PersonRecord],
    *,
    limit: int | None = None,
    names_memo: dict[tuple, float] | None = None,
) -> list[tuple[PersonRecord, float]]:
    """The candidates scoring at least THRESHOLD, best first (equal scores in the order given);
    with `limit`, the first `limit` of them.

    `names_memo`: a dict kept across calls (for many queries against shared candidates) that
    remembers the name similarity per pair of spellings, since lists and files repeat names."""
    found = []
    # With a limit: the lowest of the best `limit` scores so far. A later candidate that cannot
    # score above it cannot get in (of equal scores the earlier stays), so its names are not read.
    floor = 0.0
    for candidate in candidates:
        dates = _dates(query, candidate)
        # names score at most 1, so a birth date far off rules a candidate out cheaply
        if dates >= THRESHOLD and dates > floor:
            pair = (_spelt(query), _spelt(candidate))
            known = names_memo.get(pair) if names_memo is not None else None
            names = known if known is not None else name_score(query._names, candidate._names)
            if names_memo is not None:
                names_memo[pair] = names
            value = round(names * dates, 4)
            if value >= THRESHOLD:
                found.append((candidate, value))
                if limit is not None and 0 < limit <= len(found):
                    floor = heapq.nlargest(limit, (v for _c, v in found))[-1]
    ranked = sorted(found, key=lambda pair: pair[1], reverse=True)
    return ranked if limit is None else ranked[:limit]


def _spelt(person: PersonQuery) -> tuple[str, str, tuple[str, ...]]:
    """What name_score reads of a person: their names as written."""
    return person.family, person.given, person.other_spellings
