"""The simulated event day goes through the real services and leaves a consistent event."""

from collections import Counter

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Feedback, Meeting, Participant
from matchmaker.models.enums import MeetingOrigin, MeetingStatus, ParticipantStatus
from matchmaker.services.dashboard import event_figures


def test_simulated_day_marks_the_share_absent_and_never_double_books(runner):
    assert runner.invoke(args=["seed-demo", "--participants", "40", "--seed", "4"]).exit_code == 0
    assert runner.invoke(args=["schedule", "demo", "--time-limit", "3"]).exit_code == 0
    event = db.session.scalar(select(Event))
    eligible = db.session.scalars(
        select(Participant).where(Participant.status == ParticipantStatus.CONFIRMED)
    ).all()
    result = runner.invoke(args=["simulate-event-day", "demo", "--absent", "0.15"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    absent = [p for p in eligible if p.absent]
    assert len(absent) == round(0.15 * len(eligible)) > 0
    assert f"{len(absent)} absent" in result.output
    meetings = db.session.scalars(select(Meeting)).all()
    live = [m for m in meetings if m.status in (MeetingStatus.PLANNED, MeetingStatus.HELD)]
    seats = Counter((m.starts_at, p) for m in live for p in (m.participant_a_id,
                                                                 m.participant_b_id))  # fmt: skip
    tables = Counter((m.starts_at, m.location_id) for m in live)
    assert max(seats.values()) == 1 and max(tables.values()) == 1
    gone = {p.id for p in absent}
    assert not [m for m in live if {m.participant_a_id, m.participant_b_id} & gone]
    standby = [m for m in live if m.origin == MeetingOrigin.STANDBY]
    assert standby and all(m.status == MeetingStatus.HELD for m in standby)
    for f in db.session.scalars(select(Feedback)):
        assert f.participant_id in (f.meeting.participant_a_id, f.meeting.participant_b_id)
        assert f.meeting.status == MeetingStatus.HELD
        assert f.round == 2 or 1 <= f.rating <= 4
    figures = event_figures(event)
    assert figures.absent == len(absent) and figures.standby_meetings == len(standby)
    assert figures.meetings["held"] == len(live) and figures.lost_to_absence > 0
    again = runner.invoke(args=["simulate-event-day", "demo"])
    assert again.exit_code == 1 and "has begun already" in again.output


def test_simulation_needs_an_agenda(runner):
    assert runner.invoke(args=["seed-demo", "--participants", "10"]).exit_code == 0
    result = runner.invoke(args=["simulate-event-day", "demo"])
    assert result.exit_code == 1 and "no agenda yet" in result.output
    assert runner.invoke(args=["simulate-event-day", "nope"]).exit_code == 1
