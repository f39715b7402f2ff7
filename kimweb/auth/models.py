"""Staff accounts, their teams (the Sozialräume and the KI), and login attempts for throttling."""

import re
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ..timeutil import utcnow

# What a username may be: lower-case letters, digits, dot, hyphen, underscore; 2 to 64 characters.
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class Team(Model):
    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # "district" for a Sozialraum, "central" for the Kommunales Integrationszentrum.
    kind: Mapped[str] = mapped_column(String(20), default="district")
    sort_order: Mapped[int] = mapped_column(default=0)

    def __str__(self) -> str:
        return self.name


class Traeger(Model):
    """The organisation that employs a case manager (the city's KI, Caritas, DRK, ...): reports are
    cut by it. An admin-editable list; a Träger no longer in use is hidden, never deleted."""

    __tablename__ = "traeger"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)

    def __str__(self) -> str:
        return self.name


class User(UserMixin, Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    # No foreign key in the database: on SQLite adding or dropping one would copy user_account,
    # which other tables' rows refer to. Träger are never deleted (only taken out of use), and
    # the admin form accepts only listed ones.
    traeger_id: Mapped[int | None] = mapped_column()
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # Part of the session cookie: raising it ends every session of this user.
    session_version: Mapped[int] = mapped_column(default=1)
    locale: Mapped[str] = mapped_column(String(5), default="de")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Optimistic locking: a stale admin form answers 409 instead of overwriting.
    version: Mapped[int] = mapped_column(default=1)
    # Where the account is checked: "local" (password here), "oidc" or "ldap" (the city's directory).
    auth_source: Mapped[str] = mapped_column(String(10), default="local", server_default="local")
    # The directory's id for the person: the OIDC subject or the LDAP DN.
    external_id: Mapped[str | None] = mapped_column(String(255))
    # How clients and agencies reach the person: on letters, handouts and the referral letter
    # (kimweb/letters/contact.py: staff_contact()).
    contact_phone: Mapped[str | None] = mapped_column(String(60))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_address: Mapped[str | None] = mapped_column(String(300))
    contact_room: Mapped[str | None] = mapped_column(String(60))

    team: Mapped[Team | None] = relationship()
    traeger: Mapped[Traeger | None] = relationship(primaryjoin="foreign(User.traeger_id) == Traeger.id")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_user_account_external", "auth_source", "external_id", unique=True),)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"

    def end_all_sessions(self) -> None:
        self.session_version += 1

    def __str__(self) -> str:
        return self.display_name


class LoginAttempt(Model):
    """Failed and successful logins, read to throttle guessing; kept short by the retention job."""

    __tablename__ = "login_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    username: Mapped[str] = mapped_column(String(64))
    remote_addr: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool]

    __table_args__ = (
        Index("ix_login_attempt_username_at", "username", "at"),
        Index("ix_login_attempt_remote_addr_at", "remote_addr", "at"),
    )
