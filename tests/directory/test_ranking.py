"""The in-memory index: ranking as a brute force would, paging, and filter sets that follow writes without a reindex."""

import random

from kimweb.auth.models import Team
from kimweb.directory.models import Location, ScheduleException, ServiceArea, ServiceAtLocation, ServiceLanguage
from kimweb.directory.search.postings import bitset, combine, page, set_positions, word_levels
from kimweb.extensions import db
from tests.helpers import titles


def search(client, **params):
    return titles(client.get("/wegweiser/", query_string=params))


class _Index:
    def __init__(self, bits):
        self.bits = bits


def _brute_force(rows, words, allowed):
    """rows: (position, token, weight); words: [{token: quality}] -> positions best first, ties by position."""
    totals = {}
    for position in sorted({p for p, _, _ in rows} & allowed):
        scores = [
            max((w * expanded[t] for p, t, w in rows if p == position and t in expanded), default=None)
            for expanded in words
        ]
        if None not in scores:
            totals[position] = sum(scores)
    return sorted(totals, key=lambda p: (-totals[p], p))


def test_ranking_matches_a_brute_force_reference():
    rng = random.Random(5)
    tokens = ["sprachkurs", "sprache", "beratung", "schuldnerberatung", "kita", "familie"]
    rows = {(p, t): rng.choice([1, 2, 3, 4, 6, 8, 10]) for p in range(120) for t in rng.sample(tokens, 3)}
    rows = [(p, t, w) for (p, t), w in rows.items()]
    grouped = {}
    for p, t, w in rows:
        grouped.setdefault(t, {}).setdefault(w, []).append(p)
    index = _Index(
        {t: tuple((w, bitset(ps)) for w, ps in sorted(by.items(), reverse=True)) for t, by in grouped.items()}
    )
    for _ in range(30):
        words = [
            {t: rng.choice([1, 2, 3]) for t in rng.sample(tokens, rng.randint(1, 3))} for _ in range(rng.randint(1, 3))
        ]
        allowed = set(rng.sample(range(120), 90))
        expected = _brute_force(rows, words, allowed)
        ranked = combine([word_levels(index, expanded) for expanded in words], bitset(allowed))
        for offset in (0, 7, 20):
            found, total = page(ranked, offset, 10)
            assert total == len(expected)
            assert found == expected[offset : offset + 10]


def test_set_positions_skips_and_counts():
    bits = bitset([0, 3, 64, 65, 1000])
    assert set_positions(bits, 0, 10) == [0, 3, 64, 65, 1000]
    assert set_positions(bits, 2, 2) == [64, 65]
    assert set_positions(0, 0, 5) == [] and bitset([]) == 0


def test_edits_reach_the_filters_without_a_reindex(client, login_as, make_service):
    login_as("case_manager")
    service = make_service("Beratung Nord")
    assert search(client, q="beratung", sprache="ar") == []
    db.session.add(ServiceLanguage(service_id=service.id, code="ar", mode="staff"))
    db.session.commit()
    assert search(client, q="beratung", sprache="ar") == ["Beratung Nord"]
    db.session.delete(db.session.get(ServiceLanguage, service.languages[0].id))
    db.session.commit()
    assert search(client, q="beratung", sprache="ar") == []


def test_result_rows_show_languages_districts_and_todays_exception(client, login_as, make_service):
    from datetime import timedelta

    from kimweb.timeutil import local_today

    login_as("case_manager")
    osterfeld = db.session.query(Team).filter_by(name="Osterfeld").one()
    lirich = db.session.query(Team).filter_by(name="Alstaden/Lirich").one()
    named = make_service(
        "Quartiersbüro A",
        slots=[(d, "00:00", "23:59") for d in range(1, 8)],
        languages=[("tr", "staff"), ("ar", "staff"), ("ar", "interpreter")],
    )
    located = make_service("Quartiersbüro B")
    named.areas.append(ServiceArea(district_id=osterfeld.id))
    place = Location(name="Treff", district_id=lirich.id)
    located.at_locations.append(ServiceAtLocation(location=place))
    db.session.add(
        ScheduleException(
            service_id=named.id,
            start_date=local_today() - timedelta(days=1),
            end_date=local_today() + timedelta(days=1),
            closed=True,
        )
    )
    db.session.commit()
    response = client.get("/wegweiser/", query_string={"q": "quartiersbuero"})
    assert titles(response) == ["Quartiersbüro A", "Quartiersbüro B"]
    first, second = response.text.split('class="dir-result"')[1:]
    # Language names, not codes (issue 14).
    assert "Sprachen: Arabisch, Türkisch" in first and "Sozialraum: Osterfeld" in first
    assert "jetzt geschlossen" in first  # the exception closes it, though the weekly hours never end
    assert "Sozialraum: Alstaden/Lirich" in second and "Öffnungszeiten unbekannt" in second
