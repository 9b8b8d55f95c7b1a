"""program states checked: each state column of a program's records (program kind and
status, lead status and review, conversion status and review, reward status and type,
outbox status) holds one of the states the code knows, by a CHECK constraint

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 18:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The states as they were when this migration was written (the enums may grow later;
# a later migration then replaces the constraint).
STATES: dict[str, dict[str, tuple[str, ...]]] = {
    "programs": {"kind": ("customer", "hiring"), "status": ("active", "paused")},
    "leads": {
        "status": (
            "new",
            "converted",
            "referred",
            "interviewing",
            "hired",
            "not-hired",
            "duplicate",
        ),
        "review": ("none", "open", "approved", "denied"),
    },
    "conversions": {
        "status": ("valid", "reversed"),
        "review": ("none", "open", "approved", "denied"),
    },
    "rewards": {
        "status": ("pending", "approved", "issued", "denied", "clawed-back"),
        "reward_type": (
            "discount-code",
            "account-credit",
            "cash",
            "gift-card",
            "donation",
            "custom",
        ),
    },
    "outbox": {"status": ("pending", "sending", "sent", "failed")},
}


def upgrade() -> None:
    for table, columns in STATES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, values in columns.items():
                listed = ", ".join(f"'{v}'" for v in values)
                batch_op.create_check_constraint(
                    op.f(f"ck_{table}_{column}"), f"{column} IN ({listed})"
                )


def downgrade() -> None:
    for table, columns in reversed(STATES.items()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in reversed(columns):
                batch_op.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")
