"""Rate limits on registration, the "send me my link" form and meeting requests: 429 with the
site's error page and a translated message, per client address, e-mail or participant; in
memory or shared through Redis; tunable and switchable by configuration."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from redis import Redis

from matchmaker import create_app
from matchmaker.config import ConfigError, build_config
from matchmaker.extensions import db
from matchmaker.models.enums import EventStatus
from matchmaker.services import throttle
from matchmaker.services.participants import reissue_link
from tests.views.helpers import csrf
from tests.views.test_registration import form_data

EN = {"Accept-Language": "en"}


@pytest.fixture
def limits(app):
    """Set small limits (name -> count per 10 minutes) for a test."""

    def set_limits(**counts: int) -> None:
        app.config["RATE_LIMITS"] = {name: (n, 600) for name, n in counts.items()}

    return set_limits


@pytest.fixture(autouse=True)
def own_prefix(request):
    """Count under this test's own prefix; with Redis (REDIS_URL), delete its keys afterwards."""
    if "app" not in request.fixturenames:
        yield None
        return
    app = request.getfixturevalue("app")
    prefix = f"sec:{uuid.uuid4().hex}:"
    app.config["THROTTLE_PREFIX"] = prefix
    yield prefix
    if app.config.get("REDIS_URL"):
        connection = Redis.from_url(app.config["REDIS_URL"])
        for key in connection.scan_iter(match=f"{prefix}*"):
            connection.delete(key)


@pytest.fixture
def shared_redis(app, redis_url, own_prefix):
    """Count in Redis, whether or not the environment sets REDIS_URL."""
    app.config["REDIS_URL"] = redis_url
    return Redis.from_url(redis_url), own_prefix


def register(client, slug: str, event_id: int, n: int, addr: str = "127.0.0.1", lang="en"):
    data = form_data(client, f"/e/{slug}/register", event_id, email=f"person{n}@lumen.example")
    return client.post(
        f"/e/{slug}/register",
        data=data,
        headers={"Accept-Language": lang},
        environ_base={"REMOTE_ADDR": addr},
    )


def ask_link(client, slug: str, email: str, addr: str = "127.0.0.1"):
    token = csrf(client, f"/e/{slug}/register")
    return client.post(
        f"/e/{slug}/link",
        data={"csrf_token": token, "email": email},
        headers=EN,
        environ_base={"REMOTE_ADDR": addr},
    )


def send_request(client, token: str, to_id: int, message: str = "Hallo!"):
    return client.post(
        f"/p/{token}/people/{to_id}/request",
        data={
            "csrf_token": csrf(client, f"/p/{token}/requests"),
            "priority": "must",
            "message": message,
        },
        headers=EN,
    )


def assert_limited(response, message: str) -> None:
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "429 – Too many requests" in html and message in html
    assert 1 <= int(response.headers["Retry-After"]) <= 600
    assert "Please try again in 10 minutes." in html
    assert response.headers["Content-Security-Policy"]  # the error page has the headers too


@pytest.fixture
def two_events(make_event):
    first, second = make_event(slug="boerse"), make_event(slug="messe")
    db.session.commit()
    return first, second


def test_registration_is_limited_per_address_and_event(client, limits, two_events):
    limits(register=3)
    first, second = two_events
    for n in range(3):
        assert register(client, "boerse", first.id, n).status_code == 302
    assert_limited(
        register(client, "boerse", first.id, 3),
        "Too many registrations from your network in a short time.",
    )
    # another address, or another event, has its own count
    assert register(client, "boerse", first.id, 4, addr="198.51.100.9").status_code == 302
    assert register(client, "messe", second.id, 5).status_code == 302


def test_registration_limit_message_is_german_for_german_visitors(client, limits, two_events):
    limits(register=1)
    first, _second = two_events
    assert register(client, "boerse", first.id, 0).status_code == 302
    refused = register(client, "boerse", first.id, 1, lang="de")
    assert refused.status_code == 429
    html = refused.get_data(as_text=True)
    assert "429 – Zu viele Anfragen" in html
    assert "Zu viele Anmeldungen aus Ihrem Netz in kurzer Zeit." in html
    assert "Bitte versuchen Sie es in 10 Minuten noch einmal." in html


def test_link_requests_are_limited_per_email_and_per_address(client, limits, two_events):
    limits(link=4, link_email=2)
    for _ in range(2):
        assert ask_link(client, "boerse", "anna@lumen.example").status_code == 200
    assert_limited(
        ask_link(client, "boerse", "ANNA@Lumen.example"),  # the same address, written otherwise
        "The link for this e-mail address was sent several times just now.",
    )
    # four per address, the one refused for its e-mail address included
    assert ask_link(client, "boerse", "ben@lumen.example").status_code == 200
    assert_limited(
        ask_link(client, "boerse", "cleo@lumen.example"),
        "Too many links were asked for from your network in a short time.",
    )
    assert ask_link(client, "boerse", "cleo@lumen.example", addr="203.0.113.5").status_code == 200


def test_meeting_requests_are_limited_per_participant(client, limits, make_event, make_participant):
    limits(request=2)
    event = make_event(slug="b", status=EventStatus.REQUESTS)
    anna, ben, cleo = (make_participant(event, first_name=n) for n in ("Anna", "Ben", "Cleo"))
    tokens = {p.id: reissue_link(p) for p in (anna, ben, cleo)}
    db.session.commit()
    assert send_request(client, tokens[anna.id], ben.id).status_code == 302
    assert send_request(client, tokens[anna.id], cleo.id).status_code == 302
    assert_limited(
        send_request(client, tokens[anna.id], ben.id),
        "You have sent many meeting requests in a short time.",
    )
    # Ben has his own count
    assert send_request(client, tokens[ben.id], cleo.id).status_code == 302


def test_limits_can_be_switched_off(app, client, two_events):
    app.config.update(RATE_LIMITS_ENABLED=False, RATE_LIMITS={"register": (1, 600)})
    first, _second = two_events
    assert [register(client, "boerse", first.id, n).status_code for n in range(3)] == [302] * 3


def test_default_limits_apply_without_configuration(app, client, two_events):
    count, _window = throttle.LIMITS["register"]
    first, _second = two_events
    statuses = [register(client, "boerse", first.id, n).status_code for n in range(count + 1)]
    assert statuses == [302] * count + [429]


def test_window_slides(app, monkeypatch):
    app.config["REDIS_URL"] = None  # in memory
    clock = [1000.0]
    monkeypatch.setattr(throttle.time, "monotonic", lambda: clock[0])
    assert [throttle.take("k", 2, 60) for _ in range(3)] == [0, 0, 60]
    clock[0] += 30
    assert throttle.take("k", 2, 60) == 30  # refused attempts do not prolong the wait
    clock[0] += 30
    assert throttle.take("k", 2, 60) == 0


def test_registration_limit_is_shared_through_redis(app, client, limits, two_events, shared_redis):
    connection, prefix = shared_redis
    limits(register=2)
    first, _second = two_events
    assert register(client, "boerse", first.id, 0).status_code == 302
    # a second worker process: another app on the same Redis and prefix
    other = create_app(
        {"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
         "REDIS_URL": app.config["REDIS_URL"], "THROTTLE_PREFIX": prefix,
         "RATE_LIMITS": app.config["RATE_LIMITS"]}
    )  # fmt: skip
    other_client = other.test_client()
    assert register(other_client, "boerse", first.id, 1).status_code == 302
    assert register(client, "boerse", first.id, 2).status_code == 429
    assert connection.zcard(f"{prefix}register:127.0.0.1:{first.id}") == 2
    assert 0 < connection.ttl(f"{prefix}register:127.0.0.1:{first.id}") <= 601


def test_window_slides_in_redis(app, shared_redis, monkeypatch):
    connection, prefix = shared_redis
    clock = [1_000_000.0]
    monkeypatch.setattr(throttle.time, "time", lambda: clock[0])
    assert [throttle.take("k", 2, 60) for _ in range(3)] == [0, 0, 60]
    assert connection.zcard(f"{prefix}k") == 2
    clock[0] += 61
    assert throttle.take("k", 2, 60) == 0
    assert connection.zcard(f"{prefix}k") == 1


def test_login_throttle_stays_on_when_the_other_limits_are_off(app):
    from matchmaker.services.organisers import LOGIN_LIMIT, LoginThrottled, authenticate

    app.config["RATE_LIMITS_ENABLED"] = False
    for _ in range(LOGIN_LIMIT):
        assert authenticate("nobody@example.org", "wrong", client="198.51.100.1") is None
    with pytest.raises(LoginThrottled):
        authenticate("nobody@example.org", "wrong", client="198.51.100.1")


@pytest.mark.parametrize(
    ("value", "enabled", "overrides"),
    [
        ("", True, {}),
        ("on", True, {}),
        ("off", False, {}),
        ("OFF", False, {}),
        ("register=50/60, request=100/600", True, {"register": (50, 60), "request": (100, 600)}),
    ],
)
def test_rate_limit_setting(tmp_path: Path, value, enabled, overrides):
    config = build_config(tmp_path, {"MATCHMAKER_RATE_LIMITS": value})
    assert (config["RATE_LIMITS_ENABLED"], config["RATE_LIMITS"]) == (enabled, overrides)


@pytest.mark.parametrize("value", ["maybe", "login=5/60", "register=5", "register=five/60"])
def test_rate_limit_setting_refuses_nonsense(tmp_path: Path, value):
    with pytest.raises(ConfigError, match="MATCHMAKER_RATE_LIMITS"):
        build_config(tmp_path, {"MATCHMAKER_RATE_LIMITS": value})


def test_every_limit_has_a_message_and_a_setting():
    from matchmaker.config import RATE_LIMIT_NAMES
    from matchmaker.views.errors import RATE_LIMIT_MESSAGES

    assert set(throttle.LIMITS) == set(RATE_LIMIT_MESSAGES) == set(RATE_LIMIT_NAMES)
