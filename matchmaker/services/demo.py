"""The demo event: an international cooperation exchange of a German cluster network."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from matchmaker.demo.population import Population, generate_population
from matchmaker.extensions import db
from matchmaker.models import (
    Event,
    EventSession,
    Item,
    Location,
    MeetingRequest,
    Organiser,
    Participant,
    ParticipantLanguage,
    Zone,
)
from matchmaker.models.enums import EventFormat, EventStatus, ParticipantStatus, RequestStatus
from matchmaker.services.events import EventError, create_event
from matchmaker.services.organisers import create_organiser
from matchmaker.services.slots import event_slots
from matchmaker.services.tokens import new_token

DEMO_ORGANISER = "organiser@demo.example"
DEMO_PASSWORD = "demo-organiser"
EVENT_DAY = date(2027, 3, 17)
CONSENT_START = datetime(2027, 1, 10, 8, 0, tzinfo=UTC)
TABLES_PER_PARTICIPANT = 40 / 150  # ~40 tables for 150 participants, scaled with the event

DESCRIPTION = (
    "Die Internationale Kooperationsbörse des Clusternetzwerks Nord bringt Unternehmen, "
    "Forschung, Hochschulen, Kommunen und Förderer aus ganz Europa in 20-minütigen "
    "Einzelgesprächen zusammen – von Wasserstoff und Energie über Gesundheit, Logistik und "
    "Lebensmittel bis zu Digitalisierung, Kreislaufwirtschaft und Mobilität.\n\n"
    "The International Cooperation Exchange of the North Cluster Network brings together "
    "companies, research, universities, municipalities and funders from across Europe in "
    "20-minute one-to-one meetings. Publish what you offer and what you need, request meetings, "
    "and receive a personal agenda optimised for complementary partners."
)


ROUNDS_DESCRIPTION = (
    "Sieben Runden zu je 20 Minuten: In jeder Runde sitzen Sie jemand Neuem gegenüber, "
    "ausgewählt danach, wie gut sich Angebot und Bedarf ergänzen.\n\n"
    "Seven rounds of 20 minutes: every round you sit with someone new, chosen by how well "
    "your offers and needs complement each other."
)


class DemoError(ValueError):
    """The demo event cannot be created; the message says why."""


@dataclass(frozen=True)
class SeedResult:
    participants: int
    countries: int
    requests: int
    tables: int
    booths: int
    slots: int
    organiser_email: str


def _organiser() -> Organiser:
    existing = db.session.scalar(select(Organiser).where(Organiser.email == DEMO_ORGANISER))
    if existing is not None:
        return existing
    return create_organiser(
        email=DEMO_ORGANISER, name="Demo-Veranstalterin", password=DEMO_PASSWORD, admin=True
    )


def seed_demo(*, slug: str = "demo", participants: int = 150, seed: int = 2026) -> SeedResult:
    """Create the demo event with its participants, offers, needs and meeting requests."""
    if participants < 2:
        raise DemoError("the demo needs at least 2 participants")
    try:
        event = create_event(
            slug=slug,
            title="Internationale Kooperationsbörse 2027 – Clusternetzwerk Nord",
            description=DESCRIPTION,
            venue="Hamburg Messe und Congress, Halle B6",
            timezone="Europe/Berlin",
            status=EventStatus.REQUESTS,
            meeting_minutes=20,
            pause_minutes=5,
            max_meetings_per_participant=12,
            max_requests_per_participant=15,
            request_expiry_hours=72,
            registration_deadline=datetime(2027, 3, 3, 23, 0, tzinfo=UTC),
            request_deadline=datetime(2027, 3, 12, 23, 0, tzinfo=UTC),
            contact_email=DEMO_ORGANISER,
            matching={
                "cross_border_bonus": 10,
                "interpreters_allowed": False,
                "actor_mix_bonus": {
                    "sme|research_institute": 10,
                    "sme|university": 8,
                    "startup|funder": 10,
                    "large_company|startup": 6,
                },
            },
        )
    except EventError as exc:
        raise DemoError(str(exc)) from exc
    event.organisers.append(_organiser())
    event.sessions = [
        EventSession(name="Vormittag", day=EVENT_DAY, start_time=time(9), end_time=time(12, 30)),
        EventSession(name="Nachmittag", day=EVENT_DAY, start_time=time(13, 30), end_time=time(17)),
    ]
    halls = [Zone(name="Halle B6 – Nord"), Zone(name="Halle B6 – Süd")]
    event.zones = halls
    db.session.flush()

    table_count = max(4, round(participants * TABLES_PER_PARTICIPANT))
    event.locations = [
        Location(number=n, name=f"Tisch {n}", zone=halls[0] if n <= table_count / 2 else halls[1])
        for n in range(1, table_count + 1)
    ]
    population = generate_population(participants, seed)
    rng = random.Random(seed)
    people = _add_people(event, population, rng)

    booths = [p for p, spec in zip(people, population.participants, strict=True) if spec.booth]
    # booths are numbered from the next hundred above the tables (101.. beside Tisch 1-40)
    booth_base = (table_count // 100 + 1) * 100
    for offset, owner in enumerate(booths, start=1):
        db.session.add(
            Location(
                event=event,
                number=booth_base + offset,
                name=f"Stand {offset}: {owner.organisation}",
                zone=halls[offset % 2],
                owner_id=owner.id,
            )
        )

    active = {p.id for p in people if p.status != ParticipantStatus.CANCELLED}
    requests = []
    for spec in population.requests:
        sender, receiver = people[spec.sender], people[spec.receiver]
        if sender.id not in active or receiver.id not in active:
            continue
        status = rng.choices(
            [RequestStatus.ACCEPTED, RequestStatus.PENDING, RequestStatus.DECLINED],
            weights=[55, 30, 15],
        )[0]
        created = CONSENT_START + timedelta(days=20, minutes=rng.randrange(0, 60 * 24 * 30))
        requests.append(
            MeetingRequest(
                event_id=event.id,
                sender_id=sender.id,
                receiver_id=receiver.id,
                priority=spec.priority,
                message=spec.message,
                status=status,
                created_at=created,
                responded_at=None
                if status == RequestStatus.PENDING
                else created + timedelta(hours=9),
                expires_at=created + timedelta(hours=72),
            )
        )
    db.session.add_all(requests)
    db.session.flush()
    return SeedResult(
        participants=len(people),
        countries=len({p.country for p in people}),
        requests=len(requests),
        tables=table_count,
        booths=len(booths),
        slots=len(event_slots(event)),
        organiser_email=DEMO_ORGANISER,
    )


def _add_people(event: Event, population: Population, rng: random.Random) -> list[Participant]:
    """Add the generated participants with their languages, sessions, offers and needs."""
    categories = {c.key: c for c in event.categories}
    consent_start = CONSENT_START
    people: list[Participant] = []
    for spec in population.participants:
        registered = consent_start + timedelta(minutes=rng.randrange(0, 60 * 24 * 50))
        person = Participant(
            event=event,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=spec.email,
            organisation=spec.organisation,
            actor_type=spec.actor_type,
            country=spec.country,
            city=spec.city,
            website=spec.website,
            profile_text=spec.profile_text,
            locale=spec.profile_language,
            max_meetings=spec.max_meetings,
            status=spec.status,
            gdpr_consent_at=registered,
            created_at=registered,  # people register over weeks, not at seeding time
            token_hash=new_token()[1],
        )
        person.languages = [
            ParticipantLanguage(code=code) for code in dict.fromkeys(spec.languages)
        ]
        person.sessions = [event.sessions[i] for i in spec.sessions if i < len(event.sessions)]
        person.items = [
            Item(
                kind=item.kind,
                category=categories[item.category],
                title=item.title,
                description=item.description,
                position=position,
            )
            for position, item in enumerate(spec.offers + spec.needs)
        ]
        people.append(person)
    db.session.add_all(people)
    db.session.flush()
    return people


def seed_rounds_demo(
    *, slug: str = "speed-dating", participants: int = 61, seed: int = 2027
) -> SeedResult:
    """Create a speed-dating demo: seven 20-minute rounds, everyone paired by complementarity."""
    if participants < 2:
        raise DemoError("the demo needs at least 2 participants")
    try:
        event = create_event(
            slug=slug,
            title="Speed-Dating Innovation & Kapital – Clusternetzwerk Nord",
            description=ROUNDS_DESCRIPTION,
            venue="Hamburg Messe und Congress, Saal 3",
            timezone="Europe/Berlin",
            event_format=EventFormat.ROUNDS,
            status=EventStatus.REGISTRATION,
            meeting_minutes=20,
            pause_minutes=5,
            contact_email=DEMO_ORGANISER,
            matching={"cross_border_bonus": 10, "actor_mix_bonus": {"startup|funder": 15}},
        )
    except EventError as exc:
        raise DemoError(str(exc)) from exc
    event.organisers.append(_organiser())
    event.sessions = [
        EventSession(name="Speed-Dating", day=EVENT_DAY, start_time=time(14), end_time=time(16, 55))
    ]
    db.session.flush()
    tables = max(1, participants // 2)
    event.locations = [Location(number=n, name=f"Tisch {n}") for n in range(1, tables + 1)]
    population = generate_population(participants, seed)
    people = _add_people(event, population, random.Random(seed))
    return SeedResult(
        participants=len(people),
        countries=len({p.country for p in people}),
        requests=0,
        tables=tables,
        booths=0,
        slots=len(event_slots(event)),
        organiser_email=DEMO_ORGANISER,
    )
