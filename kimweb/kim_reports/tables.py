"""What every KIM report is made of: a `KimTable` of exact figures (`suppressed()` gives the same
table with small numbers hidden, kimweb/reports/suppression.py), a `Report` of tables linked for
suppression, and the small helpers the reports count with."""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..reports.downloads import Table
from ..reports.suppression import Grid, join, relations_for_totals, suppress
from .facts import PARTS, CaseFact, Scope

TOP = 10
AGE_GROUPS = ((0, 17, "0–17"), (18, 26, "18–26"), (27, 44, "27–44"), (45, 64, "45–64"), (65, 200, "65+"))
_AGE_GROUP_OF = {age: label for low, high, label in AGE_GROUPS for age in range(low, high + 1)}
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
    reads: frozenset[str] = PARTS  # the parts of the facts its tables count from (facts.PARTS)

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


def age_group(fact: CaseFact) -> str:
    """The person's age group on the fact's reference day ("" when the age is not known)."""
    age = fact.age_on(fact.reference_day)
    return "" if age is None else _AGE_GROUP_OF.get(age, "")


def _reached(facts: list[CaseFact], scope: Scope) -> list[CaseFact]:
    everyone = scope.everyone  # no filter: no need to ask who had the file
    return [f for f in facts if everyone or f.counts_for(scope, f.reference_day)]


def _top(counter: Counter, labels: dict, others: str) -> list[list]:
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    rows = [[str(labels.get(code, code)) if code else _("ohne Angabe"), n] for code, n in ranked[:TOP]]
    rest = sum(n for _code, n in ranked[TOP:])
    if rest:
        rows.append([others, rest])
    return rows


# ---------------------------------------------------------------- people
