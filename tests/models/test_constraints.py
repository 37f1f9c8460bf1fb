"""Database constraints protect the data even when a form or service is bypassed."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DataError, IntegrityError, StatementError

from matchmaker.extensions import db
from matchmaker.models import (
    Feedback,
    Location,
    Meeting,
    MeetingRequest,
    Participant,
)

T0 = datetime(2026, 6, 10, 7, 0, tzinfo=UTC)


def meeting(event, a, b, **overrides) -> Meeting:
    fields = {
        "event_id": event.id,
        "participant_a_id": a.id,
        "participant_b_id": b.id,
        "starts_at": T0,
        "ends_at": T0 + timedelta(minutes=20),
    }
    fields.update(overrides)
    return Meeting(**fields)


def assert_rejected(obj) -> None:
    db.session.add(obj)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_participant_duplicate_email_in_same_event_rejected(make_event, make_participant):
    event = make_event()
    make_participant(event, email="anna@example.org")
    with pytest.raises(IntegrityError):
        make_participant(event, email="anna@example.org")
    db.session.rollback()


def test_participant_same_email_in_two_events_allowed(make_event, make_participant):
    make_participant(make_event(), email="anna@example.org")
    make_participant(make_event(), email="anna@example.org")
    assert len(db.session.scalars(select(Participant)).all()) == 2


def test_participant_uppercase_email_rejected(make_participant):
    with pytest.raises(IntegrityError):
        make_participant(email="Anna@Example.org")
    db.session.rollback()


def test_participant_country_must_be_iso2(make_participant):
    with pytest.raises((IntegrityError, DataError)):
        make_participant(country="DEU")
    db.session.rollback()


def test_participant_unknown_actor_type_rejected_by_database(make_participant):
    p = make_participant()
    with pytest.raises(IntegrityError):
        db.session.execute(
            text("UPDATE participants SET actor_type = 'alien' WHERE id = :id"), {"id": p.id}
        )
    db.session.rollback()


def test_meeting_with_oneself_rejected(make_event, make_participant):
    event = make_event()
    a = make_participant(event)
    assert_rejected(meeting(event, a, a))


def test_meeting_ending_before_start_rejected(make_event, make_participant):
    event = make_event()
    a, b = make_participant(event), make_participant(event)
    assert_rejected(meeting(event, a, b, ends_at=T0 - timedelta(minutes=1)))


def test_meeting_score_out_of_range_rejected(make_event, make_participant):
    event = make_event()
    a, b = make_participant(event), make_participant(event)
    assert_rejected(meeting(event, a, b, score=101.0))


def test_meeting_gets_unique_uid_and_revision_zero(make_event, make_participant):
    event = make_event()
    a, b, c = (make_participant(event) for _ in range(3))
    m1, m2 = meeting(event, a, b), meeting(event, a, c)
    db.session.add_all([m1, m2])
    db.session.flush()
    assert m1.uid != m2.uid and len(m1.uid) == 36
    assert (m1.revision, m1.locked) == (0, False)
    assert m1.partner_of(a.id) is b


def test_request_to_oneself_rejected(make_event, make_participant):
    event = make_event()
    a = make_participant(event)
    assert_rejected(MeetingRequest(event_id=event.id, sender_id=a.id, receiver_id=a.id))


def test_request_twice_to_same_person_rejected(make_event, make_participant):
    event = make_event()
    a, b = make_participant(event), make_participant(event)
    db.session.add(MeetingRequest(event_id=event.id, sender_id=a.id, receiver_id=b.id))
    db.session.flush()
    assert_rejected(MeetingRequest(event_id=event.id, sender_id=a.id, receiver_id=b.id))


def test_feedback_rating_outside_scale_rejected(make_event, make_participant):
    event = make_event()
    a, b = make_participant(event), make_participant(event)
    m = meeting(event, a, b)
    db.session.add(m)
    db.session.flush()
    assert_rejected(Feedback(meeting_id=m.id, participant_id=a.id, rating=5))


def test_feedback_once_per_side_and_round(make_event, make_participant):
    event = make_event()
    a, b = make_participant(event), make_participant(event)
    m = meeting(event, a, b)
    db.session.add(m)
    db.session.flush()
    db.session.add(Feedback(meeting_id=m.id, participant_id=a.id, rating=4))
    db.session.flush()
    assert_rejected(Feedback(meeting_id=m.id, participant_id=a.id, rating=3))


def test_location_number_unique_per_event(make_event):
    event = make_event()
    db.session.add(Location(event_id=event.id, number=1, name="Tisch 1"))
    db.session.flush()
    assert_rejected(Location(event_id=event.id, number=1, name="Tisch 1b"))


def test_booth_owner_has_one_booth(make_event, make_participant):
    event = make_event()
    owner = make_participant(event)
    db.session.add(Location(event_id=event.id, number=1, name="Stand A1", owner_id=owner.id))
    db.session.flush()
    assert owner.booth is not None and owner.booth.is_booth
    assert_rejected(Location(event_id=event.id, number=2, name="Stand A2", owner_id=owner.id))


def test_deleting_event_deletes_its_participants_and_meetings(make_event, make_participant):
    event = make_event()
    a, b = make_participant(event), make_participant(event)
    db.session.add(meeting(event, a, b))
    db.session.flush()
    db.session.delete(event)
    db.session.flush()
    assert db.session.scalars(select(Participant)).all() == []
    assert db.session.scalars(select(Meeting)).all() == []


def test_deleting_booth_owner_frees_the_booth(make_event, make_participant):
    event = make_event()
    owner = make_participant(event)
    booth = Location(event_id=event.id, number=1, name="Stand A1", owner_id=owner.id)
    db.session.add(booth)
    db.session.flush()
    # a database-level delete, as a bulk clean-up would do
    db.session.execute(text("DELETE FROM participants WHERE id = :id"), {"id": owner.id})
    db.session.expire_all()
    assert db.session.get(Location, booth.id).owner_id is None


def test_datetimes_round_trip_as_aware_utc(make_event, make_participant):
    event = make_event()
    a, b = make_participant(event), make_participant(event)
    berlin_nine = datetime.fromisoformat("2026-06-10T09:00:00+02:00")
    m = meeting(event, a, b, starts_at=berlin_nine, ends_at=berlin_nine + timedelta(minutes=20))
    db.session.add(m)
    db.session.commit()
    db.session.expire_all()
    loaded = db.session.get(Meeting, m.id)
    assert loaded.starts_at == T0
    assert loaded.starts_at.tzinfo is not None and loaded.starts_at.utcoffset() == timedelta(0)


def test_naive_datetime_refused(make_event, make_participant):
    event = make_event()
    a, b = make_participant(event), make_participant(event)
    db.session.add(meeting(event, a, b, starts_at=datetime(2026, 6, 10, 9, 0)))
    with pytest.raises(StatementError, match="naive datetimes"):
        db.session.flush()
    db.session.rollback()
