"""GDPR: download of one's data and erasure of the registration."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Item, Meeting, MeetingRequest, Participant
from matchmaker.models.enums import ItemKind, MeetingStatus, ParticipantStatus
from matchmaker.services.participants import reissue_link

T0 = datetime(2027, 3, 17, 8, 0, tzinfo=UTC)


@pytest.fixture
def pair(make_event, make_participant):
    event = make_event(slug="b")
    anna = make_participant(event, first_name="Anna", email="anna@lumen.example")
    anna.items = [
        Item(kind=ItemKind.OFFER, title="Batterierecycling", category=event.categories[0])
    ]
    ben = make_participant(event, first_name="Ben")
    db.session.add(MeetingRequest(event_id=event.id, sender_id=anna.id, receiver_id=ben.id))
    db.session.add(
        Meeting(
            event_id=event.id,
            participant_a_id=anna.id,
            participant_b_id=ben.id,
            starts_at=T0,
            ends_at=T0 + timedelta(minutes=20),
            revision=2,
        )  # fmt: skip
    )
    tokens = (reissue_link(anna), reissue_link(ben))
    db.session.commit()
    return anna, ben, tokens


def test_download_data_contains_profile_items_requests_and_meetings(client, pair):
    anna, _ben, (token, _) = pair
    response = client.get(f"/p/{token}/data.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = response.get_json()
    assert data["profile"]["email"] == "anna@lumen.example"
    assert data["offers"] == [{"area": "energy", "title": "Batterierecycling", "description": ""}]
    assert [r["with"] for r in data["requests_sent"]] == [f"Ben {_ben.last_name}"]
    assert data["meetings"][0]["status"] == "planned"
    assert data["meetings"][0]["starts_at"] == "2027-03-17T08:00:00+00:00"


def test_download_data_of_unknown_token_is_404(client, pair):
    assert client.get("/p/unknown/data.json").status_code == 404


def delete(client, token, confirm=True, csrf=True):
    html = client.get(f"/p/{token}/delete").get_data(as_text=True)
    data = {}
    if csrf:
        data["csrf_token"] = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)[1]
    if confirm:
        data["confirm"] = "y"
    return client.post(f"/p/{token}/delete", data=data, headers={"Accept-Language": "en"})


def test_delete_registration_erases_data_and_cancels_meetings(client, pair):
    anna, ben, (token, ben_token) = pair
    response = delete(client, token)
    assert response.status_code == 302 and response.headers["Location"] == "/e/b"
    db.session.expire_all()
    erased = db.session.get(Participant, anna.id)
    assert (erased.first_name, erased.organisation, erased.email) == (
        "—",
        "—",
        f"erased-{anna.id}@invalid",
    )
    assert erased.items == [] and erased.languages == []
    assert "batterie" not in erased.search_text and "anna" not in erased.search_text
    assert erased.status == ParticipantStatus.CANCELLED
    meeting = db.session.scalar(select(Meeting))
    assert (meeting.status, meeting.revision) == (MeetingStatus.CANCELLED, 3)
    assert db.session.scalar(select(func.count()).select_from(MeetingRequest)) == 0
    assert client.get(f"/p/{token}").status_code == 404
    catalogue = client.get(f"/p/{ben_token}/catalogue").get_data(as_text=True)
    assert "Batterierecycling" not in catalogue and "anna@lumen.example" not in catalogue


def test_delete_registration_needs_confirmation(client, pair):
    anna, _ben, (token, _) = pair
    response = delete(client, token, confirm=False)
    assert response.status_code == 422
    assert "Tick the box to confirm." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Participant, anna.id).first_name == "Anna"


def test_delete_registration_without_csrf_is_rejected(client, pair):
    anna, _ben, (token, _) = pair
    assert delete(client, token, csrf=False).status_code == 400
    db.session.expire_all()
    assert db.session.get(Participant, anna.id).first_name == "Anna"
