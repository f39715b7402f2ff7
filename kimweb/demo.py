"""Demo data for `flask seed-demo`: every step is idempotent, and each feature adds its own."""

from collections.abc import Callable

from sqlalchemy import func, select

from .appointments.demo import seed_demo_appointments
from .auth.models import Team, Traeger, User
from .auth.passwords import hash_password
from .clients.demo import seed_demo_clients
from .directory.demo import seed_directory
from .extensions import db
from .notes.demo import seed_demo_notes
from .reception.demo import seed_demo_reception
from .referrals.demo import seed_demo_referrals

DEMO_PASSWORD = "kimweb-demo-passwort"
KI_TRAEGER = "Stadt (Kommunales Integrationszentrum)"
# The Träger migration 0012 seeds; a database made from the models (tests) gets them here.
DEMO_TRAEGER = (KI_TRAEGER, "Caritas", "Diakonie", "DRK", "ZAQ")

# (username, display name, role, team name, Träger)
DEMO_USERS = (
    ("empfang", "Empfang (Demo)", "reception", None, None),
    ("mueller", "Sabine Müller", "case_manager", "Sterkrade-Mitte", "Caritas"),
    ("yilmaz", "Deniz Yılmaz", "case_manager", "Osterfeld", "DRK"),
    # The team lead leads the Sterkrade-Mitte team, so the demo shows a lead with files to oversee.
    ("leitung", "Thomas Becker", "team_lead", "Sterkrade-Mitte", KI_TRAEGER),
    # The KIM coordinator sees every team's figures, never a file.
    ("koordination", "Miriam Schulte", "coordination", None, KI_TRAEGER),
    ("admin", "Administration (Demo)", "admin", None, None),
    ("datenschutz", "Datenschutzbeauftragte (Demo)", "dpo", None, None),
)

# How the demo case managers are reached (printed on letters and the referral letter).
DEMO_CONTACTS = {
    "mueller": ("0208 825-4101", "sabine.mueller@kim-demo.example", "Schwartzstraße 72\n46045 Oberhausen", "2.14"),
    "yilmaz": ("0208 825-4102", "deniz.yilmaz@kim-demo.example", "Schwartzstraße 72\n46045 Oberhausen", "2.15"),
}

# What a seeder made: the names of what it created, or how many.
Created = list[str] | int


def seed_users() -> list[str]:
    created = []
    teams = {t.name: t for t in db.session.scalars(select(Team))}
    traeger = {t.name: t for t in db.session.scalars(select(Traeger))}
    for number, name in enumerate(DEMO_TRAEGER):
        if name not in traeger:
            traeger[name] = Traeger(name=name, sort_order=number)
            db.session.add(traeger[name])
    db.session.flush()
    password_hash = None
    for username, display_name, role, team_name, traeger_name in DEMO_USERS:
        if db.session.scalar(select(User.id).where(func.lower(User.username) == username)):
            continue
        password_hash = password_hash or hash_password(DEMO_PASSWORD)
        team = teams.get(team_name) if team_name else None
        phone, email, address, room = DEMO_CONTACTS.get(username, (None, None, None, None))
        db.session.add(
            User(
                username=username,
                display_name=display_name,
                role=role,
                team_id=team.id if team else None,
                traeger_id=traeger[traeger_name].id if traeger_name else None,
                password_hash=password_hash,
                contact_phone=phone,
                contact_email=email,
                contact_address=address,
                contact_room=room,
            )
        )
        created.append(username)
    return created


# (label, seeder) in the order the data builds on itself: each feature's demo module has its seeder.
SEEDERS: list[tuple[str, Callable[[], Created]]] = [
    ("Benutzer", seed_users),
    ("Wegweiser", seed_directory),
    ("Klient/innen", seed_demo_clients),
    # Before the desk's demo visits: checking in a client with an appointment today links it.
    ("Termine", seed_demo_appointments),
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
