"""An event day to test check-in, absence, standby offers and feedback against.

Slots of 20 minutes with a 5-minute pause from 09:00 Berlin time (UTC+1 in March, UTC+2 in
June); every participant offers and needs something, so most pairs score above 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from matchmaker.extensions import db
from matchmaker.models import Item, Location, Meeting, Participant
from matchmaker.models.enums import EventStatus, ItemKind, MeetingOrigin
from matchmaker.services.tokens import new_token

BERLIN = ZoneInfo("Europe/Berlin")
HYDROGEN = "Wasserstoffspeicher für Häfen und Logistik"


@dataclass
class Day:
    event: object
    day: date
    tables: list[Location]
    tokens: dict[int, str]
    make_participant: object

    def at(self, hour: int, minute: int = 0) -> datetime:
        """Return a local time of the event day as an aware datetime."""
        return datetime.combine(self.day, time(hour, minute), tzinfo=BERLIN)

    def slot(self, index: int) -> datetime:
        return self.at(9) + timedelta(minutes=25 * index)

    def token(self, person: Participant) -> str:
        return self.tokens[person.id]

    def person(
        self,
        first_name: str,
        *,
        title: str = HYDROGEN,
        category: int = 0,
        checked_in: bool = True,
        **overrides,
    ) -> Participant:
        """Add a confirmed participant who offers and needs ``title`` (one category for all)."""
        token, token_hash = new_token()
        participant = self.make_participant(
            self.event, first_name=first_name, token_hash=token_hash, **overrides
        )
        area = self.event.categories[category]
        participant.items = [Item(kind=k, title=title, category=area) for k in ItemKind]
        participant.sessions = list(self.event.sessions)
        if checked_in:
            participant.checked_in_at = self.at(8, 30)
        db.session.flush()
        self.tokens[participant.id] = token
        return participant


def build_day(make_event, make_participant, day: date = date(2027, 3, 17), tables: int = 4) -> Day:
    event = make_event(
        slug="eventday", timezone="Europe/Berlin", status=EventStatus.PUBLISHED,
        sessions=[("Vormittag", day, time(9), time(12))], meeting_minutes=20, pause_minutes=5,
    )  # fmt: skip
    event.locations = [Location(number=n, name=f"Tisch {n}") for n in range(1, tables + 1)]
    db.session.flush()
    return Day(event, day, list(event.locations), {}, make_participant)


def meet(day: Day, a: Participant, b: Participant, slot: int, table: int) -> Meeting:
    meeting = Meeting(
        event_id=day.event.id, participant_a_id=a.id, participant_b_id=b.id,
        starts_at=day.slot(slot), ends_at=day.slot(slot) + timedelta(minutes=20),
        location_id=day.tables[table - 1].id, origin=MeetingOrigin.RECOMMENDATION,
    )  # fmt: skip
    db.session.add(meeting)
    db.session.flush()
    return meeting
