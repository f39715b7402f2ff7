"""The client and what identifies them: names and their lookup keys, household, deputies, phases."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import Team, User
from ..directory.models import Organization
from ..extensions import Model
from ..timeutil import utcnow
from .choices import CLOSED_PHASE

# What list search tests and sorts by, besides who may see a file (see Client.__table_args__).
SEARCHED = ("sort_name", "next_due", "search_text", "search_keys")


class Client(Model):
    __tablename__ = "client"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_number: Mapped[str] = mapped_column(String(20), unique=True)
    family_name: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200), default="")
    name_original: Mapped[str | None] = mapped_column(String(200))  # in the original script
    other_spellings: Mapped[str | None] = mapped_column(String(1000))  # one per line
    birth_date: Mapped[date | None]
    birth_date_approximate: Mapped[bool] = mapped_column(default=False)
    # How much of the birth date is known: "day", "month" (03.1985: the first of the month is
    # stored) or "year" (1985: the first of January).
    birth_date_precision: Mapped[str] = mapped_column(String(5), default="day", server_default="day")
    gender: Mapped[str | None] = mapped_column(String(20))
    nationalities: Mapped[str] = mapped_column(String(200), default="")  # codes, space separated
    languages: Mapped[str] = mapped_column(String(200), default="")  # ISO 639 codes, space separated
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    interpreter_language: Mapped[str | None] = mapped_column(String(10))
    phone: Mapped[str | None] = mapped_column(String(60))
    email: Mapped[str | None] = mapped_column(String(254))
    street: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(100))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    access_route: Mapped[str | None] = mapped_column(String(20))
    referred_by_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
    azr_number: Mapped[str | None] = mapped_column(String(40))
    bamf_file_number: Mapped[str | None] = mapped_column(String(40))
    abh_file_number: Mapped[str | None] = mapped_column(String(40))
    privacy_info_on: Mapped[date | None]
    consent_on: Mapped[date | None]  # consent to case management itself
    consent_language: Mapped[str | None] = mapped_column(String(10))
    consent_interpreter: Mapped[str | None] = mapped_column(String(200))
    case_manager_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    phase: Mapped[int] = mapped_column(default=1)
    phase_since: Mapped[date | None]
    # The earliest deadline of the current status that stays pressing once passed (see
    # residence.refresh_deadlines): lists sort by it without computing it for every file.
    next_due: Mapped[date | None]
    closure_reason: Mapped[str | None] = mapped_column(String(30))
    # The day the phase history ends with a closing, None while open (kimweb/clients/history.py,
    # kept by a flush hook): the KIM reports skip files closed before a period in the query.
    history_closed_on: Mapped[date | None]
    retention_until: Mapped[date | None]
    # Art. 18 restriction (kimweb/privacy): read-only, and only the team lead sees the file.
    restricted: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Folded names and case number for search as you type; word keys of kimweb.clients.matching.
    search_text: Mapped[str] = mapped_column(String(2000), default="")
    search_keys: Mapped[str] = mapped_column(String(600), default="")
    sort_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # One version per editable part of the header, so that editing the household does not make
    # a colleague's open personal-data form stale.
    version: Mapped[int] = mapped_column(default=1)
    household_version: Mapped[int] = mapped_column(default=1)

    case_manager: Mapped[User] = relationship(foreign_keys=[case_manager_id])
    district: Mapped[Team | None] = relationship()
    referred_by: Mapped[Organization | None] = relationship()
    household: Mapped[list["HouseholdMember"]] = relationship(
        back_populates="client", order_by="HouseholdMember.id", cascade="all, delete-orphan"
    )

    # Every list starts from the files a person may see (by case manager, deputy or district),
    # mostly the open ones: with the phase in the indexes each branch of the visibility OR reads
    # only those. An index on phase alone would lure SQLite into scanning the city.
    # The two databases read these branches differently, so each has its own pair of indexes,
    # and the other database's pair is an empty partial index (WHERE false): one schema for
    # both, which Alembic can compare (it ignores Index.ddl_if, sqlalchemy/alembic#1491).
    # PostgreSQL ORs the branches into one bitmap and then reads the rows: small indexes, which
    # its planner keeps choosing. SQLite walks each branch's index and reads a row only when
    # the WHERE needs a column the index lacks; with what list search tests and sorts by in the
    # index, a team lead's search over 12,000 files reads just the rows that match.
    __table_args__ = (
        Index("ix_client_case_manager_phase", "case_manager_id", "phase", "sort_name", sqlite_where=false()),
        Index("ix_client_district_phase", "district_id", "phase", sqlite_where=false()),
        Index("ix_client_case_manager_search", "case_manager_id", "phase", *SEARCHED, postgresql_where=false()),
        Index("ix_client_district_search", "district_id", "phase", *SEARCHED, postgresql_where=false()),
    )

    @property
    def closed(self) -> bool:
        return self.phase == CLOSED_PHASE

    @property
    def display_name(self) -> str:
        return f"{self.family_name}, {self.given_names}" if self.given_names else self.family_name

    @property
    def spellings(self) -> list[str]:
        return [s.strip() for s in (self.other_spellings or "").splitlines() if s.strip()]

    def __str__(self) -> str:
        return self.display_name


class ClientNameKey(Model):
    """Lookup keys from matching.name_keys(): the database pre-filter for duplicate hints."""

    __tablename__ = "client_name_key"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True, index=True)


class ClientDeputy(Model):
    """A colleague named to stand in for the case manager on this one file (holidays, illness)."""

    __tablename__ = "client_deputy"

    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True, index=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class ClientDistinct(Model):
    """ "Not the same person": a duplicate hint someone has ruled out, never shown again.
    Stored once per pair, the lower id first."""

    __tablename__ = "client_distinct"

    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True, index=True)
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class HouseholdMember(Model):
    __tablename__ = "household_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    family_name: Mapped[str] = mapped_column(String(200), default="")
    given_names: Mapped[str] = mapped_column(String(200), default="")
    relation: Mapped[str] = mapped_column(String(20), default="other")
    birth_date: Mapped[date | None]
    birth_date_approximate: Mapped[bool] = mapped_column(default=False)

    client: Mapped[Client] = relationship(back_populates="household")


class PhaseEntry(Model):
    """Each phase a file entered, with the day: the phase history is never rewritten."""

    __tablename__ = "phase_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    phase: Mapped[int]
    entered_on: Mapped[date]
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    closure_reason: Mapped[str | None] = mapped_column(String(30))
    reopened: Mapped[bool] = mapped_column(default=False)

    entered_by: Mapped[User | None] = relationship()


class CaseAssignment(Model):
    """Who managed a file from which day, and in which team: reports count a reassigned file for
    the right case manager and team at the right time. Written at every reassignment; a file
    without rows has had its current case manager all along (see reports.facts)."""

    __tablename__ = "case_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    case_manager_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    from_on: Mapped[date]
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reason: Mapped[str | None] = mapped_column(String(500))


class CaseNumberCounter(Model):
    """The last case number given out per year; bumped in one atomic statement."""

    __tablename__ = "case_number_counter"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(default=0)


class PostcodeDistrict(Model):
    """Which Sozialraum a postcode (or a street within a split postcode) belongs to."""

    __tablename__ = "postcode_district"

    id: Mapped[int] = mapped_column(primary_key=True)
    postcode: Mapped[str] = mapped_column(String(10))
    street: Mapped[str] = mapped_column(String(200), default="")  # folded; "" for the whole postcode
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))

    __table_args__ = (UniqueConstraint("postcode", "street"),)
