"""Art. 18: a restricted file is read-only and seen by the team lead only, until lifted."""

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.clients.models import Client
from kimweb.extensions import db


def test_restriction_hides_the_file_and_makes_it_read_only(client, enter, staff, make_client):
    person = make_client(staff["cm"])
    enter(staff["cm"])
    assert client.post(f"/klienten/{person.id}/datenschutz/einschraenkung", data={"reason": "x"}).status_code == 404
    enter(staff["lead"])
    assert client.post(f"/klienten/{person.id}/datenschutz/einschraenkung", data={"reason": ""}).status_code == 422
    response = client.post(
        f"/klienten/{person.id}/datenschutz/einschraenkung", data={"reason": "Bestreitet Richtigkeit"}
    )
    assert response.status_code == 303
    assert db.session.get(Client, person.id).restricted
    assert client.get(f"/klienten/{person.id}").status_code == 200
    assert client.post(f"/klienten/{person.id}/stammdaten", data={}).status_code == 409
    enter(staff["cm"])
    assert client.get(f"/klienten/{person.id}").status_code == 404
    assert "Al-Hassan" not in client.get("/klienten/").get_data(as_text=True)
    enter(staff["lead"])
    response = client.post(f"/klienten/{person.id}/datenschutz/einschraenkung", data={"lift": "1"})
    assert response.status_code == 303 and not db.session.get(Client, person.id).restricted
    enter(staff["cm"])
    assert client.get(f"/klienten/{person.id}").status_code == 200
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("client.restrict%")).order_by(AuditEvent.id)
    ).all()
    assert actions == ["client.restricted", "client.restriction_lifted"]


def test_restricting_twice_does_not_lift(client, enter, staff, make_client):
    person = make_client(staff["cm"])
    enter(staff["lead"])
    url = f"/klienten/{person.id}/datenschutz/einschraenkung"
    client.post(url, data={"reason": "Bestreitet Richtigkeit"})
    client.post(url, data={"reason": "noch einmal"})
    assert db.session.get(Client, person.id).restricted
