"""Anonymisation keeps the statistics: every KIM report gives the same figures, exactly and before
suppression, for everyone and per team, before and after files are anonymised (a closed one, a
reassigned one and one with plan, referral, letter and household)."""

from datetime import date, datetime

from sqlalchemy import select

from kimweb.clients.assignments import reassign
from kimweb.clients.casework_models import Assessment, Goal, Measure, ResidenceStatus
from kimweb.clients.models import Client, HouseholdMember
from kimweb.extensions import db
from kimweb.kim_reports.facts import Scope, build
from kimweb.kim_reports.kim import REPORTS
from kimweb.lifeareas import LifeArea
from kimweb.notes.models import ContactNote, NoteLetter
from kimweb.privacy import retention
from kimweb.referrals.models import Referral, ReferralEvent
from tests.reports.conftest import _file, _note, traeger

START, END, TODAY = date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 15)


def _figures(scopes: list[Scope]) -> dict:
    db.session.expire_all()
    facts = build(START, END, TODAY)
    return {
        (name, scope): [(t.key, [str(h) for h in t.header], t.rows) for t in report.build(facts, scope)]
        for name, report in REPORTS.items()
        for scope in scopes
    }


def _plan(person, area, organization, author, day: datetime):
    """Need, a goal evaluated with a measure done, a referral with its outcome, a letter with a
    deadline, household members: all of it with free text that anonymisation blanks."""
    db.session.add(Assessment(client_id=person.id, life_area_id=area.id, need="urgent", situation="Geheim"))
    goal = Goal(
        client_id=person.id,
        text="Arbeit finden",
        life_area_id=area.id,
        created_at=day,
        attainment="achieved",
        evaluated_on=day.date().replace(day=20),
    )
    db.session.add(goal)
    db.session.flush()
    db.session.add(Measure(goal_id=goal.id, what="Bewerbung", done_on=day.date().replace(day=15)))
    referral = Referral(
        client_id=person.id,
        service_name="Beratung",
        organization_name=organization.name,
        reason="Arbeit",
        channel="phone",
        status="done",
        life_area_id=area.id,
        created_at=day,
    )
    db.session.add(referral)
    db.session.flush()
    db.session.add_all(
        [
            ReferralEvent(referral_id=referral.id, status="sent", at=day, note="geschickt"),
            ReferralEvent(referral_id=referral.id, status="accepted", at=day.replace(day=25), note="ja"),
        ]
    )
    letter_note = ContactNote(
        client_id=person.id, author_id=author.id, occurred_at=day, kind="letter_in", text="Bescheid"
    )
    db.session.add(letter_note)
    db.session.flush()
    db.session.add(
        NoteLetter(
            note_id=letter_note.id,
            client_id=person.id,
            organization_id=organization.id,
            subject="Bescheid Jobcenter",
            letter_date=day.date(),
            deadline=day.date().replace(day=28),
            decision_kind="sgb2",
            status="open",
        )
    )
    db.session.add_all(
        [
            HouseholdMember(client_id=person.id, family_name="Partner", given_names="P", relation="spouse"),
            HouseholdMember(client_id=person.id, family_name="Kind", given_names="K", relation="child"),
        ]
    )


def test_every_kim_report_gives_the_same_figures_after_anonymisation(app, make_user, agency):
    organization = agency()
    a1 = make_user("case_manager", team="Osterfeld", traeger_id=traeger("Caritas"))
    a2 = make_user("case_manager", team="Osterfeld", traeger_id=traeger("DRK"))
    b = make_user("case_manager", team="Sterkrade-Mitte", traeger_id=traeger("Caritas"))
    lead = make_user("team_lead", team="Osterfeld")
    area = db.session.scalar(select(LifeArea).where(LifeArea.code == "arbeit"))
    # Birthdays late in the year: an age on a day before the birthday depends on the day of birth.
    closed = _file(
        1,
        a2,
        date(2025, 10, 1),
        closed=date(2026, 3, 31),
        reason="goals_met",
        gender="female",
        nationalities="SY",
        languages="ar de",
        street="Geheimweg 1",
        phone="0208 1",
        access_route="referred",
        referred_by_id=organization.id,
        interpreter_needed=True,
        interpreter_language="ar",
    )
    closed.birth_date = date(1981, 11, 20)
    reassigned = _file(2, a1, date(2025, 12, 1), gender="male", nationalities="UA", languages="uk")
    reassigned.birth_date = date(2008, 12, 30)
    planned = _file(
        3, a1, date(2026, 2, 10), access_route="referred", referred_by_id=organization.id, nationalities="SY UA"
    )
    planned.birth_date = date(1961, 12, 1)
    kept = _file(4, a2, date(2026, 1, 1), access_route="self", gender="diverse", nationalities="AF")
    reopened = _file(5, a1, date(2025, 5, 1), closed=date(2026, 1, 15), reason="moved_away", reopened=date(2026, 2, 1))
    db.session.flush()
    reassign(reassigned, b.id, by_id=lead.id, on=date(2026, 6, 15), reason="Umzug in anderen Sozialraum")
    for person in (closed, reassigned, planned, kept, reopened):
        _note(person, a1 if person is not closed else a2, datetime(2026, 1, 20, 9), "phone", 30)
        _note(person, a1 if person is not closed else a2, datetime(2026, 3, 2, 9), "in_person", 60)
    _note(closed, a2, datetime(2026, 3, 10, 9), "case_conference", 90)
    _note(reassigned, b, datetime(2026, 7, 1, 9), "in_person", 45)
    _note(reassigned, b, datetime(2026, 8, 1, 9), "phone", 15, deleted=True)
    _note(planned, a1, datetime(2025, 12, 20, 9), "phone", 15)  # outside the period
    db.session.add_all(
        [
            # Duldung -> Aufenthaltserlaubnis, renewed in time; befristet -> eingebürgert; a permit
            # that ran out without an application (missed) and one applied for in time (met).
            ResidenceStatus(
                client_id=planned.id,
                status_type="duldung_60a",
                valid_from=date(2025, 1, 1),
                valid_until=date(2026, 3, 5),
                legal_basis="§ 60a AufenthG",
            ),
            ResidenceStatus(client_id=planned.id, status_type="aufenthaltserlaubnis", valid_from=date(2026, 3, 1)),
            ResidenceStatus(client_id=closed.id, status_type="aufenthaltserlaubnis", valid_from=date(2023, 1, 1)),
            ResidenceStatus(client_id=closed.id, status_type="eingebuergert", valid_from=date(2026, 3, 15)),
            ResidenceStatus(
                client_id=reassigned.id,
                status_type="aufenthaltserlaubnis",
                valid_from=date(2025, 3, 1),
                valid_until=date(2026, 9, 30),
            ),
            ResidenceStatus(
                client_id=kept.id,
                status_type="aufenthaltserlaubnis",
                valid_from=date(2025, 3, 1),
                valid_until=date(2026, 5, 31),
                application_submitted_on=date(2026, 5, 1),
            ),
        ]
    )
    _plan(closed, area, organization, a2, datetime(2026, 2, 3, 10))
    _plan(planned, area, organization, a1, datetime(2026, 4, 2, 10))
    _plan(reassigned, area, organization, b, datetime(2026, 7, 2, 10))
    db.session.commit()

    osterfeld, sterkrade = a1.team_id, b.team_id
    scopes = [
        Scope(),
        Scope(team_id=osterfeld),
        Scope(team_id=sterkrade),
        Scope(traeger_id=traeger("Caritas")),
        Scope(case_manager_id=a2.id),
    ]
    before = _figures(scopes)
    # The data is in the reports at all (so the comparison below compares something).
    everyone = {key: rows for name, scope in before if scope == Scope() for key, _, rows in before[(name, scope)]}
    assert dict(everyone["ueberblick"])["Abgeschlossen"] == 2
    assert dict(everyone["vermittelt"]) == {"Jobcenter Test": 1, "Summe": 1}
    assert dict(everyone["erreicht"])["Haushaltsmitglieder"] == 6
    assert dict(everyone["verbesserung"])["Summe"] == 2
    assert dict(everyone["ergebnis"])["angenommen"] == 3
    assert everyone["aufenthalt"][-1] == ["Summe", 3] and everyone["briefe"][-1] == ["Summe", 3]
    assert everyone["kontakte"][-1] == ["Summe", 15, 9.8]

    for person in (closed, reassigned, planned):
        retention.erase(db.session.get(Client, person.id), "request", lead)
    db.session.commit()
    assert db.session.get(Client, closed.id).family_name == "Anonymisiert"
    assert db.session.get(Client, planned.id).birth_date == date(1961, 1, 1)

    after = _figures(scopes)
    for key in before:
        assert after[key] == before[key], key
