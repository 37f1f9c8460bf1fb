"""Thin typed SQLAlchemy models; business rules live in ``matchmaker.services``."""

from matchmaker.models.event import Category, Event, EventSession, Location, Zone
from matchmaker.models.matching import Exclusion, Feedback, Meeting, MeetingRequest, StandbyOffer
from matchmaker.models.operations import OutboxMessage, ScheduleRun
from matchmaker.models.organiser import Organiser, event_organisers
from matchmaker.models.participant import (
    BlockedSlot,
    Item,
    Participant,
    ParticipantLanguage,
    participant_sessions,
)

__all__ = [
    "BlockedSlot",
    "Category",
    "Event",
    "EventSession",
    "Exclusion",
    "Feedback",
    "Item",
    "Location",
    "Meeting",
    "MeetingRequest",
    "Organiser",
    "OutboxMessage",
    "Participant",
    "ParticipantLanguage",
    "ScheduleRun",
    "StandbyOffer",
    "Zone",
    "event_organisers",
    "participant_sessions",
]
