"""The KIM reports: each a list of tables counted from the fact layer (kimweb/kim_reports/facts.py).

A `KimTable` holds exact figures; `KimTable.suppressed()` gives the same table with small numbers
hidden (kimweb/reports/suppression.py), for the coordination view and every download.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..clients.choices import ACCESS_ROUTES, ATTAINMENT, CLOSURE_REASONS, GENDERS, NATIONALITIES, PHASES
from ..directory.choices import LANGUAGES
from ..lifeareas import all_life_areas
from ..notes.choices import KINDS
from ..referrals.choices import STATUSES as REFERRAL_STATUSES
from ..reports.downloads import Table
from ..reports.figures import median, percentile
from ..reports.suppression import Grid, join, relations_for_totals, suppress
from .facts import CaseFact, Scope
from .status_groups import GROUPS, improvement, improvement_label, status_group

TOP = 10
AGE_GROUPS = ((0, 17, "0–17"), (18, 26, "18–26"), (27, 44, "27–44"), (45, 64, "45–64"), (65, 200, "65+"))
DURATION_BUCKETS = (
    (0, 90, _l("bis 3 Monate")),
    (91, 182, _l("3 bis 6 Monate")),
    (183, 365, _l("6 bis 12 Monate")),
    (366, 730, _l("1 bis 2 Jahre")),
    (731, 100_000, _l("mehr als 2 Jahre")),
)
REFERRAL_OUTCOMES = ("planned", "sent", "appointment", "accepted", "done", "declined", "no_response", "cancelled")


@dataclass
class KimTable:
    key: str
    title: str
    header: list[str]
    rows: list[list]
    count_columns: Sequence[int] = (1,)
    total_row: bool = False  # the last row holds the column sums
    total_col: bool = False  # the last count column holds the row sums
    relations: list = field(default_factory=list)
    # Values that are not counts (hours, days) hidden when the row's count is hidden.
    dependent_columns: Sequence[int] = ()
    summed_columns: Sequence[int] | None = None  # the columns the total row sums (default: all counts)
    chart: bool = True

    def grid(self) -> Grid:
        summed = self.count_columns if self.summed_columns is None else self.summed_columns
        relations = relations_for_totals(len(self.rows), summed, self.total_row, False)
        if self.total_col:
            relations += relations_for_totals(len(self.rows), self.count_columns, False, True)
        return Grid(self.rows, self.count_columns, relations + self.relations, self.dependent_columns)

    def reduced(self) -> "KimTable":
        """The table as it may leave the team, before suppression. A table whose cells add up
        both ways (rows and columns, e.g. agencies by outcome) is cut to its row sums: with
        hidden cells in both directions, rectangles of them can be solved together, which
        cell-by-cell suppression does not prevent; the breakdown the other way is its own table."""
        if not (self.total_col and self.total_row):
            return self
        last = self.count_columns[-1]
        return KimTable(
            **{
                **self.__dict__,
                "header": [self.header[0], self.header[last]],
                "rows": [[row[0], row[last]] for row in self.rows],
                "count_columns": (1,),
                "total_col": False,
                "summed_columns": None,
                "relations": [],
                "dependent_columns": (),
            }
        )

    def suppressed(self) -> tuple["KimTable", bool]:
        """This table alone with small numbers hidden (a report's tables: suppress_report)."""
        tables, hidden = suppress_report([self], [])
        return tables[0], hidden

    def chart_points(self) -> list[tuple[str, float]]:
        """The first count column as bars, without the total row and without hidden cells."""
        body = self.rows[:-1] if self.total_row else self.rows
        column = self.count_columns[0]
        return [(str(row[0])[:18], row[column]) for row in body if isinstance(row[column], int | float)]

    def as_download(self) -> Table:
        return Table(self.header, self.rows, title=self.title)


# The same figure in two tables of a report: (table key, row, column) twice; rows from the end
# are negative (-1: the total row).
Links = list[tuple[tuple[str, int, int], tuple[str, int, int]]]


@dataclass(frozen=True)
class Report:
    key: str
    title: str
    build: Callable[[list[CaseFact], Scope], list[KimTable]]
    links: Links = field(default_factory=list)

    def suppressed(self, tables: list[KimTable]) -> tuple[list[KimTable], bool]:
        return suppress_report(tables, self.links)


def suppress_report(tables: list[KimTable], links: Links) -> tuple[list[KimTable], bool]:
    """A report's tables with small numbers hidden, together: a figure shown in two tables is
    hidden in both or in neither."""
    reduced = [t.reduced() for t in tables]
    index = {t.key: i for i, t in enumerate(reduced)}
    usable = [
        ((index[a], ra, ca), (index[b], rb, cb))
        for (a, ra, ca), (b, rb, cb) in links
        if a in index and b in index and reduced[index[a]].rows and reduced[index[b]].rows
    ]
    grid, offsets = join([t.grid() for t in reduced], usable)
    rows, hidden = suppress(grid)
    out = [
        KimTable(**{**t.__dict__, "rows": rows[offset : offset + len(t.rows)]})
        for t, offset in zip(reduced, offsets, strict=True)
    ]
    return out, hidden


def _with_total(rows: list[list], label: str | None = None) -> list[list]:
    width = len(rows[0]) if rows else 2
    total = [label or _("Summe")] + [
        sum(r[c] for r in rows if isinstance(r[c], int)) if all(isinstance(r[c], int) for r in rows) else None
        for c in range(1, width)
    ]
    return rows + [total]


def _counted(counter: Counter, labels: dict, order: Sequence | None = None, unknown: str | None = None) -> list[list]:
    keys = list(order if order is not None else labels)
    rows = [[str(labels.get(k, k)), counter.get(k, 0)] for k in keys]
    rest = sum(n for k, n in counter.items() if k not in keys)
    if unknown is not None:
        rows.append([unknown, rest])
    return rows


# ---------------------------------------------------------------- cases


def cases(facts: list[CaseFact], scope: Scope) -> list[KimTable]:
    open_start = sum(1 for f in facts if f.open_at_start and scope.admits(f.holder_on(f.start - timedelta(days=1))))
    new = reopened = 0
    routes: Counter = Counter()
    referrers: Counter = Counter()
    closures: Counter = Counter()
    durations: list[int] = []
    for f in facts:
        for day, again in f.openings():
            if not scope.admits(f.holder_on(day)):
                continue
            if again:
                reopened += 1
            else:
                new += 1
                routes[f.access_route or ""] += 1
                if f.access_route == "referred":
                    referrers[f.referred_by or _("ohne Angabe der Stelle")] += 1
        for day, reason, opened in f.closings():
            if scope.admits(f.holder_on(day)):
                closures[reason or ""] += 1
                durations.append((day - opened).days)
    taken_over = handed_over = 0
    for f in facts:
        for day in f.handovers():
            before, after = scope.admits(f.holder_on(day - timedelta(days=1))), scope.admits(f.holder_on(day))
            taken_over += after and not before
            handed_over += before and not after
    at_end = [f for f in facts if f.open_at_end and scope.admits(f.holder_on(f.end))]
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


def _reached(facts: list[CaseFact], scope: Scope) -> list[CaseFact]:
    return [f for f in facts if scope.admits(f.holder_on(f.reference_day))]


def _top(counter: Counter, labels: dict, others: str) -> list[list]:
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    rows = [[str(labels.get(code, code)) if code else _("ohne Angabe"), n] for code, n in ranked[:TOP]]
    rest = sum(n for _code, n in ranked[TOP:])
    if rest:
        rows.append([others, rest])
    return rows


# ---------------------------------------------------------------- people


def people(facts: list[CaseFact], scope: Scope) -> list[KimTable]:
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
    ages: Counter = Counter()
    for f in reached:
        age = f.age_on(f.reference_day)
        ages[next((label for low, high, label in AGE_GROUPS if age is not None and low <= age <= high), "")] += 1
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
        for day, again in f.openings():
            if not again and scope.admits(f.holder_on(day)):
                at_intake[_group_on(f, day)] += 1
        for day, _reason, _opened in f.closings():
            if scope.admits(f.holder_on(day)):
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


def _group_on(fact: CaseFact, day: date) -> str:
    return status_group(fact.status_on(day))


# ---------------------------------------------------------------- work


def work(facts: list[CaseFact], scope: Scope) -> list[KimTable]:
    counts: Counter = Counter()
    minutes: Counter = Counter()
    cases_with_contact: set[int] = set()
    for f in facts:
        for contact in f.contacts:
            if scope.admits(f.holder_on(contact.day)):
                counts[contact.kind] += 1
                minutes[contact.kind] += contact.minutes
                cases_with_contact.add(f.client_id)
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
    ]


# ---------------------------------------------------------------- needs and outcomes


def outcomes(facts: list[CaseFact], scope: Scope) -> list[KimTable]:
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
            if scope.admits(f.holder_on(day)):
                goals[goal_area] += 1
        for day, goal_area, how in f.goals_evaluated:
            if how in attained and scope.admits(f.holder_on(day)):
                attained[how][goal_area] += 1
        for day, goal_area in f.measures_done:
            if scope.admits(f.holder_on(day)):
                measures[goal_area] += 1
    rows = [
        [
            area.label,
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
    by_agency: dict[str, Counter] = {}
    per_case: Counter = Counter()
    for f in facts:
        agencies = set()
        for day, agency, status, _area in f.referrals:
            if scope.admits(f.holder_on(day)):
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
    residence: Counter = Counter()
    letters: Counter = Counter()
    for f in facts:
        for day, state in f.residence_deadlines:
            if scope.admits(f.holder_on(day)):
                residence[state] += 1
        for day, state in f.letter_deadlines:
            if scope.admits(f.holder_on(day)):
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
                    [_("erledigt (beantwortet, Widerspruch eingelegt oder erledigt)"), letters.get("done", 0)],
                    [_("offen, Frist abgelaufen"), letters.get("overdue", 0)],
                    [_("offen, Frist läuft noch"), letters.get("pending", 0)],
                ]
            ),
            total_row=True,
        ),
    ]


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
    ),
    "personen": Report(
        "personen",
        _l("Personen"),
        people,
        [
            (("erreicht", 0, 1), (key, -1, 1))
            for key in ("alter", "geschlecht", "staatsangehoerigkeit", "sprache", "dolmetschung")
        ],
    ),
    "arbeit": Report("arbeit", _l("Arbeit"), work, [(("kontakte", 6, 1), ("arbeit", 0, 1))]),
    "lebensbereiche": Report("lebensbereiche", _l("Bedarfe und Ergebnisse"), outcomes),
    "netzwerk": Report("netzwerk", _l("Netzwerk"), network, [(("ergebnis", -1, 1), ("stellen", -1, 1))]),
    "fristen": Report("fristen", _l("Fristen"), deadlines),
}
