"""The password change is throttled like the login (counted in the database, a German 429), and a
session ends after a working day however busy it is (SESSION_MAX_AGE, enforced on the server)."""

from datetime import timedelta

from sqlalchemy import func, select

from kimweb import create_app
from kimweb.auth.models import LoginAttempt
from kimweb.extensions import db
from tests.helpers import TEST_PASSWORD, base_config


def change(client, current):
    new = "ein ganz neuer langer satz"
    return client.post(
        "/konto/passwort", data={"current_password": current, "new_password": new, "new_password_again": new}
    )


def test_wrong_current_passwords_are_throttled_like_logins(app, client, login_as):
    user = login_as("case_manager")
    limit = app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
    for _ in range(limit):
        assert change(client, "falsch geraten").status_code == 422
    failed = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.username == user.username.lower())
    assert db.session.scalar(failed) == limit
    refused = change(client, TEST_PASSWORD)  # even the right one: no more guessing for now
    assert refused.status_code == 429
    assert "Zu viele falsche Versuche mit dem aktuellen Passwort" in refused.text
    # The counts are the login's: the account is locked there too.
    client.post("/logout")
    login = client.post("/login", data={"username": user.username, "password": TEST_PASSWORD})
    assert login.status_code == 429


def test_a_right_current_password_is_not_counted(app, client, login_as):
    login_as("case_manager")
    assert change(client, TEST_PASSWORD).status_code == 303
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0


def test_a_busy_session_ends_after_a_working_day(app, client, login_as):
    assert app.config["SESSION_MAX_AGE"] == timedelta(hours=10)
    login_as("case_manager")
    with client.session_transaction() as session:
        session["since"] -= 10 * 3600 - 60  # logged in almost ten hours ago, active a moment ago
    assert client.get("/").status_code == 200
    with client.session_transaction() as session:
        session["since"] -= 120
    response = client.get("/", headers={"X-Kimweb-Poll": "1"})  # polling does not keep it alive either
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    follow = client.get(response.headers["Location"])
    assert "Ihre Sitzung ist nach 10 Stunden abgelaufen" in follow.text
    assert client.get("/").status_code == 302


def test_a_session_without_login_time_is_ended(client, login_as):
    login_as("case_manager")
    with client.session_transaction() as session:
        del session["since"]
    assert client.get("/").status_code == 302


def test_the_lifetime_is_set_in_minutes(db_template, tmp_path):
    app = create_app(base_config(db_template.fresh(tmp_path)) | {"SESSION_MAX_AGE": 480})
    assert app.config["SESSION_MAX_AGE"] == timedelta(hours=8)
    with app.app_context():
        db.engine.dispose()


def test_login_stores_the_login_time_and_a_password_change_keeps_it(client, make_user):
    user = make_user("case_manager", username="anna")
    client.post("/login", data={"username": "anna", "password": TEST_PASSWORD})
    with client.session_transaction() as session:
        session["since"] -= 3600
        since = session["since"]
    assert change(client, TEST_PASSWORD).status_code == 303
    with client.session_transaction() as session:
        assert session["since"] == since
    assert user.id
