"""Likely duplicates of an imported list: on file (what the intake would find for each row) and
within the list, the decisions a mapping file or the person gives, and the duplicates kept from
the preview for the import (kimweb/imports/plan.py builds the rows)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict
from typing import TYPE_CHECKING

from ..clients.matching import THRESHOLD as MATCH_THRESHOLD
from ..clients.matching import Hint, PersonQuery, likely_matches_many, name_keys, query_keys, score

if TYPE_CHECKING:  # plan.py imports this module: the types only, for the annotations
    from .mapping import Mapping
    from .plan import Plan, PlannedRow


def find_duplicates(rows: list[PlannedRow]) -> None:
    """Likely duplicates on file (likely_matches_many: what the intake would find for each row)
    and within the list (the same keys and score, against the rows above)."""
    index: dict[str, list[int]] = defaultdict(list)
    queries: list[PersonQuery | None] = []
    for position, row in enumerate(rows):
        if row.errors or not row.client.get("family_name"):
            queries.append(None)
            continue
        query = PersonQuery(
            family=row.client["family_name"],
            given=row.client["given_names"],
            birth_date=row.client.get("birth_date"),
            birth_date_approximate=bool(row.client.get("birth_date_approximate")),
        )
        queries.append(query)
        candidates = {
            other for key in query_keys(query.family, query.given, (), query.birth_date) for other in index.get(key, ())
        }
        best = max(
            ((score(query, known), other) for other in candidates if (known := queries[other]) is not None),
            default=(0.0, None),
        )
        if best[1] is not None and best[0] >= MATCH_THRESHOLD:
            row.same_as_row = rows[best[1]].number
        for key in name_keys(query.family, query.given, (), query.birth_date):
            index[key].append(position)
    searched = [(row, query) for row, query in zip(rows, queries, strict=True) if query is not None]
    for (row, _query), hints in zip(searched, likely_matches_many([q for _r, q in searched], limit=3), strict=True):
        row.hints = hints


def decide(rows: list[PlannedRow], mapping: Mapping) -> None:
    """The decisions the mapping file gives ("same" takes the best hint, or the earlier row);
    rows with a likely duplicate and no valid decision wait for one ("")."""
    for row in rows:
        if row.errors:
            continue
        row.decision = mapping.decisions.get(str(row.number), "" if row.needs_decision else "new")
        if row.decision == "same":
            row.decision = f"same:{row.hints[0].client_id}" if row.hints else ("same_row" if row.same_as_row else "")
        if not _valid_decision(row):
            row.decision = ""


def found_duplicates(plan: Plan) -> str:
    """The duplicates the preview found, as JSON, kept with the upload so that the import does
    not search again (the matching is the slow part of a long list)."""
    return json.dumps(
        {
            str(row.number): [[asdict(h) for h in row.hints], row.same_as_row]
            for row in plan.rows
            if row.hints or row.same_as_row
        },
        ensure_ascii=False,
    )


def with_duplicates(plan: Plan, found: str, mapping: Mapping) -> None:
    """Put the duplicates found by the preview back on a plan built without searching."""
    stored = json.loads(found or "{}")
    for row in plan.rows:
        hints, same_as_row = stored.get(str(row.number), [[], None])
        row.hints = [Hint(**h) for h in hints]
        row.same_as_row = same_as_row
    decide(plan.rows, mapping)


def _valid_decision(row: PlannedRow) -> bool:
    if row.decision in ("new", "skip"):
        return True
    if row.decision == "same_row":
        return row.same_as_row is not None
    if row.decision.startswith("same:"):
        return row.decision[5:] in {str(h.client_id) for h in row.hints}
    return False


def apply_decisions(plan: Plan, chosen: dict[int, str]) -> None:
    """The person's decisions (row number -> decision) on the rows that need one."""
    for row in plan.rows:
        if row.needs_decision and row.number in chosen:
            row.decision = chosen[row.number]
            if not _valid_decision(row):
                row.decision = ""
