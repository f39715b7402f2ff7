"""What an import of the office's lists leaves behind: the upload between wizard steps (deleted
after import, cancel or expiry), saved column mappings per team, and each batch with its items
(so that a whole batch can be undone)."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..extensions import Model
from ..timeutil import utcnow


class ImportUpload(Model):
    """An uploaded list waiting between the wizard's steps; only its uploader may use it."""

    __tablename__ = "import_upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    filename: Mapped[str] = mapped_column(String(200))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    # The mapping chosen in step 2, as JSON (see mapping.Mapping.to_json).
    mapping: Mapped[str | None] = mapped_column(Text)
    # The likely duplicates the preview found (duplicates.found_duplicates), so the import need not search again.
    duplicates: Mapped[str | None] = mapped_column(Text)


class ImportMapping(Model):
    """A named, reusable mapping of a list's columns and values, per team (None: every team)."""

    __tablename__ = "import_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    name: Mapped[str] = mapped_column(String(120))
    spec: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    __table_args__ = (UniqueConstraint("team_id", "name"),)


class ImportBatch(Model):
    """One import run. The report holds row numbers, outcomes and case numbers, never names."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    source_name: Mapped[str] = mapped_column(String(200))
    created_count: Mapped[int] = mapped_column(default=0)
    updated_count: Mapped[int] = mapped_column(default=0)
    skipped_count: Mapped[int] = mapped_column(default=0)
    report: Mapped[str] = mapped_column(Text, default="[]")
    undone_at: Mapped[datetime | None]
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    items: Mapped[list["ImportItem"]] = relationship(
        back_populates="batch", order_by="ImportItem.id", cascade="all, delete-orphan"
    )


class ImportItem(Model):
    """A file the batch created or filled in, with what it added and how the file looked after."""

    __tablename__ = "import_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id", ondelete="SET NULL"), index=True)
    case_number: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(10))  # created / updated
    # Updated files: the fields filled in (space separated) and the rows added, as JSON.
    filled: Mapped[str] = mapped_column(String(500), default="")
    added: Mapped[str] = mapped_column(Text, default="{}")
    fingerprint: Mapped[str] = mapped_column(String(64), default="")

    batch: Mapped[ImportBatch] = relationship(back_populates="items")
