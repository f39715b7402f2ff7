"""Every KIM figure from the known world (tests/reports/conftest.py), exactly, including the edges
of the period, a reopened file and a file reassigned across teams."""

from datetime import date, datetime, timedelta

from kimweb.appointments.models import Appointment
from kimweb.directory.models import Organization
from kimweb.extensions import db
from kimweb.kim_reports.fact_parts import letter_state
from kimweb.kim_reports.facts import Scope, build
from kimweb.kim_reports.kim import REPORTS, cases, deadlines, network, outcomes, people, work
from kimweb.notes.models import ContactNote, NoteLetter
from tests.reports.conftest import END, START, TODAY, traeger


def rows(tables, key) -> dict:
    table = next(t for t in tables if t.key == key)
    return {row[0]: row[1:] if len(row) > 2 else row[1] for row in table.rows}


def facts():
    return build(START, END, TODAY)


def test_files_closed_before_the_period_are_not_in_it(world):
    ids = {f.client_id for f in facts()}
    assert world.files["before"].id not in ids
    assert len(ids) == 7


def test_cases_for_everyone(world):
    overview = rows(cases(facts(), Scope()), "ueberblick")
    assert overview == {
        "Offen zu Beginn": 5,
        "Neu aufgenommen": 2,  # one of them on the first day of the period
        "Wieder aufgenommen": 1,
        "Von anderen übernommen": 0,
        "An andere abgegeben": 0,
        "Abgeschlossen": 2,  # one on the last day of the period; the one closed a day later is open
        "Offen am Ende": 6,
    }


def test_a_restricted_file_is_in_no_report(world):
    before = rows(cases(facts(), Scope()), "ueberblick")
    world.files["old"].restricted = True  # open all through the period
    db.session.commit()
    after = rows(cases(facts(), Scope()), "ueberblick")
    assert after["Offen zu Beginn"] == before["Offen zu Beginn"] - 1
    assert after["Offen am Ende"] == before["Offen am Ende"] - 1
    assert world.files["old"].id not in {fact.client_id for fact in facts()}


def test_cases_of_a_team_follow_the_reassignment(world):
    team_a = rows(cases(facts(), Scope(team_id=world.a1.team_id)), "ueberblick")
    assert team_a == {
        "Offen zu Beginn": 5,
        "Neu aufgenommen": 2,
        "Wieder aufgenommen": 1,
        "Von anderen übernommen": 0,
        "An andere abgegeben": 1,
        "Abgeschlossen": 2,
        "Offen am Ende": 5,
    }
    team_b = rows(cases(facts(), Scope(team_id=world.b.team_id)), "ueberblick")
    assert team_b["Offen zu Beginn"] == 0
    assert team_b["Von anderen übernommen"] == 1
    assert team_b["Offen am Ende"] == 1


def test_cases_of_a_case_manager_and_a_traeger(world):
    a2 = rows(cases(facts(), Scope(case_manager_id=world.a2.id)), "ueberblick")
    assert (a2["Offen zu Beginn"], a2["Neu aufgenommen"], a2["Abgeschlossen"], a2["Offen am Ende"]) == (2, 1, 1, 2)
    # Caritas: a1's files and, after the reassignment, b's: the file stays with the Träger.
    caritas = rows(cases(facts(), Scope(traeger_id=traeger("Caritas"))), "ueberblick")
    assert caritas["An andere abgegeben"] == 0 and caritas["Von anderen übernommen"] == 0
    assert (caritas["Offen zu Beginn"], caritas["Offen am Ende"]) == (3, 4)


def test_new_by_route_closures_phases_and_duration(world):
    tables = cases(facts(), Scope())
    assert rows(tables, "zugang")["offene Sprechstunde / ohne Termin"] == 1
    assert rows(tables, "zugang")["selbst gemeldet (Telefon, E-Mail)"] == 1
    assert rows(tables, "zugang")["Summe"] == 2
    closures = rows(tables, "abschluss")
    assert (closures["Ziele erreicht"], closures["weggezogen"], closures["Summe"]) == (1, 1, 2)
    phases = rows(tables, "phase")
    assert phases["1 · Klärung / Intake"] == 5 and phases["3 · Hilfeplanung"] == 1 and phases["Summe"] == 6
    # 01.10.2025 -> 31.03.2026 is 181 days; 01.05.2025 -> 15.01.2026 is 259 days.
    durations = rows(tables, "dauer")
    assert durations["6 bis 12 Monate"] == 1 and durations["3 bis 6 Monate"] == 1
    assert rows(tables, "dauer_kennzahlen")["Median"] == [2, 220]


def test_people(world):
    tables = people(facts(), Scope())
    assert rows(tables, "erreicht") == {"Klient/innen": 7, "Haushaltsmitglieder": 2, "Zusammen": 9}
    assert rows(tables, "alter")["27–44"] == 7
    assert rows(tables, "staatsangehoerigkeit")["Syrien"] == 2
    assert rows(tables, "dolmetschung")["benötigt"] == 1
    status = rows(tables, "status")
    assert status["Duldung"] == [1, 0]  # the new file at intake
    assert status["eingebürgert"] == [0, 1]  # the file closed on the last day, at closure
    assert status["unbekannt / nicht erfasst"] == [1, 1]
    moves = rows(tables, "verbesserung")
    assert moves["Duldung → Aufenthaltserlaubnis"] == 1
    assert moves["befristet → unbefristet"] == 1
    assert moves["Einbürgerung"] == 1
    assert moves["Summe"] == 3


def test_work_counts_contacts_for_who_had_the_file(world):
    everyone = next(t for t in work(facts(), Scope()) if t.key == "kontakte")
    by_kind = {row[0]: row[1:] for row in everyone.rows}
    assert by_kind["Telefonat"] == [1, 0.5]
    assert by_kind["Persönliches Gespräch"] == [1, 1.0]
    assert by_kind["Fallkonferenz"] == [1, 1.5]
    assert by_kind["Summe"] == [3, 3.0]
    team_b = {row[0]: row[1:] for row in next(t for t in work(facts(), Scope(team_id=world.b.team_id))).rows}
    assert team_b["Summe"] == [1, 1.0]
    assert rows(work(facts(), Scope()), "arbeit")["Fallkonferenzen"] == 1


def test_work_counts_contacts_of_a_kind_no_longer_offered(world):
    # Counted per file and kind by the database; a kind outside today's list still adds to the sum.
    for minutes in (20, None):
        db.session.add(
            ContactNote(
                client_id=world.files["old"].id,
                author_id=world.a1.id,
                occurred_at=datetime(2026, 2, 10, 9),
                kind="fax",
                duration_minutes=minutes,
                text="t",
            )
        )
    db.session.commit()
    everyone = {row[0]: row[1:] for row in next(t for t in work(facts(), Scope()) if t.key == "kontakte").rows}
    assert everyone["Telefonat"] == [1, 0.5]
    assert everyone["Summe"] == [5, round(200 / 60, 1)]


def test_work_counts_appointments_by_outcome_for_who_had_the_file(world):
    reassigned = world.files["reassigned"]  # team A until 15.02.2026, then team B
    for starts, state in (
        (datetime(2026, 1, 10, 9), "kept"),
        (datetime(2026, 2, 1, 9), "missed"),
        (datetime(2026, 2, 20, 9), "cancelled"),
        (datetime(2026, 3, 31, 22, 30), "missed_unconfirmed"),  # UTC: 1 April in Berlin, after the period
        (datetime(2026, 3, 30, 9), "missed_unconfirmed"),
        (datetime(2026, 3, 2, 9), "planned"),  # no outcome yet: not counted
        (datetime(2025, 12, 30, 9), "kept"),  # before the period
    ):
        db.session.add(
            Appointment(
                client_id=reassigned.id,
                case_manager_id=world.a1.id,
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
                kind="office",
                state=state,
            )
        )
    db.session.commit()
    everyone = rows(work(facts(), Scope()), "termine")
    assert everyone == {
        "wahrgenommen": 1,
        "abgesagt": 1,
        "nicht erschienen": 1,
        "nicht erschienen, noch unbestätigt": 1,
        "Summe": 4,
    }
    team_b = rows(work(facts(), Scope(team_id=world.b.team_id)), "termine")
    assert team_b["abgesagt"] == 1 and team_b["nicht erschienen, noch unbestätigt"] == 1 and team_b["Summe"] == 2


def test_needs_and_outcomes(world):
    table = outcomes(facts(), Scope())[0]
    work_row = next(row for row in table.rows if row[0] == world.area.label)
    # need, goals set, achieved, partly, not achieved, measures done
    assert work_row[1:] == [2, 1, 1, 1, 0, 1]


def test_network_counts_the_status_at_the_end_of_the_period(world):
    tables = network(facts(), Scope())
    assert rows(tables, "ergebnis")["angenommen"] == 1
    assert rows(tables, "ergebnis")["erledigt"] == 0
    assert rows(tables, "stellen")["Jobcenter Test"][-1] == 1


def test_deadlines(world):
    residence = rows(deadlines(facts(), Scope()), "aufenthalt")
    assert residence["eingehalten (Antrag oder Folgepapier rechtzeitig)"] == 1
    assert residence["versäumt"] == 1


def test_letter_deadlines_in_time_late_unknown_and_open(world):
    old = world.files["old"]
    organization = Organization(name="Ausländerbehörde")
    db.session.add(organization)
    db.session.flush()
    cases = (
        (date(2026, 2, 10), "answered", date(2026, 2, 10)),  # on the day: in time
        (date(2026, 2, 11), "done", date(2026, 2, 20)),  # late
        (date(2026, 2, 12), "appealed", None),  # handled before the day was kept
        (date(2026, 2, 13), "open", None),  # passed (today is in December)
        (date(2026, 4, 2), "answered", date(2026, 3, 1)),  # deadline after the period: not counted
    )
    for number, (deadline, status, handled_on) in enumerate(cases):
        note = ContactNote(
            client_id=old.id,
            author_id=world.a1.id,
            occurred_at=datetime(2026, 1, 5 + number, 9),
            kind="letter_in",
            text="Schreiben",
        )
        db.session.add(note)
        db.session.flush()
        db.session.add(
            NoteLetter(
                note_id=note.id,
                client_id=old.id,
                organization_id=organization.id,
                subject="Anhörung",
                letter_date=date(2026, 1, 5),
                deadline=deadline,
                status=status,
                handled_on=handled_on,
            )
        )
    db.session.commit()
    letters = rows(deadlines(facts(), Scope()), "briefe")
    assert letters["rechtzeitig erledigt (bis zum Fristtag)"] == 1
    assert letters["nach Fristablauf erledigt"] == 1
    assert letters["erledigt, Tag nicht erfasst"] == 1
    assert letters["offen, Frist abgelaufen"] == 1
    assert letters["offen, Frist läuft noch"] == 0
    assert letters["Summe"] == 4
    assert letter_state(date(2026, 5, 1), "open", None, TODAY) == "overdue"
    assert letter_state(date(2027, 5, 1), "open", None, TODAY) == "pending"


def test_every_report_builds_on_an_empty_period(app):
    for report in REPORTS.values():
        assert report.build(build(START, END, TODAY), Scope())
