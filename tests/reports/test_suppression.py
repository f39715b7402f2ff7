"""Small numbers: "<3" for 1 and 2, and secondary suppression so that no total or difference gives
a hidden small number back, checked by solving every table for its hidden cells."""

import itertools
import random

from kimweb.kim_reports.kim import KimTable
from kimweb.reports.suppression import HIDDEN, SMALL, Grid, relations_for_totals, suppress


def column_table(values: list[int]) -> KimTable:
    rows = [[f"r{i}", v] for i, v in enumerate(values)] + [["Summe", sum(values)]]
    return KimTable("t", "T", ["", "n"], rows, total_row=True)


def test_one_small_cell_hides_the_next_smallest_too():
    table, hidden = column_table([5, 1, 7, 4]).suppressed()
    assert hidden
    assert [row[1] for row in table.rows] == [5, SMALL, 7, HIDDEN, 17]


def test_zero_is_small_too():
    # A visible 0 beside "<3" would give it back: 13 - 5 - 7 - 0.
    table, _ = column_table([5, 1, 7, 0]).suppressed()
    assert [row[1] for row in table.rows] == [HIDDEN, SMALL, 7, SMALL, 13]


def test_two_small_cells_still_hide_one_more():
    # 1 and 2 alone would stay open, but 1 and 1 (both must be 1) would not: always one more.
    table, _ = column_table([5, 1, 2, 9]).suppressed()
    assert [row[1] for row in table.rows] == [HIDDEN, SMALL, SMALL, 9, 17]


def test_two_small_cells_that_must_both_be_1_hide_one_more():
    table, _ = column_table([5, 1, 1, 9]).suppressed()
    assert [row[1] for row in table.rows] == [HIDDEN, SMALL, SMALL, 9, 16]


def test_nothing_small_nothing_hidden():
    table, hidden = column_table([5, 3, 9]).suppressed()
    assert not hidden and [row[1] for row in table.rows] == [5, 3, 9, 17]


def test_dependent_columns_go_with_their_count():
    rows = [["Telefonat", 1, 0.5], ["Gespräch", 8, 6.0], ["Brief", 4, 1.0], ["Summe", 13, 7.5]]
    table, _ = KimTable("k", "K", ["", "n", "h"], rows, total_row=True, dependent_columns=(2,)).suppressed()
    assert table.rows[0] == ["Telefonat", SMALL, HIDDEN]
    assert table.rows[1] == ["Gespräch", 8, 6.0]
    assert table.rows[2] == ["Brief", HIDDEN, HIDDEN]


def _solutions(original: list[list], shown: list[list], relation, signs=None) -> dict:
    """Every assignment of the relation's hidden cells consistent with what is shown: for each
    hidden cell, the set of values it could have. (Each cell of these tables is in one relation
    only, so the relations can be solved one by one.)"""
    hidden = [(r, c) for r, c in relation if shown[r][c] in (SMALL, HIDDEN)]
    # "x" cells are tried near their true value only: finding two values for a small number
    # within this narrower search proves it open in the full one (which has more solutions).
    domains = [
        (0, 1, 2) if shown[r][c] == SMALL else range(max(0, original[r][c] - 2), original[r][c] + 3) for r, c in hidden
    ]
    possible: dict = {cell: set() for cell in hidden}
    for values in itertools.product(*domains):
        grid = [list(row) for row in shown]
        for (r, c), value in zip(hidden, values, strict=True):
            grid[r][c] = value
        if _holds(grid, original, relation, signs):
            for cell, value in zip(hidden, values, strict=True):
                possible[cell].add(value)
    return possible


def _holds(grid, original, relation, signs=None) -> bool:
    """The relation's identity (the parts minus their total) still holds with the candidate values."""
    signs = signs or [1] * (len(relation) - 1) + [-1]
    return sum(s * (grid[r][c] - original[r][c]) for s, (r, c) in zip(signs, relation, strict=True)) == 0


def test_hidden_small_numbers_cannot_be_worked_back_out():
    rng = random.Random(17)
    for _round in range(150):
        height, width = rng.randint(2, 6), rng.randint(1, 3)
        body = [[f"r{i}"] + [rng.choice([0, 1, 2, 3, 4, 6, 9]) for _ in range(width)] for i in range(height)]
        rows = body + [["Summe"] + [sum(col) for col in zip(*[r[1:] for r in body], strict=True)]]
        table = KimTable("t", "T", [""] * (width + 1), rows, count_columns=list(range(1, width + 1)), total_row=True)
        shown, _ = table.suppressed()
        for relation in table.grid().relations:
            for (r, c), values in _solutions(rows, shown.rows, relation).items():
                if shown.rows[r][c] == SMALL:
                    assert len(values) >= 2, (rows, shown.rows, (r, c), values)


def test_a_table_that_adds_up_both_ways_leaves_as_its_row_sums():
    rows = [["A", 0, 6, 6], ["B", 6, 2, 8], ["Summe", 6, 8, 14]]
    table = KimTable(
        "s", "S", ["Stelle", "x", "y", "Summe"], rows, count_columns=(1, 2, 3), total_row=True, total_col=True
    )
    shown, _ = table.suppressed()
    assert shown.header == ["Stelle", "Summe"]
    assert shown.rows == [["A", 6], ["B", 8], ["Summe", 14]]


def test_the_case_overview_identity_is_protected():
    # 3 + 4 + 0 + 0 - 0 - 1 = 6: the one closing cannot be derived from the other six.
    rows = [["s", 3], ["n", 4], ["r", 0], ["t", 0], ["h", 0], ["c", 1], ["e", 6]]
    table = KimTable("u", "U", ["", "n"], rows, relations=[[(i, 1) for i in range(7)]])
    shown, _ = table.suppressed()
    assert shown.rows[5][1] == SMALL
    assert sum(1 for row in shown.rows if row[1] in (SMALL, HIDDEN)) >= 2
    possible = _solutions(rows, shown.rows, table.grid().relations[0], [1, 1, 1, 1, -1, -1, -1])
    assert len(possible[(5, 1)]) >= 2


def test_relations_for_totals():
    assert relations_for_totals(3, (1,), True, False) == [[(0, 1), (1, 1), (2, 1)]]
    assert relations_for_totals(2, (1, 2), False, True) == [[(0, 1), (0, 2)], [(1, 1), (1, 2)]]
    shown, hidden = suppress(Grid([["a", 1], ["b", 4], ["s", 5]], (1,), relations_for_totals(3, (1,), True, False)))
    assert hidden and shown == [["a", SMALL], ["b", HIDDEN], ["s", 5]]


def test_a_figure_in_two_tables_is_hidden_in_both(world):
    from kimweb.kim_reports.facts import Scope, build
    from kimweb.kim_reports.kim import REPORTS
    from tests.reports.conftest import END, START, TODAY

    report = REPORTS["faelle"]
    tables, hidden = report.suppressed(report.build(build(START, END, TODAY), Scope(team_id=world.b.team_id)))
    by_key = {t.key: t for t in tables}
    assert hidden
    overview = [row[1] for row in by_key["ueberblick"].rows]
    assert SMALL in overview
    # "Neu aufgenommen" and the total of new files by route are the same figure.
    assert (overview[1] in (SMALL, HIDDEN)) == (by_key["zugang"].rows[-1][1] in (SMALL, HIDDEN))
    assert overview[5] == by_key["abschluss"].rows[-1][1] or HIDDEN in (overview[5], by_key["abschluss"].rows[-1][1])
