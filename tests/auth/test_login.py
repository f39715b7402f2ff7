"""Login, logout, throttling, idle timeout, session versions, password rules and changes."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.auth.models import User
from kimweb.auth.passwords import password_problems
from kimweb.extensions import db
from tests.helpers import TEST_PASSWORD


def login(client, username, password=TEST_PASSWORD, **kwargs):
    return client.post("/login", data={"username": username, "password": password}, **kwargs)


def actions():
    return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_login_success_redirects_to_start_page(client, make_user):
    user = make_user("case_manager", username="anna")
    response = login(client, "Anna")  # usernames are case-insensitive
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert user.display_name in client.get("/").text
    assert "login" in actions()


def test_login_failure_is_german_and_audited(client, make_user):
    make_user("case_manager", username="anna")
    response = login(client, "anna", "wrong password here")
    assert response.status_code == 422
    assert "Benutzername oder Passwort ist nicht richtig." in response.text
    assert client.get("/").status_code == 302
    assert "login.failed" in actions()


def test_unknown_user_gets_the_same_message(client):
    response = login(client, "nobody", "whatever-password")
    assert response.status_code == 422
    assert "Benutzername oder Passwort ist nicht richtig." in response.text


def test_inactive_user_cannot_log_in(client, make_user):
    make_user("case_manager", username="anna", active=False)
    assert login(client, "anna").status_code == 422


def test_empty_form_gives_field_messages(client):
    response = client.post("/login", data={})
    assert response.status_code == 422
    assert "Bitte geben Sie Ihren Benutzernamen ein." in response.text
    assert "Bitte geben Sie Ihr Passwort ein." in response.text


def test_throttle_per_account(client, make_user):
    make_user("case_manager", username="anna")
    for _ in range(5):
        assert login(client, "anna", "wrong password here").status_code == 422
    response = login(client, "anna")  # even the right password is refused while locked
    assert response.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.text
    assert "login.throttled" in actions()


def test_throttle_per_address(app, client, make_user):
    make_user("case_manager", username="anna")
    for n in range(20):
        login(client, f"guess{n}", "wrong password here")
    assert login(client, "anna").status_code == 429
    # Another address is not affected.
    assert login(client, "anna", environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 303


def test_throttle_ends_after_window(app, client, make_user):
    from kimweb.auth.models import LoginAttempt

    make_user("case_manager", username="anna")
    for _ in range(5):
        login(client, "anna", "wrong password here")
    for attempt in db.session.scalars(select(LoginAttempt)):
        attempt.at -= app.config["LOGIN_WINDOW"] + timedelta(seconds=1)
    db.session.commit()
    assert login(client, "anna").status_code == 303


def test_logout_is_post_only(client, login_as):
    login_as("case_manager")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 303
    assert client.get("/").status_code == 302


def test_old_cookie_is_refused_after_logout(app, client, make_user):
    make_user("case_manager", username="anna")
    login(client, "anna")
    stolen = client.get_cookie("kimweb_session").value
    client.post("/logout")
    client.set_cookie("kimweb_session", stolen)
    assert client.get("/").status_code == 302


def test_old_cookie_is_refused_after_password_change(client, make_user):
    make_user("case_manager", username="anna")
    login(client, "anna")
    old = client.get_cookie("kimweb_session").value
    response = client.post(
        "/konto/passwort",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "ein ganz neuer langer satz",
            "new_password_again": "ein ganz neuer langer satz",
        },
    )
    assert response.status_code == 303
    assert client.get("/").status_code == 200  # this session continues
    other = client.application.test_client()
    other.set_cookie("kimweb_session", old)
    assert other.get("/").status_code == 302


def test_old_cookie_is_refused_after_deactivation(client, make_user):
    user = make_user("case_manager", username="anna")
    login(client, "anna")
    user.active = False
    user.end_all_sessions()
    db.session.commit()
    assert client.get("/").status_code == 302


def test_idle_timeout_is_enforced_on_the_server(app, client, login_as):
    login_as("case_manager")
    with client.session_transaction() as session:
        session["seen"] -= app.config["IDLE_TIMEOUT"].total_seconds() + 5
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    follow = client.get(response.headers["Location"])
    assert "wegen Inaktivität abgelaufen" in follow.text


def test_activity_keeps_the_session(app, client, login_as):
    login_as("case_manager")
    with client.session_transaction() as session:
        session["seen"] -= app.config["IDLE_TIMEOUT"].total_seconds() - 120
    assert client.get("/").status_code == 200
    with client.session_transaction() as session:
        session["seen"] -= app.config["IDLE_TIMEOUT"].total_seconds() - 120
    assert client.get("/").status_code == 200


def test_polling_does_not_extend_the_session(app, client, login_as):
    login_as("case_manager")
    with client.session_transaction() as session:
        session["seen"] -= 600
        before = session["seen"]
    client.get("/", headers={"X-Kimweb-Poll": "1"})
    with client.session_transaction() as session:
        assert session["seen"] == before


def test_session_is_replaced_at_login(client, make_user):
    make_user("case_manager", username="anna")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(client, "anna")
    with client.session_transaction() as session:
        assert "planted" not in session


def test_session_cookie_flags(client, make_user):
    make_user("case_manager", username="anna")
    response = login(client, "anna")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Expires" not in cookie  # a browser-session cookie, no remember-me
    assert "Secure" not in cookie  # plain http here
    secure = client.application.test_client().post(
        "/login", data={"username": "anna", "password": TEST_PASSWORD}, base_url="https://localhost"
    )
    assert "Secure" in secure.headers["Set-Cookie"]


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/konto", "/konto"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_redirect_is_safe(client, make_user, target, expected):
    make_user("case_manager", username="anna")
    response = client.post(
        "/login", query_string={"next": target}, data={"username": "anna", "password": TEST_PASSWORD}
    )
    assert response.headers["Location"] == expected


def test_login_redirect_keeps_path_but_not_query(client):
    response = client.get("/konto?q=Secret+Name")
    assert response.headers["Location"] == "/login?next=/konto"


@pytest.mark.parametrize(
    "password, ok",
    [
        ("kurz", False),
        ("elf zeichen", False),
        ("passwort1234", False),
        ("123456789012", False),
        ("aaaaaaaaaaaaaa", False),
        ("correct horse battery staple", True),
        ("Lärm im Treppenhaus 7", True),
        ("x" * 257, False),
    ],
)
def test_password_rules(app, password, ok):
    assert (password_problems(password) == []) is ok


def test_password_may_not_contain_username(app):
    assert password_problems("anna-hat-ein-passwort", "anna")


def test_password_change_checks_current_password_and_rules(client, login_as):
    login_as("case_manager")
    response = client.post(
        "/konto/passwort",
        data={"current_password": "not my password", "new_password": "kurz", "new_password_again": "anders"},
    )
    assert response.status_code == 422
    assert "Das aktuelle Passwort ist nicht richtig." in response.text
    assert "mindestens 12 Zeichen" in response.text
    assert "stimmen nicht überein" in response.text


def test_language_switch_to_english(client, login_as):
    user = login_as("case_manager")
    assert client.post("/konto/sprache", data={"locale": "en"}).status_code == 303
    assert db.session.get(User, user.id).locale == "en"
    page = client.get("/konto")
    assert 'lang="en"' in page.text
    assert "Change password" in page.text


def test_language_choice_is_validated(client, login_as):
    login_as("case_manager")
    assert client.post("/konto/sprache", data={"locale": "xx"}).status_code == 422
