"""The big list of naughty strings through every field of the note forms: stored or refused with
422, rendered escaped on the timeline and in the history, never a 500."""

import pytest
from sqlalchemy import func, select

from kimweb.extensions import db
from kimweb.notes.models import ContactNote
from tests.helpers import note_form, shared_data

FIELDS = (
    "text",
    "participants_text",
    "follow_up_title",
    "occurred_on",
    "occurred_time",
    "duration_minutes",
    "kind",
    "follow_up_due",
    "organization_ids",
    "life_area_ids",
)
LETTER_FIELDS = (
    "letter_subject",
    "letter_date",
    "letter_served_on",
    "letter_deadline",
    "letter_decision_kind",
    "letter_authority",
    "letter_status",
    "letter_remedy_missing",
    "letter_deadline_confirmed",
)
CONFERENCE_FIELDS = (
    "agreements-0-what",
    "agreements-0-who",
    "agreements-0-due",
    "agreements-2-what",
    "conference_next_date",
    "consent_override",
    "consent_override_reason",
    "organization_ids",
)


@pytest.fixture
def naughty():
    lines = shared_data("blns.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def assert_escaped(text: str) -> None:
    assert "<script>alert(" not in text
    assert "<img src=x onerror" not in text.lower()


def test_every_field_of_the_write_edit_and_delete_forms(
    client, make_user, make_client, make_note, enter, agency, naughty
):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    edited = make_note(person, owner)
    statuses = set()
    for index, line in enumerate(naughty):
        field = FIELDS[index % len(FIELDS)]
        response = client.post(f"/klienten/{person.id}/notizen/neu", data=note_form(**{field: line}))
        statuses.add(response.status_code)
        assert response.status_code in (303, 422), (field, line)
        assert_escaped(response.text)
    for line in naughty[::7]:
        version = str(db.session.get(ContactNote, edited.id).version)
        response = client.post(
            f"/klienten/{person.id}/notizen/{edited.id}/bearbeiten",
            data=note_form(text=line, participants_text=line, version=version),
        )
        assert response.status_code in (303, 422)
        assert_escaped(response.text)
    org = agency()
    for index, line in enumerate(naughty[::3]):
        field = LETTER_FIELDS[index % len(LETTER_FIELDS)]
        data = note_form(
            kind="letter_out", letter_authority=str(org.id), letter_subject="Antwort", letter_date="01.02.2026"
        )
        data[field] = line
        response = client.post(f"/klienten/{person.id}/notizen/neu", data=data)
        statuses.add(response.status_code)
        assert response.status_code in (303, 422), (field, line)
        assert_escaped(response.text)
        suggestion = client.post(
            f"/klienten/{person.id}/notizen/fristvorschlag", data=data, headers={"HX-Request": "true"}
        )
        assert suggestion.status_code == 200
        assert_escaped(suggestion.text)
    for index, line in enumerate(naughty[1::3]):
        field = CONFERENCE_FIELDS[index % len(CONFERENCE_FIELDS)]
        data = note_form(kind="case_conference", consent_override="y", consent_override_reason="Eilfall")
        data[field] = line
        response = client.post(f"/klienten/{person.id}/notizen/neu", data=data)
        statuses.add(response.status_code)
        assert response.status_code in (303, 422), (field, line)
        assert_escaped(response.text)
        check = client.post(f"/klienten/{person.id}/notizen/einwilligungen", data=data, headers={"HX-Request": "true"})
        assert check.status_code == 200
        assert_escaped(check.text)
    search = client.post(f"/klienten/{person.id}/notizen/suche", data={"q": "\n".join(naughty[:300])[:200]})
    assert search.status_code == 200
    assert statuses == {303, 422}
    stored = db.session.scalar(select(func.count()).select_from(ContactNote))
    assert stored > len(naughty) // len(FIELDS)
    page = client.get(f"/klienten/{person.id}")
    assert page.status_code == 200
    assert_escaped(page.text)
    url = f"/klienten/{person.id}/notizen"
    while url:
        response = client.get(url, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert_escaped(response.text)
        found = response.text.split('<p class="note-more"><a class="button button-small" href="')
        url = found[1].split('"')[0].replace("&amp;", "&") if len(found) > 1 else None
    history = client.get(f"/klienten/{person.id}/notizen/{edited.id}/verlauf")
    assert history.status_code == 200
    assert_escaped(history.text)
    delete = client.post(
        f"/klienten/{person.id}/notizen/{edited.id}/loeschen",
        data={"version": str(db.session.get(ContactNote, edited.id).version), "reason": "<script>alert(1)</script>"},
    )
    assert delete.status_code == 303
    assert_escaped(client.get(f"/klienten/{person.id}/notizen/{edited.id}/verlauf").text)
