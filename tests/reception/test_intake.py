"""What the intake takes over from a walk-in's visit, and linking the visit to the new file."""

from kimweb.extensions import db
from kimweb.reception.intake import intake_prefill, link_new_client
from kimweb.reception.visits import change_state


def test_prefill_for_the_colleague_who_called(staff, make_visit, make_client):
    visit = make_visit(staff["desk"], family_name="Petrenko", given_names="Iryna", language="uk", interpreter="phone")
    change_state(visit, "called", staff["cm"], room="1")
    db.session.commit()
    assert intake_prefill(visit.id, staff["cm"]) == {
        "family_name": "Petrenko",
        "given_names": "Iryna",
        "languages": ["uk"],
        "interpreter_needed": True,
        "interpreter_language": "uk",
        "access_route": "walk_in",
    }
    assert intake_prefill(visit.id, staff["other"]) == {}
    assert intake_prefill("x", staff["cm"]) == {}
    person = make_client(staff["cm"], family="Petrenko", given="Iryna")
    assert link_new_client(visit.id, person.id, staff["cm"])
    db.session.commit()
    db.session.refresh(visit)
    assert visit.client_id == person.id
    # Linked once: no second prefill, no relinking.
    assert intake_prefill(visit.id, staff["cm"]) == {}
    assert not link_new_client(visit.id, person.id, staff["cm"])


def test_walk_in_becomes_a_file_through_the_intake_page(client, enter, staff, make_visit):
    from sqlalchemy import select

    from kimweb.clients.models import Client
    from kimweb.reception.models import Visit
    from tests.helpers import intake_data

    visit = make_visit(staff["desk"], family_name="Petrenko", given_names="Iryna", language="uk", interpreter="phone")
    change_state(visit, "called", staff["cm"], room="1")
    db.session.commit()
    enter(staff["cm"])
    page = client.get(f"/aufnahme?besuch={visit.id}")
    assert page.status_code == 200
    assert 'value="Petrenko"' in page.text and f'name="besuch" value="{visit.id}"' in page.text
    response = client.post(
        "/aufnahme",
        data=intake_data(family_name="Petrenko", given_names="Iryna", birth_date="02.03.1990", besuch=str(visit.id)),
    )
    assert response.status_code == 303, response.text[:2000]
    person = db.session.scalar(select(Client).where(Client.family_name == "Petrenko"))
    assert db.session.get(Visit, visit.id).client_id == person.id
