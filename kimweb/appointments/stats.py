"""Appointment figures for the reports: kept, cancelled and missed per case manager and month.
Counts only, never a client's data; kimweb/kim_reports wires them into its pages."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..auth.models import User
from ..extensions import db
from ..timeutil import to_local
from .choices import CANCELLED, KEPT, MISSED, MISSED_UNCONFIRMED
from .models import Appointment
from .schedule import day_bounds


@dataclass(frozen=True)
class MonthFigures:
    case_manager_id: int
    case_manager: str
    month: date  # the first day of the month (Europe/Berlin)
    kept: int
    cancelled: int
    missed: int  # "nicht erschienen", confirmed or still to confirm
    missed_unconfirmed: int  # of which not yet confirmed

    @property
    def total(self) -> int:
        return self.kept + self.cancelled + self.missed


def appointment_figures(start: date, end: date, team_id: int | None = None) -> list[MonthFigures]:
    """Appointments from `start` to `end` (Berlin days, both included) per case manager and month:
    kept, cancelled, missed. `team_id` limits to the case managers of one team. Appointments still
    ahead (geplant, bestätigt) are not counted. Sorted by case manager name, then month."""
    first, _ = day_bounds(start)
    _, last = day_bounds(end)
    query = (
        select(Appointment.case_manager_id, User.display_name, Appointment.starts_at, Appointment.state)
        .join(User, User.id == Appointment.case_manager_id)
        .where(
            Appointment.starts_at >= first,
            Appointment.starts_at < last,
            Appointment.state.in_((KEPT, CANCELLED, MISSED, MISSED_UNCONFIRMED)),
        )
    )
    if team_id is not None:
        query = query.where(User.team_id == team_id)
    counts: dict[tuple[int, str, date], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for manager_id, name, starts_at, state in db.session.execute(query):
        month = to_local(starts_at).date().replace(day=1)
        counts[(manager_id, name, month)][state] += 1
    return [
        MonthFigures(
            case_manager_id=manager_id,
            case_manager=name,
            month=month,
            kept=c[KEPT],
            cancelled=c[CANCELLED],
            missed=c[MISSED] + c[MISSED_UNCONFIRMED],
            missed_unconfirmed=c[MISSED_UNCONFIRMED],
        )
        for (manager_id, name, month), c in sorted(counts.items(), key=lambda item: (item[0][1], item[0][2]))
    ]
