"""The KIM reports about the work done and its results: contacts and hours, needs and outcomes per
life area, the network of agencies, deadlines met (counted from kimweb/kim_reports/facts.py)."""

from collections import Counter

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..clients.choices import ATTAINMENT
from ..lifeareas import all_life_areas
from ..notes.choices import KINDS
from ..referrals.choices import STATUSES as REFERRAL_STATUSES
from .fact_parts import APPOINTMENT_OUTCOMES
from .facts import CaseFact, Scope
from .tables import REFERRAL_OUTCOMES, KimTable, _reached, _with_total

# ---------------------------------------------------------------- work

# How appointments ended, in the report's words (a missed one the case manager has not confirmed
# yet is counted apart: it may still turn out to have been kept).
APPOINTMENT_LABELS = {
    "kept": _l("wahrgenommen"),
    "cancelled": _l("abgesagt"),
    "missed": _l("nicht erschienen"),
    "missed_unconfirmed": _l("nicht erschienen, noch unbestätigt"),
}
assert tuple(APPOINTMENT_LABELS) == APPOINTMENT_OUTCOMES


def work(facts: list[CaseFact], scope: Scope) -> list[KimTable]:
    everyone = scope.everyone  # no filter: no need to ask who had the file
    counts: Counter = Counter()
    minutes: Counter = Counter()
    cases_with_contact: set[int] = set()
    for f in facts:
        for contact in f.contacts:
            if everyone or f.counts_for(scope, contact.day):
                counts[contact.kind] += contact.number
                minutes[contact.kind] += contact.minutes
                cases_with_contact.add(f.client_id)
    appointments: Counter = Counter()
    for f in facts:
        for day, state in f.appointments:
            if everyone or f.counts_for(scope, day):
                appointments[state] += 1
    rows = [[str(label), counts.get(kind, 0), round(minutes.get(kind, 0) / 60, 1)] for kind, label in KINDS.items()]
    total_minutes = sum(minutes.values())
    rows.append([_("Summe"), sum(counts.values()), round(total_minutes / 60, 1)])
    return [
        KimTable(
            "kontakte",
            _("Kontakte nach Art"),
            [_("Art"), _("Kontakte"), _("Stunden")],
            rows,
            total_row=True,
            dependent_columns=(2,),
        ),
        KimTable(
            "arbeit",
            _("Arbeit im Überblick"),
            [_("Kennzahl"), _("Anzahl")],
            [
                [_("Fallkonferenzen"), counts.get("case_conference", 0)],
                [_("Fälle mit mindestens einem Kontakt"), len(cases_with_contact)],
            ],
            chart=False,
        ),
        KimTable(
            "termine",
            _("Termine nach Ausgang"),
            [_("Ausgang"), _("Termine")],
            _with_total([[str(label), appointments.get(state, 0)] for state, label in APPOINTMENT_LABELS.items()]),
            total_row=True,
        ),
    ]


# ---------------------------------------------------------------- needs and outcomes


def outcomes(facts: list[CaseFact], scope: Scope) -> list[KimTable]:
    everyone = scope.everyone  # no filter: no need to ask who had the file
    areas = all_life_areas()
    need: Counter = Counter()
    goals: Counter = Counter()
    attained: dict[str, Counter] = {"achieved": Counter(), "partly": Counter(), "not_achieved": Counter()}
    measures: Counter = Counter()
    for f in _reached(facts, scope):
        for area, level in f.needs.items():
            if level in ("some", "urgent"):
                need[area] += 1
    for f in facts:
        for day, goal_area in f.goals_set:
            if everyone or f.counts_for(scope, day):
                goals[goal_area] += 1
        for day, goal_area, how in f.goals_evaluated:
            if how in attained and (everyone or f.counts_for(scope, day)):
                attained[how][goal_area] += 1
        for day, goal_area in f.measures_done:
            if everyone or f.counts_for(scope, day):
                measures[goal_area] += 1
    rows = [
        [
            area.title,
            need.get(area.id, 0),
            goals.get(area.id, 0),
            attained["achieved"].get(area.id, 0),
            attained["partly"].get(area.id, 0),
            attained["not_achieved"].get(area.id, 0),
            measures.get(area.id, 0),
        ]
        for area in areas
    ]
    rows.append(
        [
            _("ohne Lebensbereich"),
            0,
            goals.get(None, 0),
            attained["achieved"].get(None, 0),
            attained["partly"].get(None, 0),
            attained["not_achieved"].get(None, 0),
            measures.get(None, 0),
        ]
    )
    header = [
        _("Lebensbereich"),
        _("Klient/innen mit Bedarf"),
        _("Ziele gesetzt"),
        str(ATTAINMENT["achieved"]),
        str(ATTAINMENT["partly"]),
        str(ATTAINMENT["not_achieved"]),
        _("Maßnahmen erledigt"),
    ]
    # "Clients with a need" does not add up (one person, several areas): no total in that column.
    rows = _with_total(rows)
    rows[-1][1] = None
    return [
        KimTable(
            "lebensbereiche",
            _("Bedarfe und Ergebnisse nach Lebensbereich"),
            header,
            rows,
            count_columns=(1, 2, 3, 4, 5, 6),
            total_row=True,
            summed_columns=(2, 3, 4, 5, 6),
        )
    ]


# ---------------------------------------------------------------- network


def network(facts: list[CaseFact], scope: Scope) -> list[KimTable]:
    everyone = scope.everyone  # no filter: no need to ask who had the file
    by_agency: dict[str, Counter] = {}
    per_case: Counter = Counter()
    for f in facts:
        agencies = set()
        for day, agency, status, _area in f.referrals:
            if everyone or f.counts_for(scope, day):
                by_agency.setdefault(agency, Counter())[status] += 1
                agencies.add(agency)
        if agencies:
            per_case[min(len(agencies), 4)] += 1
    header = [_("Stelle")] + [str(REFERRAL_STATUSES[s]) for s in REFERRAL_OUTCOMES] + [_("Summe")]
    rows = [
        [agency] + [counts.get(s, 0) for s in REFERRAL_OUTCOMES] + [sum(counts.values())]
        for agency, counts in sorted(by_agency.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    ]
    columns = tuple(range(1, len(REFERRAL_OUTCOMES) + 2))
    agency_table = KimTable(
        "stellen",
        _("Vermittlungen nach Stelle und Stand am Ende des Zeitraums"),
        header,
        _with_total(rows) if rows else [],
        count_columns=columns,
        total_row=bool(rows),
        total_col=bool(rows),
    )
    outcome_rows = [
        [str(REFERRAL_STATUSES[s]), sum(c.get(s, 0) for c in by_agency.values())] for s in REFERRAL_OUTCOMES
    ]
    involvement = [
        [_("1 Stelle"), per_case.get(1, 0)],
        [_("2 Stellen"), per_case.get(2, 0)],
        [_("3 Stellen"), per_case.get(3, 0)],
        [_("4 und mehr Stellen"), per_case.get(4, 0)],
    ]
    return [
        KimTable(
            "ergebnis",
            _("Vermittlungen nach Stand"),
            [_("Stand"), _("Vermittlungen")],
            _with_total(outcome_rows),
            total_row=True,
        ),
        agency_table,
        KimTable(
            "stellen_je_fall",
            _("Fälle nach Zahl der vermittelten Stellen"),
            [_("Stellen"), _("Fälle")],
            _with_total(involvement),
            total_row=True,
        ),
    ]


# ---------------------------------------------------------------- deadlines


def deadlines(facts: list[CaseFact], scope: Scope) -> list[KimTable]:
    everyone = scope.everyone  # no filter: no need to ask who had the file
    residence: Counter = Counter()
    letters: Counter = Counter()
    for f in facts:
        for day, state in f.residence_deadlines:
            if everyone or f.counts_for(scope, day):
                residence[state] += 1
        for day, state in f.letter_deadlines:
            if everyone or f.counts_for(scope, day):
                letters[state] += 1
    return [
        KimTable(
            "aufenthalt",
            _("Ablauf von Aufenthaltspapieren im Zeitraum"),
            [_("Ergebnis"), _("Fristen")],
            _with_total(
                [
                    [_("eingehalten (Antrag oder Folgepapier rechtzeitig)"), residence.get("met", 0)],
                    [_("versäumt"), residence.get("missed", 0)],
                    [_("noch offen"), residence.get("pending", 0)],
                ]
            ),
            total_row=True,
        ),
        KimTable(
            "briefe",
            _("Fristen aus Briefen im Zeitraum"),
            [_("Stand"), _("Fristen")],
            _with_total(
                [
                    [_("rechtzeitig erledigt (bis zum Fristtag)"), letters.get("in_time", 0)],
                    [_("nach Fristablauf erledigt"), letters.get("late", 0)],
                    [_("erledigt, Tag nicht erfasst"), letters.get("done_unknown", 0)],
                    [_("offen, Frist abgelaufen"), letters.get("overdue", 0)],
                    [_("offen, Frist läuft noch"), letters.get("pending", 0)],
                ]
            ),
            total_row=True,
        ),
    ]
