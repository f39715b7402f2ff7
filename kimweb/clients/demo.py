"""Demo clients for `flask seed-demo`: invented people with the tangle of problems KIM sees,
dates relative to today so that deadlines and alerts are always live. Idempotent."""

from datetime import date, timedelta

from sqlalchemy import select

from ..auth.models import Team, User
from ..directory.models import Organization
from ..extensions import db
from ..lifeareas import LifeArea
from ..timeutil import local_today
from .casenumbers import next_case_number
from .casework_models import Assessment, Consent, FollowUp, Goal, Involvement, Measure, ResidenceStatus
from .matching import refresh_search
from .models import Client, ClientDeputy, HouseholdMember, PhaseEntry
from .residence import refresh_deadlines

D = timedelta


def _org(fragment: str) -> Organization | None:
    return db.session.scalar(
        select(Organization).where(Organization.name.like(f"%{fragment}%")).order_by(Organization.id).limit(1)
    )


PEOPLE = [
    {
        "manager": "mueller",
        "family_name": "Al-Hassan",
        "given_names": "Mohammed",
        "name_original": "محمد الحسن",
        "other_spellings": "Alhasan, Muhammad",
        "birth_date": date(1985, 3, 12),
        "gender": "male",
        "nationalities": "SY",
        "languages": "ar de",
        "interpreter_needed": True,
        "interpreter_language": "ar",
        "street": "Musterweg 12",
        "postcode": "46149",
        "phase": 4,
        "access_route": "referred",
        "referred_by": "Jobcenter",
        "household": [
            ("Al-Hassan", "Fatima", "spouse", date(1988, 7, 2)),
            ("Al-Hassan", "Yusuf", "child", date(2016, 5, 9)),
            ("Al-Hassan", "Lina", "child", date(2020, 11, 23)),
        ],
        "status": [
            dict(
                status_type="aufenthaltserlaubnis",
                legal_basis="§ 25 Abs. 2 AufenthG",
                valid_from=-1060,
                valid_until=40,
                card_valid_until=40,
                passport_valid_until=150,
                employment_permitted="yes",
            )
        ],
        "needs": {
            "aufenthalt": ("urgent", "Aufenthaltserlaubnis läuft bald ab, Termin bei der ABH fehlt."),
            "sprache": ("some", "A2 abgeschlossen, B1 nur mit Kinderbetreuung möglich."),
            "wohnen": ("some", "Fünf Personen in zwei Zimmern."),
        },
        "goals": [
            (
                "aufenthalt",
                "Aufenthaltserlaubnis rechtzeitig verlängern",
                35,
                [
                    ("Verlängerungsantrag mit der Familie ausfüllen", "case_manager", None, 7),
                    ("Termin bei der Ausländerbehörde wahrnehmen", "client", "Ausländerbehörde", 21),
                ],
            ),
            (
                "sprache",
                "Sprachkurs B1 mit Kinderbetreuung beginnen",
                120,
                [("Kita-Platz für Lina klären", "agency", "Kita", 30)],
            ),
        ],
        "consents": [
            (
                "Ausländerbehörde",
                "Abstimmung zur Verlängerung",
                "exchange conference",
                "identity residence",
                "Pass",
                False,
                -60,
                300,
                None,
            ),
            (
                "Jobcenter",
                "Leistungen und Sprachkurs",
                "referral exchange",
                "identity contact language concern",
                "Einkommen, Sprachstand",
                False,
                -340,
                20,
                None,
            ),
        ],
        "involved": [
            ("Ausländerbehörde", "Sachbearbeitung Aufenthalt", -300),
            ("Jobcenter", "Fallmanagement SGB II", -400),
        ],
        "followups": [("Termin ABH bestätigen lassen", -2), ("Kita-Zusage nachfragen", 12)],
        "deputy": "yilmaz",
    },
    {
        "manager": "mueller",
        "family_name": "Kovalenko",
        "given_names": "Olena",
        "name_original": "Олена Коваленко",
        "birth_date": date(1979, 1, 1),
        "birth_date_approximate": True,
        "gender": "female",
        "nationalities": "UA",
        "languages": "uk ru",
        "interpreter_needed": True,
        "interpreter_language": "uk",
        "street": "Hauptstraße 3",
        "postcode": "46149",
        "phase": 3,
        "access_route": "walk_in",
        "household": [("Kovalenko", "Sofiia", "child", date(2012, 4, 18))],
        "status": [
            dict(
                status_type="aufenthaltserlaubnis",
                legal_basis="§ 24 Abs. 1 AufenthG",
                valid_from=-700,
                valid_until=75,
                passport_valid_until=400,
                employment_permitted="yes",
            )
        ],
        "needs": {
            "arbeit": ("urgent", "Diplom als Buchhalterin, Anerkennung nicht beantragt."),
            "gesundheit": ("some", "Schlafstörungen seit der Flucht."),
        },
        "goals": [
            ("arbeit", "Berufsanerkennung beantragen", 90, [("Unterlagen übersetzen lassen", "client", None, 30)])
        ],
        "consents": [
            (
                "Anerkennungsberatung",
                "Beratung zur Berufsanerkennung",
                "referral",
                "identity contact language concern situation",
                "Zeugnisse, Lebenslauf",
                False,
                -30,
                335,
                None,
            )
        ],
        "involved": [("Anerkennungsberatung", "Anerkennungsberatung", -30)],
        "followups": [("Übersetzung der Zeugnisse prüfen", 5)],
    },
    {
        "manager": "mueller",
        "family_name": "Popescu",
        "given_names": "Ion",
        "birth_date": date(1991, 9, 30),
        "gender": "male",
        "nationalities": "RO",
        "languages": "ro",
        "street": "Bahnhofstraße 44",
        "postcode": "46145",
        "phase": 2,
        "access_route": "self",
        "status": [
            dict(
                status_type="freizuegigkeit_eu", legal_basis="§ 2 FreizügG/EU", valid_from=-900, passport_valid_until=50
            )
        ],
        "needs": {"existenz": ("urgent", "Mietschulden, Stromsperre angedroht.")},
        "followups": [("Schuldnerberatung anfragen", -5)],
    },
    {
        "manager": "yilmaz",
        "family_name": "Tesfaye",
        "given_names": "Selam",
        "birth_date": date(1996, 6, 1),
        "gender": "female",
        "nationalities": "ER",
        "languages": "ti",
        "interpreter_needed": True,
        "interpreter_language": "ti",
        "street": "Vestische Straße 80",
        "postcode": "46117",
        "phase": 4,
        "access_route": "referred",
        "referred_by": "Rechtsberatung",
        "status": [
            dict(status_type="aufenthaltsgestattung", legal_basis="§ 55 AsylG", valid_from=-500, valid_until=-200),
            dict(
                status_type="duldung_60a",
                legal_basis="§ 60a Abs. 2 AufenthG",
                valid_from=-80,
                valid_until=10,
                employment_permitted="permission",
            ),
        ],
        "needs": {
            "aufenthalt": ("urgent", "Duldung läuft in wenigen Tagen ab; Ausbildungsplatz in Aussicht."),
            "arbeit": ("some", "Zusage für Ausbildung zur Pflegefachfrau."),
        },
        "goals": [
            (
                "aufenthalt",
                "Ausbildungsduldung (§ 60c) beantragen",
                20,
                [("Ausbildungsvertrag an die ABH senden", "case_manager", None, 3)],
            )
        ],
        "consents": [
            (
                "Rechtsberatung",
                "Prüfung der Bleibeperspektive",
                "referral conference",
                "identity residence concern",
                None,
                False,
                -200,
                None,
                -20,
            ),
            (
                "Ausländerbehörde",
                "Antrag Ausbildungsduldung",
                "exchange",
                "identity residence",
                "Ausbildungsvertrag",
                False,
                -10,
                180,
                None,
            ),
        ],
        "involved": [("Rechtsberatung", "Rechtsberatung Asyl", -200), ("Ausländerbehörde", "Duldung", -80)],
        "followups": [("Duldungsverlängerung: Termin ABH", 3)],
    },
    {
        "manager": "yilmaz",
        "family_name": "Ahmadi",
        "given_names": "Farid",
        "birth_date": date(2001, 1, 1),
        "birth_date_approximate": True,
        "gender": "male",
        "nationalities": "AF",
        "languages": "prs fa",
        "interpreter_needed": True,
        "interpreter_language": "prs",
        "postcode": "46119",
        "phase": 3,
        "access_route": "walk_in",
        "status": [
            dict(status_type="aufenthaltsgestattung", legal_basis="§ 55 AsylG", valid_from=-150, valid_until=25)
        ],
        "needs": {
            "sprache": ("some", "Kein Platz im Integrationskurs."),
            "gesundheit": ("urgent", "Hinweise auf Trauma."),
        },
        "followups": [("Therapieplatz nachfragen", 9)],
    },
    {
        "manager": "yilmaz",
        "family_name": "Yıldız",
        "given_names": "Ayşe",
        "birth_date": date(1970, 2, 14),
        "gender": "female",
        "nationalities": "TR",
        "languages": "tr de",
        "street": "Bottroper Straße 5",
        "postcode": "46117",
        "phase": 5,
        "access_route": "self",
        "status": [
            dict(
                status_type="niederlassungserlaubnis",
                legal_basis="§ 9 AufenthG",
                valid_from=-4000,
                card_valid_until=45,
                passport_valid_until=700,
                employment_permitted="yes",
            )
        ],
        "needs": {"existenz": ("some", "Rente reicht nicht, Wohngeld nicht beantragt.")},
        "consents": [
            (
                "Fachbereich Soziales",
                "Wohngeldantrag",
                "referral exchange",
                "identity contact household concern",
                "Einkommen, Miete",
                False,
                -350,
                12,
                None,
            )
        ],
        "followups": [("Wohngeldbescheid abwarten", 30)],
    },
]


def seed_demo_clients() -> list[str]:
    users = {u.username: u for u in db.session.scalars(select(User).where(User.username.in_(("mueller", "yilmaz"))))}
    if not users:
        return []
    today = local_today()
    areas = {a.code: a for a in db.session.scalars(select(LifeArea))}
    created = []
    for person in PEOPLE:
        if person["manager"] not in users:
            continue
        exists = db.session.scalar(
            select(Client.id).where(
                Client.family_name == person["family_name"], Client.given_names == person["given_names"]
            )
        )
        if exists:
            continue
        created.append(_person(person, users, areas, today).case_number)
    return created


def _person(p: dict, users: dict, areas: dict, today: date) -> Client:
    manager = users[p["manager"]]
    district = db.session.scalar(select(Team).where(Team.id == manager.team_id))
    referred = _org(p["referred_by"]) if p.get("referred_by") else None
    client = Client(
        case_number=next_case_number(today.year),
        family_name=p["family_name"],
        given_names=p["given_names"],
        name_original=p.get("name_original"),
        other_spellings="\n".join(s.strip() for s in p.get("other_spellings", "").split(",") if s.strip()) or None,
        birth_date=p["birth_date"],
        birth_date_approximate=p.get("birth_date_approximate", False),
        gender=p.get("gender"),
        nationalities=p["nationalities"],
        languages=p["languages"],
        interpreter_needed=p.get("interpreter_needed", False),
        interpreter_language=p.get("interpreter_language"),
        street=p.get("street"),
        postcode=p.get("postcode"),
        city="Oberhausen",
        district_id=district.id if district else None,
        access_route=p["access_route"],
        referred_by_id=referred.id if referred else None,
        privacy_info_on=today - D(90),
        consent_on=today - D(90),
        consent_language=p["languages"].split()[0],
        case_manager_id=manager.id,
        phase=p["phase"],
        phase_since=today - D(14),
        created_by_id=manager.id,
    )
    for family, given, relation, born in p.get("household", []):
        client.household.append(
            HouseholdMember(family_name=family, given_names=given, relation=relation, birth_date=born)
        )
    db.session.add(client)
    db.session.flush()
    for phase in range(1, p["phase"] + 1):
        db.session.add(
            PhaseEntry(
                client_id=client.id, phase=phase, entered_on=today - D(90 - 15 * phase), entered_by_id=manager.id
            )
        )
    for s in p.get("status", []):
        values = {k: (today + D(v) if isinstance(v, int) else v) for k, v in s.items()}
        db.session.add(ResidenceStatus(client_id=client.id, created_by_id=manager.id, **values))
    for code, (need, situation) in p.get("needs", {}).items():
        if code in areas:
            db.session.add(
                Assessment(
                    client_id=client.id,
                    life_area_id=areas[code].id,
                    need=need,
                    situation=situation,
                    priority=1 if need == "urgent" else 2,
                )
            )
    for code, text, target, measures in p.get("goals", []):
        goal = Goal(
            client_id=client.id,
            life_area_id=areas[code].id if code in areas else None,
            text=text,
            target_on=today + D(target),
            status="in_progress",
        )
        for what, responsible, agency, due in measures:
            org = _org(agency) if agency else None
            goal.measures.append(
                Measure(
                    what=what, responsible=responsible, organization_id=org.id if org else None, due_on=today + D(due)
                )
            )
        db.session.add(goal)
    for agency, purpose, purposes, scope, kinds, health, given, until, revoked in p.get("consents", []):
        org = _org(agency)
        if org:
            db.session.add(
                Consent(
                    client_id=client.id,
                    organization_id=org.id,
                    purpose=purpose,
                    purposes=purposes,
                    data_scope=scope,
                    data_kinds=kinds,
                    health_data=health,
                    given_on=today + D(given),
                    valid_until=today + D(until) if until is not None else None,
                    explained_language=client.consent_language,
                    revoked_on=today + D(revoked) if revoked else None,
                    created_by_id=manager.id,
                )
            )
    for agency, role, since in p.get("involved", []):
        org = _org(agency)
        if org:
            db.session.add(Involvement(client_id=client.id, organization_id=org.id, role=role, since=today + D(since)))
    for title, due in p.get("followups", []):
        db.session.add(
            FollowUp(
                client_id=client.id,
                title=title,
                due_on=today + D(due),
                assignee_id=manager.id,
                created_by_id=manager.id,
            )
        )
    if p.get("deputy") in users:
        db.session.add(ClientDeputy(client_id=client.id, user_id=users[p["deputy"]].id, added_by_id=manager.id))
    db.session.flush()
    refresh_search(client)
    refresh_deadlines(client.id)
    return client
