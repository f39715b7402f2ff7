"""Who may see which client: the object scoping of case files. Every client load goes through
this module (visibility(), visible_clients(), client_or_404()); nothing else reads a client by id.

The permission "client.read" (security.py) lets a user hold and open files at all; which files
is decided here, per row:

- the file's case manager sees it;
- the deputies named on that file (client_deputy) see it;
- a team lead ("team.read") whose team is the client's district (Sozialraum) or the case
  manager's team sees it.

Everyone else, reception and administration included, gets 404: a file's existence is not
disclosed. is_responsible() narrows this to case manager and team lead (not deputies), who may
name deputies and reopen the file. Reception needs to know at check-in whether someone is a
client and who their case manager is; reception_lookup() answers exactly that and nothing more.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache

from flask import abort, g, has_request_context, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Integer, and_, bindparam, exists, false, or_, select
from sqlalchemy.sql.elements import ColumnElement

from .. import audit
from ..auth.models import User
from ..database import SAFE_METHODS, get_request_writes
from ..extensions import db
from ..security import has_permission
from .matching import PersonQuery, likely_matches
from .models import Client, ClientDeputy

# What may still be done to a closed file: reopening it, handing it over or changing deputies, and
# searching its notes (a read, sent as POST to keep the words out of URLs).
CLOSED_FILE_WRITES = frozenset(
    {
        "clients.reopen",
        "clients.reassign",
        "clients.deputy_add",
        "clients.deputy_remove",
        "notes.search",
        "privacy.export",
        "privacy.restriction",
        "privacy.hold",
        "privacy.erasure",
        "privacy.retention_confirm",
    }
)
# What may be done to a restricted file (Art. 18): only the privacy steps (kimweb/privacy).
RESTRICTED_FILE_WRITES = frozenset({"privacy.export", "privacy.restriction", "privacy.hold", "privacy.erasure"})


def _leads_a_team(user) -> bool:
    """A team lead ("team.read") with a team: they see and answer for the team's files."""
    return has_permission("team.read", user) and user.team_id is not None


def _reading() -> bool:
    """A request that only reads (a GET not marked as writing): what it looks up stays true
    while it runs."""
    return has_request_context() and request.method in SAFE_METHODS and not get_request_writes()


def _scope_ids(user, leads: bool) -> tuple[list[int], list[int]]:
    """The files `user` stands in for and (for a team lead) the team's members. A page that reads
    (GET) asks once however many of its panels filter with visibility(); a request that writes
    asks afresh each time, since it may change them."""
    cache = None
    if _reading():
        cache = g.setdefault("kimweb_scope_ids", {})
        if user.id in cache:
            return cache[user.id]
    deputy_for = list(db.session.scalars(select(ClientDeputy.client_id).where(ClientDeputy.user_id == user.id)))
    members = list(db.session.scalars(select(User.id).where(User.team_id == user.team_id))) if leads else []
    if cache is not None:
        cache[user.id] = (deputy_for, members)
    return deputy_for, members


def visibility(user=None) -> ColumnElement[bool]:
    """The WHERE condition that limits clients to those `user` may open. Like the id lists it is
    built from, a page that reads (GET) builds it once however many of its panels filter with it
    (a condition is immutable, so one object serves every statement)."""
    user = user or current_user
    if not has_permission("client.read", user):
        return false()
    if _reading():
        built = g.setdefault("kimweb_visibility", {})
        if user.id not in built:
            built[user.id] = _visibility(user)
        return built[user.id]
    return _visibility(user)


def _visibility(user) -> ColumnElement[bool]:
    # The deputy files and the team's members are looked up first and passed as plain id lists:
    # every branch of the OR then uses an index on both databases (PostgreSQL turns
    # IN (subquery) into a filter over all open files), which keeps lists fast at 100,000 files.
    leads = _leads_a_team(user)
    deputy_for, members = _scope_ids(user, leads)
    conditions = [Client.case_manager_id == user.id]
    if deputy_for:
        conditions.append(Client.id.in_(deputy_for))
    if leads:
        conditions += [Client.district_id == user.team_id, Client.case_manager_id.in_(members)]
        return or_(*conditions)
    # A restricted file (Art. 18) is seen by the team lead only.
    return and_(or_(*conditions), Client.restricted.is_(False))


def visible_clients(user=None):
    return select(Client).where(visibility(user))


@cache
def _file_statement(leads: bool):
    """client_or_404's SELECT: visibility() for one client looked up by id, with the deputies and
    the team as correlated EXISTS instead of id lists read first (one query to open a file, not
    two or three; for one row by primary key the subqueries cost nothing). Built once per kind of
    reader (leading a team or not), the reader, the team and the file as bound parameters: the
    file is opened all day long, and building the statement costs more than running it."""
    user_id = bindparam("user_id", type_=Integer)
    deputy = exists().where(ClientDeputy.client_id == Client.id, ClientDeputy.user_id == user_id)
    conditions = [Client.case_manager_id == user_id, deputy]
    if leads:
        team_id = bindparam("team_id", type_=Integer)
        member = exists().where(User.id == Client.case_manager_id, User.team_id == team_id)
        visible = or_(*conditions, Client.district_id == team_id, member)
    else:
        # A restricted file (Art. 18) is seen by the team lead only.
        visible = and_(or_(*conditions), Client.restricted.is_(False))
    return select(Client).where(visible, Client.id == bindparam("client_id"))


def client_or_404(client_id: int, *, lock: bool = False, user=None) -> Client:
    """The client if `user` may open the file, else 404. lock=True for writes: on PostgreSQL the
    row stays locked until commit, so version checks of two simultaneous saves cannot both pass
    (SQLite's IMMEDIATE write transactions serialise them already)."""
    user = user or current_user
    if not has_permission("client.read", user):
        abort(404)
    leads = _leads_a_team(user)
    query = _file_statement(leads)
    if lock:
        query = query.with_for_update(of=Client)
    parameters = {"user_id": user.id, "client_id": client_id}
    if leads:
        parameters["team_id"] = user.team_id
    client = db.session.scalar(query, parameters)
    if client is None:
        abort(404)
    _audit_read(client)
    if (
        client.closed
        and has_request_context()
        and request.method not in SAFE_METHODS
        and request.endpoint not in CLOSED_FILE_WRITES
    ):
        # A closed file stays as it was closed (it is anonymised after the retention period);
        # whoever needs to add something reopens it first.
        abort(409, _("Diese Akte ist abgeschlossen. Bitte öffnen Sie sie wieder, bevor Sie etwas ändern."))
    if (
        client.restricted
        and has_request_context()
        and request.method not in SAFE_METHODS
        and request.endpoint not in RESTRICTED_FILE_WRITES
    ):
        abort(409, _("Die Verarbeitung dieser Akte ist eingeschränkt (Art. 18 DSGVO); sie kann nur gelesen werden."))
    return client


def _audit_read(client: Client) -> None:
    """Every read of a file's content is logged, whichever page, fragment or edit form shows it
    (once per request): the client's "who opened this file" list must be complete."""
    if has_request_context() and request.method in SAFE_METHODS:
        seen = g.setdefault("kimweb_clients_read", set())
        if client.id not in seen:
            seen.add(client.id)
            audit.record("client.opened", "client", client.id)


def audit_shown(client_ids, detail: str = "search") -> None:
    """A search showed content of these files (notes, documents): each file gets its
    "client.opened" row, so its "who opened this file" list shows the search too. Once per file
    and request (a file already audited in this request is left out), all rows in one INSERT."""
    seen = g.setdefault("kimweb_clients_read", set()) if has_request_context() else set()
    shown = sorted(set(client_ids) - seen)
    seen.update(shown)
    audit.record_many("client.opened", "client", shown, detail=detail)


def part_or_404(model, part_id: int, client: Client):
    """A record of a client's file (a status, a consent...), only if it belongs to `client`:
    an id from another file in a form or URL is 404, like the file itself."""
    part = db.session.get(model, part_id)
    owner = getattr(part, "client_id", None) if part is not None else None
    if owner is None and part is not None and hasattr(part, "goal"):
        owner = part.goal.client_id
    if owner != client.id:
        abort(404)
    return part


def is_responsible(client: Client, user=None) -> bool:
    """Case manager or team lead of the file (not a deputy): they see who opened it, name
    deputies and reopen it."""
    user = user or current_user
    if user.id == client.case_manager_id:
        return True
    return _leads_a_team(user) and (client.district_id == user.team_id or client.case_manager.team_id == user.team_id)


@dataclass(frozen=True)
class LookupRow:
    """What reception may know about a client: enough to greet and to call the right colleague."""

    client_id: int
    family_name: str
    given_names: str
    birth_year: int | None
    case_manager: str


def reception_lookup(family: str, given: str = "", birth_date: date | None = None, limit: int = 5) -> list[LookupRow]:
    """Likely clients for a person at the desk, across all files, with reception-safe fields only."""
    found = likely_matches(PersonQuery(family=family, given=given, birth_date=birth_date), limit=limit)
    return [LookupRow(h.client_id, h.family_name, h.given_names, h.birth_year, h.case_manager) for h in found]


@dataclass(frozen=True)
class CheckInFacts:
    """What a check-in takes over from the file: whom to call, and the language to arrange."""

    case_manager_id: int
    languages: tuple[str, ...]  # ISO 639 codes as on file, the first is the main one
    interpreter_needed: bool
    interpreter_language: str | None


def reception_checkin_facts(client_id: int) -> CheckInFacts | None:
    """The file's case manager, languages and interpreter need, for the desk's check-in; None
    when there is no such file. Nothing else of the file is read."""
    row = db.session.execute(
        select(Client.case_manager_id, Client.languages, Client.interpreter_needed, Client.interpreter_language).where(
            Client.id == client_id
        )
    ).first()
    if row is None or row.case_manager_id is None:
        return None
    return CheckInFacts(
        row.case_manager_id,
        tuple((row.languages or "").split()),
        bool(row.interpreter_needed),
        row.interpreter_language,
    )
