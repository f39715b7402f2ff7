"""LDAP login against a real OpenLDAP server over StartTLS: bind, wrong password, unknown user, groups
-> role and team, disabled accounts, injection in the username, the session check and sync-ldap."""

import os

import pytest
from sqlalchemy import select

from kimweb import create_app
from kimweb.audit import AuditEvent
from kimweb.auth import ldap_login
from kimweb.auth.models import User
from kimweb.extensions import db
from tests.auth.conftest import LDAP_PASSWORD, LDAP_SUFFIX
from tests.conftest import TEST_PASSWORD, _test_password_hash, base_config

if ldap_login.ldap is None and not os.environ.get("CI"):
    pytest.skip(
        "python-ldap is not installed (it needs libldap2-dev and libsasl2-dev to build); CI runs these tests",
        allow_module_level=True,
    )


@pytest.fixture
def sso_config(ldap_settings):
    return ldap_settings


def login(client, username, password=LDAP_PASSWORD):
    return client.post("/login", data={"username": username, "password": password})


def user_named(username):
    return db.session.scalar(select(User).where(User.username == username))


def audit_rows(action):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()


def test_first_login_creates_the_account_from_the_groups(client):
    response = login(client, "Anna")
    assert response.status_code == 303
    anna = user_named("anna")
    assert (anna.auth_source, anna.role, anna.team.name) == ("ldap", "case_manager", "Osterfeld")
    assert anna.display_name == "Anna Becker"
    assert anna.external_id == f"uid=anna,ou=people,{LDAP_SUFFIX}"
    assert "Anna Becker" in client.get("/").text
    assert audit_rows("login")[-1].detail == "method=ldap"
    assert audit_rows("user.created")[-1].detail.startswith("ldap; role=case_manager")


def test_team_lead_from_group(client):
    assert login(client, "bernd").status_code == 303
    assert user_named("bernd").role == "team_lead"


def test_a_later_login_updates_role_and_team(client, make_user):
    make_user("reception", username="bernd", auth_source="ldap", external_id=f"uid=bernd,ou=people,{LDAP_SUFFIX}")
    assert login(client, "bernd").status_code == 303
    bernd = user_named("bernd")
    assert (bernd.role, bernd.team.name) == ("team_lead", "Osterfeld")
    assert "role: reception -> team_lead" in audit_rows("user.changed")[-1].detail


def test_wrong_password(client):
    response = login(client, "anna", "falsches Passwort")
    assert response.status_code == 422
    assert "Benutzername oder Passwort ist nicht richtig." in response.text
    assert user_named("anna") is None
    assert client.get("/").status_code == 302


def test_unknown_user(client):
    response = login(client, "niemand")
    assert response.status_code == 422
    assert "Benutzername oder Passwort ist nicht richtig." in response.text


def test_no_mapped_group_means_no_account_and_a_clear_message(client):
    response = login(client, "carla")
    assert response.status_code == 403
    assert "Ihr Stadtkonto ist für kimweb nicht freigeschaltet." in response.text
    assert user_named("carla") is None
    assert audit_rows("login.refused")[-1].detail == "ldap; no role"


def test_disabled_account_cannot_log_in(client):
    assert login(client, "dora").status_code == 422
    assert user_named("dora") is None


def test_empty_password_is_never_an_anonymous_bind(app):
    with app.test_request_context():
        assert ldap_login.authenticate("anna", "") is None


@pytest.mark.parametrize(
    "username", ["*", "*)(uid=*", "anna)(|(uid=*", "*)(|(objectClass=*)", "an*", "anna\x00*", "(uid=anna)"]
)
def test_injection_in_the_username_finds_nobody(client, username):
    response = login(client, username)
    assert response.status_code == 422
    assert client.get("/").status_code == 302
    assert db.session.scalar(select(User.id).where(User.auth_source == "ldap")) is None


@pytest.mark.parametrize("username", ["*", "an*", "*)(uid=*", "anna)(|(uid=*"])
def test_filter_values_are_escaped_at_the_directory(app, username):
    # Below the form's own checks: the directory search treats the name literally.
    with app.test_request_context():
        assert ldap_login.find(username) is None
        assert ldap_login.find("anna") is not None


def test_plain_ldap_is_refused_outside_the_tests(db_template, tmp_path, ldap_settings):
    config = {**base_config(db_template.fresh(tmp_path)), **ldap_settings, "LDAP_STARTTLS": False}
    with pytest.raises(RuntimeError, match="ldaps://"):
        create_app(config)
    create_app({**config, "LDAP_ALLOW_PLAIN": True})


def test_directory_down_is_said_plainly(other_app):
    with other_app(LDAP_URL="ldap://127.0.0.1:1") as client:
        response = login(client, "anna")
    assert response.status_code == 503
    assert "Der Verzeichnisdienst der Stadt ist gerade nicht erreichbar." in response.text


def test_session_is_replaced_at_ldap_login(client):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(client, "anna")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["sso"]["method"] == "ldap"


def test_old_cookie_is_refused_after_logout(client):
    login(client, "anna")
    stolen = client.get_cookie("kimweb_session").value
    assert client.post("/logout").headers["Location"] == "/login"
    client.set_cookie("kimweb_session", stolen)
    assert client.get("/").status_code == 302


def test_disabled_in_the_directory_ends_the_session_at_the_next_check(app, client, slapd):
    login(client, "anna2")
    assert client.get("/").status_code == 200
    slapd.ldapmodify(
        f"dn: uid=anna2,ou=people,{LDAP_SUFFIX}\nchangetype: modify\nadd: employeeType\nemployeeType: disabled\n"
    )
    try:
        assert client.get("/").status_code == 200  # within the interval
        with client.session_transaction() as session:
            session["sso"] = {**session["sso"], "checked": 0}
        assert client.get("/").status_code == 302
        anna2 = user_named("anna2")
        assert not anna2.active
        assert "session check; active: True -> False; disabled" in audit_rows("user.changed")[-1].detail
    finally:
        slapd.ldapmodify(f"dn: uid=anna2,ou=people,{LDAP_SUFFIX}\nchangetype: modify\ndelete: employeeType\n")


def test_sync_deactivates_missing_and_disabled_accounts_and_ends_their_sessions(app, client, runner, make_user):
    login(client, "anna")
    cookie = client.get_cookie("kimweb_session").value
    make_user("case_manager", username="dora", auth_source="ldap", external_id="uid=dora")
    make_user("case_manager", username="gone", auth_source="ldap", external_id="uid=gone")
    make_user("case_manager", username="carla", auth_source="ldap", external_id="uid=carla")
    local = make_user("admin", username="notfall", team=None)

    dry = runner.invoke(args=["users", "sync-ldap", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "gone: missing (nur angezeigt)" in dry.output
    assert user_named("gone").active

    result = runner.invoke(args=["users", "sync-ldap"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert {u.username: u.active for u in db.session.scalars(select(User))} == {
        "anna": True,
        "dora": False,
        "gone": False,
        "carla": False,
        "notfall": True,
    }
    assert local.auth_source == "local"
    details = [e.detail for e in audit_rows("user.changed")]
    assert "sync-ldap; active: True -> False; missing" in details
    assert "sync-ldap; active: True -> False; disabled" in details
    assert "sync-ldap; active: True -> False; no role" in details
    # Anna is still in the directory: her session goes on.
    other = app.test_client()
    other.set_cookie("kimweb_session", cookie)
    assert other.get("/").status_code == 200


def test_sync_ends_the_session_of_a_deactivated_user(app, client, runner, make_user):
    login(client, "anna")
    anna = user_named("anna")
    anna.username = "anna-alt"  # no such person in the directory any more
    db.session.commit()
    assert runner.invoke(args=["users", "sync-ldap"]).exit_code == 0
    assert client.get("/").status_code == 302


def test_local_passwords_off_keeps_the_break_glass_account(other_app):
    with other_app(LOCAL_LOGIN=False, LOCAL_LOGIN_USERS=["Notfall"]) as client:
        for username in ("notfall", "lokal"):
            db.session.add(
                User(username=username, display_name=username, role="admin", password_hash=_test_password_hash())
            )
        db.session.commit()
        refused = login(client, "lokal", TEST_PASSWORD)
        assert refused.status_code == 422
        assert "Melden Sie sich mit Ihrem Benutzernamen und Passwort der Stadt an." in refused.text
        assert login(client, "notfall", TEST_PASSWORD).status_code == 303
        # Directory accounts still log in.
        assert client.post("/logout").status_code == 303
        assert login(client, "anna").status_code == 303


def test_a_local_account_moves_to_the_directory_and_its_old_password_stops_working(client, make_user):
    make_user("case_manager", username="anna")
    assert login(client, "anna", TEST_PASSWORD).status_code == 303  # the kimweb password, still local
    client.post("/logout")
    assert login(client, "anna").status_code == 303  # the directory's password
    anna = user_named("anna")
    assert (anna.auth_source, anna.display_name) == ("ldap", "Anna Becker")
    client.post("/logout")
    assert login(client, "anna", TEST_PASSWORD).status_code == 422


def test_directory_logins_are_throttled_like_local_ones(client):
    for _attempt in range(5):
        assert login(client, "anna", "falsches Passwort").status_code == 422
    response = login(client, "anna")
    assert response.status_code == 429
    assert user_named("anna") is None
