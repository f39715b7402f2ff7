"""The admin area: create, edit, deactivate accounts and reset passwords; all audited."""

import pytest
from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.auth.models import Team, User
from kimweb.extensions import db
from tests.helpers import TEST_PASSWORD, log_in, naughty_strings, shared_data


def team_id(name="Osterfeld"):
    return db.session.scalar(select(Team.id).where(Team.name == name))


def new_user_data(**overrides):
    data = {
        "username": "neu.person",
        "display_name": "Neue Person",
        "role": "case_manager",
        "team_id": str(team_id()),
        "new_password": "ein langer satz als passwort",
        "new_password_again": "ein langer satz als passwort",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ["reception", "case_manager", "team_lead"])
def test_only_admins_manage_users(client, login_as, role):
    login_as(role)
    for url in ("/admin/benutzer", "/admin/benutzer/neu", "/admin/benutzer/1", "/admin/benutzer/1/passwort"):
        assert client.get(url).status_code == 403
    assert client.post("/admin/benutzer/neu", data=new_user_data()).status_code == 403


def test_create_user(client, login_as):
    login_as("admin")
    response = client.post("/admin/benutzer/neu", data=new_user_data())
    assert response.status_code == 303
    user = db.session.scalar(select(User).where(User.username == "neu.person"))
    assert user.role == "case_manager" and user.team.name == "Osterfeld" and user.active
    assert user.password_hash.startswith("$argon2")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.created"))
    assert event.object_id == str(user.id)
    assert "passwort" not in (event.detail or "")


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("username", "", "Bitte geben Sie einen Benutzernamen ein."),
        ("username", "Ä B", "Nur Kleinbuchstaben"),
        ("display_name", "", "Bitte geben Sie den Namen ein."),
        ("display_name", "x" * 121, "Höchstens 120 Zeichen."),
        ("team_id", "", "brauchen ein Team"),
        ("team_id", "999", "Bitte wählen Sie ein Team aus der Liste."),
        ("team_id", "abc", "Bitte wählen Sie ein Team aus der Liste."),
        ("role", "superuser", "Keine gültige Auswahl."),
        ("new_password", "kurz", "mindestens 12 Zeichen"),
    ],
)
def test_create_user_validation(client, login_as, field, value, message):
    login_as("admin")
    data = new_user_data(**{field: value})
    if field == "new_password":
        data["new_password_again"] = value
    response = client.post("/admin/benutzer/neu", data=data)
    assert response.status_code == 422
    assert message in response.text
    assert 'aria-invalid="true"' in response.text


def test_duplicate_username_is_refused(client, login_as, make_user):
    make_user("reception", username="neu.person")
    login_as("admin")
    response = client.post("/admin/benutzer/neu", data=new_user_data())
    assert response.status_code == 422
    assert "Diesen Benutzernamen gibt es schon." in response.text


def test_edit_changes_role_and_ends_sessions(client, login_as, make_user):
    target = make_user("case_manager", username="anna")
    old_version = target.session_version
    login_as("admin")
    form = client.get(f"/admin/benutzer/{target.id}")
    assert form.status_code == 200
    response = client.post(
        f"/admin/benutzer/{target.id}",
        data={
            "display_name": "Anna Neu",
            "role": "team_lead",
            "team_id": str(team_id()),
            "active": "y",
            "version": str(target.version),
        },
    )
    assert response.status_code == 303
    user = db.session.get(User, target.id)
    assert user.role == "team_lead" and user.display_name == "Anna Neu"
    assert user.session_version == old_version + 1
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.changed"))
    assert "role: case_manager -> team_lead" in event.detail


def test_deactivation_logs_the_user_out(app, client, login_as, make_user):
    target = make_user("case_manager", username="anna")
    other = app.test_client()
    log_in(other, target)
    assert other.get("/").status_code == 200
    login_as("admin")
    client.post(
        f"/admin/benutzer/{target.id}",
        data={
            "display_name": target.display_name,
            "role": "case_manager",
            "team_id": str(team_id()),
            "version": str(target.version),
        },
    )  # "active" unchecked
    assert db.session.get(User, target.id).active is False
    assert other.get("/").status_code == 302
    assert "<code>anna</code>" not in client.get("/admin/benutzer").text
    assert "<code>anna</code>" in client.get("/admin/benutzer?inaktive=1").text


def test_stale_edit_answers_409_and_keeps_input(client, login_as, make_user):
    target = make_user("case_manager", username="anna")
    login_as("admin")
    stale_version = str(target.version)
    target.display_name = "Changed meanwhile"
    db.session.commit()
    response = client.post(
        f"/admin/benutzer/{target.id}",
        data={
            "display_name": "Meine Eingabe",
            "role": "case_manager",
            "team_id": str(team_id()),
            "active": "y",
            "version": stale_version,
        },
    )
    assert response.status_code == 409
    assert "Meine Eingabe" in response.text
    assert db.session.get(User, target.id).display_name == "Changed meanwhile"


def test_admin_cannot_lock_themselves_out(client, login_as):
    admin = login_as("admin")
    response = client.post(
        f"/admin/benutzer/{admin.id}",
        data={
            "display_name": admin.display_name,
            "role": "reception",
            "team_id": "",
            "active": "y",
            "version": str(admin.version),
        },
    )
    assert response.status_code == 422
    assert db.session.get(User, admin.id).role == "admin"


def test_password_reset(app, client, login_as, make_user):
    target = make_user("case_manager", username="anna")
    login_as("admin")
    response = client.post(
        f"/admin/benutzer/{target.id}/passwort",
        data={"new_password": "ein neues langes passwort", "new_password_again": "ein neues langes passwort"},
    )
    assert response.status_code == 303
    fresh = app.test_client()
    assert fresh.post("/login", data={"username": "anna", "password": TEST_PASSWORD}).status_code == 422
    assert fresh.post("/login", data={"username": "anna", "password": "ein neues langes passwort"}).status_code == 303
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.password_reset"))


def test_unknown_user_is_404(client, login_as):
    login_as("admin")
    assert client.get("/admin/benutzer/99999").status_code == 404


def test_naughty_display_names_never_break_the_pages(client, login_as):
    shared_data("blns.txt")
    login_as("admin")
    strings = naughty_strings()
    # Every string through the form and back (re-rendered with a password error, no hashing)...
    for text in strings:
        response = client.post(
            "/admin/benutzer/neu",
            data=new_user_data(
                username="x", display_name=text, role="reception", team_id="", new_password_again="other"
            ),
        )
        assert response.status_code == 422, repr(text)
        assert "<script>alert(" not in response.text
    # ...and the nastiest ones saved and listed.
    for n, text in enumerate(t for t in strings if "<" in t or "{{" in t or "%" in t):
        if n >= 30:
            break
        response = client.post(
            "/admin/benutzer/neu", data=new_user_data(username=f"u{n}", display_name=text, role="reception", team_id="")
        )
        assert response.status_code in (303, 422), repr(text)
    listing = client.get("/admin/benutzer")
    assert listing.status_code == 200
    assert "<script>alert(" not in listing.text


def test_naughty_login_input_never_500(client):
    shared_data("blns.txt")
    for text in naughty_strings()[:300]:
        response = client.post("/login", data={"username": text, "password": text})
        assert response.status_code in (422, 429), repr(text)
