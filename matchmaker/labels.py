"""Translatable labels for the domain vocabulary, for templates, forms and exports."""

from flask_babel import lazy_gettext as _l

from matchmaker.models.enums import (
    ActorType,
    EventFormat,
    EventStatus,
    ParticipantStatus,
    RequestPriority,
    RequestStatus,
    RunStatus,
)

ACTOR_TYPES = {
    ActorType.SME: _l("SME"),
    ActorType.LARGE_COMPANY: _l("Large company"),
    ActorType.RESEARCH_INSTITUTE: _l("Research institute"),
    ActorType.UNIVERSITY: _l("University"),
    ActorType.CLUSTER: _l("Cluster / network"),
    ActorType.PUBLIC_BODY: _l("Public body / municipality"),
    ActorType.ASSOCIATION: _l("Association"),
    ActorType.NGO: _l("NGO"),
    ActorType.FUNDER: _l("Funder / investor"),
    ActorType.STARTUP: _l("Start-up"),
}

EVENT_FORMATS = {
    EventFormat.B2B: _l("One-to-one meetings"),
    EventFormat.ROUNDS: _l("Speed-dating rounds"),
}

EVENT_STATUSES = {
    EventStatus.DRAFT: _l("Draft"),
    EventStatus.REGISTRATION: _l("Registration open"),
    EventStatus.REQUESTS: _l("Meeting requests open"),
    EventStatus.SCHEDULED: _l("Agenda being prepared"),
    EventStatus.PUBLISHED: _l("Agenda published"),
    EventStatus.CLOSED: _l("Closed"),
}

PARTICIPANT_STATUSES = {
    ParticipantStatus.REGISTERED: _l("Registered, awaiting confirmation"),
    ParticipantStatus.CONFIRMED: _l("Confirmed"),
    ParticipantStatus.CANCELLED: _l("Cancelled"),
}

REQUEST_STATUSES = {
    RequestStatus.PENDING: _l("Waiting for an answer"),
    RequestStatus.ACCEPTED: _l("Accepted"),
    RequestStatus.DECLINED: _l("Declined"),
    RequestStatus.EXPIRED: _l("Expired"),
}

REQUEST_PRIORITIES = {
    RequestPriority.MUST: _l("Must meet"),
    RequestPriority.WOULD_LIKE: _l("Would like to meet"),
}

RUN_STATUSES = {
    RunStatus.QUEUED: _l("Waiting to start"),
    RunStatus.RUNNING: _l("Running"),
    RunStatus.SUCCEEDED: _l("Finished: proposal ready"),
    RunStatus.ACCEPTED: _l("Accepted: agenda written"),
    RunStatus.FAILED: _l("Failed"),
    RunStatus.CANCELLED: _l("Cancelled"),
}

# errors a run records as a key, so its page says them in the reader's language
RUN_ERRORS = {
    "worker_stopped": _l(
        "The worker running it stopped (it was ended or crashed) before the run finished. "
        "Start a new run."
    ),
}

UNMET_REASONS = {
    "not_confirmed": _l("a participant is not confirmed"),
    "no_common_slot": _l("no time when both are available"),
    "meeting_limit": _l("a participant's meeting limit is reached"),
    "crowded_out": _l("no room left beside higher-priority meetings"),
}
