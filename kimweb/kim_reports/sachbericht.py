"""The yearly Sachbericht: every KIM table for a period in one workbook (small numbers suppressed,
as the workbook leaves the team), and the key figures for the printable summary."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from ..reports.downloads import Table
from ..reports.suppression import NOTE
from .facts import CaseFact, Scope, build, cycle_collection_paused
from .kim import REPORTS, KimTable


@dataclass
class Sachbericht:
    start: date
    end: date
    scope_label: str
    tables: dict[str, list[KimTable]]  # report key -> its tables, suppressed
    hidden: bool

    def table(self, report: str, key: str) -> KimTable:
        return next(t for t in self.tables[report] if t.key == key)

    def figure(self, report: str, key: str, label: str):
        """One cell by its row label, e.g. figure("faelle", "ueberblick", "Neu aufgenommen")."""
        return next((row[1] for row in self.table(report, key).rows if row[0] == label), None)

    def workbook(self) -> list[Table]:
        notes = [
            [_("Zeitraum"), f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"],
            [_("Filter"), self.scope_label],
            [_("Hinweis"), str(NOTE)],
        ]
        out = [Table([_("Angabe"), _("Wert")], notes, title=_("Hinweise"))]
        # Numbered sheets: Excel wants unique names of at most 31 characters.
        number = 0
        for tables in self.tables.values():
            for table in tables:
                number += 1
                out.append(Table(table.header, table.rows, title=f"{number:02d} {table.title}"))
        return out


def sachbericht(
    start: date, end: date, scope: Scope, today: date, scope_label: str, facts: list[CaseFact] | None = None
) -> Sachbericht:
    # The facts (when built here) are let go before the garbage collector resumes, so it does not
    # walk them once more.
    with cycle_collection_paused():
        tables, hidden = _count(build(start, end, today) if facts is None else facts, scope)
    return Sachbericht(start, end, scope_label, tables, hidden)


def _count(facts: list[CaseFact], scope: Scope) -> tuple[dict[str, list[KimTable]], bool]:
    tables: dict[str, list[KimTable]] = {}
    hidden = False
    for key, report in REPORTS.items():
        tables[key], any_hidden = report.suppressed(report.build(facts, scope))
        hidden = hidden or any_hidden
    return tables, hidden
