"""Synthetic clients in bulk, for load tests and benchmarks (never in production)."""

import random
from datetime import date, timedelta

from sqlalchemy import func, insert, select, update

from ..auth.models import Team, User
from ..deadlines import status_deadlines
from ..extensions import db
from ..timeutil import utcnow
from .casework_models import ClientDeadline, FollowUp, ResidenceStatus
from .matching import name_keys, search_columns
from .models import CaseNumberCounter, Client, ClientNameKey

FAMILY = (
    "Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Arslan Doğan Kılıç Aslan Çetin Koç Kurt Özdemir "
    "Al-Hassan Alhasan Haddad Khalil Ibrahim Mahmoud Hussein Saleh Nasser Darwish Al-Khatib Abboud Hamdan "
    "Kovalenko Bondarenko Tkachenko Shevchenko Melnyk Kravchenko Oliynyk Boyko Lysenko Moroz Petrenko "
    "Kowalski Nowak Wiśniewski Wójcik Kamińska Lewandowski Zielińska Szymański Popescu Ionescu Popa "
    "Stan Dumitru Georgiev Dimitrov Ivanova Petrova Hodžić Kovačević Begić Hadžić Mehmedović Tesfaye "
    "Gebremedhin Haile Tekle Berhane Ahmadi Hosseini Rahimi Karimi Sultani Nazari Rossi Russo Esposito "
    "Bianchi Romano Colombo Ricci Marino Greco Müller Schmidt Schneider Fischer Weber Meyer Wagner"
).split()
GIVEN = (
    "Mohammed Muhammad Ahmad Ali Omar Hassan Hussein Khaled Yusuf Ibrahim Mustafa Fatima Aisha Maryam "
    "Zainab Layla Amina Nour Rania Ayşe Fatma Emine Hatice Zeynep Elif Mehmet Ahmet Mustafa Hüseyin "
    "Emre Can Oleksandr Olena Iryna Tetiana Natalia Andrii Serhii Dmytro Yulia Oksana Anna Maria "
    "Katarzyna Agnieszka Piotr Tomasz Krzysztof Ion Elena Andrei Mihai Ivan Georgi Desislava Amir Emina "
    "Edin Selma Amra Haris Semira Tesfay Yonas Selam Helen Abdul Farid Hamid Sara Giuseppe Marco Giulia "
    "Francesca Luca Sofia Alessandro"
).split()


def _ensure_staff() -> list[User]:
    """Sixteen case managers and a team lead per district team (created once, no password login)."""
    teams = db.session.scalars(select(Team).order_by(Team.sort_order)).all()
    staff = db.session.scalars(select(User).where(User.username.like("scale-%"))).all()
    if staff:
        return [u for u in staff if u.username.startswith("scale-fm-")]
    for number in range(16):
        db.session.add(
            User(
                username=f"scale-fm-{number:02d}",
                display_name=f"Fallmanagement {number:02d}",
                role="case_manager",
                team_id=teams[number % len(teams)].id,
                password_hash="!",
            )
        )
    for team in teams:
        db.session.add(
            User(
                username=f"scale-tl-{team.id}",
                display_name=f"Teamleitung {team.name}",
                role="team_lead",
                team_id=team.id,
                password_hash="!",
            )
        )
    db.session.flush()
    return list(db.session.scalars(select(User).where(User.username.like("scale-fm-%"))))


def seed_clients(count: int, seed: int = 7, chunk: int = 5000) -> int:
    """Insert `count` synthetic clients with name keys; a quarter are open files with a status
    record (so deadline filters have something to find) and a follow-up."""
    rng = random.Random(seed)
    managers = _ensure_staff()
    today = date.today()
    numbers: dict[int, int] = dict(
        db.session.execute(select(CaseNumberCounter.year, CaseNumberCounter.last_number)).all()
    )
    created = 0
    while created < count:
        rows, keys, statuses, follow_ups = [], [], [], []
        first_id = (db.session.scalar(select(func.max(Client.id))) or 0) + 1
        for offset in range(min(chunk, count - created)):
            client_id = first_id + offset
            family, given = rng.choice(FAMILY), rng.choice(GIVEN)
            if rng.random() < 0.2:
                given = f"{given} {rng.choice(GIVEN)}"
            birth = date(1950, 1, 1) + timedelta(days=rng.randrange(60 * 365))
            approximate = rng.random() < 0.05
            if approximate:
                birth = birth.replace(month=1, day=1)
            year = rng.choice((2021, 2022, 2023, 2024, 2025, today.year))
            numbers[year] = numbers.get(year, 0) + 1
            case_number = f"KIM-{year}-{numbers[year]:05d}"
            manager = rng.choice(managers)
            open_file = rng.random() < 0.25
            rows.append(
                {
                    "id": client_id,
                    "case_number": case_number,
                    "family_name": family,
                    "given_names": given,
                    "birth_date": birth,
                    "birth_date_approximate": approximate,
                    "nationalities": "",
                    "languages": "",
                    "interpreter_needed": False,
                    "district_id": manager.team_id,
                    "case_manager_id": manager.id,
                    "phase": rng.randint(1, 6) if open_file else 7,
                    "phase_since": today,
                    "created_at": utcnow(),
                    "updated_at": utcnow(),
                    "version": 1,
                    "household_version": 1,
                    **search_columns(family, given, (), case_number),
                }
            )
            keys += [{"key": k, "client_id": client_id} for k in name_keys(family, given, (), birth)]
            if open_file:
                valid_until = today + timedelta(days=rng.randrange(-30, 720))
                statuses.append(
                    {
                        "client_id": client_id,
                        "status_type": "aufenthaltserlaubnis",
                        "legal_basis": "§ 25 Abs. 2 AufenthG",
                        "valid_from": valid_until - timedelta(days=730),
                        "valid_until": valid_until,
                        "passport_valid_until": valid_until + timedelta(days=400),
                        "employment_permitted": "yes",
                        "created_at": utcnow(),
                    }
                )
                follow_ups.append(
                    {
                        "client_id": client_id,
                        "title": "Unterlagen prüfen",
                        "assignee_id": manager.id,
                        "due_on": today + timedelta(days=rng.randrange(-20, 60)),
                        "created_at": utcnow(),
                        "version": 1,
                    }
                )
        db.session.execute(insert(Client), rows)
        db.session.execute(insert(ClientNameKey), keys)
        if statuses:
            db.session.execute(insert(ResidenceStatus), statuses)
            db.session.execute(insert(FollowUp), follow_ups)
        created += len(rows)
    _deadlines_for_new()
    for year, last in numbers.items():
        if db.session.get(CaseNumberCounter, year) is None:
            db.session.add(CaseNumberCounter(year=year, last_number=last))
        else:
            db.session.execute(update(CaseNumberCounter).where(CaseNumberCounter.year == year).values(last_number=last))
    db.session.flush()
    return created


def _deadlines_for_new() -> None:
    # Deadlines as refresh_deadlines() would store them, for every status not yet covered.
    rows = []
    for record in db.session.scalars(
        select(ResidenceStatus).where(~ResidenceStatus.client_id.in_(select(ClientDeadline.client_id)))
    ):
        rows += [
            {
                "client_id": record.client_id,
                "status_id": record.id,
                "kind": d.kind,
                "due": d.due,
                "after_due": d.after_due,
            }
            for d in status_deadlines(record)
        ]
        if len(rows) > 5000:
            db.session.execute(insert(ClientDeadline), rows)
            rows = []
    if rows:
        db.session.execute(insert(ClientDeadline), rows)
    soonest = (
        select(func.min(ClientDeadline.due))
        .where(ClientDeadline.client_id == Client.id, ClientDeadline.after_due.is_(True))
        .scalar_subquery()
    )
    db.session.execute(update(Client).where(Client.next_due.is_(None)).values(next_due=soonest))
