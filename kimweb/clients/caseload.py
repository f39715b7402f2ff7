"""The caseload list ("Meine Fälle"): filters, sorting and pages over the visible clients."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload
from wtforms import Form, StringField
from wtforms.fields.choices import SelectChoice

from ..auth.models import Team, User
from ..extensions import db
from ..fields import SelectField, search_words
from .access import visibility
from .casework_models import Assessment, ClientDeadline, Consent, FollowUp, Goal
from .choices import CLOSED_PHASE, PHASES
from .forms import case_manager_choices, team_choices
from .matching import name_condition
from .models import Client
from .section_forms import life_area_choices

PAGE_SIZE = 25
SORTS = {
    "name": _l("Name"),
    "case_number": _l("Fallnummer"),
    "deadline": _l("nächste Frist"),
    "phase": _l("Phase"),
    "updated": _l("zuletzt geändert"),
}
DEADLINE_WINDOWS = {
    "": _l("– alle –"),
    "7": _l("7 Tage"),
    "14": _l("14 Tage"),
    "28": _l("4 Wochen"),
    "56": _l("8 Wochen"),
    "90": _l("3 Monate"),
}


@dataclass(frozen=True)
class Watch:
    """A "needs attention" filter of the caseload: a label and a condition on Client for a day.
    Features that own the data register theirs (reports' team overview links to them), so the
    team overview's counts and the list it links to come from the same condition."""

    key: str
    label: Any
    condition: Callable[[date], Any]


WATCHES: dict[str, Watch] = {}


def register_watch(watch: Watch) -> None:
    WATCHES[watch.key] = watch


class CaseloadForm(Form):
    """Search and filters. Names arrive only by POST (never in a URL); the other filters may be
    links. CSRF is checked for every POST by CSRFProtect, so this plain Form needs none."""

    q = StringField(_l("Name oder Fallnummer"), filters=[search_words])
    phase = SelectField(_l("Phase"), choices=[])
    district = SelectField(_l("Sozialraum"), choices=[])
    area = SelectField(_l("Handlungsfeld"), choices=[])
    within = SelectField(_l("Frist innerhalb von"), choices=[SelectChoice(k, v) for k, v in DEADLINE_WINDOWS.items()])
    mine = SelectField(_l("Fälle"), choices=[])
    fm = SelectField(_l("Fallmanagement"), choices=[])
    watch = SelectField(_l("Hinweis"), choices=[])
    sort = SelectField(_l("Sortieren nach"), choices=[SelectChoice(k, v) for k, v in SORTS.items()])

    def __init__(self, formdata=None, *, team_lead: bool = False, team_id: int | None = None):
        super().__init__(formdata)
        self.fm.choices = [SelectChoice("", _l("– alle –"))]
        if team_lead:
            self.fm.choices += case_manager_choices(team_id)
        self.watch.choices = [SelectChoice("", _l("– alle –"))] + [
            SelectChoice(w.key, w.label) for w in WATCHES.values()
        ]
        self.phase.choices = [
            SelectChoice("active", _l("laufende (0–6)")),
            SelectChoice("", _l("alle")),
            SelectChoice("closed", _l("abgeschlossene")),
        ] + [SelectChoice(str(k), v) for k, v in PHASES.items() if k != CLOSED_PHASE]
        self.district.choices = [SelectChoice("", _l("– alle –"))] + team_choices()[1:]
        self.area.choices = life_area_choices(empty=_l("– alle –"))
        self.mine.choices = [
            SelectChoice("", _l("Team") if team_lead else _l("meine und Vertretungen")),
            SelectChoice("1", _l("nur meine eigenen")),
        ]

    def value(self, name: str, default=""):
        data = getattr(self, name).data
        return data if data in {c.value for c in getattr(self, name).choices} else default


@dataclass(frozen=True)
class Row:
    id: int
    case_number: str
    family_name: str
    given_names: str
    birth_date: date | None
    birth_date_approximate: bool
    phase: int
    district: str | None
    case_manager: str
    case_manager_id: int
    next_deadline: date | None
    birth_date_precision: str = "day"


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    total: int
    page: int
    pages: int


def _next_deadline(today: date):
    return (
        select(func.min(ClientDeadline.due))
        .where(
            ClientDeadline.client_id == Client.id, or_(ClientDeadline.after_due.is_(True), ClientDeadline.due >= today)
        )
        .correlate(Client)
        .scalar_subquery()
    )


def _next_follow_up():
    return (
        select(func.min(FollowUp.due_on))
        .where(FollowUp.client_id == Client.id, FollowUp.done_at.is_(None))
        .correlate(Client)
        .scalar_subquery()
    )


def search(form: CaseloadForm, user, today: date, page: int = 1) -> Page:
    """One query picks the page's ids and counts all matches (a window count, so the filtered
    set is read once); a second fetches what the rows show, for those 25 only."""
    conditions = [visibility(user)] + _filters(form, user, today)
    next_deadline = _next_deadline(today)
    # Any: SQLAlchemy names no public type for what order_by() takes.
    orders: dict[str, list[Any]] = {
        "name": [Client.sort_name, Client.id],
        "case_number": [Client.case_number.desc()],
        "deadline": [Client.next_due.is_(None), Client.next_due, Client.sort_name],
        "phase": [Client.phase, Client.sort_name],
        "updated": [Client.updated_at.desc(), Client.id.desc()],
    }
    order = orders[form.value("sort", "name")]
    page = max(page, 1)

    def ids_of(number: int):
        return db.session.execute(
            select(Client.id, func.count().over())
            .where(*conditions)
            .order_by(*order)
            .limit(PAGE_SIZE)
            .offset((number - 1) * PAGE_SIZE)
        ).all()

    picked = ids_of(page)
    if not picked and page > 1:
        page = 1
        picked = ids_of(page)
    total = picked[0][1] if picked else 0
    pages = max(1, -(-total // PAGE_SIZE))
    details = {
        r[0]: r
        for r in db.session.execute(
            select(
                Client.id,
                Client.case_number,
                Client.family_name,
                Client.given_names,
                Client.birth_date,
                Client.birth_date_approximate,
                Client.phase,
                Team.name,
                User.display_name,
                Client.case_manager_id,
                next_deadline,
                Client.birth_date_precision,
            )
            .join(User, User.id == Client.case_manager_id)
            .outerjoin(Team, Team.id == Client.district_id)
            .where(Client.id.in_([client_id for client_id, _ in picked]))
        )
    }
    return Page([Row(*details[client_id]) for client_id, _ in picked], total, page, pages)


def _filters(form: CaseloadForm, user, today: date) -> list:
    conditions = []
    if form.q.data:
        conditions += name_condition(form.q.data)
    phase = form.value("phase", "active")
    if phase == "active":
        conditions.append(Client.phase < CLOSED_PHASE)
    elif phase == "closed":
        conditions.append(Client.phase == CLOSED_PHASE)
    elif phase:
        conditions.append(Client.phase == int(phase))
    if district := form.value("district"):
        conditions.append(Client.district_id == int(district))
    if area := form.value("area"):
        conditions.append(
            or_(
                Client.id.in_(
                    select(Assessment.client_id).where(
                        Assessment.life_area_id == int(area), Assessment.need.in_(("some", "urgent"))
                    )
                ),
                Client.id.in_(
                    select(Goal.client_id).where(
                        Goal.life_area_id == int(area), Goal.status.in_(("open", "in_progress"))
                    )
                ),
            )
        )
    if within := form.value("within"):
        until = today + timedelta(days=int(within))
        # The soonest deadline and open follow-up per file, read through each table's client
        # index for the files that pass the cheaper filters (the name first). IN (...) would
        # collect the deadlines of every file in the city, and for EXISTS PostgreSQL's planner
        # does the same as soon as it expects many visible files.
        conditions.append(or_(_next_deadline(today) <= until, _next_follow_up() <= until))
    if form.value("mine") == "1":
        conditions.append(Client.case_manager_id == user.id)
    if manager := form.value("fm"):
        conditions.append(Client.case_manager_id == int(manager))
    if (watch := WATCHES.get(form.value("watch"))) is not None:
        conditions.append(watch.condition(today))
    return conditions


def due_soon(user, today: date, days: int) -> list[tuple[ClientDeadline, Client]]:
    """(ClientDeadline, Client) pairs of the visible open files due within `days`, soonest first."""
    rows = db.session.execute(
        select(ClientDeadline, Client)
        .join(Client, Client.id == ClientDeadline.client_id)
        .where(
            visibility(user),
            Client.phase < CLOSED_PHASE,
            ClientDeadline.due <= today + timedelta(days=days),
            or_(ClientDeadline.after_due.is_(True), ClientDeadline.due >= today),
        )
        .order_by(ClientDeadline.due, Client.sort_name)
        .limit(30)
    )
    return [(deadline, client) for deadline, client in rows]


def due_follow_ups(user, today: date, days: int = 0) -> list[tuple[FollowUp, Client]]:
    """The user's open follow-ups due within `days` (overdue ones first), of the files they may open."""
    rows = db.session.execute(
        select(FollowUp, Client)
        .join(Client, Client.id == FollowUp.client_id)
        .where(
            visibility(user),
            FollowUp.assignee_id == user.id,
            FollowUp.done_at.is_(None),
            FollowUp.due_on <= today + timedelta(days=days),
        )
        .order_by(FollowUp.due_on)
        .limit(30)
    )
    return [(follow_up, client) for follow_up, client in rows]


def expiring_consents(user, today: date, days: int = 30) -> list[tuple[Consent, Client]]:
    """(Consent, Client) pairs of the visible open files whose consent ends within `days`."""
    rows = db.session.execute(
        select(Consent, Client)
        .join(Client, Client.id == Consent.client_id)
        .where(
            visibility(user),
            Client.phase < CLOSED_PHASE,
            Consent.revoked_on.is_(None),
            and_(Consent.valid_until >= today, Consent.valid_until <= today + timedelta(days=days)),
        )
        .options(joinedload(Consent.organization))  # the panel names the agency
        .order_by(Consent.valid_until)
        .limit(30)
    )
    return [(consent, client) for consent, client in rows]
