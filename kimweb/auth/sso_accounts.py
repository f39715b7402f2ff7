"""Accounts from the city's directory: groups -> role and team, creating and updating the kimweb user
at login, deactivating it when the directory no longer knows the person, and who may still use a
local password."""

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import audit
from ..extensions import db
from ..security import ROLES, roles_with
from .models import USERNAME_PATTERN, Team, User

# Never a valid argon2 hash: a directory account has no kimweb password.
NO_LOCAL_PASSWORD = "!sso"

NOT_ENABLED = _l(
    "Ihr Stadtkonto ist für kimweb nicht freigeschaltet. Bitte wenden Sie sich an die Administration, "
    "damit Ihnen eine Rolle zugewiesen wird."
)
BAD_USERNAME = _l(
    "Ihr Benutzername aus dem Stadtkonto kann in kimweb nicht verwendet werden. "
    "Bitte wenden Sie sich an die Administration."
)
INACTIVE = _l("Ihr kimweb-Konto ist deaktiviert. Bitte wenden Sie sich an die Administration.")
RESERVED = _l("Dieses Konto ist ein lokales Notfallkonto und kann nicht über das Stadtkonto angemeldet werden.")


@dataclass
class DirectoryPerson:
    """What the directory says about a person at login or at a check."""

    source: str  # "oidc" or "ldap"
    username: str
    external_id: str
    display_name: str
    groups: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    user: User | None = None
    # A German sentence for the person when there is no user.
    refusal: str | None = None


def _fold(name: str) -> str:
    return name.strip().casefold()


def role_and_team(groups: list[str]) -> tuple[str | None, str | None]:
    """The kimweb role and team a person's groups give; (None, None) when no group has a role.
    Groups match the mapping's keys case-insensitively, as full names or DNs."""
    config = current_app.config
    held = {_fold(g) for g in groups}
    role = next((r for g, r in config["SSO_GROUP_ROLES"].items() if _fold(g) in held and r in ROLES), None)
    if role is None:
        return None, None
    team = next((t for g, t in config["SSO_GROUP_TEAMS"].items() if _fold(g) in held), None)
    return role, team


def check_mapping(config) -> None:
    """Refuse to start with a mapping that names a role kimweb does not have."""
    for group, role in config["SSO_GROUP_ROLES"].items():
        if role not in ROLES:
            raise RuntimeError(f"SSO_GROUP_ROLES: group {group!r} maps to unknown role {role!r} (known: {ROLES})")


def local_password_allowed(user: User) -> bool:
    """Whether this account may log in with a kimweb password: a local account, and local
    passwords on for the installation or the account one of its break-glass accounts."""
    config = current_app.config
    if user.auth_source != "local":
        return False
    return config["LOCAL_LOGIN"] or _fold(user.username) in {_fold(u) for u in config["LOCAL_LOGIN_USERS"]}


def _valid_username(username: str) -> bool:
    # The admin form's rule for account names (lower-case letters, digits, . _ -).

    return bool(USERNAME_PATTERN.match(username))


def _find(person: DirectoryPerson) -> User | None:
    user = db.session.scalar(
        select(User).where(User.auth_source == person.source, User.external_id == person.external_id)
    )
    if user is None:
        user = db.session.scalar(select(User).where(func.lower(User.username) == person.username))
    return user


def provision(person: DirectoryPerson) -> Outcome:
    """Create or update the kimweb user for a person who has just proven who they are.
    No account without a role from the group mapping; the caller commits."""
    person.username = person.username.strip().lower()
    if not _valid_username(person.username):
        audit.record("login.refused", "user", None, outcome="refused", detail=f"{person.source}; invalid username")
        return Outcome(refusal=str(BAD_USERNAME))
    role, team_name = role_and_team(person.groups)
    user = _find(person)
    if (
        user is not None
        and user.auth_source == "local"
        and _fold(user.username) in {_fold(u) for u in current_app.config["LOCAL_LOGIN_USERS"]}
    ):
        audit.record(
            "login.refused", "user", user.id, outcome="refused", detail=f"{person.source}; break-glass account"
        )
        return Outcome(refusal=str(RESERVED))
    if user is not None and not user.active:
        # Switched off in kimweb (by an admin or an earlier check): only an admin switches it on again.
        audit.record("login.refused", "user", user.id, outcome="refused", detail=f"{person.source}; inactive")
        return Outcome(refusal=str(INACTIVE))
    team = db.session.scalar(select(Team).where(Team.name == team_name)) if team_name else None
    if role is None or (role in roles_with("client.read") and team is None):
        audit.record(
            "login.refused",
            "user",
            getattr(user, "id", None),
            outcome="refused",
            detail=f"{person.source}; no role" if role is None else f"{person.source}; role {role} without team",
        )
        if user is not None and user.auth_source == person.source:
            deactivate(user, "no role")
        return Outcome(refusal=str(NOT_ENABLED))
    team_id = team.id if team is not None and role in roles_with("client.read") else None
    if user is None:
        user = User(
            username=person.username,
            display_name=person.display_name or person.username,
            role=role,
            team_id=team_id,
            password_hash=NO_LOCAL_PASSWORD,
            auth_source=person.source,
            external_id=person.external_id,
        )
        db.session.add(user)
        db.session.flush()
        audit.record("user.created", "user", user.id, user=user, detail=f"{person.source}; role={role}; team={team_id}")
        return Outcome(user=user)
    changes = []
    if user.auth_source == "local":
        # From now on the directory checks the password; the old kimweb one no longer works.
        user.password_hash = NO_LOCAL_PASSWORD
    for name, value in (
        ("role", role),
        ("team_id", team_id),
        ("auth_source", person.source),
        ("external_id", person.external_id),
        ("display_name", person.display_name or user.display_name),
    ):
        if getattr(user, name) != value:
            if name != "display_name":
                changes.append(f"{name}: {getattr(user, name)} -> {value}")
            setattr(user, name, value)
    if changes:
        audit.record("user.changed", "user", user.id, user=user, detail=f"{person.source}; " + "; ".join(changes))
    return Outcome(user=user)


def deactivate(user: User, reason: str, *, by: str = "directory") -> None:
    """The directory no longer lets this person in: no access from the next request on."""
    user.active = False
    user.end_all_sessions()
    audit.record("user.changed", "user", user.id, detail=f"{by}; active: True -> False; {reason}")
