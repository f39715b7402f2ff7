"""Small numbers suppressed, so that figures that leave the team cannot identify people.

Primary: a count below 3 (0, 1 or 2) shows "<3". Zero is hidden too: a visible 0 beside a
hidden cell would give the hidden one back from the total. Secondary: wherever cells add up (a column with its total row, a row with its
total column, or any other relation a table declares, e.g. open at start + new + reopened -
closed = open at end), a relation with a hidden small number also gets its smallest other
non-zero cell hidden ("x"), repeated until every relation is safe (`_safe`). tests/reports/test_suppression.py
solves random tables by brute force to check that no hidden small number can be worked out. Values in a row that belong to a hidden count (hours, a median) are hidden with it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

SMALL = "<3"
HIDDEN = "x"
THRESHOLD = 3

NOTE = _l(
    "Kleine Zahlen sind unterdrückt: „<3“ steht für 0, 1 oder 2; „x“ ist zusätzlich gesperrt, damit sich "
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
    # Per row, where tables of different shapes are suppressed together (see join()).
    row_counts: list[Sequence[int]] | None = None
    row_dependents: list[Sequence[int]] | None = None

    def counts_of(self, row: int) -> Sequence[int]:
        return self.count_columns if self.row_counts is None else self.row_counts[row]

    def dependents_of(self, row: int) -> Sequence[int]:
        return self.dependent_columns if self.row_dependents is None else self.row_dependents[row]


Link = tuple[tuple[int, int, int], tuple[int, int, int]]  # (grid, row, column) twice: the same figure


def join(grids: Sequence[Grid], links: Sequence[Link]) -> tuple[Grid, list[int]]:
    """Several tables as one grid, with each figure that appears in two of them (a total here, a
    row there) tied by a relation, so that one cannot be read where the other is hidden.
    Negative rows count from a table's end. Returns the grid and each table's first row."""
    offsets: list[int] = []
    rows: list[list] = []
    relations: list[list[Cell]] = []
    counts: list[Sequence[int]] = []
    dependents: list[Sequence[int]] = []
    for grid in grids:
        offset = len(rows)
        offsets.append(offset)
        rows += grid.rows
        relations += [[(offset + r, c) for r, c in relation] for relation in grid.relations]
        counts += [grid.counts_of(r) for r in range(len(grid.rows))]
        dependents += [grid.dependents_of(r) for r in range(len(grid.rows))]
    for (ga, ra, ca), (gb, rb, cb) in links:
        a = offsets[ga] + (ra % len(grids[ga].rows))
        b = offsets[gb] + (rb % len(grids[gb].rows))
        relations.append([(a, ca), (b, cb)])
    return Grid(rows, (), relations, (), counts, dependents), offsets


def relations_for_totals(rows: int, columns: Sequence[int], total_row: bool, total_col: bool) -> list[list[Cell]]:
    relations = []
    if total_row and rows > 1:
        relations += [[(r, c) for r in range(rows)] for c in columns]
    if total_col and len(columns) > 1:
        relations += [[(r, c) for c in columns] for r in range(rows)]
    return relations


def _safe(relation: list[Cell], hidden: dict[Cell, str], rows: list[list]) -> bool:
    """Whether the relation's sum leaves every hidden small number open: with a hidden cell of at
    least 1 that is not small, any small one can move by one against it. Hidden small numbers
    alone are not enough where a visible cell remains (two "<3" that add up to a visible 4 are
    both 2); a relation hidden entirely stays open (each "<3" may be 0, 1 or 2)."""
    inside = [cell for cell in relation if cell in hidden]
    if not inside:
        return True
    # A cell hidden alone in a relation, even an "x", is its sum minus the rest: solved.
    return len(inside) >= 2 and any(hidden[cell] == HIDDEN and rows[cell[0]][cell[1]] > 0 for cell in inside)


def suppress(grid: Grid) -> tuple[list[list], bool]:
    """The rows with small numbers hidden, and whether anything was hidden."""
    hidden: dict[Cell, str] = {}
    for r, row in enumerate(grid.rows):
        for c in grid.counts_of(r):
            value = row[c]
            if isinstance(value, int) and 0 <= value < THRESHOLD:
                hidden[(r, c)] = SMALL
    changed = True
    while changed:
        changed = False
        for relation in grid.relations:
            if _safe(relation, hidden, grid.rows):
                continue
            candidates = [
                cell
                for cell in relation
                if cell not in hidden
                and isinstance(grid.rows[cell[0]][cell[1]], int)
                and grid.rows[cell[0]][cell[1]] > 0
            ]
            if not candidates:
                continue  # every non-zero cell is hidden already
            smallest = min(candidates, key=lambda cell: (grid.rows[cell[0]][cell[1]], cell))
            hidden[smallest] = HIDDEN
            changed = True
    out = [list(row) for row in grid.rows]
    for (r, c), mark in hidden.items():
        out[r][c] = mark
    for r, row in enumerate(out):
        counts = grid.counts_of(r)
        if counts and (r, counts[0]) in hidden:
            for c in grid.dependents_of(r):
                if row[c] is not None:
                    row[c] = HIDDEN
    return out, bool(hidden)
