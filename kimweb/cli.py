"""flask commands of the core: seed-demo, backup, and `flask users` for staff accounts in real deployments."""

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import func, select

from . import audit
from .auth.models import USERNAME_PATTERN, Team, User
from .auth.passwords import hash_password, password_problems
from .backup import backup_sqlite
from .demo import DEMO_PASSWORD, DEMO_USERS, seed_all
from .documents.cli import copy_store_beside
from .extensions import db
from .reception.demo import demo_screen_path
from .security import ROLES, roles_with

users_cli = AppGroup("users", help="Staff accounts.")


def register(app: Flask) -> None:
    app.cli.add_command(seed_demo)
    app.cli.add_command(backup)
    app.cli.add_command(users_cli)


def _demo_logins() -> str:
    return ", ".join(username for username, *_ in DEMO_USERS)


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only when the database has no accounts yet.")
@click.option("--port", type=int, default=None, help="Print the demo's addresses for this port (make run).")
def seed_demo(if_empty: bool, port: int | None) -> None:
    """Create the demo accounts and demo data (safe to run again)."""
    if if_empty and db.session.scalar(select(User.id).limit(1)) is not None:
        click.echo("Die Datenbank enthält schon Konten; keine Demodaten angelegt.")
        click.echo(f"Demo-Anmeldungen, falls vorhanden (Passwort: {DEMO_PASSWORD}): " + _demo_logins())
    else:
        for label, created in seed_all():
            count = created if isinstance(created, int) else len(created)
            click.echo(f"{label}: {count} neu angelegt")
        click.echo(f"Demo-Anmeldungen (Passwort: {DEMO_PASSWORD}): " + _demo_logins())
    if port is not None:
        click.echo(f"Anmeldung: http://127.0.0.1:{port}/login")
        screen = demo_screen_path()
        if screen is not None:
            click.echo(f"Wartezimmer-Anzeige: http://127.0.0.1:{port}{screen}")


@click.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False, writable=True))
def backup(destination: str) -> None:
    """Copy the SQLite database consistently while the app keeps running: written to a temporary
    name, checked, then renamed over DESTINATION (a failure leaves the previous backup as it was)."""
    if db.engine.dialect.name != "sqlite":
        raise click.ClickException(
            "Diese Sicherung ist für SQLite. Für PostgreSQL verwenden Sie pg_dump (siehe docs/deploy.md)."
        )
    source_path = db.engine.url.database
    if not source_path or source_path == ":memory:":
        raise click.ClickException("Eine Datenbank im Arbeitsspeicher hat keine Datei, die sich sichern ließe.")
    counts = backup_sqlite(source_path, Path(destination))
    click.echo(
        f"Sicherung geschrieben und geprüft: {destination} ({counts.get('user_account', 0)} Konten, "
        f"{sum(counts.values())} Zeilen in {len(counts)} Tabellen)"
    )
    copy_store_beside(destination)


@users_cli.command("create")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="Display name.")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--team", "team_name", default=None, help="Team / Sozialraum by name.")
def users_create(username: str, display_name: str, role: str, team_name: str | None) -> None:
    """Create an account; the password is read from a prompt or stdin."""
    username = username.strip().lower()
    if not USERNAME_PATTERN.match(username):
        raise click.ClickException(
            "Benutzernamen: Kleinbuchstaben, Ziffern, Punkt, Binde- und Unterstrich; 2 bis 64 Zeichen."
        )
    if db.session.scalar(select(User.id).where(func.lower(User.username) == username)):
        raise click.ClickException(f"Das Konto {username!r} gibt es schon.")
    team = None
    if team_name:
        team = db.session.scalar(select(Team).where(Team.name == team_name))
        if team is None:
            names = ", ".join(db.session.scalars(select(Team.name).order_by(Team.sort_order)))
            raise click.ClickException(f"Unbekanntes Team {team_name!r}. Vorhanden: {names}")
    elif role in roles_with("client.read"):
        raise click.ClickException("Fallmanagement und Teamleitung brauchen --team.")
    user = User(
        username=username,
        display_name=display_name,
        role=role,
        team_id=team.id if team else None,
        password_hash=hash_password(_read_password(username)),
    )
    db.session.add(user)
    db.session.flush()
    audit.record("user.created", "user", user.id, detail=f"cli; role={role}")
    db.session.commit()
    click.echo(f"Konto {username} angelegt.")


@users_cli.command("deactivate")
@click.argument("username")
def users_deactivate(username: str) -> None:
    """Deactivate an account and end all its sessions."""
    user = _user(username)
    user.active = False
    user.end_all_sessions()
    audit.record("user.changed", "user", user.id, detail="cli; active: True -> False")
    db.session.commit()
    click.echo(f"Konto {user.username} deaktiviert.")


@users_cli.command("set-password")
@click.argument("username")
def users_set_password(username: str) -> None:
    """Set a new password (prompt or stdin) and end all sessions of the account."""
    user = _user(username)
    user.password_hash = hash_password(_read_password(user.username))
    user.end_all_sessions()
    audit.record("user.password_reset", "user", user.id, detail="cli")
    db.session.commit()
    click.echo(f"Passwort für {user.username} gesetzt.")


def _read_password(username: str) -> str:
    """From a prompt when interactive, else the first line of stdin; never from the command line."""
    if sys.stdin.isatty():
        password = click.prompt("Neues Passwort", hide_input=True, confirmation_prompt="Wiederholen")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    problems = password_problems(password, username)
    if problems:
        raise click.ClickException(" ".join(problems))
    return password


def _user(username: str) -> User:
    user = db.session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    if user is None:
        raise click.ClickException(f"Kein Konto mit dem Benutzernamen {username!r}.")
    return user
