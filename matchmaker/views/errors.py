"""Error pages that say what happened instead of a bare server error."""

from __future__ import annotations

import contextlib
import math

from flask import Flask, abort, current_app, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import (
    HTTPException,
    InternalServerError,
    RequestEntityTooLarge,
    TooManyRequests,
)
from werkzeug.wsgi import LimitedStream

from matchmaker.extensions import db, login_manager
from matchmaker.services.throttle import RateLimited

# what a person who hit a rate limit is told, by the limit's name
RATE_LIMIT_MESSAGES = {
    "register": _l("Too many registrations from your network in a short time."),
    "request": _l("You have sent many meeting requests in a short time."),
    "link": _l("Too many links were asked for from your network in a short time."),
    "link_email": _l("The link for this e-mail address was sent several times just now."),
}

# a client may try again after this many seconds: about as long as a database restart takes
RETRY_AFTER_SECONDS = 30
# a refused upload up to this many times the limit is read to its end, so the client sees 413
DRAIN_FACTOR = 4


def database_unreachable(error: BaseException | None) -> bool:
    """Tell whether an exception means the database cannot be reached (not a bug)."""
    if isinstance(error, OperationalError | InterfaceError | PoolTimeout):
        return True
    # psycopg reports some lost connections as other errors; SQLAlchemy flags them all
    return isinstance(error, DBAPIError) and error.connection_invalidated


def _drain_refused_upload() -> None:
    """Read and drop the rest of a body refused as too large, up to a bound.

    A server such as gunicorn closes the connection after the response; with the upload still
    unread, the client gets a connection reset instead of the 413 page.
    """
    length = request.content_length
    if length is None or length > DRAIN_FACTOR * (current_app.config["MAX_CONTENT_LENGTH"] or 0):
        return
    # werkzeug refuses a too long Content-Length before it reads anything: then the body
    # starts at the raw input; otherwise the parser's own stream knows what is left
    stream = request.__dict__.get("stream") or LimitedStream(request.environ["wsgi.input"], length)
    with contextlib.suppress(OSError, ValueError, HTTPException):
        while stream.read(1 << 16):
            pass


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

    @app.before_request
    def refuse_nul_bytes() -> None:
        """A NUL byte in the address names no page and is no search; PostgreSQL cannot even
        compare it, so refuse it here rather than fail in a query."""
        if "\x00" in request.path:
            abort(404)
        if any("\x00" in key + "".join(values) for key, values in request.args.lists()):
            abort(400)

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
        if isinstance(error, RequestEntityTooLarge):
            _drain_refused_upload()
            limit = app.config["MAX_CONTENT_LENGTH"] or 0
            return render_template("errors/error.html", error=error, limit_mb=limit // 2**20), 413
        # a form without its CSRF token (expired, or sent from elsewhere): say so plainly
        csrf_failed = isinstance(error, CSRFError)
        return render_template(
            "errors/error.html", error=error, csrf_failed=csrf_failed
        ), error.code

    @app.errorhandler(RateLimited)
    def rate_limited(exc: RateLimited):  # noqa: ANN202
        db.session.rollback()
        minutes = max(1, math.ceil(exc.retry_after / 60))
        wait = ngettext(
            "Please try again in %(num)d minute.", "Please try again in %(num)d minutes.", minutes
        )
        error = TooManyRequests(f"{RATE_LIMIT_MESSAGES[exc.name]} {wait}")
        headers = {"Retry-After": str(exc.retry_after)}
        return render_template("errors/error.html", error=error), 429, headers

    @app.errorhandler(DBAPIError)
    @app.errorhandler(PoolTimeout)
    def database_error(error: Exception):  # noqa: ANN202
        if not database_unreachable(error):
            raise error  # a real bug: a server error, logged with its traceback
        return unavailable(error)
