"""Error pages that say what happened instead of a bare server error."""

from __future__ import annotations

import math

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, TooManyRequests

from matchmaker.extensions import db
from matchmaker.services.throttle import RateLimited

# what a person who hit a rate limit is told, by the limit's name
RATE_LIMIT_MESSAGES = {
    "register": _l("Too many registrations from your network in a short time."),
    "request": _l("You have sent many meeting requests in a short time."),
    "link": _l("Too many links were asked for from your network in a short time."),
    "link_email": _l("The link for this e-mail address was sent several times just now."),
}


def register(app: Flask) -> None:
    """Render HTTP errors, rate limits and database outages with the site's layout."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # noqa: ANN202
        return render_template("errors/error.html", error=error), error.code

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

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError):  # noqa: ANN202
        db.session.rollback()
        app.logger.warning("database unavailable: %s", error)
        return render_template("errors/unavailable.html"), 503
