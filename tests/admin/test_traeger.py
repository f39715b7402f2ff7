"""The Träger list (seeded by migration 0012) and the Träger on accounts."""

import pytest
from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.auth.models import Team, Traeger, User
from kimweb.extensions import db


def traeger_id(name: str) -> int:
    found = db.session.scalar(select(Traeger.id).where(Traeger.name == name))
    assert found is not None
    return found


def test_migration_seeds_the_usual_traeger(app):
    names = db.session.scalars(select(Traeger.name).order_by(Traeger.sort_order)).all()
    assert names == ["Stadt (Kommunales Integrationszentrum)", "Caritas", "Diakonie", "DRK", "ZAQ"]


@pytest.mark.parametrize("role", ["reception", "case_manager", "team_lead", "coordination"])
def test_only_admins_edit_the_list(client, login_as, role):
    login_as(role)
    assert client.get("/admin/traeger").status_code == 403
    assert client.post("/admin/traeger", data={"name": "AWO"}).status_code == 403


def test_add_rename_and_retire_a_traeger(client, login_as):
    login_as("admin")
    assert client.post("/admin/traeger", data={"name": "AWO"}).status_code == 303
    assert client.post("/admin/traeger", data={"name": "awo"}).status_code == 422  # taken
    awo = traeger_id("AWO")
    response = client.post(f"/admin/traeger/{awo}", data={"name": "AWO Kreisverband"})  # active unticked
    assert response.status_code == 303
    row = db.session.get(Traeger, awo)
    assert (row.name, row.active) == ("AWO Kreisverband", False)
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_type == "traeger").order_by(AuditEvent.id)
    ).all()
    assert actions == ["traeger.created", "traeger.changed"]
    page = client.get("/admin/traeger").get_data(as_text=True)
    assert "AWO Kreisverband" in page and "nicht mehr in Verwendung" in page
    assert "AWO Kreisverband" not in client.get("/admin/benutzer/neu").get_data(as_text=True)


def test_an_account_gets_a_traeger(client, login_as):
    login_as("admin")
    team = db.session.scalar(select(Team.id).where(Team.name == "Osterfeld"))
    data = {
        "username": "caritas.person",
        "display_name": "Person bei der Caritas",
        "role": "case_manager",
        "team_id": str(team),
        "traeger_id": str(traeger_id("Caritas")),
        "new_password": "ein langer satz als passwort",
        "new_password_again": "ein langer satz als passwort",
    }
    assert client.post("/admin/benutzer/neu", data=data).status_code == 303
    user = db.session.scalar(select(User).where(User.username == "caritas.person"))
    assert user.traeger.name == "Caritas"
    edit = {k: data[k] for k in ("display_name", "role", "team_id")} | {"traeger_id": str(traeger_id("DRK"))}
    edit |= {"active": "y", "version": str(user.version)}
    assert client.post(f"/admin/benutzer/{user.id}", data=edit).status_code == 303
    db.session.refresh(user)
    assert user.traeger.name == "DRK"
    assert (
        client.post(
            f"/admin/benutzer/{user.id}", data=edit | {"traeger_id": "999", "version": str(user.version)}
        ).status_code
        == 422
    )
