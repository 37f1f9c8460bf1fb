"""participant search text

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 05:26:27.301453

"""

import unicodedata

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _fold(text: str) -> str:
    # a frozen copy of matchmaker.services.search.fold, so this migration never changes meaning
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def upgrade():
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))

    # fill the column for participants registered before it existed
    bind = op.get_bind()
    participants = sa.table(
        "participants",
        sa.column("id", sa.Integer),
        sa.column("first_name", sa.String),
        sa.column("last_name", sa.String),
        sa.column("organisation", sa.String),
        sa.column("city", sa.String),
        sa.column("profile_text", sa.Text),
        sa.column("search_text", sa.Text),
    )
    items = sa.table(
        "items",
        sa.column("participant_id", sa.Integer),
        sa.column("title", sa.String),
        sa.column("description", sa.Text),
        sa.column("position", sa.Integer),
    )
    texts: dict[int, list[str]] = {}
    for row in bind.execute(sa.select(participants)):
        texts[row.id] = [row.first_name, row.last_name, row.organisation, row.city, row.profile_text]
    for row in bind.execute(sa.select(items).order_by(items.c.participant_id, items.c.position)):
        texts[row.participant_id].extend((row.title, row.description))
    for participant_id, parts in texts.items():
        bind.execute(
            participants.update()
            .where(participants.c.id == participant_id)
            .values(search_text=_fold(" ".join(p for p in parts if p)))
        )


def downgrade():
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("search_text")
