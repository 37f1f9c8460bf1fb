"""schedule runs: the worker's heartbeat, to tell a dead worker from a slow one

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 09:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    # a nullable column: plain ALTER TABLE on every backend, no batch copy of the table
    op.add_column(
        "schedule_runs", sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade():
    op.drop_column("schedule_runs", "heartbeat_at")
