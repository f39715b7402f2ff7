"""Deadline arithmetic, appeal periods, status alerts, lawful stay and benefit reminders, all on
fixed dates and NRW public holidays."""

import enum
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from flask import Flask
from flask_babel import Babel

from kimweb.deadlines import (
    Period,
    StatusRecord,
    add_period,
    appeal_deadline,
    appeal_kinds,
    benefit_reminder,
    deemed_served,
    describe_period,
    is_working_day,
    last_day_of_period,
    lawful_stay,
    legal_deadline,
    status_alerts,
    status_deadlines,
    status_kind,
    subtract_period,
    working_day_on_or_after,
    working_day_on_or_before,
)
from kimweb.deadlines.rules import (
    ALERT_RULES,
    APPEAL_RULES,
    BENEFIT_RULES,
    LAWFUL_STAY_TYPES_WITH_GESTATTUNG,
    STATUS_TYPES,
)
from kimweb.holidays_nrw import is_public_holiday

D = date


# --- Month ends and leap years ---------------------------------------------------------------
@pytest.mark.parametrize(
    "start, months, expected",
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2028, 1, 30), 1, D(2028, 2, 29)),
        (D(2025, 1, 31), 2, D(2025, 3, 31)),  # clamped from the start, not month by month
        (D(2025, 3, 31), 1, D(2025, 4, 30)),
        (D(2025, 4, 30), 1, D(2025, 5, 30)),
        (D(2025, 12, 15), 1, D(2026, 1, 15)),  # across the year
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
    ],
)
def test_month_periods_end_on_the_corresponding_day(start, months, expected):
    assert add_period(start, Period(months=months)) == expected


def test_a_year_from_29_february_ends_on_28_february():
    assert add_period(D(2024, 2, 29), Period(years=1)) == D(2025, 2, 28)
    assert add_period(D(2024, 2, 29), Period(years=4)) == D(2028, 2, 29)


def test_leap_day_deadline_is_not_shifted_when_it_is_a_working_day():
    deadline = legal_deadline(D(2024, 1, 31), months=1)
    assert deadline.unshifted == deadline.due == D(2024, 2, 29)
    assert not deadline.shifted and deadline.shift_reason is None


def test_month_end_landing_on_a_saturday_moves_to_monday():
    deadline = legal_deadline(D(2026, 1, 31), months=1)
    assert deadline.unshifted == D(2026, 2, 28)
    assert deadline.due == D(2026, 3, 2)
    assert deadline.shift_reason == "verschoben: Samstag, Sonntag"


def test_days_and_weeks_do_not_count_the_event_day():
    assert legal_deadline(D(2026, 3, 2), days=3).due == D(2026, 3, 5)
    assert legal_deadline(D(2026, 3, 11), weeks=2).due == D(2026, 3, 25)  # Wednesday to Wednesday


def test_subtract_period_clamps_month_ends_too():
    assert subtract_period(D(2026, 8, 31), Period(months=6)) == D(2026, 2, 28)
    assert subtract_period(D(2026, 9, 30), Period(weeks=12)) == D(2026, 7, 8)


@pytest.mark.parametrize(
    "first_day, months, last_day",
    [
        (D(2026, 1, 1), 12, D(2026, 12, 31)),
        (D(2026, 3, 15), 18, D(2027, 9, 14)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 1, 29), 1, D(2025, 2, 28)),
        (D(2026, 2, 1), 24, D(2028, 1, 31)),
    ],
)
def test_last_day_of_period_whose_first_day_counts(first_day, months, last_day):
    assert last_day_of_period(first_day, months) == last_day


def test_zero_or_negative_periods_are_refused():
    with pytest.raises(ValueError):
        legal_deadline(D(2026, 3, 2))
    with pytest.raises(ValueError):
        legal_deadline(D(2026, 3, 2), days=-1)


# --- Weekends and NRW public holidays --------------------------------------------------------
def test_saturday_and_sunday():
    saturday = legal_deadline(D(2026, 3, 7), weeks=2)
    assert (saturday.unshifted, saturday.due) == (D(2026, 3, 21), D(2026, 3, 23))
    assert saturday.shift_reason == "verschoben: Samstag, Sonntag"
    sunday = legal_deadline(D(2026, 3, 8), weeks=1)
    assert (sunday.unshifted, sunday.due) == (D(2026, 3, 15), D(2026, 3, 16))
    assert sunday.shift_reason == "verschoben: Sonntag"


def test_karfreitag_chain_runs_past_easter_monday():
    deadline = legal_deadline(D(2026, 3, 20), weeks=2)
    assert deadline.unshifted == D(2026, 4, 3)
    assert deadline.due == D(2026, 4, 7)
    assert [day for day, _ in deadline.skipped] == [D(2026, 4, 3), D(2026, 4, 4), D(2026, 4, 5), D(2026, 4, 6)]
    assert deadline.shift_reason == "verschoben: Karfreitag, Samstag, Sonntag, Ostermontag"


def test_ostermontag():
    deadline = legal_deadline(D(2026, 3, 9), weeks=4)
    assert (deadline.unshifted, deadline.due) == (D(2026, 4, 6), D(2026, 4, 7))
    assert deadline.shift_reason == "verschoben: Ostermontag"


def test_fronleichnam_is_a_holiday_in_nrw():
    assert is_public_holiday(D(2026, 6, 4))
    deadline = legal_deadline(D(2026, 5, 4), months=1)
    assert (deadline.unshifted, deadline.due) == (D(2026, 6, 4), D(2026, 6, 5))
    assert deadline.shift_reason == "verschoben: Fronleichnam"


def test_allerheiligen_on_a_monday_and_on_a_sunday():
    monday = legal_deadline(D(2027, 10, 1), months=1)
    assert (monday.unshifted, monday.due) == (D(2027, 11, 1), D(2027, 11, 2))
    # On a Sunday the holiday's name is the more telling reason.
    sunday = legal_deadline(D(2026, 10, 1), months=1)
    assert sunday.due == D(2026, 11, 2)
    assert sunday.shift_reason == "verschoben: Allerheiligen"


def test_christmas_chain_from_a_friday():
    deadline = legal_deadline(D(2026, 11, 25), months=1)
    assert deadline.unshifted == D(2026, 12, 25)
    assert deadline.due == D(2026, 12, 28)
    assert deadline.shift_reason == "verschoben: Erster Weihnachtstag, Zweiter Weihnachtstag, Sonntag"


def test_christmas_eve_is_a_working_day():
    deadline = legal_deadline(D(2026, 11, 24), months=1)
    assert deadline.due == D(2026, 12, 24) and not deadline.shifted


def test_new_year_on_a_friday():
    deadline = legal_deadline(D(2026, 12, 1), months=1)
    assert deadline.due == D(2027, 1, 4)
    assert deadline.shift_reason == "verschoben: Neujahr, Samstag, Sonntag"


def test_holidays_of_other_states_do_not_shift():
    # Reformationstag (e.g. Niedersachsen) and Buß- und Bettag (Sachsen) are working days in NRW.
    assert legal_deadline(D(2025, 10, 17), weeks=2).due == D(2025, 10, 31)
    assert legal_deadline(D(2025, 11, 12), weeks=1).due == D(2025, 11, 19)


def test_working_day_helpers():
    assert is_working_day(D(2026, 12, 24))
    assert not is_working_day(D(2026, 12, 25))
    assert working_day_on_or_after(D(2026, 12, 25)) == D(2026, 12, 28)
    assert working_day_on_or_after(D(2026, 12, 23)) == D(2026, 12, 23)
    assert working_day_on_or_before(D(2026, 10, 4)) == D(2026, 10, 2)  # Sunday, then 3 Oct


# --- Appeal periods --------------------------------------------------------------------------
def test_asylum_decision_two_weeks():
    deadline = appeal_deadline("asyl", D(2026, 3, 2))
    assert deadline.due == D(2026, 3, 16)
    assert deadline.period == Period(weeks=2)
    assert deadline.legal_basis.startswith("§ 74 Abs. 1")
    assert str(deadline.label) == "Asylbescheid des BAMF (Klage)"
    assert deadline.period_text == "2 Wochen"


@pytest.mark.parametrize("kind", ["asyl_offensichtlich_unbegruendet", "asyl_dublin"])
def test_asylum_one_week(kind):
    assert appeal_deadline(kind, D(2026, 3, 2)).due == D(2026, 3, 9)
    assert appeal_deadline(kind, D(2026, 3, 27)).due == D(2026, 4, 7)  # Karfreitag to Ostermontag


@pytest.mark.parametrize(
    "kind",
    [
        "verwaltungsakt",
        "auslaenderbehoerde",
        "jobcenter",
        "familienkasse",
        "widerspruchsbescheid",
        "widerspruchsbescheid_sozial",
        "sozialleistung",
    ],
)
def test_one_month_decisions(kind):
    deadline = appeal_deadline(kind, D(2026, 1, 15))
    assert deadline.unshifted == D(2026, 2, 15)  # a Sunday
    assert deadline.due == D(2026, 2, 16)
    assert deadline.period_text == "1 Monat"


@pytest.mark.parametrize(
    "kind, basis",
    [
        ("verwaltungsakt", "§ 58 Abs. 2 VwGO"),
        ("asyl", "§ 58 Abs. 2 VwGO"),
        ("asyl_offensichtlich_unbegruendet", "§ 58 Abs. 2 VwGO"),
        ("jobcenter", "§ 66 Abs. 2 SGG"),
        ("familienkasse", "§ 356 Abs. 2 AO"),
    ],
)
def test_one_year_when_remedy_instructions_are_missing(kind, basis):
    deadline = appeal_deadline(kind, D(2026, 1, 15), remedy_instructions_missing=True)
    assert deadline.period == Period(years=1)
    assert deadline.due == D(2027, 1, 15)
    assert deadline.legal_basis == basis


def test_one_year_period_ending_on_a_holiday_shifts():
    deadline = appeal_deadline("verwaltungsakt", D(2026, 1, 1), remedy_instructions_missing=True)
    assert deadline.unshifted == D(2027, 1, 1)
    assert deadline.due == D(2027, 1, 4)


def test_hearing_letter_defaults_to_two_weeks_and_can_be_set():
    assert appeal_deadline("anhoerung", D(2026, 3, 2)).due == D(2026, 3, 16)
    # No remedy is lodged against a hearing letter, so no year either.
    assert appeal_deadline("anhoerung", D(2026, 3, 2), remedy_instructions_missing=True).due == D(2026, 3, 16)
    custom = appeal_deadline("anhoerung", D(2026, 3, 2), period=Period(days=10))
    assert custom.due == D(2026, 3, 12) and custom.period_text == "10 Tage"


def test_unknown_kind_of_decision():
    with pytest.raises(ValueError):
        appeal_deadline("gibt_es_nicht", D(2026, 3, 2))


def test_appeal_kinds_for_a_select_field():
    kinds = appeal_kinds()
    assert [key for key, _ in kinds] == list(APPEAL_RULES)
    assert all(isinstance(label, str) and label for _, label in kinds)


# --- Deemed service ------------------------------------------------------------------------------
def test_deemed_service_on_the_fourth_day_from_2025():
    assert deemed_served(D(2025, 3, 3)) == D(2025, 3, 7)
    assert deemed_served(D(2025, 1, 1)) == D(2025, 1, 5)


def test_deemed_service_on_the_third_day_before_2025():
    assert deemed_served(D(2024, 12, 2)) == D(2024, 12, 5)
    assert deemed_served(D(2024, 12, 31)) == D(2025, 1, 3)  # the posting day decides


def test_deemed_service_on_a_sunday_stays_and_only_the_deadline_moves():
    served = deemed_served(D(2025, 3, 5))
    assert served == D(2025, 3, 9)  # a Sunday
    assert deemed_served(D(2025, 3, 5), shift=True) == D(2025, 3, 10)
    assert appeal_deadline("verwaltungsakt", served).due == D(2025, 4, 9)


def test_deemed_service_on_karfreitag():
    assert deemed_served(D(2026, 3, 30)) == D(2026, 4, 3)
    assert deemed_served(D(2026, 3, 30), shift=True) == D(2026, 4, 7)


# --- Status types --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, basis, kind",
    [
        ("Aufenthaltserlaubnis", "§ 25 Abs. 2 AufenthG", "aufenthaltserlaubnis"),
        ("Aufenthaltserlaubnis", "§ 104c AufenthG", "chancen_aufenthalt"),
        ("§ 104c Chancen-Aufenthalt", None, "chancen_aufenthalt"),
        ("Duldung § 60b", None, "duldung"),
        ("§ 60a Duldung", None, "duldung"),
        ("Fiktionsbescheinigung (§ 81 Abs. 4)", None, "fiktionsbescheinigung"),
        ("Blaue Karte EU", None, "blaue_karte"),
        ("Daueraufenthalt-EU", None, "daueraufenthalt_eu"),
        ("Freizügigkeit EU", None, "freizuegigkeit_eu"),
        ("eingebürgert", None, "eingebuergert"),
        ("ICT-Karte", None, "unbekannt"),
        ("", None, "unbekannt"),
        (None, None, "unbekannt"),
    ],
)
def test_status_kind(text, basis, kind):
    assert status_kind(text, basis) == kind


def test_every_status_type_key_and_label_is_recognised():
    for key, label in STATUS_TYPES.items():
        assert status_kind(key) == key
        assert status_kind(str(label)) == key


# --- Renewal alerts --------------------------------------------------------------------------
PERMIT = StatusRecord(
    "Aufenthaltserlaubnis",
    "§ 25 Abs. 2 AufenthG",
    issued_on=D(2024, 10, 1),
    valid_until=D(2026, 9, 30),
    card_valid_until=D(2026, 9, 30),
)


@pytest.mark.parametrize(
    "today, severity, alert_on",
    [
        (D(2026, 7, 7), None, None),  # 12 weeks and a day ahead
        (D(2026, 7, 8), "info", D(2026, 7, 8)),  # exactly 12 weeks
        (D(2026, 8, 4), "info", D(2026, 7, 8)),
        (D(2026, 8, 5), "soon", D(2026, 8, 5)),  # exactly 8 weeks
        (D(2026, 9, 1), "soon", D(2026, 8, 5)),
        (D(2026, 9, 2), "urgent", D(2026, 9, 2)),  # exactly 4 weeks
        (D(2026, 9, 30), "urgent", D(2026, 9, 2)),  # the last day an application still keeps the fiction
        (D(2026, 10, 1), "overdue", D(2026, 10, 1)),
    ],
)
def test_renewal_alert_stages(today, severity, alert_on):
    alerts = [a for a in status_alerts(PERMIT, today) if a.kind == "permit_renewal"]
    if severity is None:
        assert alerts == []
        return
    [alert] = alerts
    assert (alert.severity, alert.alert_on, alert.due) == (severity, alert_on, D(2026, 9, 30))
    assert alert.days_left == (D(2026, 9, 30) - today).days


def test_card_expiring_with_the_permit_gives_one_alert():
    kinds = [a.kind for a in status_alerts(PERMIT, D(2026, 9, 2))]
    assert kinds == ["permit_renewal"]


def test_card_of_a_settlement_permit():
    record = StatusRecord("Niederlassungserlaubnis", issued_on=D(2017, 5, 2), card_valid_until=D(2027, 5, 1))
    [deadline] = status_deadlines(record)
    assert deadline.kind == "card_expiry" and deadline.due == D(2027, 5, 1)
    assert status_alerts(record, D(2027, 2, 6))[0].severity == "info"


def test_last_working_day_before_expiry():
    record = StatusRecord("Aufenthaltserlaubnis", valid_until=D(2026, 10, 4))  # Sunday after 3 Oct
    [alert] = status_alerts(record, D(2026, 9, 20))
    assert alert.last_working_day == D(2026, 10, 2)


@pytest.mark.parametrize(
    "today, severity",
    [
        (D(2026, 2, 27), None),
        (D(2026, 2, 28), "info"),  # 6 months before 31 Aug
        (D(2026, 5, 31), "soon"),
        (D(2026, 8, 3), "urgent"),
        (D(2026, 9, 1), "overdue"),
    ],
)
def test_passport_alerts(today, severity):
    record = StatusRecord("Duldung", valid_until=D(2027, 1, 1), passport_valid_until=D(2026, 8, 31))
    alerts = [a for a in status_alerts(record, today) if a.kind == "passport_expiry"]
    assert [a.severity for a in alerts] == ([severity] if severity else [])


def test_passport_alert_next_to_a_permit_that_ends_with_it():
    record = StatusRecord("Aufenthaltserlaubnis", valid_until=D(2026, 9, 30), passport_valid_until=D(2026, 9, 30))
    kinds = [a.kind for a in status_alerts(record, D(2026, 9, 2))]
    assert kinds == ["permit_renewal", "passport_expiry"]


# --- § 104c ----------------------------------------------------------------------------------
def test_chancen_aufenthalt_ends_after_18_months_and_is_not_renewed():
    record = StatusRecord(
        "Aufenthaltserlaubnis",
        "§ 104c AufenthG",
        issued_on=D(2026, 3, 15),
        valid_until=D(2027, 12, 31),
        card_valid_until=D(2027, 9, 14),
    )
    [deadline] = status_deadlines(record)
    assert deadline.kind == "chancen_end"
    assert deadline.due == D(2027, 9, 14)
    assert deadline.stages == ((D(2027, 3, 14), "info"), (D(2027, 6, 14), "soon"), (D(2027, 8, 3), "urgent"))
    assert status_alerts(record, D(2027, 3, 13)) == []
    assert [a.severity for a in status_alerts(record, D(2027, 3, 14))] == ["info"]
    assert [a.severity for a in status_alerts(record, D(2027, 8, 3))] == ["urgent"]
    assert [a.severity for a in status_alerts(record, D(2027, 9, 15))] == ["overdue"]


def test_chancen_aufenthalt_with_an_earlier_end_date():
    record = StatusRecord("§ 104c Chancen-Aufenthalt", issued_on=D(2026, 3, 15), valid_until=D(2027, 6, 30))
    assert status_deadlines(record)[0].due == D(2027, 6, 30)
    assert status_deadlines(StatusRecord("§ 104c Chancen-Aufenthalt", valid_until=D(2027, 6, 30)))[0].due == D(
        2027, 6, 30
    )


# --- Short papers ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "status_type, kind",
    [
        ("Fiktionsbescheinigung (§ 81 Abs. 4)", "fiktion_expiry"),
        ("Duldung § 60b", "duldung_expiry"),
        ("Aufenthaltsgestattung", "gestattung_expiry"),
    ],
)
@pytest.mark.parametrize(
    "today, severity",
    [
        (D(2026, 4, 21), None),
        (D(2026, 4, 22), "info"),
        (D(2026, 5, 5), "info"),
        (D(2026, 5, 6), "soon"),
        (D(2026, 5, 13), "urgent"),
        (D(2026, 5, 20), "urgent"),
        (D(2026, 5, 21), "overdue"),
    ],
)
def test_short_papers(status_type, kind, today, severity):
    record = StatusRecord(status_type, valid_until=D(2026, 5, 20))
    alerts = status_alerts(record, today)
    assert [(a.kind, a.severity) for a in alerts] == ([(kind, severity)] if severity else [])


def test_residence_obligation_end_is_a_note_not_an_overdue_item():
    record = StatusRecord("Aufenthaltserlaubnis", residence_obligation_until=D(2026, 6, 30))
    assert status_alerts(record, D(2026, 6, 1)) == []
    [alert] = status_alerts(record, D(2026, 6, 2))
    assert (alert.kind, alert.severity) == ("residence_obligation_end", "info")
    assert status_alerts(record, D(2026, 7, 1)) == []


def test_naturalised_clients_get_no_alerts():
    record = StatusRecord("eingebürgert", passport_valid_until=D(2026, 5, 1))
    assert status_alerts(record, D(2026, 4, 30)) == []


def test_alerts_are_sorted_most_pressing_first():
    record = StatusRecord("Duldung", valid_until=D(2026, 5, 20), passport_valid_until=D(2026, 5, 1))
    alerts = status_alerts(record, D(2026, 5, 14))
    assert [(a.kind, a.severity) for a in alerts] == [("passport_expiry", "overdue"), ("duldung_expiry", "urgent")]
    assert str(alerts[0].severity_label) == "überfällig"


def test_duck_typed_records_like_a_model_row():
    class StatusType(enum.Enum):
        DULDUNG = "Duldung"

    row = SimpleNamespace(
        status_type=StatusType.DULDUNG,
        legal_basis=None,
        issued_on=None,
        valid_until=datetime(2026, 5, 20, 0, 0),
        card_valid_until=None,
        passport_valid_until=None,
        residence_obligation_until=None,
    )
    [alert] = status_alerts(row, D(2026, 5, 14))
    assert (alert.kind, alert.due) == ("duldung_expiry", D(2026, 5, 20))
    assert status_alerts(SimpleNamespace(status_type="Duldung"), D(2026, 5, 14)) == []


def test_every_alert_rule_is_well_formed():
    for rule in ALERT_RULES.values():
        assert rule.types <= set(STATUS_TYPES)
        assert all(severity in ("info", "soon", "urgent") for _, severity in rule.stages)
        assert str(rule.label)


# --- Years of lawful stay ------------------------------------------------------------------------
TODAY = D(2026, 6, 30)


def test_one_closed_permit():
    stay = lawful_stay(
        [StatusRecord("Aufenthaltserlaubnis", issued_on=D(2020, 1, 1), valid_until=D(2024, 12, 31))], TODAY
    )
    assert stay.total_days == 1827
    assert (stay.years, stay.months, stay.days) == (5, 0, 0)
    assert stay.text == "5 Jahre, 0 Monate"
    assert stay.gaps == () and stay.continuous_since is None


def test_overlapping_and_touching_records_merge():
    records = [
        StatusRecord("Aufenthaltserlaubnis", issued_on=D(2018, 3, 1), valid_until=D(2020, 2, 29)),
        StatusRecord("Fiktionsbescheinigung (§ 81 Abs. 4)", issued_on=D(2020, 2, 20), valid_until=D(2020, 8, 31)),
        StatusRecord("Aufenthaltserlaubnis", issued_on=D(2020, 9, 1), valid_until=D(2022, 8, 31)),
    ]
    stay = lawful_stay(records, TODAY)
    assert stay.periods == ((D(2018, 3, 1), D(2022, 8, 31)),)
    assert (stay.years, stay.months, stay.days) == (4, 6, 0)
    assert stay.total_days == (D(2022, 9, 1) - D(2018, 3, 1)).days


def test_duldung_leaves_a_gap_and_open_ended_records_run_to_today():
    records = [
        StatusRecord("Aufenthaltserlaubnis", issued_on=D(2015, 1, 1), valid_until=D(2016, 12, 31)),
        StatusRecord("Duldung § 60a", issued_on=D(2017, 1, 1), valid_until=D(2017, 12, 31)),
        StatusRecord("Niederlassungserlaubnis", issued_on=D(2018, 1, 1)),
    ]
    stay = lawful_stay(records, TODAY)
    assert [(g.first_day, g.last_day, g.days) for g in stay.gaps] == [(D(2017, 1, 1), D(2017, 12, 31), 365)]
    assert (stay.years, stay.months) == (10, 6)
    assert stay.text == "10 Jahre, 6 Monate"
    assert stay.continuous_since == D(2018, 1, 1)


def test_valid_from_wins_over_issued_on_and_future_validity_is_not_counted():
    record = StatusRecord(
        "Blaue Karte EU", issued_on=D(2024, 12, 1), valid_from=D(2025, 1, 1), valid_until=D(2027, 12, 31)
    )
    stay = lawful_stay([record], D(2026, 1, 31))
    assert stay.periods == ((D(2025, 1, 1), D(2026, 1, 31)),)
    assert stay.text == "1 Jahr, 1 Monat"
    assert stay.continuous_since == D(2025, 1, 1)


def test_gestattung_counts_only_when_asked():
    records = [
        StatusRecord("Aufenthaltsgestattung", issued_on=D(2016, 1, 1), valid_until=D(2017, 12, 31)),
        StatusRecord("Aufenthaltserlaubnis", issued_on=D(2018, 1, 1), valid_until=D(2020, 12, 31)),
    ]
    assert lawful_stay(records, TODAY).years == 3
    assert lawful_stay(records, TODAY, counted=LAWFUL_STAY_TYPES_WITH_GESTATTUNG).years == 5


def test_duldungsfiktion_is_not_lawful_stay():
    late = StatusRecord(
        "Fiktionsbescheinigung", "§ 81 Abs. 3 Satz 2 AufenthG", issued_on=D(2025, 1, 1), valid_until=D(2025, 6, 30)
    )
    timely = StatusRecord(
        "Fiktionsbescheinigung", "§ 81 Abs. 4 AufenthG", issued_on=D(2025, 1, 1), valid_until=D(2025, 6, 30)
    )
    assert lawful_stay([late], TODAY).total_days == 0
    assert lawful_stay([timely], TODAY).total_days == 181


def test_separate_short_periods_add_up_at_thirty_days_a_month():
    records = [
        StatusRecord("Visum", issued_on=D(2020, 1, 1), valid_until=D(2020, 1, 20)),
        StatusRecord("Visum", issued_on=D(2021, 1, 1), valid_until=D(2021, 1, 20)),
    ]
    stay = lawful_stay(records, TODAY)
    assert stay.total_days == 40
    assert (stay.years, stay.months, stay.days) == (0, 1, 10)
    assert stay.text == "0 Jahre, 1 Monat"


def test_unusable_and_future_records():
    records = [
        StatusRecord("Aufenthaltserlaubnis", valid_until=D(2020, 1, 1)),
        StatusRecord("Aufenthaltserlaubnis", issued_on=D(2021, 1, 1), valid_until=D(2020, 1, 1)),
        StatusRecord("Aufenthaltserlaubnis", issued_on=D(2027, 1, 1)),
    ]
    stay = lawful_stay(records, TODAY)
    assert stay.total_days == 0 and stay.skipped == 2 and stay.periods == ()
    assert stay.text == "0 Jahre, 0 Monate"


# --- Benefits ----------------------------------------------------------------------------------
def test_buergergeld_reminder_six_weeks_ahead():
    reminder = benefit_reminder("buergergeld", period_start=D(2026, 1, 1))
    assert reminder.period_end == D(2026, 12, 31)
    assert reminder.remind_on == D(2026, 11, 19)


def test_wohngeld_for_24_months_and_not_more():
    reminder = benefit_reminder("wohngeld", period_start=D(2026, 2, 1), months=24)
    assert reminder.period_end == D(2028, 1, 31)
    assert reminder.remind_on == D(2027, 12, 6)
    with pytest.raises(ValueError):
        benefit_reminder("wohngeld", period_start=D(2026, 2, 1), months=25)


def test_kinderzuschlag_six_months():
    reminder = benefit_reminder("kinderzuschlag", period_start=D(2026, 1, 1))
    assert reminder.period_end == D(2026, 6, 30)
    assert reminder.remind_on == D(2026, 5, 19)


def test_reminder_on_a_holiday_moves_earlier():
    reminder = benefit_reminder("buergergeld", period_end=D(2026, 7, 6))
    assert reminder.remind_on == D(2026, 5, 22)  # six weeks back is Pfingstmontag


def test_benefit_reminder_needs_a_known_kind_and_a_date():
    with pytest.raises(ValueError):
        benefit_reminder("elterngeld", period_start=D(2026, 1, 1))
    with pytest.raises(ValueError):
        benefit_reminder("buergergeld")
    assert set(BENEFIT_RULES) == {"buergergeld", "wohngeld", "kinderzuschlag"}


# --- Labels ------------------------------------------------------------------------------------
def test_period_descriptions():
    assert describe_period(Period(years=1)) == "1 Jahr"
    assert describe_period(Period(months=1, weeks=2, days=1)) == "1 Monat, 2 Wochen, 1 Tag"


def test_labels_render_outside_and_inside_a_request():
    deadline = appeal_deadline("asyl", D(2026, 3, 20))
    assert deadline.shift_reason.startswith("verschoben: Karfreitag")
    app = Flask(__name__)
    Babel(app)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert str(deadline.label) == "Asylbescheid des BAMF (Klage)"
        assert deadline.shift_reason == "verschoben: Karfreitag, Samstag, Sonntag, Ostermontag"
        assert lawful_stay([], TODAY).text == "0 Jahre, 0 Monate"
