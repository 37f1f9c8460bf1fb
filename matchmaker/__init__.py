"""Matchmaker: collaboration matchmaking and speed-dating scheduler."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_time, gettext
from flask_babel import lazy_gettext as _l

from matchmaker.config import LANGUAGES, build_config
from matchmaker.extensions import babel, csrf, db, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def select_locale() -> str:
    """Pick the UI language: the user's explicit choice first, then the browser's preference."""
    if not has_request_context():  # CLI commands and background jobs speak the default
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def select_timezone() -> str:
    """Show times in the time zone of the event a page is about, else the configured default."""
    return g.get("timezone") or current_app.config["DEFAULT_TIMEZONE"]


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the Flask application."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_relative_config=True,
    )
    app.config.update(build_config(Path(app.instance_path), overrides=config))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    login_manager.init_app(app)
    login_manager.login_view = "organiser.login"
    login_manager.session_protection = "strong"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.localize_callback = gettext

    from matchmaker import labels, models, security
    from matchmaker.cli import register_commands
    from matchmaker.services import search  # noqa: F401  (keeps the search index current)
    from matchmaker.views import (
        agenda,
        catalogue,
        checkin,
        errors,
        eventday,
        figures,
        grid,
        organiser,
        participant,
        profiles,
        public,
        requests,
        rounds,
        setup,
        taxonomy,
        venue,
    )

    app.register_blueprint(public.bp)
    app.register_blueprint(participant.bp)
    app.register_blueprint(catalogue.bp)
    app.register_blueprint(requests.bp)
    app.register_blueprint(organiser.bp)
    app.register_blueprint(agenda.bp)
    app.register_blueprint(grid.bp)
    app.register_blueprint(setup.bp)
    app.register_blueprint(rounds.bp)
    app.register_blueprint(figures.bp)
    app.register_blueprint(taxonomy.bp)
    app.register_blueprint(venue.bp)
    app.register_blueprint(profiles.bp)
    app.register_blueprint(checkin.bp)
    app.register_blueprint(eventday.bp)
    errors.register(app)
    security.init_app(app)
    register_commands(app)

    @login_manager.user_loader
    def load_organiser(organiser_id: str):  # noqa: ANN202
        return db.session.get(models.Organiser, int(organiser_id))

    @app.context_processor
    def inject_globals() -> dict[str, Any]:
        return {
            "current_locale": select_locale(),
            "languages": LANGUAGES,
            "actor_types": labels.ACTOR_TYPES,
            "event_formats": labels.EVENT_FORMATS,
            "event_statuses": labels.EVENT_STATUSES,
            "participant_statuses": labels.PARTICIPANT_STATUSES,
            "request_statuses": labels.REQUEST_STATUSES,
            "request_priorities": labels.REQUEST_PRIORITIES,
            "run_statuses": labels.RUN_STATUSES,
            "run_errors": labels.RUN_ERRORS,
            "unmet_reasons": labels.UNMET_REASONS,
        }

    app.jinja_env.filters["format_date"] = format_date
    app.jinja_env.filters["format_datetime"] = format_datetime
    app.jinja_env.filters["format_time"] = format_time

    return app
