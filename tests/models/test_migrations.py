"""The Alembic migrations build exactly the models' schema and undo it cleanly."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from matchmaker import create_app
from matchmaker.extensions import db


def test_migrations_upgrade_matches_models_and_downgrade_cleanly(database_url: str):
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) <= tables
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
        upgrade()  # and once more, so a downgrade leaves nothing behind that blocks an upgrade
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())
        downgrade(revision="base")
        db.engine.dispose()


def test_migration_0002_backfills_search_text_for_existing_participants(database_url: str):
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        upgrade(revision="0001")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO events (id, slug, title, description, venue, timezone, format,"
                    " status, meeting_minutes, pause_minutes, group_size, matching,"
                    " contact_email, created_at) VALUES (1, 'e', 'E', '', '', 'UTC', 'b2b',"
                    " 'registration', 20, 5, 2, '{}', '', :now)"
                ),
                {"now": "2026-01-01 00:00:00"},
            )
            connection.execute(
                text(
                    "INSERT INTO participants (id, event_id, first_name, last_name, email,"
                    " organisation, actor_type, country, city, website, profile_text, locale,"
                    " status, gdpr_consent_at, token_hash, token_issued_at, absent, created_at,"
                    " updated_at) VALUES (1, 1, 'Jörg', 'Köhler', 'j@x.example', 'Lumen GmbH',"
                    " 'sme', 'DE', 'Regensburg', '', '', 'de', 'confirmed', :now, 'h', :now,"
                    " false, :now, :now)"
                ),
                {"now": "2026-01-01 00:00:00"},
            )
            connection.execute(
                text(
                    "INSERT INTO items (participant_id, kind, title, description, position)"
                    " VALUES (1, 'offer', 'Wärmepumpen', 'Prüfstand', 0)"
                )
            )
        upgrade()
        with db.engine.connect() as connection:
            folded = connection.execute(text("SELECT search_text FROM participants")).scalar()
        assert folded == "jorg kohler lumen gmbh regensburg warmepumpen prufstand"
        downgrade(revision="base")
        db.engine.dispose()
