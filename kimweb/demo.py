"""Demo data for `flask seed-demo`: every step is idempotent, and each feature adds its own."""

from sqlalchemy import func, select

from .auth.models import Team, User
from .auth.passwords import hash_password
from .extensions import db

DEMO_PASSWORD = "kimweb-demo-passwort"

# (username, display name, role, team name)
DEMO_USERS = (
    ("empfang", "Empfang (Demo)", "reception", None),
    ("mueller", "Sabine Müller", "case_manager", "Sterkrade-Mitte"),
    ("yilmaz", "Deniz Yılmaz", "case_manager", "Osterfeld"),
    # The team lead leads the Sterkrade-Mitte team, so the demo shows a lead with files to oversee.
    ("leitung", "Thomas Becker", "team_lead", "Sterkrade-Mitte"),
    ("admin", "Administration (Demo)", "admin", None),
)


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


# Each feature appends (label, function); a function returns what it created.
SEEDERS = [("Benutzer", seed_users)]


def _seed_directory():
    from .directory.demo import seed_directory

    return seed_directory()


SEEDERS.append(("Wegweiser", _seed_directory))


def _seed_clients():
    from .clients.demo import seed_demo_clients

    return seed_demo_clients()


SEEDERS.append(("Klient/innen", _seed_clients))


def _seed_reception():
    from .reception.demo import seed_demo_reception

    return seed_demo_reception()


SEEDERS.append(("Empfang", _seed_reception))


def _seed_notes():
    from .notes.demo import seed_demo_notes

    return seed_demo_notes()


SEEDERS.append(("Kontaktnotizen", _seed_notes))


def seed_all() -> list[tuple[str, object]]:
    report = []
    for label, seeder in SEEDERS:
        report.append((label, seeder()))
        db.session.flush()
    db.session.commit()
    return report


def _seed_referrals():
    from .referrals.demo import seed_demo_referrals

    return seed_demo_referrals()


SEEDERS.append(("Vermittlungen", _seed_referrals))
