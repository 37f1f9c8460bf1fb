"""Organiser accounts."""

from __future__ import annotations

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from matchmaker.extensions import db
from matchmaker.models import Event, Organiser
from matchmaker.models.enums import OrganiserRole
from matchmaker.models.types import utcnow
from matchmaker.services import throttle

MIN_PASSWORD_LENGTH = 10


class OrganiserError(ValueError):
    """The account cannot be created as asked; the message says why."""


def create_organiser(*, email: str, name: str, password: str, admin: bool = False) -> Organiser:
    """Create an organiser account with a hashed password."""
    email = email.strip().lower()
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise OrganiserError(f"{email!r} is not an e-mail address")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise OrganiserError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    exists = db.session.scalar(select(Organiser.id).where(func.lower(Organiser.email) == email))
    if exists is not None:
        raise OrganiserError(f"an organiser with the e-mail {email} exists already")
    organiser = Organiser(
        email=email,
        name=name.strip() or email,
        role=OrganiserRole.ADMIN if admin else OrganiserRole.ORGANISER,
    )
    organiser.set_password(password)
    db.session.add(organiser)
    db.session.flush()
    return organiser


LOGIN_LIMIT = 5  # failed attempts per address and e-mail ...
LOGIN_WINDOW = 15 * 60  # ... within this many seconds


class LoginThrottled(Exception):
    """Too many failed logins; the caller should ask the person to wait."""


def authenticate(email: str, password: str, *, client: str) -> Organiser | None:
    """Return the organiser for these credentials, or None; refuse when throttled."""
    email = email.strip().lower()
    key = f"login:{client}:{email}"
    if throttle.too_many(key, LOGIN_LIMIT, LOGIN_WINDOW):
        raise LoginThrottled
    organiser = db.session.scalar(select(Organiser).where(Organiser.email == email))
    # check a hash even for unknown addresses, so timing does not tell which exist
    valid = organiser.check_password(password) if organiser else _DUMMY.check(password)
    if organiser is None or not valid or not organiser.active:
        throttle.hit(key, LOGIN_WINDOW)
        return None
    throttle.reset(key)
    organiser.last_login_at = utcnow()
    db.session.flush()
    return organiser


def can_manage(organiser: Organiser, event: Event) -> bool:
    """Tell whether the organiser may manage the event."""
    return organiser.role == OrganiserRole.ADMIN or event in organiser.events


class _DummyHash:
    def __init__(self) -> None:
        self._hash: str | None = None

    def check(self, password: str) -> bool:
        if self._hash is None:
            self._hash = generate_password_hash("not-a-real-password")
        return check_password_hash(self._hash, password)


_DUMMY = _DummyHash()
