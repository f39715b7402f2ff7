"""Household rows in forms: adding and removing rows by re-numbering the posted fields, so that
the same code serves htmx (a fragment) and plain forms (the whole page again)."""

import re

from werkzeug.datastructures import MultiDict

from ..fields import parse_number
from .forms import MAX_HOUSEHOLD


def edited_rows(formdata: MultiDict, prefix: str) -> tuple[MultiDict, str | None]:
    """The posted form with one row removed (button remove_member=<index>) or an empty row
    added (button add_member), and which of the two happened."""
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)-(.+)$")
    rows: dict[int, list[tuple[str, str]]] = {}
    data: MultiDict = MultiDict()
    for key, value in formdata.items(multi=True):
        match = pattern.match(key)
        if match:
            rows.setdefault(int(match.group(1)), []).append((match.group(2), value))
        elif key not in ("add_member", "remove_member"):
            data.add(key, value)
    action = None
    remove = parse_number(formdata.get("remove_member", ""))
    if remove is not None and remove in rows:
        del rows[remove]
        action = "removed"
    ordered = [rows[i] for i in sorted(rows)]
    if "add_member" in formdata and len(ordered) < MAX_HOUSEHOLD:
        # At intake most members share the family name: start the new row with it.
        ordered.append([("family_name", formdata.get("family_name", ""))])
        action = "added"
    for index, fields in enumerate(ordered):
        for name, value in fields:
            data.add(f"{prefix}-{index}-{name}", value)
    return data, action


def wants_row_change(formdata: MultiDict) -> bool:
    return "add_member" in formdata or "remove_member" in formdata
