"""`flask users sync-ldap`: accounts the directory no longer knows, or has disabled, are deactivated
and their sessions end (run it from a timer, e.g. every 15 minutes)."""

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from ..extensions import db
from . import ldap_login
from .models import User
from .sso_accounts import deactivate, role_and_team


@click.command("sync-ldap")
@click.option("--dry-run", is_flag=True, help="Only list what would change.")
@with_appcontext
def sync_ldap(dry_run: bool) -> None:
    """Deactivate accounts that are missing, disabled or without a role in LDAP."""
    if not ldap_login.configured():
        raise click.ClickException("LDAP ist nicht eingerichtet (LDAP_URL fehlt).")
    users = db.session.scalars(
        select(User).where(User.auth_source == "ldap", User.active.is_(True)).order_by(User.username)
    ).all()
    checked = ended = 0
    for user in users:
        try:
            entry = ldap_login.find(user.username)
        except ldap_login.DirectoryUnavailable as error:
            # A directory that cannot answer never deactivates anyone.
            raise click.ClickException(f"Verzeichnisdienst nicht erreichbar: {type(error).__name__}") from error
        checked += 1
        if entry is None:
            reason = "missing"
        elif entry.disabled:
            reason = "disabled"
        elif role_and_team(entry.groups)[0] is None:
            reason = "no role"
        else:
            continue
        ended += 1
        click.echo(f"{user.username}: {reason}" + (" (nur angezeigt)" if dry_run else " -> deaktiviert"))
        if not dry_run:
            deactivate(user, reason, by="sync-ldap")
    if not dry_run:
        db.session.commit()
    click.echo(f"{checked} LDAP-Konten geprüft, {ended} deaktiviert." if not dry_run else f"{checked} geprüft.")
