"""Error pages that say what happened instead of a bare server error."""

from __future__ import annotations

import contextlib

from flask import Flask, g, render_template
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError

from matchmaker.extensions import db, login_manager

# a client may try again after this many seconds: about as long as a database restart takes
RETRY_AFTER_SECONDS = 30


def database_unreachable(error: BaseException | None) -> bool:
    """Tell whether an exception means the database cannot be reached (not a bug)."""
    if isinstance(error, OperationalError | InterfaceError | PoolTimeout):
        return True
    # psycopg reports some lost connections as other errors; SQLAlchemy flags them all
    return isinstance(error, DBAPIError) and error.connection_invalidated


def register(app: Flask) -> None:
    """Render HTTP errors and database outages with the site's layout."""

    def unavailable(error: BaseException):  # noqa: ANN202
        with contextlib.suppress(DBAPIError):  # the connection is gone; the pool replaces it
            db.session.rollback()
        if "_login_user" not in g:
            # the page's layout must not ask the database who is logged in: that failed
            login_manager._update_request_context_with_user()
        app.logger.warning("database unavailable: %s", error)
        return (
            render_template("errors/unavailable.html"),
            503,
            {"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

    @app.teardown_appcontext
    def close_session(error: BaseException | None) -> None:
        # runs before Flask-SQLAlchemy's own teardown (registered earlier, so called later):
        # a connection that died after the page was made must not turn it into a server error
        try:
            db.session.remove()
        except DBAPIError as lost:
            if not database_unreachable(lost):
                raise
            app.logger.warning("database connection lost at the end of a request: %s", lost)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # noqa: ANN202
        if isinstance(error, InternalServerError) and database_unreachable(
            error.original_exception
        ):  # the database went away while another error page was being made
            return unavailable(error.original_exception)
        return render_template("errors/error.html", error=error), error.code

    @app.errorhandler(DBAPIError)
    @app.errorhandler(PoolTimeout)
    def database_error(error: Exception):  # noqa: ANN202
        if not database_unreachable(error):
            raise error  # a real bug: a server error, logged with its traceback
        return unavailable(error)
