"""The sections of a case file: residence status history, assessment, help plan, consents,
involved agencies, follow-ups. Histories are rows: nothing here is overwritten to forget."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..directory.models import Organization
from ..extensions import Model
from ..lifeareas import LifeArea
from ..timeutil import utcnow


class ResidenceStatus(Model):
    """One paper or decision. A new one never replaces an old row; a correction adds a row and
    marks the corrected one superseded. Attribute names are the ones kimweb.deadlines reads."""

    __tablename__ = "residence_status"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    status_type: Mapped[str] = mapped_column(String(30))
    legal_basis: Mapped[str | None] = mapped_column(String(200))
    issued_on: Mapped[date | None]
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
    card_valid_until: Mapped[date | None]
    passport_valid_until: Mapped[date | None]
    employment_permitted: Mapped[str] = mapped_column(String(20), default="")
    residence_obligation_until: Mapped[date | None]
    application_submitted_on: Mapped[date | None]
    file_number: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    superseded_at: Mapped[datetime | None]
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("residence_status.id"))

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    @property
    def starts_on(self) -> date | None:
        return self.valid_from or self.issued_on


class DeadlineConfirmation(Model):
    """A person checked a computed deadline against the paper."""

    __tablename__ = "deadline_confirmation"

    id: Mapped[int] = mapped_column(primary_key=True)
    status_id: Mapped[int] = mapped_column(ForeignKey("residence_status.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    due: Mapped[date]
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    confirmed_by: Mapped[User | None] = relationship()

    __table_args__ = (UniqueConstraint("status_id", "kind", "due"),)


class ClientDeadline(Model):
    """The deadlines of a client's current status record, kept in step with the records so that
    lists and the start page can filter by due date in SQL."""

    __tablename__ = "client_deadline"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    status_id: Mapped[int] = mapped_column(ForeignKey("residence_status.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    due: Mapped[date]
    after_due: Mapped[bool] = mapped_column(default=True)

    # Looked up per file only (lists and the start page start from the visible files); an index
    # on due alone would tempt SQLite into scanning the whole city's deadlines instead.
    __table_args__ = (Index("ix_client_deadline_client", "client_id", "due"),)


class Assessment(Model):
    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    life_area_id: Mapped[int] = mapped_column(ForeignKey("life_area.id"))
    situation: Mapped[str | None] = mapped_column(Text)
    need: Mapped[str] = mapped_column(String(10), default="none")
    priority: Mapped[int | None]
    resources: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(default=1)

    life_area: Mapped[LifeArea] = relationship()

    __table_args__ = (
        UniqueConstraint("client_id", "life_area_id"),
        Index("ix_assessment_life_area", "life_area_id", "need"),
    )


class Goal(Model):
    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(1000))
    life_area_id: Mapped[int | None] = mapped_column(ForeignKey("life_area.id"), index=True)
    target_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="open")
    attainment: Mapped[str] = mapped_column(String(20), default="")
    evaluated_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    life_area: Mapped[LifeArea | None] = relationship()
    measures: Mapped[list["Measure"]] = relationship(
        back_populates="goal", order_by="Measure.id", cascade="all, delete-orphan"
    )


class Measure(Model):
    __tablename__ = "measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(String(1000))
    responsible: Mapped[str] = mapped_column(String(20), default="case_manager")
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    goal: Mapped[Goal] = relationship(back_populates="measures")
    organization: Mapped[Organization | None] = relationship()


class Consent(Model):
    """Consent to share data with one agency for one purpose. Revoking sets revoked_on; the row stays."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    purpose: Mapped[str] = mapped_column(String(500), default="")  # in the client's words, optional
    # What it covers, as codes (clients/consent_scope.py), space separated: checked before data leaves.
    purposes: Mapped[str] = mapped_column(String(200), default="")
    data_scope: Mapped[str] = mapped_column(String(200), default="")
    data_kinds: Mapped[str | None] = mapped_column(String(500))  # anything else, as free text
    health_data: Mapped[bool] = mapped_column(default=False)
    given_on: Mapped[date]
    valid_until: Mapped[date | None] = mapped_column(index=True)
    explained_language: Mapped[str | None] = mapped_column(String(10))
    interpreted_by: Mapped[str | None] = mapped_column(String(200))
    paper_reference: Mapped[str | None] = mapped_column(String(200))
    revoked_on: Mapped[date | None]
    revoked_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(default=1)

    organization: Mapped[Organization] = relationship()


class Involvement(Model):
    """Who is involved: an agency (and a person there) in the client's network."""

    __tablename__ = "involvement"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    contact_person: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    since: Mapped[date | None]
    ended_on: Mapped[date | None]
    # Set when a referral put the agency on the list (and ends it when the referral ends).
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    organization: Mapped[Organization] = relationship()


class FollowUp(Model):
    """A Wiedervorlage: something to look at again on a day, for one colleague."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    due_on: Mapped[date]
    assignee_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    done_at: Mapped[datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(default=1)

    assignee: Mapped[User] = relationship(foreign_keys=[assignee_id])

    # The start page asks for one person's open follow-ups.
    __table_args__ = (Index("ix_follow_up_assignee_open", "assignee_id", "done_at", "due_on"),)


class InvolvedPerson(Model):
    """Who is involved without being an agency of the directory: a legal guardian, a private
    lawyer, a volunteer mentor, the family doctor. Ended with a date, never silently deleted
    while it matters (removing is for entries made by mistake, and is audited)."""

    __tablename__ = "involved_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # clients/choices.py PERSON_KINDS
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(60))
    email: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(String(1000))
    since: Mapped[date | None]
    ended_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(default=1)
