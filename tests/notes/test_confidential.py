"""Confidential notes: the author and the assigned case manager read them; everyone else who may
open the file sees that one exists, never its content, and cannot find it through a filter."""

import pytest
from sqlalchemy import select

from kimweb.clients.models import ClientDeputy
from kimweb.extensions import db
from kimweb.lifeareas import LifeArea
from tests.helpers import whole_file

SECRET = "VERTRAULICH-4711"
HX = {"HX-Request": "true"}


@pytest.fixture
def setting(make_user, make_client, make_note, agency):
    owner = make_user("case_manager", team="Osterfeld")
    deputy = make_user("case_manager", team="Sterkrade-Nord")
    person = make_client(owner)
    db.session.add(ClientDeputy(client_id=person.id, user_id=deputy.id))
    db.session.commit()
    area = db.session.scalar(select(LifeArea).where(LifeArea.code == "gesundheit"))
    therapist = agency("Psychosoziales Zentrum")
    by_deputy = make_note(
        person,
        deputy,
        SECRET + " vom Vertreter",
        confidential=True,
        kind="home_visit",
        life_areas=[area],
        organizations=[therapist],
    )
    by_owner = make_note(person, owner, SECRET + " von der Fallmanagerin", confidential=True, kind="home_visit")
    return {
        "owner": owner,
        "deputy": deputy,
        "person": person,
        "area": area,
        "therapist": therapist,
        "by_deputy": by_deputy,
        "by_owner": by_owner,
    }


def timeline(client, setting, query=""):
    return client.get(f"/klienten/{setting['person'].id}/notizen{query}", headers=HX).text


def test_the_case_manager_reads_every_confidential_note(client, enter, setting):
    enter(setting["owner"])
    page = client.get(f"/klienten/{setting['person'].id}").text
    assert SECRET + " vom Vertreter" in page and SECRET + " von der Fallmanagerin" in page
    assert client.get(f"/klienten/{setting['person'].id}/notizen/{setting['by_deputy'].id}/verlauf").status_code == 200


def test_the_author_reads_their_own_but_not_the_case_managers(client, enter, setting):
    enter(setting["deputy"])
    page = client.get(f"/klienten/{setting['person'].id}").text
    assert SECRET + " vom Vertreter" in page
    assert SECRET + " von der Fallmanagerin" not in page
    assert page.count("Vertrauliche Notiz") == 1
    assert client.get(f"/klienten/{setting['person'].id}/notizen/{setting['by_owner'].id}/verlauf").status_code == 404


@pytest.mark.parametrize("role, team", [("team_lead", "Osterfeld"), ("case_manager", None)])
def test_others_with_access_see_only_that_a_note_exists(client, login_as, enter, setting, role, team):
    if team:
        login_as(role, team=team)
    else:  # a second deputy, who wrote neither note
        other = login_as(role, team="Osterfeld")
        db.session.add(ClientDeputy(client_id=setting["person"].id, user_id=other.id))
        db.session.commit()
    person_id = setting["person"].id
    page = whole_file(client, person_id).text
    assert SECRET not in page
    # In the timeline (the first screen's latest contacts show the same stubs).
    assert client.get(f"/klienten/{person_id}/abschnitt/notes").text.count("Vertrauliche Notiz") == 2
    assert "Hausbesuch" not in page.split('id="note-list"')[1]  # the type is content too
    assert "Psychosoziales Zentrum" not in page  # so are the agencies (also not among the filter choices)
    for note in (setting["by_deputy"], setting["by_owner"]):
        assert client.get(f"/klienten/{person_id}/notizen/{note.id}/verlauf").status_code == 404
        assert client.get(f"/klienten/{person_id}/notizen/{note.id}/bearbeiten").status_code == 404
    # Filters on content do not reveal what a confidential note is about...
    for query in ("?art=home_visit", f"?feld={setting['area'].id}", f"?stelle={setting['therapist'].id}"):
        assert "note-" + str(setting["by_deputy"].id) not in timeline(client, setting, query)
    # ...while the author filter shows the same stub as the timeline.
    by_author = timeline(client, setting, f"?von={setting['deputy'].id}")
    assert "Vertrauliche Notiz" in by_author and SECRET not in by_author


@pytest.mark.parametrize(
    "role, team", [("reception", None), ("admin", None), ("team_lead", "Sterkrade-Nord"), ("case_manager", "Osterfeld")]
)
def test_people_without_the_file_get_404(client, login_as, setting, role, team):
    login_as(role, team=team)
    person_id = setting["person"].id
    for url in (f"/klienten/{person_id}/notizen", f"/klienten/{person_id}/notizen/{setting['by_owner'].id}/verlauf"):
        response = client.get(url)
        assert response.status_code == 404 and SECRET not in response.text
