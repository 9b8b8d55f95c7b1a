"""What goodword remembers about changes themselves: each import as a batch that can be
taken back, and (with ``Imported``) which rows each batch brought."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from goodword.storage.base import Base, UTCDateTime, WorkspaceOwned


class ImportBatch(WorkspaceOwned, Base):
    """One import. ``journal`` holds what the import changed on rows it did not create
    (summaries of people it touched, the profile setting it replaced), as they were before,
    so that undoing it puts them back exactly."""

    __tablename__ = "import_batches"
    source: Mapped[str] = mapped_column(String(100))
    files: Mapped[str] = mapped_column(Text)
    """JSON: the files read and their rows."""
    report: Mapped[str] = mapped_column(Text)
    """JSON: the counts the import reported."""
    journal: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Imported:
    """A row an import may have brought: it carries that import's batch."""

    @declared_attr
    def import_batch_id(cls) -> Mapped[int | None]:  # noqa: N805 - SQLAlchemy's declared_attr
        return mapped_column(
            ForeignKey("import_batches.id", ondelete="SET NULL"), index=True, default=None
        )


class TrashEntry(WorkspaceOwned, Base):
    """A deleted record and everything that went with it, kept 30 days so it can come back:
    ``rows`` holds every row removed (the record, and what its deletion cascaded to) by
    table; ``patches`` the values other rows lost (a link set to NULL, a name written in)."""

    __tablename__ = "trash"
    kind: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[int]
    label: Mapped[str] = mapped_column(String(500))
    rows: Mapped[str] = mapped_column(Text)
    patches: Mapped[str] = mapped_column(Text)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class CalendarEvent(WorkspaceOwned, Base):
    """An agenda item as a calendar last received it: its UID, its SEQUENCE and what it
    said, so a newer export updates it, and a finished one is sent as cancelled (a calendar
    that imports the file again drops it) instead of lingering."""

    __tablename__ = "calendar_events"
    __table_args__ = (UniqueConstraint("workspace_id", "key"),)
    key: Mapped[str] = mapped_column(String(200))
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    digest: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(String(300))
    day: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    """``open`` while on the agenda, ``done`` once it left it."""
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
