"""people folded name index: lists of people page in name order without a sort

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 20:43:12.829077
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_people_folded_name",
        "people",
        ["workspace_id", sa.text("lower(name)"), "id"],
        unique=False,
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_people_folded_name")
