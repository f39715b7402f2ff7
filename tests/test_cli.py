"""flask seed-demo and flask users create|deactivate|set-password."""

from sqlalchemy import func, select

from kimweb.auth.models import User
from kimweb.auth.passwords import verify_password
from kimweb.demo import DEMO_PASSWORD
from kimweb.extensions import db


def user(username):
    return db.session.scalar(select(User).where(User.username == username))


def test_seed_demo_creates_the_demo_logins_and_is_idempotent(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Benutzer: 7 neu angelegt" in result.output
    for username, role in [
        ("empfang", "reception"),
        ("mueller", "case_manager"),
        ("yilmaz", "case_manager"),
        ("leitung", "team_lead"),
        ("admin", "admin"),
    ]:
        account = user(username)
        assert account.role == role
        assert verify_password(account.password_hash, DEMO_PASSWORD)
    assert user("mueller").team_id != user("yilmaz").team_id
    count = db.session.scalar(select(func.count(User.id)))
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0 and "Benutzer: 0 neu angelegt" in again.output
    db.session.rollback()
    assert db.session.scalar(select(func.count(User.id))) == count


def test_seed_demo_if_empty_leaves_a_used_database_alone(runner, make_user):
    make_user("admin", username="chefin")
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0
    assert "keine Demodaten" in result.output
    assert user("mueller") is None


def test_users_create_reads_password_from_stdin(runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "Neu.Person",
            "--name",
            "Neue Person",
            "--role",
            "case_manager",
            "--team",
            "Osterfeld",
        ],
        input="ein langer satz als passwort\n",
    )
    assert result.exit_code == 0, result.output
    account = user("neu.person")
    assert account.team.name == "Osterfeld"
    assert verify_password(account.password_hash, "ein langer satz als passwort")


def test_users_create_refuses_weak_password_and_unknown_team(runner):
    weak = runner.invoke(args=["users", "create", "a1", "--name", "A", "--role", "admin"], input="passwort1234\n")
    assert weak.exit_code != 0 and "zu verbreitet" in weak.output
    team = runner.invoke(
        args=["users", "create", "a2", "--name", "A", "--role", "case_manager", "--team", "Atlantis"],
        input="ein langer satz als passwort\n",
    )
    assert team.exit_code != 0 and "Unbekanntes Team" in team.output
    no_team = runner.invoke(
        args=["users", "create", "a3", "--name", "A", "--role", "team_lead"], input="ein langer satz als passwort\n"
    )
    assert no_team.exit_code != 0 and "--team" in no_team.output
    assert user("a1") is None and user("a2") is None and user("a3") is None


def test_users_create_refuses_existing_username(runner, make_user):
    make_user("admin", username="chefin")
    result = runner.invoke(
        args=["users", "create", "Chefin", "--name", "X", "--role", "admin"], input="ein langer satz als passwort\n"
    )
    assert result.exit_code != 0 and "gibt es schon" in result.output


def test_users_deactivate_and_set_password(runner, make_user):
    account = make_user("case_manager", username="anna")
    version = account.session_version
    assert runner.invoke(args=["users", "deactivate", "anna"]).exit_code == 0
    db.session.rollback()
    assert user("anna").active is False and user("anna").session_version == version + 1
    result = runner.invoke(args=["users", "set-password", "ANNA"], input="noch ein langer satz\n")
    assert result.exit_code == 0, result.output
    db.session.rollback()
    assert verify_password(user("anna").password_hash, "noch ein langer satz")
    missing = runner.invoke(args=["users", "deactivate", "nobody"])
    assert missing.exit_code != 0 and "Kein Konto" in missing.output


def test_backup_copies_the_sqlite_database(runner, make_user, tmp_path):
    import sqlite3

    if db.engine.dialect.name != "sqlite":
        result = runner.invoke(args=["backup", str(tmp_path / "b.sqlite3")])
        assert result.exit_code != 0 and "pg_dump" in result.output
        return
    make_user("admin", username="chefin")
    target = tmp_path / "backup.sqlite3"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT username FROM user_account").fetchall() == [("chefin",)]


def test_users_create_checks_the_username(runner):
    result = runner.invoke(
        args=["users", "create", "Anna Schmidt!", "--name", "A", "--role", "admin"],
        input="ein langer satz als passwort\n",
    )
    assert result.exit_code != 0 and "Kleinbuchstaben" in result.output
    assert user("anna schmidt!") is None
