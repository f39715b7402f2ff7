"""Small numbers suppressed, so that figures that leave the team cannot identify people.

Primary: a count of 1 or 2 shows "<3" (0 stays 0: it says that nobody is counted, which
identifies no one). Secondary: wherever cells add up (a column with its total row, a row with its
total column, or any other relation a table declares, e.g. open at start + new + reopened -
closed = open at end), a relation with exactly one hidden cell could be solved for it; so the
smallest other cell of that relation is hidden too ("x"), repeated until no relation has exactly
one hidden cell. Values in a row that belong to a hidden count (hours, a median) are hidden with it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

SMALL = "<3"
HIDDEN = "x"
THRESHOLD = 3

NOTE = _l(
    "Kleine Zahlen sind unterdrückt: „<3“ steht für 1 oder 2; „x“ ist zusätzlich gesperrt, damit sich "
    "kleine Zahlen nicht aus Summen oder Differenzen zurückrechnen lassen."
)

Cell = tuple[int, int]  # (row, column)


@dataclass
class Grid:
    """The numbers of one table: which columns are counts, which relations hold among cells."""

    rows: list[list]
    count_columns: Sequence[int]
    relations: list[list[Cell]] = field(default_factory=list)
    # Columns whose value is hidden when the row's first count column is hidden.
    dependent_columns: Sequence[int] = ()


def relations_for_totals(rows: int, columns: Sequence[int], total_row: bool, total_col: bool) -> list[list[Cell]]:
    relations = []
    if total_row and rows > 1:
        relations += [[(r, c) for r in range(rows)] for c in columns]
    if total_col and len(columns) > 1:
        relations += [[(r, c) for c in columns] for r in range(rows)]
    return relations


def suppress(grid: Grid) -> tuple[list[list], bool]:
    """The rows with small numbers hidden, and whether anything was hidden."""
    hidden: dict[Cell, str] = {}
    for r, row in enumerate(grid.rows):
        for c in grid.count_columns:
            value = row[c]
            if isinstance(value, int) and 0 < value < THRESHOLD:
                hidden[(r, c)] = SMALL
    changed = True
    while changed:
        changed = False
        for relation in grid.relations:
            inside = [cell for cell in relation if cell in hidden]
            if len(inside) != 1:
                continue
            candidates = [
                cell for cell in relation if cell not in hidden and isinstance(grid.rows[cell[0]][cell[1]], int)
            ]
            if not candidates:
                continue
            smallest = min(candidates, key=lambda cell: (grid.rows[cell[0]][cell[1]], cell))
            hidden[smallest] = HIDDEN
            changed = True
    out = [list(row) for row in grid.rows]
    for (r, c), mark in hidden.items():
        out[r][c] = mark
    first = grid.count_columns[0] if grid.count_columns else None
    for r, row in enumerate(out):
        if first is not None and (r, first) in hidden:
            for c in grid.dependent_columns:
                if row[c] is not None:
                    row[c] = HIDDEN
    return out, bool(hidden)
