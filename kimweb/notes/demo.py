"""Demo contact notes for `flask seed-demo`: a few invented contacts per demo client, dated relative
to today. Idempotent: a client that has notes gets none added."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from ..auth.models import User
from ..clients.models import Client
from ..directory.models import Organization
from ..extensions import db
from ..lifeareas import LifeArea
from ..timeutil import BERLIN, local_today
from .models import ContactNote, snapshot

# (family name, days ago, hh:mm, kind, minutes, agency name fragment, life area codes, confidential, text)
NOTES = [
    (
        "Al-Hassan",
        21,
        "10:00",
        "in_person",
        60,
        "Jobcenter",
        ("arbeit", "sprache"),
        False,
        "Erstgespräch mit Herrn Al-Hassan und Dolmetscherin.\nThemen: Sprachkurs B1, Kinderbetreuung, "
        "Verlängerung der Aufenthaltserlaubnis.\nInfos zum Kurs: https://www.bamf.de/DE/Themen/Integration/",
    ),
    (
        "Al-Hassan",
        9,
        "14:30",
        "phone",
        15,
        "Ausländerbehörde",
        ("aufenthalt",),
        False,
        "Telefonat mit der ABH: Termin zur Verlängerung frühestens in drei Wochen. Unterlagen vorab per Post.",
    ),
    (
        "Al-Hassan",
        2,
        "09:15",
        "home_visit",
        45,
        None,
        ("wohnen", "gesundheit"),
        True,
        "Hausbesuch. Die Wohnsituation belastet die Familie stark; Frau Al-Hassan wirkt erschöpft.",
    ),
    (
        "Kovalenko",
        14,
        "11:00",
        "email",
        None,
        "Volkshochschule",
        ("sprache",),
        False,
        "Anmeldung zum Integrationskurs an die VHS geschickt, Rückmeldung steht aus.",
    ),
    (
        "Popescu",
        5,
        "13:00",
        "accompaniment",
        90,
        "Jobcenter",
        ("existenz",),
        False,
        "Begleitung zum Jobcenter: Weiterbewilligungsantrag abgegeben, Eingangsstempel liegt in der Akte.",
    ),
    (
        "Tesfaye",
        7,
        "10:30",
        "in_person",
        40,
        None,
        ("familie",),
        False,
        "Gespräch zur Kita-Suche für die Tochter; Liste mit drei Kitas im Sozialraum mitgegeben.",
    ),
]


def seed_demo_notes() -> int:
    areas = {a.code: a for a in db.session.scalars(select(LifeArea))}
    today = local_today()
    made = 0
    # Clients with notes before this run are left alone, so seeding twice adds nothing.
    had_notes = set(db.session.scalars(select(ContactNote.client_id).distinct()))
    for family, days, clock, kind, minutes, agency, codes, confidential, text in NOTES:
        client = db.session.scalar(select(Client).where(Client.family_name == family).order_by(Client.id).limit(1))
        if client is None or client.id in had_notes:
            continue
        author = db.session.get(User, client.case_manager_id)
        if author is None:
            continue
        hours, mins = (int(x) for x in clock.split(":"))
        local = datetime.combine(today - timedelta(days=days), time(hours, mins), tzinfo=BERLIN)
        note = ContactNote(
            client_id=client.id,
            author_id=author.id,
            occurred_at=local.astimezone(UTC).replace(tzinfo=None),
            kind=kind,
            duration_minutes=minutes,
            confidential=confidential,
            text=text,
        )
        org = agency and db.session.scalar(
            select(Organization).where(Organization.name.like(f"%{agency}%")).order_by(Organization.id).limit(1)
        )
        note.organizations = [org] if org else []
        note.life_areas = [areas[c] for c in codes if c in areas]
        db.session.add(note)
        snapshot(note, "created", author.id)
        made += 1
    return made
