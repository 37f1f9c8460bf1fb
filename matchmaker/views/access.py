"""Access to participant pages through the secret link."""

from __future__ import annotations

from flask import abort

from matchmaker.models import Participant
from matchmaker.services.participants import participant_by_token


def participant_or_404(token: str) -> Participant:
    """Return the participant of a secret link; an unknown or re-issued token is a 404."""
    participant = participant_by_token(token)
    if participant is None:
        abort(404)
    return participant
