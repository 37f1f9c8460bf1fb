"""Error pages that say what happened instead of a bare server error."""

from __future__ import annotations

from flask import Flask, abort, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from matchmaker.extensions import db


def register(app: Flask) -> None:
    """Render HTTP errors and database outages with the site's layout."""

    @app.before_request
    def refuse_nul_bytes() -> None:
        """A NUL byte in the address names no page and is no search; PostgreSQL cannot even
        compare it, so refuse it here rather than fail in a query."""
        if "\x00" in request.path:
            abort(404)
        if any("\x00" in key + "".join(values) for key, values in request.args.lists()):
            abort(400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # noqa: ANN202
        # a form without its CSRF token (expired, or sent from elsewhere): say so plainly
        csrf_failed = isinstance(error, CSRFError)
        return render_template(
            "errors/error.html", error=error, csrf_failed=csrf_failed
        ), error.code

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError):  # noqa: ANN202
        db.session.rollback()
        app.logger.warning("database unavailable: %s", error)
        return render_template("errors/unavailable.html"), 503
