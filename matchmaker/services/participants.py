"""Registering participants, their private access link, and editing their profile."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import (
    BlockedSlot,
    Event,
    Item,
    OutboxMessage,
    Participant,
    ParticipantLanguage,
)
from matchmaker.models.enums import ItemKind, ParticipantStatus
from matchmaker.models.types import utcnow
from matchmaker.services import rules
from matchmaker.services.slots import event_slots
from matchmaker.services.tokens import code_matches, hash_token, keyed_code, new_token


class RegistrationError(ValueError):
    """The registration cannot be accepted; ``field`` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class DuplicateRegistration(RegistrationError):
    """The e-mail address is registered for this event already."""


@dataclass(frozen=True)
class ItemData:
    category: str  # a category key of the event
    title: str
    description: str = ""


@dataclass(frozen=True)
class ProfileData:
    first_name: str
    last_name: str
    email: str
    organisation: str
    actor_type: str
    country: str
    city: str = ""
    website: str = ""
    profile_text: str = ""
    languages: tuple[str, ...] = ()
    session_ids: tuple[int, ...] = ()
    max_meetings: int | None = None
    # starts of single slots (aware, UTC) the participant cannot attend within their sessions
    blocked_starts: tuple[datetime, ...] = ()
    locale: str = "en"
    offers: tuple[ItemData, ...] = field(default_factory=tuple)
    needs: tuple[ItemData, ...] = field(default_factory=tuple)


def participant_by_token(token: str) -> Participant | None:
    """Return the participant whose secret link carries ``token``, if any."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(select(Participant).where(Participant.token_hash == hash_token(token)))


def feed_code(participant: Participant) -> str:
    """Return the code of the participant's read-only calendar feed; a new link revokes it."""
    return keyed_code("feed", participant.id, participant.token_hash)


def participant_by_feed_code(participant_id: int, code: str) -> Participant | None:
    """Return the participant whose calendar feed this is, if the code is right."""
    participant = db.session.get(Participant, participant_id)
    if participant is None or not code_matches(feed_code(participant), code):
        return None
    return participant


def _find_by_email(event: Event, email: str) -> Participant | None:
    return db.session.scalar(
        select(Participant).where(Participant.event_id == event.id, Participant.email == email)
    )


def _check(event: Event, data: ProfileData) -> None:
    """Re-check in the service what the form checks, so no other caller can bypass it."""
    if data.website.strip() and not rules.is_web_address(data.website.strip()):
        raise RegistrationError(_("start the address with https://"), "website")
    if not rules.is_country(data.country):
        raise RegistrationError(_("%(code)s is not a country code", code=data.country), "country")
    unknown = set(data.languages) - set(rules.LANGUAGE_CODES)
    if not data.languages or unknown:
        raise RegistrationError(_("choose at least one known language"), "languages")
    sessions = {s.id for s in event.sessions}
    if sessions and (not data.session_ids or set(data.session_ids) - sessions):
        raise RegistrationError(_("choose at least one session of this event"), "sessions")
    starts = {slot.starts_at for slot in event_slots(event)}
    if set(data.blocked_starts) - starts:
        raise RegistrationError(_("choose unavailable times from the event's slots"), "blocked")
    keys = {c.key for c in event.categories}
    for item in data.offers + data.needs:
        if item.category not in keys:
            raise RegistrationError(_("unknown area %(key)s", key=item.category), "items")


def _apply(participant: Participant, event: Event, data: ProfileData) -> None:
    categories = {c.key: c for c in event.categories}
    participant.first_name = data.first_name.strip()
    participant.last_name = data.last_name.strip()
    participant.email = data.email.strip().lower()
    participant.organisation = data.organisation.strip()
    participant.actor_type = data.actor_type
    participant.country = data.country
    participant.city = data.city.strip()
    participant.website = data.website.strip()
    participant.profile_text = data.profile_text.strip()
    participant.max_meetings = data.max_meetings
    participant.locale = data.locale
    participant.languages = [ParticipantLanguage(code=c) for c in dict.fromkeys(data.languages)]
    participant.sessions = [s for s in event.sessions if s.id in set(data.session_ids)]
    participant.blocked_slots = [
        BlockedSlot(starts_at=start) for start in sorted(set(data.blocked_starts))
    ]
    items = [(ItemKind.OFFER, i) for i in data.offers] + [(ItemKind.NEED, i) for i in data.needs]
    participant.items = [
        Item(
            kind=kind,
            category=categories[item.category],
            title=item.title.strip(),
            description=item.description.strip(),
            position=position,
        )
        for position, (kind, item) in enumerate(items)
    ]


def register_participant(
    event: Event, data: ProfileData, *, consent: bool
) -> tuple[Participant, str]:
    """Register a participant and return them with the token of their private link."""
    if not rules.registration_open(event):
        raise RegistrationError(_("registration for this event is closed"))
    if not consent:
        raise RegistrationError(_("consent to the data protection terms is required"), "consent")
    email = data.email.strip().lower()
    if _find_by_email(event, email) is not None:
        raise DuplicateRegistration(_("this e-mail address is registered already"), "email")
    _check(event, data)
    token, token_hash = new_token()
    try:
        # the check above and this insert are two statements: a registration with the same
        # address can commit in between, and then the unique constraint decides. A savepoint
        # keeps the caller's transaction usable for telling the loser so.
        with db.session.begin_nested():
            participant = Participant(
                event=event,
                status=ParticipantStatus.REGISTERED,
                gdpr_consent_at=utcnow(),
                token_hash=token_hash,
            )
            _apply(participant, event, data)
            db.session.add(participant)
    except IntegrityError:
        if _find_by_email(event, email) is None:
            raise
        raise DuplicateRegistration(
            _("this e-mail address is registered already"), "email"
        ) from None
    return participant, token


def update_profile(participant: Participant, data: ProfileData) -> None:
    """Replace a participant's profile, offers, needs and availability."""
    email = data.email.strip().lower()
    other = _find_by_email(participant.event, email)
    if other is not None and other.id != participant.id:
        raise DuplicateRegistration(_("this e-mail address is registered already"), "email")
    _check(participant.event, data)
    try:
        # as in registering: a concurrent registration or edit may take the address first
        with db.session.begin_nested():
            _apply(participant, participant.event, data)
            # languages and availability live in other tables: mark the profile changed
            participant.updated_at = utcnow()
    except IntegrityError:
        other = _find_by_email(participant.event, email)
        if other is None or other.id == participant.id:
            raise
        raise DuplicateRegistration(
            _("this e-mail address is registered already"), "email"
        ) from None


def reissue_link(participant: Participant) -> str:
    """Give the participant a new secret link; the old one stops working at once."""
    token, participant.token_hash = new_token()
    participant.token_issued_at = utcnow()
    db.session.flush()
    return token


def queue_link_message(
    participant: Participant, link: str, *, subject: str, body: str
) -> OutboxMessage:
    """Put the e-mail with the participant's private link in the event's outbox."""
    message = OutboxMessage(
        event_id=participant.event_id,
        participant_id=participant.id,
        recipient=participant.email,
        subject=subject,
        body=body.replace("{link}", link),
    )
    db.session.add(message)
    db.session.flush()
    return message


def find_participant(event: Event, email: str) -> Participant | None:
    """Return the event's participant with this e-mail address, if any."""
    return _find_by_email(event, email.strip().lower())
