"""A small published event and a speed-dating event whose every free-text field holds an XSS
payload, stored through the services: the pages, exports and calendars are checked against it.

Each field carries its own number in the payload, so a test can tell which fields a page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import (
    Event,
    EventSession,
    Exclusion,
    Meeting,
    MeetingRequest,
    OutboxMessage,
    Participant,
    ScheduleRun,
    StandbyOffer,
)
from matchmaker.models.enums import EventStatus, MeetingStatus, RequestPriority, RunStatus
from matchmaker.services.attendance import checkin_code
from matchmaker.services.demo import DEMO_ORGANISER, DEMO_PASSWORD, seed_demo, seed_rounds_demo
from matchmaker.services.events import create_event, set_phase
from matchmaker.services.feedback import open_round_two, save_feedback
from matchmaker.services.participants import (
    ItemData,
    ProfileData,
    feed_code,
    reissue_link,
    update_profile,
)
from matchmaker.services.requests import send_request
from matchmaker.services.runs import accept_run, create_run, execute_run
from matchmaker.services.setup import update_details
from matchmaker.services.taxonomy import add_category
from matchmaker.services.venue import add_booth, add_zone, create_tables

ORGANISER, PASSWORD = DEMO_ORGANISER, DEMO_PASSWORD


def payload(n: int) -> str:
    """Return the XSS payload of field number ``n``."""
    return f'<script>alert({n})</script>"><img src=x onerror=alert({n})>'


def escaped(n: int) -> str:
    """Return how the payload of field ``n`` reads once HTML-escaped (its script part)."""
    return f"&lt;script&gt;alert({n})&lt;/script&gt;"


# what shows in HTML only if escaping failed somewhere
RAW_MARKERS = ("<script>alert(", "<img src=x")


@dataclass
class World:
    """Plain values only: the world outlives the app context it was built in."""

    tokens: dict[int, str] = field(default_factory=dict)  # participant id -> link token
    fields: dict[str, int] = field(default_factory=dict)  # field name -> payload number
    ids: dict[str, int] = field(default_factory=dict)  # names of rows the tests need
    # values for the URL rules' arguments: about the B2B event, the rounds event, an open one
    contexts: list[dict[str, object]] = field(default_factory=list)

    def number(self, name: str) -> int:
        """Register a field and return its number."""
        self.fields[name] = len(self.fields) + 1
        return self.fields[name]

    def mark(self, name: str) -> str:
        """Register a field and return the payload to store in it."""
        return payload(self.number(name))


def _run(event: Event) -> None:
    run = create_run(event, time_limit=10, organiser_id=None)
    db.session.commit()
    execute_run(run.id)
    accept_run(db.session.get(ScheduleRun, run.id))
    db.session.flush()


def _profile(person: Participant, world: World, prefix: str) -> ProfileData:
    """Return the person's profile with a payload in every free-text field."""
    area = person.event.categories[0].key

    def item(name: str) -> ItemData:
        return ItemData(area, world.mark(f"{prefix}.{name}.title"),
                        world.mark(f"{prefix}.{name}.description"))  # fmt: skip

    site = world.number(f"{prefix}.website")
    return ProfileData(
        first_name=world.mark(f"{prefix}.first_name"),
        last_name=world.mark(f"{prefix}.last_name"),
        email=person.email,
        organisation=world.mark(f"{prefix}.organisation"),
        actor_type=person.actor_type.value,
        country=person.country,
        city=world.mark(f"{prefix}.city"),
        # a web address has no spaces: break out of the href with a quote instead
        website=f'https://example.org/?q="><script>alert({site})</script>',
        profile_text=world.mark(f"{prefix}.profile_text"),
        languages=tuple(person.language_codes),
        session_ids=tuple(s.id for s in person.event.sessions),
        locale=person.locale,
        offers=(item("offer"),),
        needs=(item("need"),),
    )


def _people(event: Event) -> list[Participant]:
    """Return the event's confirmed participants."""
    return list(
        db.session.scalars(
            select(Participant)
            .where(Participant.event_id == event.id, Participant.status == "confirmed")
            .order_by(Participant.id)
        )
    )


def build_world() -> World:
    """Seed both events, store the payloads, build and publish both agendas; commit."""
    seed_demo(slug="xss", participants=14, seed=7)
    seed_rounds_demo(slug="xss-rounds", participants=7, seed=8)
    event = db.session.scalar(select(Event).where(Event.slug == "xss"))
    rounds = db.session.scalar(select(Event).where(Event.slug == "xss-rounds"))
    world = World()
    # the event day was yesterday, so meetings have begun and feedback is open
    yesterday = (datetime.now(ZoneInfo(event.timezone)) - timedelta(days=1)).date()
    for target in (event, rounds):
        for session in target.sessions:
            session.day = yesterday
        for person in target.participants:
            person.blocked_slots = []

    # what organisers type: event details, sessions, areas, halls, tables, booths
    for target, prefix in ((event, "event"), (rounds, "rounds")):
        update_details(
            target,
            {
                "title": world.mark(f"{prefix}.title"),
                "description": world.mark(f"{prefix}.description"),
                "venue": world.mark(f"{prefix}.venue"),
                "timezone": target.timezone,
                "meeting_minutes": target.meeting_minutes,
                "pause_minutes": target.pause_minutes,
                "contact_email": target.contact_email,
                "max_meetings_per_participant": target.max_meetings_per_participant,
                "max_requests_per_participant": target.max_requests_per_participant,
                "request_expiry_hours": target.request_expiry_hours,
                "registration_deadline": None,
                "request_deadline": None,
            },
        )
        target.sessions[0].name = world.mark(f"{prefix}.session")
        target.locations[0].name = world.mark(f"{prefix}.table")
    add_category(event, "xss-area", world.mark("category.en"), world.mark("category.de"))
    zone = add_zone(event, world.mark("zone"))
    create_tables(event, world.mark("tables.prefix")[:60], 90, 90, zone.name)
    people = _people(event)
    add_booth(event, people[-1].id, 95, world.mark("booth"), zone.id)

    # what participants type: the whole profile, offers and needs included
    payload_people = {}
    for target, prefix in ((event, "person"), (rounds, "rounds.person")):
        payload_people[target.slug] = _people(target)[:2]
        for index, person in enumerate(payload_people[target.slug]):
            update_profile(person, _profile(person, world, f"{prefix}{index}"))
            world.tokens[person.id] = reissue_link(person)
    anna, ben = people[0], people[1]
    for person in people[2:] + _people(rounds)[2:]:
        world.tokens[person.id] = reissue_link(person)
    db.session.flush()

    # requests with messages, both ways, one accepted so it is scheduled
    for mr in db.session.scalars(
        select(MeetingRequest).where(
            MeetingRequest.sender_id.in_([anna.id, ben.id]),
            MeetingRequest.receiver_id.in_([anna.id, ben.id]),
        )
    ):
        db.session.delete(mr)
    db.session.flush()
    send_request(anna, ben, priority=RequestPriority.MUST, message=world.mark("request.message"))
    send_request(ben, anna, priority=RequestPriority.MUST, message=world.mark("request.reply"))
    db.session.add(
        Exclusion(event_id=event.id, participant_id=anna.id, other_id=people[2].id,
                  note=world.mark("exclusion.note"))
    )  # fmt: skip

    # agendas built by the optimiser and published
    set_phase(event, EventStatus.SCHEDULED)
    _run(event)
    set_phase(event, EventStatus.PUBLISHED)
    set_phase(rounds, EventStatus.SCHEDULED)
    _run(rounds)
    set_phase(rounds, EventStatus.PUBLISHED)

    # the event day: feedback in both rounds, a standby offer, a failed run, mail
    meeting = db.session.scalar(
        select(Meeting)
        .where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.PLANNED)
        .where((Meeting.participant_a_id == anna.id) | (Meeting.participant_b_id == anna.id))
        .order_by(Meeting.starts_at)
    )
    comment = world.mark("feedback.comment")
    save_feedback(meeting, anna, 1, rating=3, follow_up_planned=True, comment=comment)
    open_round_two(event)
    other = meeting.partner_of(anna.id)
    free = next(p for p in people if p.id not in (anna.id, other.id))
    later = datetime(2030, 1, 1, 9, tzinfo=UTC)  # an offer still to come
    offer = StandbyOffer(
        event_id=event.id, participant_a_id=anna.id, participant_b_id=free.id, starts_at=later,
        ends_at=later + timedelta(minutes=20), location_id=event.locations[0].id, score=50.0,
    )  # fmt: skip
    failed = ScheduleRun(
        event_id=event.id, status=RunStatus.FAILED, error=world.mark("run.error"),
        log=world.mark("run.log"), parameters={"time_limit": 1},
    )  # fmt: skip
    db.session.add_all([offer, failed])
    db.session.add(
        OutboxMessage(event_id=event.id, participant_id=anna.id, recipient=anna.email,
                      subject=world.mark("outbox.subject"), body=world.mark("outbox.body"),
                      error=world.mark("outbox.error"))
    )  # fmt: skip
    db.session.flush()
    # pages about the rounds event: the first payload person looks at the second one
    rounds_person, rounds_partner = payload_people[rounds.slug]
    rounds_meeting = db.session.scalar(
        select(Meeting)
        .where(Meeting.event_id == rounds.id)
        .where(
            (Meeting.participant_a_id == rounds_person.id)
            | (Meeting.participant_b_id == rounds_person.id)
        )
        .order_by(Meeting.starts_at)
    )
    # an event still open for registration, to see the registration form
    opening = create_event(
        slug="xss-open", title=world.mark("open.title"), status=EventStatus.REGISTRATION,
        venue=world.mark("open.venue"),
    )  # fmt: skip
    opening.sessions = [EventSession(name=world.mark("open.session"), day=date(2030, 5, 6),
                                     start_time=time(9), end_time=time(12))]  # fmt: skip
    add_category(opening, "open-area", world.mark("open.category.en"), "Bereich")
    opening.organisers = list(event.organisers)
    world.ids = {"event": event.id, "anna": anna.id, "ben": ben.id, "meeting": meeting.id}
    static = ["css/app.css", "js/run.js"]
    world.contexts = [
        {
            "slug": event.slug,
            "token": world.tokens[anna.id],
            "participant_id": ben.id,
            "code": [checkin_code(ben), feed_code(ben)],
            "meeting_id": meeting.id,
            "run_id": failed.id,
            "round_": [1, 2],
            "filename": static,
        },
        {
            "slug": rounds.slug,
            "token": world.tokens[rounds_person.id],
            "participant_id": rounds_partner.id,
            "code": [checkin_code(rounds_partner), feed_code(rounds_partner)],
            "meeting_id": rounds_meeting.id,
            "run_id": failed.id,
            "round_": 1,
            "filename": static,
        },
    ]
    world.contexts.append(dict(world.contexts[0], slug=opening.slug))
    db.session.commit()
    return world
