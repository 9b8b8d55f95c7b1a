"""indexes for repeat referrers and referral steps: how often a referrer has referred you
(a gesture grows with it) is counted from an index, and "was this referral thanked / won by
then", "who has won referrals" and "which old asks are still unanswered" are answered from
indexes, without reading the milestones (issue 16: `today`
on 100,000 people took 20 s after issue 15 added the count)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_referrals_referrer_at", "referrals", ["referrer_id", "direction", "referred_at"]
    )
    op.create_index(
        "ix_referral_milestones_steps",
        "referral_milestones",
        ["referral_id", "kind", "at", "outcome"],
    )
    op.create_index(
        "ix_referral_milestones_won",
        "referral_milestones",
        ["workspace_id", "kind", "outcome", "at", "referral_id"],
    )
    op.create_index(
        "ix_asks_history", "asks", ["workspace_id", "asked_at", "answered_at", "history_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_asks_history", table_name="asks")
    op.drop_index("ix_referral_milestones_won", table_name="referral_milestones")
    op.drop_index("ix_referral_milestones_steps", table_name="referral_milestones")
    op.drop_index("ix_referrals_referrer_at", table_name="referrals")
