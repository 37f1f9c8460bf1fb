"""Session and remember-me cookies: HttpOnly and SameSite=Lax always, Secure in production."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.services.organisers import create_organiser
from tests.views.helpers import PASSWORD, csrf_from


def _login_cookies(database_url: str, mode: str) -> dict[str, set[str]]:
    """Log in with "remember me" on an app in ``mode``; return each cookie's attributes."""
    app = create_app(
        {"ENV_NAME": mode, "SECRET_KEY": "f" * 64, "SQLALCHEMY_DATABASE_URI": database_url}
    )
    with app.app_context():
        db.create_all()
        create_organiser(email="eva@cluster.example", name="Eva", password=PASSWORD)
        db.session.commit()
    client = app.test_client()
    base = "https://localhost" if mode == "production" else "http://localhost"
    page = client.get("/organiser/login", base_url=base).get_data(as_text=True)
    token = csrf_from(page)
    response = client.post(
        "/organiser/login",
        base_url=base,
        headers={"Referer": f"{base}/organiser/login"},  # Flask-WTF checks it over HTTPS
        data={"csrf_token": token, "email": "eva@cluster.example", "password": PASSWORD,
              "remember": "y"},
    )  # fmt: skip
    assert response.status_code == 302
    cookies = {}
    for header in response.headers.getlist("Set-Cookie"):
        name, *attributes = (part.strip() for part in header.split(";"))
        cookies[name.split("=", 1)[0]] = {a.lower() for a in attributes}
    with app.app_context():
        db.drop_all()
        db.engine.dispose()
    return cookies


def test_production_cookies_are_secure_httponly_and_lax(database_url):
    cookies = _login_cookies(database_url, "production")
    assert set(cookies) == {"session", "remember_token"}
    for name, attributes in cookies.items():
        assert {"secure", "httponly", "samesite=lax"} <= attributes, name
    expires = next(a for a in cookies["remember_token"] if a.startswith("expires="))
    days = (parsedate_to_datetime(expires[8:]) - datetime.now(UTC)).days
    assert days in (13, 14)  # a fortnight, not Flask-Login's year


def test_development_cookies_are_httponly_but_work_over_http(database_url):
    cookies = _login_cookies(database_url, "development")
    for name, attributes in cookies.items():
        assert {"httponly", "samesite=lax"} <= attributes, name
        assert "secure" not in attributes, name
