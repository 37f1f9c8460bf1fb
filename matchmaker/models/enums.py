"""Domain vocabulary shared by models, forms, services and the demo generator.

Values are stable identifiers stored in the database; labels are translated in the UI.
"""

from enum import StrEnum


class EventFormat(StrEnum):
    B2B = "b2b"  # one-to-one meetings in a slots x tables grid
    ROUNDS = "rounds"  # speed-dating rounds: everyone meets someone every round


class EventStatus(StrEnum):
    DRAFT = "draft"
    REGISTRATION = "registration"
    REQUESTS = "requests"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    CLOSED = "closed"


EVENT_STATUS_ORDER: tuple[EventStatus, ...] = tuple(EventStatus)


class OrganiserRole(StrEnum):
    ADMIN = "admin"  # manages every event and organiser accounts
    ORGANISER = "organiser"  # manages the events they are a member of


class ActorType(StrEnum):
    SME = "sme"
    LARGE_COMPANY = "large_company"
    RESEARCH_INSTITUTE = "research_institute"
    UNIVERSITY = "university"
    CLUSTER = "cluster"
    PUBLIC_BODY = "public_body"
    ASSOCIATION = "association"
    NGO = "ngo"
    FUNDER = "funder"
    STARTUP = "startup"


class ParticipantStatus(StrEnum):
    REGISTERED = "registered"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class ItemKind(StrEnum):
    OFFER = "offer"
    NEED = "need"


class RequestPriority(StrEnum):
    MUST = "must"  # must meet
    WOULD_LIKE = "would_like"


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    CANCELLED = "cancelled"
    HELD = "held"
    NO_SHOW = "no_show"


class MeetingOrigin(StrEnum):
    MUTUAL = "mutual"  # both asked for it
    REQUEST = "request"  # one side asked, the other accepted
    RECOMMENDATION = "recommendation"  # proposed by the optimiser from the scores
    MANUAL = "manual"  # added by an organiser
    STANDBY = "standby"  # replacement for a no-show


class ExclusionReason(StrEnum):
    NO_THANKS = "no_thanks"  # a participant does not want to meet the other
    CONFLICT = "conflict"  # organiser-marked conflict of interest (e.g. direct competitors)


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"  # finished with a schedule, not yet accepted
    ACCEPTED = "accepted"  # its schedule was written to the agenda
    FAILED = "failed"
    CANCELLED = "cancelled"


# Default taxonomy ("areas of activity") seeded into each new event: key -> (English, German).
DEFAULT_CATEGORIES: dict[str, tuple[str, str]] = {
    "energy": ("Energy and hydrogen", "Energie und Wasserstoff"),
    "health": ("Health and life sciences", "Gesundheit und Life Sciences"),
    "logistics": ("Logistics and supply chains", "Logistik und Lieferketten"),
    "food": ("Food and agriculture", "Lebensmittel und Landwirtschaft"),
    "digital": ("Digital, IT and data", "Digitalisierung, IT und Daten"),
    "circular": ("Circular economy and materials", "Kreislaufwirtschaft und Werkstoffe"),
    "mobility": ("Mobility and automotive", "Mobilität und Automotive"),
    "manufacturing": ("Manufacturing and Industry 4.0", "Produktion und Industrie 4.0"),
    "construction": ("Construction and smart cities", "Bau und Smart City"),
    "funding": ("Funding and finance", "Förderung und Finanzierung"),
    "regulation": (
        "Regulation, standards and certification",
        "Regulierung, Normen, Zertifizierung",
    ),
    "skills": ("Skills, training and talent", "Qualifizierung und Fachkräfte"),
}
