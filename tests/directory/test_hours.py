"""Open now: Europe/Berlin time, midnight, NRW public holidays, dated exceptions, DST; the search filters agree."""

from datetime import UTC, date, datetime, time

import pytest

from kimweb.directory import hours
from kimweb.directory.models import ScheduleException
from kimweb.directory.search.state import snapshot
from kimweb.extensions import db
from kimweb.timeutil import BERLIN


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def state(service, moment, attending=None):
    """The state of the service page, after checking that the search filters say the same."""
    python = hours.open_state(service, moment)
    current = snapshot()
    position = current.index.positions[service.id]
    filter_open = current.filter_sets.open_now(moment, attending) >> position & 1
    filter_unknown = current.filter_sets.unknown_now(moment) >> position & 1
    expected_open = python.walk_in if attending == "walk_in" else python.state == hours.OPEN
    assert bool(filter_open) == expected_open, (moment, python)
    assert bool(filter_unknown) == (python.state == hours.UNKNOWN), (moment, python)
    return python


@pytest.fixture
def office(make_service):
    # Monday 2026-11-23; Friday 2026-12-25 is Christmas Day.
    return make_service(
        "Amt",
        slots=[
            (1, "08:00", "12:00", "walk_in"),
            (1, "14:00", "16:00", "appointment"),
            (5, "09:00", "12:00"),
            (7, "22:00", "23:59"),
        ],
    )


def test_open_and_closed_within_a_day(office):
    assert state(office, berlin(2026, 11, 23, 7, 59)).state == "closed"
    now = state(office, berlin(2026, 11, 23, 8, 0))
    assert now.state == "open" and now.walk_in
    assert state(office, berlin(2026, 11, 23, 11, 59), "walk_in").walk_in
    assert state(office, berlin(2026, 11, 23, 12, 0)).state == "closed"
    afternoon = state(office, berlin(2026, 11, 23, 15, 0), "walk_in")
    assert afternoon.state == "open" and not afternoon.walk_in and afternoon.attending == ("appointment",)


def test_next_opening(office):
    now = state(office, berlin(2026, 11, 23, 12, 30))
    assert now.next_opening == berlin(2026, 11, 23, 14, 0) and now.next_attending == "appointment"
    assert state(office, berlin(2026, 11, 24, 9, 0)).next_opening == berlin(2026, 11, 27, 9, 0)


def test_midnight_edges(office):
    assert state(office, berlin(2026, 11, 29, 23, 58)).state == "open"
    assert state(office, berlin(2026, 11, 29, 23, 59)).state == "closed"
    midnight = state(office, berlin(2026, 11, 30, 0, 0))
    assert midnight.state == "closed" and midnight.next_opening == berlin(2026, 11, 30, 8, 0)


def test_utc_input_is_converted_to_berlin(office):
    # 07:30 UTC in November is 08:30 in Berlin.
    assert state(office, datetime(2026, 11, 23, 7, 30, tzinfo=UTC)).state == "open"
    assert state(office, datetime(2026, 11, 23, 7, 30)).state == "open"  # naive means UTC


def test_public_holiday_closes_regular_hours(office):
    christmas = state(office, berlin(2026, 12, 25, 10, 0))
    assert christmas.state == "closed"
    assert christmas.next_opening == berlin(2026, 12, 27, 22, 0)  # 26th is a holiday too; Sunday evening slot


def test_dated_exceptions(office, make_service):
    db.session.add(
        ScheduleException(
            service_id=office.id,
            start_date=date(2026, 11, 23),
            end_date=date(2026, 11, 23),
            closed=True,
            note="Betriebsausflug",
        )
    )
    db.session.add(
        ScheduleException(
            service_id=office.id,
            start_date=date(2026, 12, 25),
            end_date=date(2026, 12, 25),
            closed=False,
            opens_at=time(10, 0),
            closes_at=time(12, 0),
        )
    )
    db.session.commit()
    assert state(office, berlin(2026, 11, 23, 9, 0)).state == "closed"
    assert state(office, berlin(2026, 11, 23, 9, 0)).next_opening == berlin(2026, 11, 27, 9, 0)
    special = state(office, berlin(2026, 12, 25, 11, 0), "walk_in")
    assert special.state == "open" and not special.walk_in
    assert state(office, berlin(2026, 12, 25, 9, 0)).state == "closed"


def test_daylight_saving_changes(make_service):
    night = make_service("Nachtcafé", slots=[(7, "02:00", "03:00"), (7, "03:00", "04:00")])
    # 29 March 2026: 02:00 CET jumps to 03:00 CEST. 01:30 UTC is 03:30 CEST.
    assert state(night, datetime(2026, 3, 29, 1, 30, tzinfo=UTC)).state == "open"
    assert state(night, datetime(2026, 3, 29, 0, 30, tzinfo=UTC)).state == "closed"  # 01:30 CET
    # 25 October 2026: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice and is open both times.
    assert state(night, datetime(2026, 10, 25, 0, 30, tzinfo=UTC)).state == "open"
    assert state(night, datetime(2026, 10, 25, 1, 30, tzinfo=UTC)).state == "open"
    assert state(night, datetime(2026, 10, 25, 3, 30, tzinfo=UTC)).state == "closed"  # 04:30 CET


def test_unknown_without_hours_and_closed_when_not_active(make_service):
    unknown = make_service("Ohne Zeiten")
    assert state(unknown, berlin(2026, 11, 23, 10, 0)).state == "unknown"
    paused = make_service(
        "Pausiert", slots=[(1, "08:00", "12:00")], status="temporarily_closed", status_until=date(2026, 11, 30)
    )
    assert state(paused, berlin(2026, 11, 23, 10, 0)).state == "closed"
    assert state(paused, berlin(2026, 12, 7, 10, 0)).state == "open"  # the closure has ended


def test_open_now_filter_in_search(client, login_as, make_service, monkeypatch):
    login_as("reception")
    make_service("Sprechstunde offen", slots=[(1, "08:00", "12:00", "walk_in")])
    make_service("Sprechstunde Termin", slots=[(1, "08:00", "12:00", "appointment")])
    make_service("Sprechstunde zu", slots=[(2, "08:00", "12:00", "walk_in")])
    make_service("Sprechstunde unbekannt")
    monkeypatch.setattr(hours, "local_now", lambda moment=None: berlin(2026, 11, 23, 9, 0))
    from tests.helpers import titles

    def found(**params):
        return titles(client.get("/wegweiser/", query_string={"q": "sprechstunde", **params}))

    assert found(geoeffnet="jetzt") == ["Sprechstunde offen", "Sprechstunde Termin"]
    assert found(geoeffnet="jetzt-oder-unbekannt") == [
        "Sprechstunde offen",
        "Sprechstunde Termin",
        "Sprechstunde unbekannt",
    ]
    assert found(sprechstunde="1") == ["Sprechstunde offen"]
    make_service("Sprechstunde nachmittags", slots=[(1, "14:00", "16:00", "walk_in")])
    make_service("Sprechstunde frueh", slots=[(1, "07:00", "08:30", "walk_in")])
    # 9:00: "heute offen" is what is open now or opens later today, not what has closed already.
    assert found(geoeffnet="heute") == ["Sprechstunde nachmittags", "Sprechstunde offen", "Sprechstunde Termin"]
    assert found(q="sprechstunde heute offen") == found(geoeffnet="heute")
    page = client.get("/wegweiser/?q=sprechstunde").text
    assert "jetzt geöffnet" in page and "jetzt geschlossen" in page and "Öffnungszeiten unbekannt" in page
