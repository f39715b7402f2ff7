"""Demo data for `flask seed-demo`: every step is idempotent, and each feature adds its own."""

from collections.abc import Callable

from sqlalchemy import func, select

from .auth.models import Team, User
from .auth.passwords import hash_password
from .clients.demo import seed_demo_clients
from .directory.demo import seed_directory
from .extensions import db
from .notes.demo import seed_demo_notes
from .reception.demo import seed_demo_reception
from .referrals.demo import seed_demo_referrals

DEMO_PASSWORD = "kimweb-demo-passwort"

# (username, display name, role, team name)
DEMO_USERS = (
    ("empfang", "Empfang (Demo)", "reception", None),
    ("mueller", "Sabine Müller", "case_manager", "Sterkrade-Mitte"),
    ("yilmaz", "Deniz Yılmaz", "case_manager", "Osterfeld"),
    # The team lead leads the Sterkrade-Mitte team, so the demo shows a lead with files to oversee.
    ("leitung", "Thomas Becker", "team_lead", "Sterkrade-Mitte"),
    ("admin", "Administration (Demo)", "admin", None),
    ("datenschutz", "Datenschutzbeauftragte (Demo)", "dpo", None),
)

# What a seeder made: the names of what it created, or how many.
Created = list[str] | int


def seed_users() -> list[str]:
    created = []
    teams = {t.name: t for t in db.session.scalars(select(Team))}
    password_hash = None
    for username, display_name, role, team_name in DEMO_USERS:
        if db.session.scalar(select(User.id).where(func.lower(User.username) == username)):
            continue
        password_hash = password_hash or hash_password(DEMO_PASSWORD)
        team = teams.get(team_name) if team_name else None
        db.session.add(
            User(
                username=username,
                display_name=display_name,
                role=role,
                team_id=team.id if team else None,
                password_hash=password_hash,
            )
        )
        created.append(username)
    return created


# (label, seeder) in the order the data builds on itself: each feature's demo module has its seeder.
SEEDERS: list[tuple[str, Callable[[], Created]]] = [
    ("Benutzer", seed_users),
    ("Wegweiser", seed_directory),
    ("Klient/innen", seed_demo_clients),
    ("Empfang", seed_demo_reception),
    ("Kontaktnotizen", seed_demo_notes),
    ("Vermittlungen", seed_demo_referrals),
]


def seed_all() -> list[tuple[str, Created]]:
    report: list[tuple[str, Created]] = []
    for label, seeder in SEEDERS:
        report.append((label, seeder()))
        db.session.flush()
    db.session.commit()
    return report
