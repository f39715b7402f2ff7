"""The fact layer of the KIM reports: one CaseFact per case open on any day of a period, built from
the timestamped records only (phase history, case manager history, residence status history,
contact notes, the help plan, referrals and their status events). Every KIM figure is counted
from these facts, so the pages, the workbook and the CSV agree. No names, texts or addresses are
read here.

Who a fact counts for: every event is attributed to the case manager (and their team and Träger)
responsible for the file on the event's day (`CaseFact.holder_on`): an opening to whoever had the
file that day, a closing to whoever closed it, a contact to whoever had the file on the day of
the contact. Case-level figures (people reached, needs, referrals) count for whoever had the file
on its last open day in the period (`CaseFact.reference_day`).
"""

import bisect
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

from sqlalchemy import and_, func, or_, select

from ..auth.models import User
from ..clients.choices import CLOSED_PHASE
from ..clients.history import Entry, closed_on, history_of, read_entries
from ..clients.models import CaseAssignment, Client, HouseholdMember
from ..directory.models import Organization
from ..extensions import db
from . import fact_parts
from .fact_parts import Contact
from .status_groups import status_group


@dataclass(frozen=True)
class Holder:
    """Who is responsible for a file on a day."""

    case_manager_id: int
    team_id: int | None
    traeger_id: int | None


@dataclass(frozen=True)
class Scope:
    """The filters of a report; None means all."""

    team_id: int | None = None
    traeger_id: int | None = None
    case_manager_id: int | None = None

    @cached_property
    def everyone(self) -> bool:
        """No filter: everything counts, whoever had the file."""
        return self.team_id is None and self.traeger_id is None and self.case_manager_id is None

    def admits(self, holder: Holder) -> bool:
        return (
            (self.team_id is None or holder.team_id == self.team_id)
            and (self.traeger_id is None or holder.traeger_id == self.traeger_id)
            and (self.case_manager_id is None or holder.case_manager_id == self.case_manager_id)
        )


@dataclass(slots=True)
class CaseFact:
    client_id: int
    district_id: int | None
    access_route: str | None
    referred_by: str | None
    gender: str | None
    birth_date: date | None
    nationalities: list[str]
    languages: list[str]
    interpreter_needed: bool
    household_members: int
    # Episodes: (opened, closed or None, closure reason, reopened) of the whole file, oldest first.
    episodes: list[tuple[date, date | None, str | None, bool]]
    phase_at_end: int | None = None
    holders: list[tuple[date, Holder]] = field(default_factory=list)
    statuses: list[tuple[date, str]] = field(default_factory=list)  # (starts on, status type), live only
    contacts: list[Contact] = field(default_factory=list)
    needs: dict[int, str] = field(default_factory=dict)  # life area -> need (the current assessment)
    goals_set: list[tuple[date, int | None]] = field(default_factory=list)
    goals_evaluated: list[tuple[date, int | None, str]] = field(default_factory=list)
    measures_done: list[tuple[date, int | None]] = field(default_factory=list)
    referrals: list[tuple[date, str, str, int | None]] = field(default_factory=list)  # day, agency, status, area
    residence_deadlines: list[tuple[date, str]] = field(default_factory=list)  # due, met/missed/pending
    # due, in_time/late/done_unknown/overdue/pending (letter_state())
    letter_deadlines: list[tuple[date, str]] = field(default_factory=list)
    appointments: list[tuple[date, str]] = field(default_factory=list)  # Berlin day, state (not planned)

    # ---- the period, set by build()
    start: date = date.min
    end: date = date.max
    # ---- what the episodes say about the period, worked out once (__post_init__): every report
    # asks, tens of thousands of times (plain attributes, no properties)
    open_at_start: bool = field(default=False, init=False)  # open on the evening before the period
    open_at_end: bool = field(default=False, init=False)
    openings: list[tuple[date, bool]] = field(default_factory=list, init=False)  # in the period: (day, reopened)
    # Closings in the period: (day, reason, the day this episode opened).
    closings: list[tuple[date, str | None, date]] = field(default_factory=list, init=False)
    # The file's last open day in the period: whose case it is for case-level figures.
    reference_day: date = field(default=date.max, init=False)

    def __post_init__(self) -> None:
        start, end = self.start, self.end
        # Open on the evening before the period: a file opened on its first day is new, not open.
        eve = start - timedelta(days=1) if start > date.min else None
        for opened, closed, why, again in self.episodes:  # one pass: this runs for every file
            if start <= opened <= end:
                self.openings.append((opened, again))
            if closed is not None and start <= closed <= end:
                self.closings.append((closed, why, opened))
            if eve is not None and opened <= eve and (closed is None or closed > eve):
                self.open_at_start = True
            if opened <= end and (closed is None or closed > end):
                self.open_at_end = True
        closed_days = [] if self.open_at_end else [c for c, _, _ in self.closings]
        self.reference_day = max(closed_days) if closed_days else end

    def holder_on(self, day: date) -> Holder:
        if len(self.holders) == 1:
            return self.holders[0][1]
        index = bisect.bisect_right(self.holders, day, key=lambda holder: holder[0]) - 1
        return self.holders[max(index, 0)][1]

    def counts_for(self, scope: Scope, day: date) -> bool:
        """Whether what happened to the file on `day` counts in `scope` (for its holder that day)."""
        return scope.everyone or scope.admits(self.holder_on(day))

    def changes_hands(self) -> bool:
        """Whether holder_on() differs between days of the period (else one holder answers for all)."""
        return len(self.holders) > 1 and any(self.start < day <= self.end for day, _ in self.holders[1:])

    def open_on(self, day: date) -> bool:
        for opened, closed, _, _ in self.episodes:
            if opened <= day and (closed is None or closed > day):
                return True
        return False

    def handovers(self) -> list[date]:
        """Days in the period on which the file, open the evening before, changed hands."""
        if len(self.holders) < 2:
            return []
        days = sorted({d for d, _ in self.holders[1:] if self.start <= d <= self.end})
        return [d for d in days if self.open_on(d - timedelta(days=1))]

    @property
    def first_opened(self) -> date:
        return self.episodes[0][0]

    def status_on(self, day: date) -> str | None:
        current = None
        for starts, status_type in self.statuses:
            if starts <= day:
                current = status_type
        return current

    def age_on(self, day: date) -> int | None:
        """The age reached in the year of `day` (year minus year of birth): anonymisation keeps
        only the year of birth, so an age from the day of birth would change the age groups."""
        if self.birth_date is None:
            return None
        return day.year - self.birth_date.year

    @property
    def status_group_at_start(self) -> str:
        return status_group(self.status_on(max(self.start, self.first_opened)))

    @property
    def status_group_at_end(self) -> str:
        return status_group(self.status_on(self.reference_day))


def _episodes(entries: Sequence[Entry], created: datetime) -> list:
    """Open and closed stretches from the phase history (sorted, history_of): a closing ends one,
    the next entry after a closing opens another (a reopening). A closing before any opening
    closes a stretch opened on the day the file was created."""
    episodes: list[list] = []
    for phase, day, reason, reopened in entries:
        if phase == CLOSED_PHASE:
            if episodes and episodes[-1][1] is None:
                episodes[-1][1], episodes[-1][2] = day, reason
            elif not episodes:
                episodes.append([created.date(), day, reason, False])
        elif not episodes or episodes[-1][1] is not None:
            episodes.append([day, None, None, bool(episodes) or reopened])
    return [tuple(e) for e in episodes] or [(created.date(), None, None, False)]


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """For building facts and counting them: tens of thousands of facts hold no reference
    cycles, but each batch of new objects makes the cyclic garbage collector walk all of them
    again (a year's facts took twice the time). Reference counting still frees everything; the
    collector resumes after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# What a fact holds beyond the file, its episodes and holders; a report names the parts it reads.
PARTS = frozenset({"statuses", "contacts", "plan", "referrals", "letters", "appointments"})


def build(start: date, end: date, today: date, parts: frozenset[str] = PARTS) -> list[CaseFact]:
    """The facts of every case open on at least one day of [start, end], with the `parts` asked
    for (the others stay empty)."""
    with cycle_collection_paused():
        return _build(start, end, today, parts)


def _aside() -> bool:
    """Whether a statement may be read on a second connection (fact_parts.read_aside): not on an
    in-memory SQLite database, which every connection sees empty."""
    url = db.engine.url
    return not (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))


def _build(start: date, end: date, today: date, parts: frozenset[str]) -> list[CaseFact]:
    facts: dict[int, CaseFact] = {}
    # The heaviest statement, counted by the database in a second thread while the facts are made.
    contact_counts = (
        fact_parts.read_aside(fact_parts.contact_counts(start, end)) if "contacts" in parts and _aside() else None
    )
    # Files whose history ended closed before the period are passed over in the query (most
    # files of a year); the rest are worked out from their entries below. All entries are read:
    # a join to pick those of the files read costs more than the rows it saves.
    relevant = and_(
        Client.restricted.is_(False),  # Art. 18: a restricted file is in no report
        or_(Client.history_closed_on.is_(None), Client.history_closed_on >= start),
    )
    entries = read_entries(db.session.connection())
    users = {u.id: u for u in fact_parts.read_rows(select(User.id, User.team_id, User.traeger_id))}
    organizations = dict(fact_parts.read_rows(select(Organization.id, Organization.name)))
    households = dict(
        fact_parts.read_rows(select(HouseholdMember.client_id, func.count()).group_by(HouseholdMember.client_id))
    )
    current_manager: dict[int, int] = {}
    for (
        client_id,
        district_id,
        access_route,
        referred_by_id,
        gender,
        birth_date,
        nationalities,
        languages,
        interpreter_needed,
        manager_id,
        created_at,
        phase,
        phase_since,
        closure_reason,
    ) in fact_parts.read_rows(
        select(
            Client.id,
            Client.district_id,
            Client.access_route,
            Client.referred_by_id,
            Client.gender,
            Client.birth_date,
            Client.nationalities,
            Client.languages,
            Client.interpreter_needed,
            Client.case_manager_id,
            Client.created_at,
            Client.phase,
            Client.phase_since,
            Client.closure_reason,
        ).where(relevant)
    ):
        # Sorted by day (a stable sort: entries of one day stay in the order they were made).
        recorded = entries.get(client_id, ())
        history = history_of(recorded, phase, phase_since, closure_reason, created_at)
        last_closed = closed_on(history)
        if last_closed is not None and last_closed < start:
            continue  # closed before the period and not reopened since (history_closed_on not kept yet)
        phase_at_end = phase  # without recorded entries: the phase it has
        for entry in reversed(history if recorded else ()):
            if entry[1] <= end:
                phase_at_end = entry[0]
                break
        episodes = _episodes(history, created_at)
        for opened, closed, _, _ in episodes:
            if opened <= end and (closed is None or closed >= start):
                break
        else:
            continue
        facts[client_id] = CaseFact(
            client_id=client_id,
            district_id=district_id,
            access_route=access_route,
            referred_by=organizations.get(referred_by_id) if referred_by_id else None,
            gender=gender,
            birth_date=birth_date,
            nationalities=(nationalities or "").split(),
            languages=(languages or "").split(),
            interpreter_needed=bool(interpreter_needed),
            household_members=households.get(client_id, 0),
            episodes=episodes,
            phase_at_end=phase_at_end,
            start=start,
            end=end,
        )
        current_manager[client_id] = manager_id

    known_holders: dict[tuple, Holder] = {}

    def holder(user_id: int, team_id: int | None = None, use_team: bool = False) -> Holder:
        key = (user_id, team_id, use_team)
        if key not in known_holders:
            user = users.get(user_id)
            team = team_id if use_team else (user.team_id if user else None)
            known_holders[key] = Holder(user_id, team, user.traeger_id if user else None)
        return known_holders[key]

    for client_id, from_on, manager_id, team_id in fact_parts.read_rows(
        select(
            CaseAssignment.client_id, CaseAssignment.from_on, CaseAssignment.case_manager_id, CaseAssignment.team_id
        ).order_by(CaseAssignment.client_id, CaseAssignment.from_on, CaseAssignment.id)
    ):
        known = facts.get(client_id)
        if known is not None:
            known.holders.append((from_on, holder(manager_id, team_id, use_team=True)))
    for client_id, fact in facts.items():
        if not fact.holders:
            fact.holders.append((date.min, holder(current_manager[client_id])))

    if "statuses" in parts:
        fact_parts.statuses(facts, today)
    if "contacts" in parts:
        fact_parts.contacts(facts, start, end, contact_counts.result() if contact_counts else None)
    if "plan" in parts:
        fact_parts.plan(facts, start, end)
    if "referrals" in parts:
        fact_parts.referrals(facts, start, end)
    if "letters" in parts:
        fact_parts.letters(facts, start, end, today)
    if "appointments" in parts:
        fact_parts.appointments(facts, start, end)
    return list(facts.values())
