"""Walk-in visits, the per-day ticket counter and queue version, and waiting-room screen keys."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import Team, User
from ..extensions import Model
from ..lifeareas import LifeArea
from ..timeutil import utcnow

WAITING, CALLED, IN_CONSULTATION, DONE, LEFT, NO_SHOW = (
    "waiting",
    "called",
    "in_consultation",
    "done",
    "left",
    "no_show",
)
OPEN_STATES = (WAITING, CALLED, IN_CONSULTATION)
STATES = OPEN_STATES + (DONE, LEFT, NO_SHOW)

# Queue priority set at the desk; the queue shows (and calls) crisis first, then urgent.
NORMAL, URGENT, CRISIS = "normal", "urgent", "crisis"
PRIORITIES = (NORMAL, URGENT, CRISIS)

# The condition of the partial unique index below, written once for both databases.
_OPEN_SQL = text("client_id IS NOT NULL AND state IN ('waiting', 'called', 'in_consultation')")


class VisitDay(Model):
    """One row per day: the last ticket number given out, and a version that every change to
    that day's queue raises. Updating this row is also the queue's lock on PostgreSQL."""

    __tablename__ = "visit_day"

    day: Mapped[date] = mapped_column(primary_key=True)
    last_ticket: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=0)


class Visit(Model):
    __tablename__ = "visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]  # Europe/Berlin date of the check-in
    ticket: Mapped[int]
    state: Mapped[str] = mapped_column(String(20), default=WAITING)
    # A known client, or a walk-in noted by name only (client_id stays empty until intake).
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id", ondelete="SET NULL"), index=True)
    family_name: Mapped[str] = mapped_column(String(200), default="")
    given_names: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str | None] = mapped_column(String(10))
    # "" when no interpreter is needed, else a key of choices.INTERPRETER_KINDS.
    interpreter: Mapped[str] = mapped_column(String(20), default="")
    life_area_id: Mapped[int | None] = mapped_column(ForeignKey("life_area.id"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    priority: Mapped[str] = mapped_column(String(10), default=NORMAL, server_default=NORMAL)
    # Whom the person wants: a colleague, or anyone of a district team; neither means "next free".
    case_manager_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    called_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    room: Mapped[str] = mapped_column(String(40), default="")
    checked_in_at: Mapped[datetime] = mapped_column(default=utcnow)
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    called_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    case_manager: Mapped[User | None] = relationship(foreign_keys=[case_manager_id])
    called_by: Mapped[User | None] = relationship(foreign_keys=[called_by_id])
    team: Mapped[Team | None] = relationship()
    life_area: Mapped[LifeArea | None] = relationship()

    __table_args__ = (
        UniqueConstraint("day", "ticket"),
        Index("ix_visit_day_state", "day", "state", "checked_in_at"),
        # Two receptionists checking in the same client at once: the second insert fails here.
        Index(
            "uq_visit_open_client", "client_id", "day", unique=True, sqlite_where=_OPEN_SQL, postgresql_where=_OPEN_SQL
        ),
    )

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class ScreenKey(Model):
    """Access for one waiting-room screen. Only a hash of the key is stored; it is shown once."""

    __tablename__ = "screen_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(80))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
