"""event day: no-show cut-off and the second feedback round

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 07:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHECK = "no_show_minutes BETWEEN 0 AND 240"


def upgrade():
    # Plain ALTER TABLE, never a batch copy: on SQLite, copying and dropping "events" would
    # cascade to every participant of every event (foreign keys are on during migrations).
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE events ADD COLUMN no_show_minutes INTEGER DEFAULT '10' NOT NULL"
            f" CONSTRAINT ck_events_no_show_minutes CHECK ({CHECK})"
        )
    else:
        op.add_column(
            "events", sa.Column("no_show_minutes", sa.Integer(), server_default="10", nullable=False)
        )
        op.create_check_constraint(op.f("ck_events_no_show_minutes"), "events", CHECK)
    op.add_column(
        "events", sa.Column("feedback_round_two_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade():
    op.drop_column("events", "feedback_round_two_at")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_events_no_show_minutes"), "events", type_="check")
    op.drop_column("events", "no_show_minutes")
