"""Organiser accounts."""

from __future__ import annotations

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Organiser
from matchmaker.models.enums import OrganiserRole

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
