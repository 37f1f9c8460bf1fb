"""Check-in codes and rules, attendance counts, the held rule, and feedback rules."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import OutboxMessage
from matchmaker.models.enums import EventStatus, MeetingStatus, ParticipantStatus
from matchmaker.services.attendance import (
    CHECKIN_CODE_LENGTH,
    AttendanceError,
    attendance,
    check_in,
    checkin_code,
    participant_by_checkin_code,
    self_check_in,
    self_check_in_open,
    settle_meetings,
)
from matchmaker.services.feedback import (
    FeedbackError,
    feedback_refusal,
    open_round_two,
    save_feedback,
)
from matchmaker.services.noshow import mark_absent
from tests.eventday import build_day, meet


@pytest.fixture
def day(make_event, make_participant):
    return build_day(make_event, make_participant)


def test_checkin_code_is_stable_unguessable_and_bound_to_person_and_event(day):
    anna, ben = day.person("Anna"), day.person("Ben")
    code = checkin_code(anna)
    assert len(code) == CHECKIN_CODE_LENGTH and code == checkin_code(anna) != checkin_code(ben)
    assert participant_by_checkin_code(day.event, anna.id, code.upper()) is anna
    assert participant_by_checkin_code(day.event, ben.id, code) is None
    assert participant_by_checkin_code(day.event, anna.id, code[:-1]) is None


def test_check_in_clears_an_absence_but_refuses_cancelled_participants(day):
    anna = day.person("Anna", checked_in=False, absent=True)
    assert check_in(anna, now=day.at(8)) is True
    assert (anna.checked_in_at, anna.absent) == (day.at(8), False)
    assert check_in(anna, now=day.at(9)) is False and anna.checked_in_at == day.at(8)
    gone = day.person("Ben", checked_in=False, status=ParticipantStatus.CANCELLED)
    with pytest.raises(AttendanceError, match="cancelled"):
        check_in(gone)


def test_self_check_in_only_on_an_event_day_of_a_published_event(day):
    anna = day.person("Anna", checked_in=False)
    assert not self_check_in_open(day.event, now=day.at(0) - timedelta(minutes=1))
    assert self_check_in_open(day.event, now=day.at(0))
    assert self_check_in_open(day.event, now=day.at(23, 59))
    day.event.status = EventStatus.SCHEDULED
    with pytest.raises(AttendanceError, match="day of the event"):
        self_check_in(anna, now=day.at(8))
    day.event.status = EventStatus.PUBLISHED
    assert self_check_in(anna, now=day.at(8)) is True


def test_attendance_counts_confirmed_present_and_absent(day):
    day.person("Anna")
    day.person("Ben", checked_in=False)
    day.person("Carla", absent=True)  # checked in, then left
    day.person("Dora", status=ParticipantStatus.REGISTERED)
    counts = attendance(day.event)
    assert (counts.expected, counts.present, counts.absent) == (3, 1, 1)


def test_past_meetings_are_held_only_when_both_were_present(day):
    anna, ben, carla = day.person("Anna"), day.person("Ben"), day.person("Carla", checked_in=False)
    both = meet(day, anna, ben, slot=0, table=1)
    half = meet(day, anna, carla, slot=1, table=1)
    later = meet(day, ben, carla, slot=3, table=1)
    assert settle_meetings(day.event, now=day.slot(2)) == 1
    assert [m.status for m in (both, half, later)] == ["held", "planned", "planned"]
    assert settle_meetings(day.event, now=day.slot(2), assume_present=True) == 1
    assert half.status == MeetingStatus.HELD and later.status == MeetingStatus.PLANNED


def test_absence_marks_held_status_right_for_the_dashboard(day):
    anna, ben, carla = day.person("Anna"), day.person("Ben"), day.person("Carla")
    begun = meet(day, anna, ben, slot=0, table=1)
    later = meet(day, anna, carla, slot=2, table=1)
    mark_absent(day.event, anna, now=day.slot(0) + timedelta(minutes=5))
    assert (begun.status, later.status) == (MeetingStatus.NO_SHOW, MeetingStatus.CANCELLED)
    assert settle_meetings(day.event, now=day.at(12), assume_present=True) == 0


def test_feedback_rules(day):
    anna, ben, carla = day.person("Anna"), day.person("Ben"), day.person("Carla")
    meeting = meet(day, anna, ben, slot=1, table=1)
    before, after = day.slot(1) - timedelta(seconds=1), day.slot(1)
    assert feedback_refusal(meeting, anna, 1, now=before) == (
        "Feedback opens when the meeting begins."
    )
    assert "Only the two participants" in feedback_refusal(meeting, carla, 1, now=after)
    with pytest.raises(FeedbackError, match="Rate the meeting"):
        save_feedback(meeting, anna, 1, rating=5, follow_up_planned=True, now=after)
    with pytest.raises(FeedbackError, match="too long"):
        save_feedback(meeting, anna, 1, rating=4, follow_up_planned=True, comment="x" * 1001,
                      now=after)  # fmt: skip
    first = save_feedback(meeting, anna, 1, rating=2, follow_up_planned=False, now=after)
    again = save_feedback(meeting, anna, 1, rating=3, follow_up_planned=True, comment=" ok ",
                          now=after)  # fmt: skip
    assert first is again and (again.rating, again.follow_up_planned, again.comment) == (
        3, True, "ok",
    )  # fmt: skip
    with pytest.raises(FeedbackError, match="not been opened"):
        save_feedback(meeting, ben, 2, cooperation_started=True, now=after)
    meeting.status = MeetingStatus.NO_SHOW
    assert feedback_refusal(meeting, ben, 1, now=after) == "This meeting did not take place."


def test_second_round_mails_everyone_with_a_meeting_that_took_place_once(day):
    anna, ben, carla, dora = (day.person(n) for n in ("Anna", "Ben", "Carla", "Dora"))
    meet(day, anna, ben, slot=0, table=1)
    meet(day, carla, dora, slot=4, table=1)  # still to come
    with pytest.raises(FeedbackError, match="Nobody has had a meeting"):
        open_round_two(day.event, now=day.at(8))
    messages = open_round_two(day.event, now=day.slot(1))
    assert sorted(m.recipient for m in messages) == sorted([anna.email, ben.email])
    assert day.event.feedback_round_two_at == day.slot(1)
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 2
    with pytest.raises(FeedbackError, match="open already"):
        open_round_two(day.event, now=day.slot(2))
