"""Simulate an event day on an event with an agenda: check-in, no-shows, standby, feedback.

For demonstrations and for looking at the figures before a real event has happened. It goes
through the same services as organisers and participants do, at the simulated times: everyone
else checks in before the first meeting, the chosen share is marked absent (their meetings are
released and stranded partners get standby offers, which each side accepts with some chance),
past meetings are settled as held, both sides rate their meetings (better matches tend to get
better ratings) and, weeks later, the second feedback round asks whether a cooperation started.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Meeting, Participant
from matchmaker.models.enums import MeetingStatus, ParticipantStatus
from matchmaker.services.attendance import check_in, settle_meetings
from matchmaker.services.feedback import open_round_two, save_feedback
from matchmaker.services.noshow import mark_absent
from matchmaker.services.slots import event_slots
from matchmaker.services.standby import StandbyError, accept_offer, decline_offer

ACCEPT_CHANCE = 0.75  # each side of a standby offer
FEEDBACK_CHANCE = 0.8  # each side of a held meeting
COOPERATION_CHANCE = 0.35  # of a planned follow-up, weeks later


class SimulationError(ValueError):
    """The event day cannot be simulated; the message says why."""


@dataclass(frozen=True)
class SimulationResult:
    checked_in: int
    absent: int
    standby_offers: int
    standby_meetings: int
    held: int
    feedback: int
    cooperations: int


def simulate_event_day(
    event: Event, *, absent_share: float = 0.15, seed: int = 2027
) -> SimulationResult:
    """Play the event day through; return what happened (the caller commits)."""
    if not 0 <= absent_share < 1:
        raise SimulationError("the absent share must be at least 0 and below 1")
    rng = random.Random(seed)
    slots = event_slots(event)
    planned = db.session.scalars(
        select(Meeting.id).where(
            Meeting.event_id == event.id, Meeting.status == MeetingStatus.PLANNED
        )
    ).all()
    begun = db.session.scalar(
        select(Participant.id).where(
            Participant.event_id == event.id,
            Participant.checked_in_at.is_not(None) | Participant.absent.is_(True),
        )
    )
    if begun is not None:
        raise SimulationError("the event day has begun already (people checked in or absent)")
    if not slots or not planned:
        raise SimulationError("the event has no agenda yet: build and accept one first")
    people = list(
        db.session.scalars(
            select(Participant)
            .where(
                Participant.event_id == event.id,
                Participant.status == ParticipantStatus.CONFIRMED,
            )
            .order_by(Participant.id)
        )
    )
    start, end = slots[0].starts_at, slots[-1].ends_at
    missing = set(rng.sample(range(len(people)), round(absent_share * len(people))))
    for i, person in enumerate(people):
        if i not in missing:
            check_in(person, now=start - timedelta(minutes=30 - i % 25))
    offers = []
    cut_off = start - timedelta(minutes=event.no_show_minutes)
    for i in sorted(missing):
        offers += mark_absent(event, people[i], now=cut_off)
    made, meetings = len(offers), 0
    while offers:
        offer = offers.pop()
        now = cut_off + timedelta(minutes=2)
        try:
            if rng.random() > ACCEPT_CHANCE:
                declined_by = offer.participant_b if rng.random() < 0.5 else offer.participant_a
                follow = decline_offer(offer, declined_by, now=now)
                if follow is not None:
                    offers.append(follow)
                    made += 1
                continue
            accept_offer(offer, offer.participant_a, now=now)
            meetings += accept_offer(offer, offer.participant_b, now=now) is not None
        except StandbyError:
            continue  # lapsed meanwhile: the service has already moved on
    held = settle_meetings(event, now=end)
    feedback = cooperations = 0
    follow_ups: list[tuple[Meeting, Participant]] = []
    for meeting in db.session.scalars(
        select(Meeting)
        .where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.HELD)
        .order_by(Meeting.id)
    ):
        for person in (meeting.participant_a, meeting.participant_b):
            if rng.random() > FEEDBACK_CHANCE:
                continue
            rating = _rating(meeting.score, rng)
            plans = rating >= 3 and rng.random() < 0.6
            save_feedback(meeting, person, 1, rating=rating, follow_up_planned=plans,
                          now=meeting.ends_at + timedelta(minutes=5))  # fmt: skip
            feedback += 1
            if plans:
                follow_ups.append((meeting, person))
    if follow_ups:
        later = end + timedelta(days=60)
        open_round_two(event, now=later)
        for meeting, person in follow_ups:
            started = rng.random() < COOPERATION_CHANCE
            save_feedback(meeting, person, 2, cooperation_started=started, now=later)
            cooperations += started
    return SimulationResult(
        checked_in=len(people) - len(missing), absent=len(missing), standby_offers=made,
        standby_meetings=meetings, held=held, feedback=feedback, cooperations=cooperations,
    )  # fmt: skip


def _rating(score: float | None, rng: random.Random) -> int:
    """A rating from 1 to 4 that tends to follow the pair's complementarity score."""
    expected = 1.5 + 2.5 * min(max((score or 0) / 100, 0), 1)
    return int(min(4, max(1, round(expected + rng.gauss(0, 0.7)))))
