"""No-show recovery: release an absent participant's meetings and offer standby meetings.

When someone is marked absent, their meetings that have started count as no-shows and the later
ones are cancelled (a new revision, so calendars update). Each stranded partner is offered a
standby meeting in the freed slot with the best-scoring present participant who is free then and
not excluded from them. Both accept through their personal links (or an organiser assigns the
offer); only then is the meeting created, after checking the agenda again, so nobody and no
table is ever double-booked. A declined offer goes to the next candidate.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.models import (
    Event,
    Exclusion,
    Item,
    Location,
    Meeting,
    OutboxMessage,
    Participant,
    StandbyOffer,
)
from matchmaker.models.enums import MeetingOrigin, MeetingStatus, ParticipantStatus
from matchmaker.models.types import utcnow
from matchmaker.services.agenda_edit import conflicts
from matchmaker.services.matching import profile_of, scoring_config
from matchmaker.services.slots import Slot, event_slots
from solver.scoring import score_and_exclusions_against

OPEN, ACCEPTED, DECLINED, EXPIRED = "open", "accepted", "declined", "expired"


class StandbyError(ValueError):
    """The offer cannot be answered or assigned; the message says why."""


def _slot_at(event: Event, starts_at: datetime) -> Slot | None:
    return next((s for s in event_slots(event) if s.starts_at == starts_at), None)


def _busy_ids(event: Event, starts_at: datetime) -> set[int]:
    """Return who has a planned meeting or an open offer at this time."""
    rows = db.session.execute(
        select(Meeting.participant_a_id, Meeting.participant_b_id).where(
            Meeting.event_id == event.id,
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.starts_at == starts_at,
        )
    ).all()
    rows += db.session.execute(
        select(StandbyOffer.participant_a_id, StandbyOffer.participant_b_id).where(
            StandbyOffer.event_id == event.id,
            StandbyOffer.status == OPEN,
            StandbyOffer.starts_at == starts_at,
        )
    ).all()
    return {person for row in rows for person in row}


def _not_again(partner: Participant, starts_at: datetime) -> set[int]:
    """Return who already meets the partner, declined a standby with them, or was offered to
    them for this slot before."""
    met = db.session.execute(
        select(Meeting.participant_a_id, Meeting.participant_b_id).where(
            or_(Meeting.participant_a_id == partner.id, Meeting.participant_b_id == partner.id),
            Meeting.status.in_((MeetingStatus.PLANNED, MeetingStatus.HELD)),
        )
    ).all()
    offered = db.session.execute(
        select(StandbyOffer.participant_a_id, StandbyOffer.participant_b_id).where(
            or_(
                StandbyOffer.participant_a_id == partner.id,
                StandbyOffer.participant_b_id == partner.id,
            ),
            or_(StandbyOffer.status == DECLINED, StandbyOffer.starts_at == starts_at),
        )
    ).all()
    return {person for row in (*met, *offered) for person in row}


def _ranked_candidates(
    event: Event, partner: Participant, slot: Slot
) -> list[tuple[float, Participant]]:
    """Return present, free, non-excluded participants for the partner, best score first."""
    unavailable = _busy_ids(event, slot.starts_at) | _not_again(partner, slot.starts_at)
    unavailable.add(partner.id)
    people = db.session.scalars(
        select(Participant)
        .where(
            Participant.event_id == event.id,
            Participant.status == ParticipantStatus.CONFIRMED,
            Participant.checked_in_at.is_not(None),
            ~Participant.absent,
            Participant.id.not_in(unavailable),
        )
        .order_by(Participant.id)
        .options(
            selectinload(Participant.items).joinedload(Item.category),
            selectinload(Participant.languages),
        )
    ).all()
    if not people:
        return []
    pairs = db.session.execute(
        select(Exclusion.participant_id, Exclusion.other_id).where(
            Exclusion.event_id == event.id,
            or_(Exclusion.participant_id == partner.id, Exclusion.other_id == partner.id),
        )
    ).all()
    config = scoring_config(event, frozenset(frozenset(pair) for pair in pairs))
    values, excluded = score_and_exclusions_against(
        profile_of(partner), [profile_of(p) for p in people], config
    )
    # a standby meeting must be worth walking over for: pairs with nothing in common are left out
    ranked = [
        (float(value), person)
        for value, out, person in zip(values, excluded, people, strict=True)
        if not out and value > 0
    ]
    ranked.sort(key=lambda pair: (-pair[0], pair[1].id))
    return ranked


def _place(
    event: Event, a: Participant, b: Participant, slot: Slot, preferred_id: int | None
) -> Location | None:
    """Return a place where a and b can meet in the slot (the freed table first), or None."""
    taken = set(
        db.session.scalars(
            select(Meeting.location_id).where(
                Meeting.event_id == event.id,
                Meeting.status == MeetingStatus.PLANNED,
                Meeting.starts_at == slot.starts_at,
            )
        )
    ) | set(
        db.session.scalars(
            select(StandbyOffer.location_id).where(
                StandbyOffer.event_id == event.id,
                StandbyOffer.status == OPEN,
                StandbyOffer.starts_at == slot.starts_at,
            )
        )
    )
    tried: list[Location] = []
    for candidate in (db.session.get(Location, preferred_id) if preferred_id else None, a.booth,
                      b.booth):  # fmt: skip
        if candidate is not None and candidate not in tried:
            tried.append(candidate)
    spare = next(
        (t for t in event.locations if t.active and t.owner_id is None and t.id not in taken),
        None,
    )
    if spare is not None and spare not in tried:
        tried.append(spare)
    return next((t for t in tried if not conflicts(event, a, b, slot, t)), None)


def _local_time(event: Event, moment: datetime) -> str:
    return moment.astimezone(ZoneInfo(event.timezone)).strftime("%H:%M")


def _notify(offer: StandbyOffer, person: Participant, other: Participant) -> OutboxMessage:
    event = person.event
    place = db.session.get(Location, offer.location_id) if offer.location_id else None
    with force_locale(person.locale):
        subject = _("Standby meeting offered at %(time)s", time=_local_time(event, offer.starts_at))
        body = _(
            "Hello %(name)s,\n\na meeting slot at %(time)s became free at %(event)s. We suggest "
            "a meeting with %(other)s (%(organisation)s) at %(place)s.\n\nOpen your personal "
            "link and your agenda to accept or decline. The meeting takes place once both of "
            "you have accepted.",
            name=person.name,
            time=_local_time(event, offer.starts_at),
            event=event.title,
            other=other.name,
            organisation=other.organisation,
            place=place.name if place else "-",
        )
    message = OutboxMessage(
        event_id=event.id, participant_id=person.id, recipient=person.email, subject=subject,
        body=body,
    )  # fmt: skip
    db.session.add(message)
    return message


def offer_standby(
    event: Event,
    partner: Participant,
    starts_at: datetime,
    *,
    location_id: int | None,
    freed_meeting_id: int | None,
    now: datetime | None = None,
) -> StandbyOffer | None:
    """Offer the stranded partner a standby meeting with the best free candidate, if any."""
    now = now or utcnow()
    slot = _slot_at(event, starts_at)
    if (
        slot is None
        or slot.starts_at <= now
        or partner.absent
        or partner.status != ParticipantStatus.CONFIRMED
        or partner.id in _busy_ids(event, slot.starts_at)
    ):
        return None
    for value, candidate in _ranked_candidates(event, partner, slot):
        place = _place(event, partner, candidate, slot, location_id)
        if place is None:
            continue
        offer = StandbyOffer(
            event_id=event.id, freed_meeting_id=freed_meeting_id, participant_a_id=partner.id,
            participant_b_id=candidate.id, starts_at=slot.starts_at, ends_at=slot.ends_at,
            location_id=place.id, status=OPEN, score=value,
        )  # fmt: skip
        db.session.add(offer)
        db.session.flush()
        _notify(offer, partner, candidate)
        _notify(offer, candidate, partner)
        db.session.flush()
        return offer
    return None


def retry_offer(offer: StandbyOffer, now: datetime) -> StandbyOffer | None:
    """Offer the stranded partner of a lapsed offer the next candidate."""
    partner = db.session.get(Participant, offer.participant_a_id)
    return offer_standby(
        partner.event, partner, offer.starts_at, location_id=offer.location_id,
        freed_meeting_id=offer.freed_meeting_id, now=now,
    )  # fmt: skip


def open_offers_of(
    participant: Participant, *, starting_after: datetime | None = None
) -> list[StandbyOffer]:
    """Return the participant's open standby offers in time order (those still to come)."""
    stmt = select(StandbyOffer).where(
        or_(
            StandbyOffer.participant_a_id == participant.id,
            StandbyOffer.participant_b_id == participant.id,
        ),
        StandbyOffer.status == OPEN,
    )
    if starting_after is not None:
        stmt = stmt.where(StandbyOffer.starts_at > starting_after)
    return list(db.session.scalars(stmt.order_by(StandbyOffer.starts_at, StandbyOffer.id)))


def expire_offers(event: Event, now: datetime | None = None) -> int:
    """Let open offers lapse once their slot has begun; return how many did."""
    now = now or utcnow()
    stale = db.session.scalars(
        select(StandbyOffer).where(
            StandbyOffer.event_id == event.id,
            StandbyOffer.status == OPEN,
            StandbyOffer.starts_at <= now,
        )
    ).all()
    for offer in stale:
        offer.status = EXPIRED
    db.session.flush()
    return len(stale)


def _lock(*rows: Participant | Location | None) -> None:
    """Lock and re-read the rows of the people and the table (PostgreSQL), so two acceptances
    in parallel cannot both find the slot free; SQLite serialises writers anyway."""
    for row in sorted((r for r in rows if r is not None), key=lambda r: (type(r).__name__, r.id)):
        model = type(row)
        db.session.execute(
            select(model)
            .where(model.id == row.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).first()


def _create_meeting(offer: StandbyOffer, now: datetime) -> Meeting:
    """Create the standby meeting after checking the agenda again; else the offer expires."""
    event = db.session.get(Event, offer.event_id)
    a = db.session.get(Participant, offer.participant_a_id)
    b = db.session.get(Participant, offer.participant_b_id)
    place = db.session.get(Location, offer.location_id) if offer.location_id else None
    _lock(a, b, place)
    slot = _slot_at(event, offer.starts_at)
    problems = []
    if slot is None or place is None:
        problems.append(_("the slot or the table no longer exists"))
    elif offer.starts_at <= now:
        problems.append(_("the slot has begun"))
    else:
        problems += conflicts(event, a, b, slot, place)
    for person in (a, b):
        if person.absent:
            problems.append(_("%(name)s is marked absent", name=person.name))
    pair = and_(
        Meeting.status.in_((MeetingStatus.PLANNED, MeetingStatus.HELD)),
        or_(
            and_(Meeting.participant_a_id == a.id, Meeting.participant_b_id == b.id),
            and_(Meeting.participant_a_id == b.id, Meeting.participant_b_id == a.id),
        ),
    )
    if db.session.scalar(select(Meeting.id).where(pair)) is not None:
        problems.append(_("%(a)s and %(b)s already have a meeting", a=a.name, b=b.name))
    if problems:
        offer.status = EXPIRED
        db.session.flush()
        retry_offer(offer, now)  # the stranded partner may still get someone else
        raise StandbyError(
            _("The standby meeting is no longer possible: %(why)s.", why="; ".join(problems))
        )
    meeting = Meeting(
        event_id=event.id, participant_a_id=a.id, participant_b_id=b.id,
        starts_at=offer.starts_at, ends_at=offer.ends_at, location_id=place.id,
        origin=MeetingOrigin.STANDBY, locked=True, score=offer.score,
    )  # fmt: skip
    db.session.add(meeting)
    db.session.flush()
    offer.status = ACCEPTED
    offer.meeting_id = meeting.id
    db.session.flush()
    return meeting


def _check_open(offer: StandbyOffer, now: datetime) -> None:
    if offer.status != OPEN:
        raise StandbyError(_("This offer is no longer open."))
    if offer.starts_at <= now:
        offer.status = EXPIRED
        db.session.flush()
        raise StandbyError(_("This offer has lapsed: its slot has begun."))


def accept_offer(
    offer: StandbyOffer, participant: Participant, now: datetime | None = None
) -> Meeting | None:
    """Accept an offer for one side; return the meeting once both sides have accepted."""
    now = now or utcnow()
    _check_open(offer, now)
    if participant.id == offer.participant_a_id:
        offer.a_accepted_at = offer.a_accepted_at or now
    elif participant.id == offer.participant_b_id:
        offer.b_accepted_at = offer.b_accepted_at or now
    else:
        raise StandbyError(_("This offer is not yours."))
    db.session.flush()
    if offer.a_accepted_at and offer.b_accepted_at:
        return _create_meeting(offer, now)
    return None


def decline_offer(
    offer: StandbyOffer, participant: Participant, now: datetime | None = None
) -> StandbyOffer | None:
    """Decline an offer; when the candidate declines, offer the partner the next candidate."""
    now = now or utcnow()
    if participant.id not in (offer.participant_a_id, offer.participant_b_id):
        raise StandbyError(_("This offer is not yours."))
    _check_open(offer, now)
    offer.status = DECLINED
    db.session.flush()
    if participant.id == offer.participant_b_id:
        return retry_offer(offer, now)
    return None  # the stranded partner does not want a replacement in this slot


def assign_offer(offer: StandbyOffer, now: datetime | None = None) -> Meeting:
    """Create the offered meeting at once, on the organiser's word."""
    now = now or utcnow()
    _check_open(offer, now)
    return _create_meeting(offer, now)


def offers_of_event(event: Event, limit: int = 200) -> list[StandbyOffer]:
    """Return the event's standby offers, the latest slots first."""
    return list(
        db.session.scalars(
            select(StandbyOffer)
            .where(StandbyOffer.event_id == event.id)
            .order_by(StandbyOffer.starts_at.desc(), StandbyOffer.id.desc())
            .limit(limit)
        )
    )
