"""Synthetic directory data for load tests (`flask seed-scale`): many agencies and services, fast."""

import random
import uuid
from datetime import time, timedelta
from typing import Any

from sqlalchemy import insert, select, text

from ..auth.models import Team
from ..extensions import db
from ..lifeareas import LifeArea
from ..textfold import fold
from ..timeutil import local_today
from .choices import LANGUAGE_MODES, LANGUAGES
from .models import Location, Organization, Schedule, Service, ServiceAtLocation, ServiceLanguage, service_life_area
from .search import state
from .search.indexing import AGENCY, CATEGORY, NAME, PLACE, TEXT
from .search.vocabulary import weighted_tokens
from .upkeep_models import SearchToken

TOPICS = [
    "Schuldner",
    "Migrations",
    "Sprach",
    "Familien",
    "Jugend",
    "Sucht",
    "Miet",
    "Frauen",
    "Eltern",
    "Bewerbungs",
    "Rechts",
    "Sozial",
    "Gesundheits",
    "Pflege",
    "Senioren",
    "Kinder",
    "Integrations",
    "Lern",
    "Nachbarschafts",
    "Wohn",
    "Anerkennungs",
    "Trauma",
    "Erziehungs",
    "Berufs",
    "Bildungs",
]
HEADS = ["beratung", "kurs", "treff", "zentrum", "dienst", "hilfe", "stelle", "praxis", "büro", "café"]
# Compounds as German service names are built ("Schuldnerberatung", "Sprachkurs", "Jugendtreff").
KINDS = [topic + head for topic in TOPICS for head in HEADS]
PLACES_A = [
    "Linden",
    "Birken",
    "Eichen",
    "Buchen",
    "Ahorn",
    "Rosen",
    "Sonnen",
    "Mühlen",
    "Brunnen",
    "Markt",
    "Kirch",
    "Schul",
    "Garten",
    "Wiesen",
    "Berg",
    "Tal",
    "Brücken",
    "Hafen",
    "Zechen",
    "Kanal",
]
PLACES_B = ["hof", "weg", "straße", "platz", "feld", "garten", "aue", "heide", "park", "haus"]
WORDS = (
    "Beratung Hilfe Antrag Unterstützung Familie Kinder Jugendliche Erwachsene Frauen Männer Senioren "
    "Geflüchtete Zugewanderte Arbeit Ausbildung Schule Sprache Deutsch Wohnung Miete Schulden Gesundheit "
    "Therapie Trauma Begleitung Behörde Termin Sprechstunde kostenlos vertraulich mehrsprachig Anmeldung "
    "Bescheid Leistungen Bürgergeld Kindergeld Aufenthalt Einbürgerung Anerkennung Qualifizierung Praktikum "
    "Nachbarschaft Treffpunkt Freizeit Sport Kultur Ehrenamt Patenschaft Dolmetschen Übersetzung"
).split()
VOCABULARY = WORDS + KINDS
ZIPF = [1 / rank for rank in range(1, len(VOCABULARY) + 1)]
STATUSES = ["active"] * 18 + ["temporarily_closed", "inactive"]
ATTENDING = ["walk_in", "appointment", "phone", "hours"]
BATCH = 1000


def _insert(model_or_table, rows: list[dict]) -> list[int]:
    table = getattr(model_or_table, "__table__", model_or_table)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows))


def seed_synthetic(count: int, seed: int = 7) -> int:
    rng = random.Random(seed)

    def new_uuid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    districts = list(db.session.scalars(select(Team.id).where(Team.kind == "district")))
    areas = list(db.session.scalars(select(LifeArea)))
    codes, modes = list(LANGUAGES)[:24], list(LANGUAGE_MODES)
    org_count = max(1, count // 10)
    places = [rng.choice(PLACES_A) + rng.choice(PLACES_B) for _ in range(org_count)]
    org_names = [f"{rng.choice(['Verein', 'Zentrum', 'Stiftung', 'Netzwerk'])} {place}" for place in places]
    org_ids = _insert(
        Organization,
        [
            {"uuid": new_uuid(), "name": name, "legal_status": "synthetisch (seed-scale)", "version": 1}
            for name in org_names
        ],
    )
    location_ids = _insert(
        Location,
        [
            {
                "uuid": new_uuid(),
                "organization_id": org_id,
                "name": place,
                "address_1": f"{place} {n % 120 + 1}",
                "postal_code": "46045",
                "city": "Oberhausen",
                "district_id": rng.choice(districts),
                "address_confidential": False,
                "version": 1,
            }
            for n, (org_id, place) in enumerate(zip(org_ids, places, strict=True))
        ],
    )
    today = local_today()
    for start in range(0, count, BATCH):
        numbers = range(start, min(count, start + BATCH))
        services, extras = [], []
        for n in numbers:
            place = places[n % org_count]
            name = f"{rng.choice(KINDS)} {place}"
            # Zipf-like: a few words are in many descriptions, most in few, as in real text.
            description = " ".join(rng.choices(VOCABULARY, weights=ZIPF, k=18))
            checked = today - timedelta(days=rng.randint(0, 700))
            services.append(
                {
                    "uuid": new_uuid(),
                    "organization_id": org_ids[n % org_count],
                    "name": name,
                    "sort_key": fold(name),
                    "description": description,
                    "status": rng.choice(STATUSES),
                    "intake_mode": rng.choice(["walk_in", "appointment", "referral_only"]),
                    "capacity": rng.choice(["accepting", "waitlist", "not_accepting"]),
                    "last_verified_on": checked,
                    "next_review_on": checked + timedelta(days=365),
                    "version": 1,
                }
            )
            extras.append((n, name, description, rng.sample(areas, rng.randint(1, 2))))
        ids = _insert(Service, services)
        _children(rng, new_uuid, ids, extras, places, org_names, location_ids, codes, modes)
    state.changed()
    if db.engine.dialect.name == "postgresql":
        # Fresh planner statistics, as autovacuum would gather them a little later.
        db.session.execute(text("ANALYZE"))
    return count


def _children(rng, new_uuid, ids, extras, places, org_names, location_ids, codes, modes) -> None:
    org_count = len(org_names)
    # Core tables (the ORM's bulk path is slower here); mypy types Model.__table__ only as a FromClause.
    rows: dict[Any, list[dict]] = {
        ServiceAtLocation.__table__: [],
        Schedule.__table__: [],
        ServiceLanguage.__table__: [],
        service_life_area: [],
        SearchToken.__table__: [],
    }
    for service_id, (n, name, description, chosen) in zip(ids, extras, strict=True):
        rows[ServiceAtLocation.__table__].append(
            {"uuid": new_uuid(), "service_id": service_id, "location_id": location_ids[n % org_count]}
        )
        for weekday in rng.sample(range(1, 8), rng.randint(0, 5)):
            hour = rng.choice([7, 8, 9, 10, 13, 14])
            rows[Schedule.__table__].append(
                {
                    "uuid": new_uuid(),
                    "service_id": service_id,
                    "weekday": weekday,
                    "opens_at": time(hour),
                    "closes_at": time(hour + rng.choice([2, 3, 4])),
                    "attending": rng.choice(ATTENDING),
                }
            )
        for code in rng.sample(codes, rng.randint(0, 3)):
            rows[ServiceLanguage.__table__].append(
                {"uuid": new_uuid(), "service_id": service_id, "code": code, "mode": rng.choice(modes)}
            )
        rows[service_life_area] += [{"service_id": service_id, "life_area_id": a.id} for a in chosen]
        tokens = weighted_tokens(
            [(name, NAME), (org_names[n % org_count], AGENCY), (description, TEXT), (places[n % org_count], PLACE)]
            + [(a.label, CATEGORY) for a in chosen]
        )
        rows[SearchToken.__table__] += [{"service_id": service_id, "token": t, "weight": w} for t, w in tokens.items()]
    for table, values in rows.items():
        if values:
            db.session.execute(insert(table), values)
