"""likely_matches_many (a list's duplicate check in a few statements) finds exactly what
likely_matches finds person by person: the same clients, scores and order, ties included; and
rank() with a limit (which skips candidates that cannot get in) gives the head of the full ranking."""

import random
from datetime import date

import pytest

from kimweb.clients.matching import PersonQuery, PersonRecord, duplicates, likely_matches, likely_matches_many, rank
from kimweb.clients.scale import FAMILY, GIVEN
from kimweb.fields import MONTH, YEAR

# (family, given, birth date, extra fields): umlauts and their spelt-out forms, Turkish letters,
# Arabic and Cyrillic names in several transliterations, other spellings, birth dates known to
# the day, the month or the year, none; and the same person on file more than once (equal scores).
ON_FILE = [
    ("Müller", "Jürgen", date(1970, 5, 4), {}),
    ("Mueller", "Juergen", date(1970, 5, 4), {}),
    ("Muller", "Jurgen", None, {}),
    ("Möller", "Jörg", date(1970, 4, 5), {}),
    ("Yılmaz", "Ayşe", date(1985, 3, 12), {}),
    ("Yilmaz", "Ayse", date(1985, 3, 1), {"birth_date_precision": MONTH}),
    ("Yilmaz", "Aise", date(1985, 1, 1), {"birth_date_precision": YEAR, "birth_date_approximate": True}),
    ("Al-Hassan", "Mohammed", date(1985, 3, 12), {}),
    ("Alhasan", "Muhammad", date(1985, 3, 12), {}),
    ("El Hassan", "Mohamad", date(1985, 12, 3), {}),
    ("Al-Hassan", "Mohammed Ali", date(1986, 3, 12), {}),
    ("Hassan", "Mohammed", date(1958, 3, 12), {}),
    ("Al-Hassan", "Mohammed", date(1985, 3, 12), {}),
    ("Al-Hassan", "Mohammed", date(1985, 3, 12), {}),
    ("Шевченко", "Олександр", None, {"other_spellings": "Shevchenko Oleksandr"}),
    ("Schewtschenko", "Alexander", date(1990, 7, 1), {"birth_date_precision": MONTH}),
    ("Shevchenko", "Oleksandr", date(1990, 7, 15), {}),
    ("Kovalenko", "Olena", date(1992, 2, 29), {"name_original": "Коваленко Олена"}),
    ("Kowalenko", "Elena", date(1992, 2, 29), {}),
    ("Öztürk", "Hüseyin", date(1979, 11, 30), {}),
    ("Oeztuerk", "Hueseyin", date(1979, 1, 1), {"birth_date_approximate": True}),
    ("Özdemir", "Fatma", date(1979, 11, 30), {}),
    ("Ibrahim", "Fatima", date(2001, 6, 6), {}),
    ("Ibraheem", "Fatma", date(2001, 6, 1), {"birth_date_precision": MONTH}),
    ("Abu Hamed", "Nour", date(1999, 9, 9), {}),
    ("Abo Hamid", "Nur", date(1999, 9, 9), {}),
    ("Gebremedhin", "Tesfaye", date(1988, 8, 8), {}),
    ("Gebre Medhin", "Tesfay", None, {}),
]

QUERIES = [
    PersonQuery("Müller", "Jürgen", birth_date=date(1970, 5, 4)),
    PersonQuery("Muller", "Jurgen"),
    PersonQuery("Jürgen", "Müller", birth_date=date(1970, 1, 1), birth_date_approximate=True),
    PersonQuery("Yilmaz", "Ayşe", birth_date=date(1985, 3, 1), birth_month_only=True),
    PersonQuery("Yılmaz", "Ayse", birth_date=date(1985, 1, 1)),
    PersonQuery("Alhassan", "Mohamed", birth_date=date(1985, 3, 12)),
    PersonQuery("Al Hasan", "Muhammad Ali"),
    PersonQuery("Mohammed", "Al-Hassan", birth_date=date(1985, 12, 3)),
    PersonQuery("Хассан", "Мухаммед", birth_date=date(1985, 3, 12)),
    PersonQuery("Shevchenko", "Oleksandr", birth_date=date(1990, 7, 1), birth_month_only=True),
    PersonQuery("Шевченко", "Олександр", birth_date=date(1990, 7, 15)),
    PersonQuery("Kovalenko", "Olena", other_spellings=("Коваленко Олена",), birth_date=date(1992, 2, 29)),
    PersonQuery("Oztürk", "Huseyin", birth_date=date(1979, 11, 3)),
    PersonQuery("Ibrahim", "Fatma", birth_date=date(2001, 6, 6)),
    PersonQuery("Abu Hamid", "Nour", birth_date=date(1999, 9, 9)),
    PersonQuery("Gebre-Medhin", "Tesfaye"),
    PersonQuery("Müller"),  # one word, no date: nothing to look up
    PersonQuery("Nobody", "Known", birth_date=date(1950, 1, 2)),
]


@pytest.fixture
def on_file(make_user, make_client):
    manager = make_user("case_manager")
    return [make_client(manager, family, given, birth, **extra) for family, given, birth, extra in ON_FILE]


def test_many_finds_what_one_by_one_finds(on_file):
    one_by_one = [likely_matches(query, limit=3) for query in QUERIES]

    together = likely_matches_many(QUERIES, limit=3)

    assert together == one_by_one
    assert sum(1 for hints in one_by_one if hints) >= 12  # the set is not trivially empty
    assert one_by_one[-2] == [] and one_by_one[-1] == []


def test_many_keeps_the_order_of_equal_scores_and_the_candidate_cut(on_file, monkeypatch):
    # Few candidates per person and few people per statement: the cut at the limit falls among
    # clients with as many keys in common, and the statements are split.
    monkeypatch.setattr(duplicates, "CANDIDATE_LIMIT", 2)
    monkeypatch.setattr(duplicates, "PARAMETERS_PER_STATEMENT", 60)
    queries = QUERIES * 2
    one_by_one = [likely_matches(query, limit=5) for query in queries]

    together = likely_matches_many(queries, limit=5)

    assert together == one_by_one
    tied = [hints for hints in one_by_one if len({h.score for h in hints}) < len(hints)]
    assert tied and all([h.client_id for h in hints] == sorted(h.client_id for h in hints) for hints in tied)


def test_many_with_the_full_limit_against_identical_files(on_file, make_user, make_client):
    manager = make_user("case_manager", username="fm-more")
    for _ in range(6):
        make_client(manager, "Al-Hassan", "Mohammed", date(1985, 3, 12))
    queries = [PersonQuery("Al-Hassan", "Mohammed", birth_date=date(1985, 3, 12)), *QUERIES[:6]]

    assert likely_matches_many(queries, limit=5) == [likely_matches(q, limit=5) for q in queries]
    assert likely_matches_many([]) == []


def test_rank_with_a_limit_is_the_head_of_the_full_ranking():
    rng = random.Random(19)
    names = [(f, g) for f, g, _b, _e in ON_FILE] + [(rng.choice(FAMILY), rng.choice(GIVEN)) for _ in range(150)]
    days = [None, date(1985, 3, 12), date(1985, 1, 1), date(1985, 12, 3), date(1986, 3, 12), date(1958, 3, 12)]
    candidates = [
        PersonRecord(
            id=n,
            family=family,
            given=given,
            birth_date=rng.choice(days),
            birth_date_approximate=rng.random() < 0.2,
            birth_month_only=rng.random() < 0.2,
        )
        for n, (family, given) in enumerate(names * 3)
    ]
    rng.shuffle(candidates)
    queries = QUERIES + [PersonQuery(f, g, birth_date=rng.choice(days)) for f, g in rng.sample(names, 20)]
    memo: dict = {}
    for query in queries:
        full = rank(query, candidates)
        for limit in (0, 1, 3, 5, 400):
            assert rank(query, candidates, limit=limit) == full[:limit]
            assert rank(query, candidates, limit=limit, names_memo=memo) == full[:limit]
    assert sum(1 for query in queries if len(rank(query, candidates)) > 5) >= 5
