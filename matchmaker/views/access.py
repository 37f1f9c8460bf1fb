"""Access to participant pages through the secret link."""

from __future__ import annotations

from flask import abort, g

from matchmaker.models import Participant
from matchmaker.services.participants import participant_by_token


def participant_or_404(token: str) -> Participant:
    """Return the participant of a secret link; an unknown or re-issued token is a 404."""
    participant = participant_by_token(token)
    if participant is None:
        abort(404)
    g.timezone = participant.event.timezone  # dates on the page in the event's time zone
    return participant
