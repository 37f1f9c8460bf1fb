"""Access tokens and codes: at least 128 bits from the OS's CSPRNG or an HMAC of the secret
key, never from ``random`` or time-based UUIDs; the calendar feed is not the personal link."""

from __future__ import annotations

import re
from datetime import date

import icalendar

from matchmaker import PROJECT_ROOT
from matchmaker.extensions import db
from matchmaker.models import Participant
from matchmaker.services import tokens
from matchmaker.services.attendance import checkin_code, participant_by_checkin_code
from matchmaker.services.participants import (
    feed_code,
    participant_by_feed_code,
    participant_by_token,
    reissue_link,
)
from matchmaker.services.privacy import erase_participant
from tests.eventday import build_day, meet

# modules that make seeded, reproducible demo data: ``random`` is right there, and they
# take their participants' tokens from services.tokens like everyone else
DATA_GENERATORS = {
    "matchmaker/demo/population.py",
    "matchmaker/services/demo.py",
    "matchmaker/services/simulation.py",
}


def _sources() -> dict[str, str]:
    return {
        str(p.relative_to(PROJECT_ROOT)): p.read_text("utf-8")
        for p in (PROJECT_ROOT / "matchmaker").rglob("*.py")
    }


def test_random_is_used_only_for_demo_data():
    users = {
        name
        for name, text in _sources().items()
        if re.search(r"^\s*(import random|from random import)", text, re.M)
    }
    assert users == DATA_GENERATORS


def test_no_time_based_or_guessable_ids_anywhere():
    for name, text in _sources().items():
        assert not re.search(r"uuid[13]\(|random\.(rand|choice|getrandbits)", text), name
        assert "os.urandom" not in text or name == "matchmaker/services/tokens.py", name


def test_personal_link_tokens_have_256_random_bits():
    assert tokens.TOKEN_BYTES * 8 >= 256
    made = {tokens.new_token()[0] for _ in range(2000)}
    assert len(made) == 2000
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", t) for t in made)  # 32 bytes, base64url


def test_derived_codes_have_128_bits_and_depend_on_the_secret_key(
    app, make_event, make_participant
):
    event = make_event()
    anna, ben = make_participant(event), make_participant(event)
    for code_of in (checkin_code, feed_code):
        first = code_of(anna)
        assert re.fullmatch(r"[0-9a-f]{32}", first)  # 128 bits
        assert first != code_of(ben)
        app.config["SECRET_KEY"] = "another-secret-key-" + "x" * 40
        assert code_of(anna) != first
        app.config["SECRET_KEY"] = "testing-secret-key-not-for-production"


def test_checkin_code_accepts_only_the_whole_code(app, make_event, make_participant):
    event = make_event()
    anna = make_participant(event)
    code = checkin_code(anna)
    assert participant_by_checkin_code(event, anna.id, code.upper()) is anna
    assert participant_by_checkin_code(event, anna.id, code[:20]) is None  # the old length
    assert participant_by_checkin_code(event, anna.id, "") is None


def _published_day(make_event, make_participant):
    day = build_day(make_event, make_participant, day=date(2027, 3, 17))
    anna, ben = day.person("Anna"), day.person("Ben")
    meet(day, anna, ben, slot=1, table=1)
    token = reissue_link(anna)
    db.session.commit()
    return day, anna, token


def test_calendar_feed_is_read_only_and_never_carries_the_personal_link(
    client, make_event, make_participant
):
    _day, anna, token = _published_day(make_event, make_participant)
    page = client.get(f"/p/{token}/agenda").get_data(as_text=True)
    code = feed_code(db.session.get(Participant, anna.id))
    feed_url = f"/calendar/{anna.id}/{code}.ics"
    assert f"http://localhost{feed_url}" in page and f"webcal://localhost{feed_url}" in page
    assert f"/p/{token}/agenda.ics" not in page

    body = client.get(feed_url)
    assert body.status_code == 200 and body.content_type == "text/calendar; charset=utf-8"
    assert token.encode() not in body.data
    entries = list(icalendar.Calendar.from_ical(body.data).walk("VEVENT"))
    assert len(entries) == 1
    assert str(entries[0]["url"]) == "http://localhost/e/eventday"
    # the old address under the personal link still serves the same entries
    old = client.get(f"/p/{token}/agenda.ics").data
    assert token.encode() not in old
    assert old.count(b"BEGIN:VEVENT") == 1

    # the feed code opens nothing else
    assert client.get(f"/p/{code}").status_code == 404
    assert client.get(f"/calendar/{anna.id}/{'0' * 32}.ics").status_code == 404
    assert client.get(f"/calendar/{anna.id + 1}/{code}.ics").status_code == 404


def test_new_link_or_erasure_revokes_the_feed(client, make_event, make_participant):
    _day, anna, token = _published_day(make_event, make_participant)
    code = feed_code(anna)
    assert participant_by_feed_code(anna.id, code) is anna
    reissue_link(anna)
    db.session.commit()
    assert participant_by_feed_code(anna.id, code) is None
    assert client.get(f"/calendar/{anna.id}/{code}.ics").status_code == 404
    fresh = feed_code(anna)
    erase_participant(anna)
    db.session.commit()
    assert participant_by_feed_code(anna.id, fresh) is None
    assert participant_by_token(token) is None
