"""acknowledged declines and confidential retries: a declined ask remembers when its answer
was acknowledged (seed 004), and a denied vendor reference when the vendor was asked to keep
the company's name confidential (seed 002)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import goodword.storage.base

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("asks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("acknowledged_at", goodword.storage.base.UTCDateTime(), nullable=True)
        )
    with op.batch_alter_table("reference_requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "confidentiality_asked_at", goodword.storage.base.UTCDateTime(), nullable=True
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("reference_requests", schema=None) as batch_op:
        batch_op.drop_column("confidentiality_asked_at")
    with op.batch_alter_table("asks", schema=None) as batch_op:
        batch_op.drop_column("acknowledged_at")
