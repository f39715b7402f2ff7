"""A letter deadline typed on a weekend or NRW holiday: a warning naming the next working day, inline
(htmx) and on save; saving again with the warning seen keeps the day (a warning, not a refusal)."""

from datetime import date

import pytest
from sqlalchemy import select

from kimweb.extensions import db
from kimweb.notes.models import NoteLetter
from tests.notes.test_letters import letter_form

HX = {"HX-Request": "true"}

# Real days: a Saturday, Easter Monday and Corpus Christi (a holiday in NRW, not everywhere).
DAYS = [
    ("12.12.2026", "Samstag", "Montag, 14.12.2026", date(2026, 12, 12)),
    ("06.04.2026", "Ostermontag", "Dienstag, 07.04.2026", date(2026, 4, 6)),
    ("04.06.2026", "Fronleichnam", "Freitag, 05.06.2026", date(2026, 6, 4)),
]


@pytest.mark.parametrize(("typed", "reason", "next_day", "day"), DAYS)
def test_a_deadline_on_a_day_off_is_warned_about_and_kept_when_saved_again(
    client, make_user, make_client, enter, agency, typed, reason, next_day, day
):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    jobcenter = agency("Jobcenter Oberhausen")
    url = f"/klienten/{person.id}/notizen/neu"
    data = letter_form(jobcenter, letter_deadline=typed, letter_deadline_confirmed="y")
    first = client.post(url, data=data)
    assert first.status_code == 422
    assert f"ist kein Werktag ({reason})" in first.text and next_day in first.text
    assert f'name="letter_deadline_warned" value="{day.isoformat()}"' in first.text
    assert db.session.scalar(select(NoteLetter)) is None
    # Saved again as it is (the warning seen): the day is kept.
    kept = client.post(url, data={**data, "letter_deadline_warned": day.isoformat()})
    assert kept.status_code == 303
    assert db.session.scalar(select(NoteLetter.deadline)) == day


def test_a_warning_seen_for_another_day_does_not_count(client, make_user, make_client, enter, agency):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    data = letter_form(agency(), letter_deadline="13.12.2026", letter_deadline_confirmed="y")
    response = client.post(f"/klienten/{person.id}/notizen/neu", data={**data, "letter_deadline_warned": "2026-12-12"})
    assert response.status_code == 422 and "(Sonntag)" in response.text and "Montag, 14.12.2026" in response.text


def test_a_working_day_saves_at_once(client, make_user, make_client, enter, agency):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    data = letter_form(agency(), letter_deadline="07.04.2026", letter_deadline_confirmed="y")
    assert client.post(f"/klienten/{person.id}/notizen/neu", data=data).status_code == 303


def test_the_inline_check_warns_while_typing(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    url = f"/klienten/{person.id}/notizen/fristpruefung"
    holiday = client.post(url, headers=HX, data={"letter_deadline": "6.4.26"})
    assert holiday.status_code == 200
    assert "Ostermontag" in holiday.text and "Dienstag, 07.04.2026" in holiday.text
    assert 'value="2026-04-06"' in holiday.text
    for typed in ("07.04.2026", "", "kein Datum", "31.02.2026", "\x00"):
        response = client.post(url, headers=HX, data={"letter_deadline": typed})
        assert response.status_code == 200 and "Werktag" not in response.text


def test_editing_a_kept_day_off_does_not_warn_again(client, make_user, make_client, enter, agency):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    url = f"/klienten/{person.id}/notizen/neu"
    data = letter_form(agency(), letter_deadline="12.12.2026", letter_deadline_confirmed="y")
    assert client.post(url, data={**data, "letter_deadline_warned": "2026-12-12"}).status_code == 303
    note_id = db.session.scalar(select(NoteLetter.note_id))
    edit_url = f"/klienten/{person.id}/notizen/{note_id}/bearbeiten"
    page = client.get(edit_url)
    assert "ist kein Werktag (Samstag)" in page.text
    hidden = 'name="letter_deadline_warned" value="2026-12-12"'
    assert hidden in page.text
    saved = client.post(
        edit_url, data={**data, "version": "1", "text": "Geändert.", "letter_deadline_warned": "2026-12-12"}
    )
    assert saved.status_code == 303
