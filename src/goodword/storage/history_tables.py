"""What goodword remembers about changes themselves: each import as a batch that can be
taken back, and (with ``Imported``) which rows each batch brought."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
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
