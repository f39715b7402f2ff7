"""Real threads against the real database (SQLite or PostgreSQL): logins to one account at the same
moment (a double click, a room full of people after a restart) are all answered, none with a 500."""

from sqlalchemy import func, select

from kimweb.auth.models import LoginAttempt
from kimweb.extensions import db
from tests.helpers import TEST_PASSWORD, post_at_once


def _post_in_threads(app, count, path, data):
    return post_at_once([app.test_client() for _ in range(count)], [(path, data)] * count)


def test_twenty_parallel_logins_to_one_account_are_all_answered(app, make_user):
    make_user("case_manager", username="anna")
    db.session.commit()
    statuses = _post_in_threads(app, 20, "/login", {"username": "anna", "password": TEST_PASSWORD})
    assert set(statuses) <= {303, 429}, statuses
    assert 303 in statuses
    succeeded = db.session.scalar(select(func.count()).select_from(LoginAttempt).where(LoginAttempt.succeeded))
    assert succeeded == statuses.count(303)


def test_double_click_on_login_logs_in_twice(app, make_user):
    make_user("case_manager", username="bert")
    db.session.commit()
    for _ in range(5):
        statuses = _post_in_threads(app, 2, "/login", {"username": "bert", "password": TEST_PASSWORD})
        assert statuses == [303, 303]


def test_parallel_wrong_passwords_are_throttled_not_failed(app, make_user):
    make_user("case_manager", username="carla")
    db.session.commit()
    statuses = _post_in_threads(app, 12, "/login", {"username": "carla", "password": "wrong password here"})
    assert set(statuses) <= {422, 429}, statuses
    # Exactly as many answers "wrong" as the limit allows: parallel guesses do not slip past it.
    assert statuses.count(422) == app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
    # Afterwards the account is locked for the right password too: the throttle counted every failure.
    client = app.test_client()
    assert client.post("/login", data={"username": "carla", "password": TEST_PASSWORD}).status_code == 429


def test_the_password_is_checked_without_holding_the_write_lock(app, make_user, monkeypatch):
    """SQLite has one write lock; argon2 takes a while on purpose. While the login hashes, another
    worker can write at once (it used to wait, and 40 logins stalled note saves for 14 s)."""
    from kimweb.auth import views_login

    make_user("case_manager", username="dora")
    db.session.commit()
    engine = db.engine
    others_could_write: list[bool] = []

    def probe(real):
        def checked(*args):
            if engine.dialect.name == "sqlite":
                raw = engine.raw_connection()
                try:
                    raw.execute("PRAGMA busy_timeout=0")  # type: ignore[attr-defined]
                    raw.execute("BEGIN IMMEDIATE")  # type: ignore[attr-defined]
                    raw.execute("ROLLBACK")  # type: ignore[attr-defined]
                    others_could_write.append(True)
                except Exception:
                    others_could_write.append(False)
                finally:
                    raw.close()
            else:
                # PostgreSQL: the request holds no transaction (and so no row lock) meanwhile.
                others_could_write.append(True)
            return real(*args)

        return checked

    monkeypatch.setattr(views_login, "verify_password", probe(views_login.verify_password))
    monkeypatch.setattr(views_login, "hash_password", probe(views_login.hash_password))
    # An outdated hash: the login rehashes too (also outside the write transaction).
    monkeypatch.setattr(views_login, "needs_rehash", lambda _hash: True)
    db.session.rollback()
    client = app.test_client()
    response = client.post("/login", data={"username": "dora", "password": TEST_PASSWORD})
    assert response.status_code == 303
    assert others_could_write == [True, True]
    wrong = app.test_client().post("/login", data={"username": "dora", "password": "wrong password here"})
    assert wrong.status_code == 422
    assert others_could_write == [True, True, True]
