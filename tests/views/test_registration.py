"""Registration, the private link and profile editing, driven through HTTP with CSRF on."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Event, OutboxMessage, Participant
from matchmaker.models.enums import EventStatus, ItemKind, ParticipantStatus
from matchmaker.services.tokens import hash_token


def csrf_from(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def token_from(location: str) -> str:
    return re.fullmatch(r"/p/([A-Za-z0-9_-]+)", location).group(1)


@pytest.fixture
def event(make_event):
    event = make_event(slug="boerse")
    db.session.commit()
    return event


def form_data(client, path: str, event_id: int, **overrides) -> dict:
    html = client.get(path, headers={"Accept-Language": "en"}).get_data(as_text=True)
    session_id = db.session.scalar(select(Event).where(Event.id == event_id)).sessions[0].id
    data = {
        "csrf_token": csrf_from(html),
        "first_name": "Jörg",
        "last_name": "Köhler",
        "email": "Joerg.Koehler@Lumen.example",
        "organisation": "Lumencycle GmbH",
        "actor_type": "sme",
        "country": "DE",
        "city": "Regensburg",
        "website": "https://lumen.example",
        "languages": ["de", "en"],
        "profile_text": "Wir recyceln Batterien.",
        "sessions": [str(session_id)],
        "offers-0-category": "circular",
        "offers-0-title": "Batterierecycling",
        "offers-0-description": "Hydrometallurgie für Li-Ionen-Zellen",
        "offers-1-category": "",
        "offers-1-title": "",
        "offers-1-description": "",
        "needs-0-category": "funding",
        "needs-0-title": "Horizon Europe consortium",
        "needs-0-description": "",
        "consent": "y",
        "save": "Register",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def register(client, event, **overrides):
    data = form_data(client, "/e/boerse/register", event.id, **overrides)
    return client.post("/e/boerse/register", data=data, headers={"Accept-Language": "en"})


def test_register_creates_participant_and_private_link(client, event):
    response = register(client, event)
    assert response.status_code == 302
    token = token_from(response.headers["Location"])
    person = db.session.scalar(select(Participant))
    assert person.email == "joerg.koehler@lumen.example"
    assert person.token_hash == hash_token(token) and token not in person.token_hash
    assert person.status == ParticipantStatus.REGISTERED
    assert person.gdpr_consent_at is not None
    assert person.language_codes == ["de", "en"]
    assert [(i.kind, i.category.key, i.title) for i in person.items] == [
        (ItemKind.OFFER, "circular", "Batterierecycling"),
        (ItemKind.NEED, "funding", "Horizon Europe consortium"),
    ]
    assert [s.id for s in person.sessions] == [event.sessions[0].id]
    message = db.session.scalar(select(OutboxMessage))
    assert message.recipient == "joerg.koehler@lumen.example"
    assert f"http://localhost/p/{token}" in message.body
    home = client.get(f"/p/{token}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Jörg Köhler" in home and "Batterierecycling" in home
    assert f"http://localhost/p/{token}" in home


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"first_name": ""}, "first_name", "This field is required."),
        ({"last_name": "x" * 101}, "last_name", "Field cannot be longer than 100 characters."),
        ({"email": "not-an-email"}, "email", "Invalid email address."),
        ({"country": "XX"}, "country", "Choose a country from the list."),
        ({"actor_type": "alien"}, "actor_type", "Choose a type from the list."),
        ({"languages": None}, "languages", "Choose at least one language."),
        ({"languages": ["de", "kl"]}, "languages", "Choose languages from the list."),
        ({"sessions": None}, "sessions", "Choose at least one session."),
        ({"sessions": ["99999"]}, "sessions", "Choose sessions from the list."),
        ({"offers-0-category": "alien"}, "offers-0-category", "Choose an area from the list."),
        ({"offers-0-title": ""}, "offers-0-title", "Give this entry a title."),
        ({"website": "lumen"}, "website", "Enter a web address starting with https://"),
        ({"max_meetings": "0"}, "max_meetings", "Number must be between 1 and 50."),
        ({"consent": None}, "consent", "Registration needs your consent."),
    ],
)
def test_register_bad_input_shows_error_at_field_and_keeps_input(
    client, event, overrides, field, message
):
    response = register(client, event, **overrides)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(rf'<p class="error" id="{field}-errors">{re.escape(message)}</p>', html)
    assert 'value="Lumencycle GmbH"' in html  # what the person typed is kept
    assert 'aria-describedby="None"' not in html  # fields without errors point nowhere
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 0


def test_register_script_in_profile_is_escaped(client, event):
    response = register(client, event, profile_text="<script>alert('x')</script>")
    home = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert" not in home
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in home


def test_register_without_csrf_token_is_rejected(client, event):
    data = form_data(client, "/e/boerse/register", event.id, csrf_token=None)
    response = client.post("/e/boerse/register", data=data)
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 0


def test_register_add_another_offer_keeps_input_and_saves_nothing(client, event):
    response = register(client, event, save=None, more_offers="Add another offer")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="offers-2-title"' in html and 'value="Batterierecycling"' in html
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 0


def test_register_duplicate_email_is_refused_with_a_way_back(client, event):
    assert register(client, event).status_code == 302
    response = register(client, event, email="joerg.koehler@lumen.example")
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "This e-mail address is registered for this event already." in html
    assert "/e/boerse/link" in html
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 1


def test_request_link_reissues_and_old_link_stops_working(client, event):
    old = token_from(register(client, event).headers["Location"])
    html = client.get("/e/boerse/register").get_data(as_text=True)
    data = {"csrf_token": csrf_from(html), "email": "JOERG.koehler@lumen.example"}
    response = client.post("/e/boerse/link", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "a new personal link is on its way" in response.get_data(as_text=True)
    messages = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert len(messages) == 2
    new = re.search(r"/p/([A-Za-z0-9_-]+)", messages[1].body).group(1)
    assert new != old
    assert client.get(f"/p/{old}").status_code == 404
    assert client.get(f"/p/{new}").status_code == 200


def test_request_link_for_unknown_email_answers_the_same_and_sends_nothing(client, event):
    html = client.get("/e/boerse/register").get_data(as_text=True)
    data = {"csrf_token": csrf_from(html), "email": "nobody@nowhere.example"}
    response = client.post("/e/boerse/link", data=data, headers={"Accept-Language": "en"})
    assert "a new personal link is on its way" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_unknown_or_other_token_is_404(client, event):
    register(client, event)
    assert client.get("/p/" + "A" * 43).status_code == 404
    assert client.get("/p/" + "A" * 43 + "/edit").status_code == 404


@pytest.mark.parametrize("status", [EventStatus.SCHEDULED, EventStatus.PUBLISHED])
def test_register_outside_registration_phase_is_closed(client, event, status):
    event.status = status
    db.session.commit()
    response = client.get("/e/boerse/register", headers={"Accept-Language": "en"})
    assert response.status_code == 403
    assert "Registration for this event is closed." in response.get_data(as_text=True)


def test_register_after_deadline_is_closed(client, event):
    event.registration_deadline = datetime(2020, 1, 1, tzinfo=UTC)
    db.session.commit()
    assert client.get("/e/boerse/register").status_code == 403


def test_register_for_draft_event_is_404(client, event):
    event.status = EventStatus.DRAFT
    db.session.commit()
    assert client.get("/e/boerse/register").status_code == 404


def test_edit_profile_prefills_and_saves(client, event):
    token = token_from(register(client, event).headers["Location"])
    page = client.get(f"/p/{token}/edit", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert 'value="Batterierecycling"' in html and 'value="joerg.koehler@lumen.example"' in html
    data = form_data(client, f"/p/{token}/edit", event.id, consent=None, save="Save")
    data.update({"organisation": "Lumencycle Recycling GmbH", "offers-0-title": "Zellrecycling"})
    response = client.post(f"/p/{token}/edit", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    person = db.session.scalar(select(Participant))
    assert person.organisation == "Lumencycle Recycling GmbH"
    assert [i.title for i in person.offers] == ["Zellrecycling"]


def test_edit_profile_cannot_take_another_participants_email(client, event):
    token = token_from(register(client, event).headers["Location"])
    register(client, event, email="other@lumen.example")
    data = form_data(client, f"/p/{token}/edit", event.id, consent=None, save="Save")
    data["email"] = "other@lumen.example"
    response = client.post(f"/p/{token}/edit", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "this e-mail address is registered already" in response.get_data(as_text=True)


def test_register_with_unavailable_slots_stores_them(client, event):
    slots = [s for s in re.findall(r'name="blocked" type="checkbox" value="([^"]+)"',
             client.get("/e/boerse/register").get_data(as_text=True))]  # fmt: skip
    assert slots[0] == "2026-06-10T07:00:00+00:00"  # 09:00 in Berlin
    assert len(slots) == 7
    response = register(client, event, blocked=[slots[1], slots[2]])
    assert response.status_code == 302
    person = db.session.scalar(select(Participant))
    assert [b.starts_at.isoformat() for b in person.blocked_slots] == slots[1:3]
    token = token_from(response.headers["Location"])
    edit = client.get(f"/p/{token}/edit").get_data(as_text=True)
    assert f'checked id="blocked-1" name="blocked" type="checkbox" value="{slots[1]}"' in edit


def test_register_with_unknown_unavailable_slot_is_refused(client, event):
    response = register(client, event, blocked=["2030-01-01T00:00:00+00:00"])
    assert response.status_code == 422
    assert "Choose times from the list." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [("en", "Jun 10, 2026", "10.06.2026"), ("de", "10.06.2026", "Jun 10, 2026")],
)
def test_session_dates_follow_the_page_language(client, event, language, shown, not_shown):
    html = client.get("/e/boerse/register", headers={"Accept-Language": language}).get_data(
        as_text=True
    )
    assert shown in html
    assert not_shown not in html
