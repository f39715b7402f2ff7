"""Appointments of a client with their case manager, interpreter requests, the office's
interpreters, and the calendar feed keys."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..clients.models import Client
from ..directory.models import Location, Organization
from ..extensions import Model
from ..timeutil import utcnow
from .choices import PLANNED


class Appointment(Model):
    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    # The whole household is expected, not only the person on file.
    for_household: Mapped[bool] = mapped_column(default=False)
    case_manager_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    # Naive UTC like every timestamp; shown in Europe/Berlin.
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    # A date agreed elsewhere (a referral's appointment) whose hour nobody knows yet.
    time_open: Mapped[bool] = mapped_column(default=False)
    kind: Mapped[str] = mapped_column(String(20))
    place: Mapped[str] = mapped_column(String(20), default="room")
    room: Mapped[str] = mapped_column(String(40), default="")
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id", ondelete="SET NULL"))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    # What the client should bring (shown on the slip).
    bring: Mapped[str] = mapped_column(String(500), default="")
    interpreter_language: Mapped[str | None] = mapped_column(String(10))
    interpreter_kind: Mapped[str] = mapped_column(String(20), default="")  # "" = none needed
    legal_consequences: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default=PLANNED)
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id", ondelete="SET NULL"))
    # Where a date from another feature came from ("referral:12", "conference:7"): saved again,
    # it moves this appointment instead of making a second one.
    source: Mapped[str | None] = mapped_column(String(40), unique=True)
    recorded_afterwards: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    client: Mapped[Client] = relationship()
    case_manager: Mapped[User] = relationship(foreign_keys=[case_manager_id])
    location: Mapped[Location | None] = relationship()
    organization: Mapped[Organization | None] = relationship()
    requests: Mapped[list["InterpreterRequest"]] = relationship(
        back_populates="appointment", order_by="InterpreterRequest.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_appointment_manager_start", "case_manager_id", "starts_at"),
        Index("ix_appointment_client_start", "client_id", "starts_at"),
        Index("ix_appointment_start_state", "starts_at", "state"),
    )


class Interpreter(Model):
    """One of the office's interpreters: a volunteer of the city's pool or an agency."""

    __tablename__ = "interpreter"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20), default="pool")
    languages: Mapped[str] = mapped_column(String(200), default="")  # ISO 639 codes, space separated
    phone: Mapped[str | None] = mapped_column(String(60))
    email: Mapped[str | None] = mapped_column(String(254))
    note: Mapped[str | None] = mapped_column(String(1000))
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)


class InterpreterRequest(Model):
    """An interpreter asked for one appointment: requested, then confirmed (with a name) or declined."""

    __tablename__ = "interpreter_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointment.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(20))
    legal_consequences: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str] = mapped_column(String(20), default="requested", index=True)
    interpreter_id: Mapped[int | None] = mapped_column(ForeignKey("interpreter.id", ondelete="SET NULL"))
    interpreter_name: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(String(1000))  # hints for the pool or agency (on the request)
    answer_note: Mapped[str | None] = mapped_column(String(1000))  # the office's own note on the answer
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    answered_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    appointment: Mapped[Appointment] = relationship(back_populates="requests")
    interpreter: Mapped[Interpreter | None] = relationship()
    requested_by: Mapped[User | None] = relationship()


class CalendarFeed(Model):
    """A case manager's calendar subscription: only a hash of the token is kept (shown once)."""

    __tablename__ = "calendar_feed"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(20), default="initials")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
