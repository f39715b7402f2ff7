"""The KIM reports: each a list of tables counted from the fact layer (kimweb/kim_reports/facts.py).
This module holds cases and people, and the list of reports; kimweb/kim_reports/activity.py holds
work, needs and outcomes, network and deadlines; kimweb/kim_reports/tables.py what they share.
"""

from collections import Counter
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..clients.choices import ACCESS_ROUTES, CLOSURE_REASONS, GENDERS, NATIONALITIES, PHASES
from ..directory.choices import LANGUAGES
from ..reports.figures import median, percentile
from .activity import deadlines, network, outcomes, work
from .facts import CaseFact, Scope
from .status_groups import GROUPS, improvement, improvement_label, status_group
from .tables import AGE_GROUPS, DURATION_BUCKETS, KimTable, Report, _counted, _reached, _top, _with_total, age_group


def cases(facts: list[CaseFact], scope: Scope) -> list[KimTable]:
    everyone = scope.everyone  # no filter: no need to ask who had the file
    open_start = sum(
        1 for f in facts if f.open_at_start and (everyone or f.counts_for(scope, f.start - timedelta(days=1)))
    )
    new = reopened = 0
    routes: Counter = Counter()
    referrers: Counter = Counter()
    closures: Counter = Counter()
    durations: list[int] = []
    for f in facts:
        for day, again in f.openings:
            if not (everyone or f.counts_for(scope, day)):
                continue
            if again:
                reopened += 1
            else:
                new += 1
                routes[f.access_route or ""] += 1
                if f.access_route == "referred":
                    referrers[f.referred_by or _("ohne Angabe der Stelle")] += 1
        for day, reason, opened in f.closings:
            if everyone or f.counts_for(scope, day):
                closures[reason or ""] += 1
                durations.append((day - opened).days)
    taken_over = handed_over = 0
    for f in facts:
        for day in f.handovers():
            before, after = f.counts_for(scope, day - timedelta(days=1)), f.counts_for(scope, day)
            taken_over += after and not before
            handed_over += before and not after
    at_end = [f for f in facts if f.open_at_end and (everyone or f.counts_for(scope, f.end))]
    closed = sum(closures.values())
    overview = KimTable(
        "ueberblick",
        _("Fälle im Überblick"),
        [_("Kennzahl"), _("Fälle")],
        [
            [_("Offen zu Beginn"), open_start],
            [_("Neu aufgenommen"), new],
            [_("Wieder aufgenommen"), reopened],
            [_("Von anderen übernommen"), taken_over],
            [_("An andere abgegeben"), handed_over],
            [_("Abgeschlossen"), closed],
            [_("Offen am Ende"), len(at_end)],
        ],
        # open at start + new + reopened + taken over - handed over - closed = open at end:
        # one relation among the seven, so none of them can be worked out from the others.
        relations=[[(row, 1) for row in range(7)]],
    )
    route_rows = _counted(routes, ACCESS_ROUTES, unknown=_("ohne Angabe"))
    route_table = KimTable(
        "zugang",
        _("Neue Fälle nach Zugangsweg"),
        [_("Zugangsweg"), _("Fälle")],
        _with_total(route_rows),
        total_row=True,
    )
    referrer_rows = [[name, n] for name, n in sorted(referrers.items(), key=lambda kv: (-kv[1], kv[0]))]
    referrer_table = KimTable(
        "vermittelt",
        _("Vermittelt durch (neue Fälle)"),
        [_("Stelle"), _("Fälle")],
        _with_total(referrer_rows) if referrer_rows else [],
        total_row=bool(referrer_rows),
    )
    closure_rows = _counted(closures, CLOSURE_REASONS, unknown=_("ohne Angabe"))
    closure_table = KimTable(
        "abschluss", _("Abschlüsse nach Grund"), [_("Grund"), _("Fälle")], _with_total(closure_rows), total_row=True
    )
    phases = Counter(f.phase_at_end for f in at_end)
    phase_rows = [[str(label), phases.get(number, 0)] for number, label in PHASES.items() if number != 7]
    phase_table = KimTable(
        "phase", _("Offene Fälle am Ende nach Phase"), [_("Phase"), _("Fälle")], _with_total(phase_rows), total_row=True
    )
    buckets = [[str(label), sum(1 for d in durations if low <= d <= high)] for low, high, label in DURATION_BUCKETS]
    duration_table = KimTable(
        "dauer",
        _("Dauer der abgeschlossenen Fälle"),
        [_("Dauer"), _("Fälle")],
        _with_total(buckets),
        total_row=True,
    )
    middle = median([float(d) for d in durations])
    figures = KimTable(
        "dauer_kennzahlen",
        _("Falldauer in Tagen (abgeschlossene Fälle)"),
        [_("Kennzahl"), _("Fälle"), _("Tage")],
        [
            [_("Median"), len(durations), None if middle is None else round(middle)],
            [_("25. Perzentil"), len(durations), percentile([float(d) for d in durations], 0.25)],
            [_("75. Perzentil"), len(durations), percentile([float(d) for d in durations], 0.75)],
        ],
        dependent_columns=(2,),
        chart=False,
    )
    return [overview, route_table, referrer_table, closure_table, phase_table, duration_table, figures]


def _group_on(fact: CaseFact, day: date) -> str:
    return status_group(fact.status_on(day))


def people(facts: list[CaseFact], scope: Scope) -> list[KimTable]:
    everyone = scope.everyone  # no filter: no need to ask who had the file
    reached = _reached(facts, scope)
    members = sum(f.household_members for f in reached)
    reached_table = KimTable(
        "erreicht",
        _("Erreichte Personen"),
        [_("Personen"), _("Anzahl")],
        [
            [_("Klient/innen"), len(reached)],
            [_("Haushaltsmitglieder"), members],
            [_("Zusammen"), len(reached) + members],
        ],
        total_row=True,
    )
    ages = Counter(age_group(f) for f in reached)
    age_rows = [[label, ages.get(label, 0)] for _low, _high, label in AGE_GROUPS] + [
        [_("ohne Angabe"), ages.get("", 0)]
    ]
    genders = Counter(f.gender or "none" for f in reached)
    nationality = Counter(f.nationalities[0] if f.nationalities else "" for f in reached)
    languages = Counter(code for f in reached for code in (f.languages[:1] or [""]))
    interpreter = Counter(f.interpreter_needed for f in reached)
    tables = [
        reached_table,
        KimTable("alter", _("Altersgruppen"), [_("Alter"), _("Klient/innen")], _with_total(age_rows), total_row=True),
        KimTable(
            "geschlecht",
            _("Geschlecht"),
            [_("Geschlecht"), _("Klient/innen")],
            _with_total(_counted(genders, GENDERS)),
            total_row=True,
        ),
        KimTable(
            "staatsangehoerigkeit",
            _("Staatsangehörigkeit (erste, die 10 häufigsten)"),
            [_("Staatsangehörigkeit"), _("Klient/innen")],
            _with_total(_top(nationality, NATIONALITIES, _("andere"))),
            total_row=True,
        ),
        KimTable(
            "sprache",
            _("Erste Sprache (die 10 häufigsten)"),
            [_("Sprache"), _("Klient/innen")],
            _with_total(_top(languages, LANGUAGES, _("andere"))),
            total_row=True,
        ),
        KimTable(
            "dolmetschung",
            _("Dolmetschbedarf"),
            [_("Dolmetschung"), _("Klient/innen")],
            _with_total([[_("benötigt"), interpreter.get(True, 0)], [_("nicht benötigt"), interpreter.get(False, 0)]]),
            total_row=True,
        ),
    ]
    at_intake: Counter = Counter()
    at_closure: Counter = Counter()
    for f in facts:
        for day, again in f.openings:
            if not again and (everyone or f.counts_for(scope, day)):
                at_intake[_group_on(f, day)] += 1
        for day, _reason, _opened in f.closings:
            if everyone or f.counts_for(scope, day):
                at_closure[_group_on(f, day)] += 1
    status_rows = [[str(label), at_intake.get(key, 0), at_closure.get(key, 0)] for key, label in GROUPS.items()]
    tables.append(
        KimTable(
            "status",
            _("Aufenthaltsstatus bei Aufnahme und bei Abschluss"),
            [_("Statusgruppe"), _("bei Aufnahme (neue Fälle)"), _("bei Abschluss (abgeschlossene Fälle)")],
            _with_total(status_rows),
            count_columns=(1, 2),
            total_row=True,
        )
    )
    moves: Counter = Counter()
    for f in reached:
        kind = improvement(f.status_group_at_start, f.status_group_at_end)
        if kind:
            moves[kind] += 1
    keys = ["duldung>befristet", "gestattung>befristet", "duldung>unbefristet", "gestattung>unbefristet"]
    keys += ["befristet>unbefristet", "naturalised"]
    move_rows = [[improvement_label(k), moves.get(k, 0)] for k in keys]
    tables.append(
        KimTable(
            "verbesserung",
            _("Statusverbesserungen im Zeitraum (Verstetigung)"),
            [_("Verbesserung"), _("Klient/innen")],
            _with_total(move_rows),
            total_row=True,
        )
    )
    return tables


REPORTS = {
    "faelle": Report(
        "faelle",
        _l("Fälle"),
        cases,
        [
            (("ueberblick", 1, 1), ("zugang", -1, 1)),
            (("ueberblick", 5, 1), ("abschluss", -1, 1)),
            (("ueberblick", 5, 1), ("dauer", -1, 1)),
            (("ueberblick", 6, 1), ("phase", -1, 1)),
            (("zugang", 1, 1), ("vermittelt", -1, 1)),
        ]
        + [(("ueberblick", 5, 1), ("dauer_kennzahlen", row, 1)) for row in range(3)],
        reads=frozenset(),
    ),
    "personen": Report(
        "personen",
        _l("Personen"),
        people,
        [
            (("erreicht", 0, 1), (key, -1, 1))
            for key in ("alter", "geschlecht", "staatsangehoerigkeit", "sprache", "dolmetschung")
        ],
        reads=frozenset({"statuses"}),
    ),
    "arbeit": Report(
        "arbeit",
        _l("Arbeit"),
        work,
        [(("kontakte", 6, 1), ("arbeit", 0, 1))],
        reads=frozenset({"contacts", "appointments"}),
    ),
    "lebensbereiche": Report("lebensbereiche", _l("Bedarfe und Ergebnisse"), outcomes, reads=frozenset({"plan"})),
    "netzwerk": Report(
        "netzwerk",
        _l("Netzwerk"),
        network,
        [(("ergebnis", -1, 1), ("stellen", -1, 1))],
        reads=frozenset({"referrals"}),
    ),
    "fristen": Report("fristen", _l("Fristen"), deadlines, reads=frozenset({"statuses", "letters"})),
}
