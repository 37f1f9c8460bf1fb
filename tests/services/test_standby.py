"""Absence releases meetings; standby offers go only to free, present, non-excluded people."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import BlockedSlot, Exclusion, Meeting, OutboxMessage, StandbyOffer
from matchmaker.models.enums import MeetingOrigin, MeetingStatus, ParticipantStatus
from matchmaker.services.agenda_edit import add_meeting
from matchmaker.services.noshow import mark_absent, mark_overdue_absent, overdue_participants
from matchmaker.services.standby import (
    StandbyError,
    accept_offer,
    assign_offer,
    decline_offer,
    expire_offers,
)
from tests.eventday import build_day, meet


@pytest.fixture
def day(make_event, make_participant):
    return build_day(make_event, make_participant)


@pytest.fixture
def crowd(day):
    """Anna will not come; Ben meets her at 09:25 at table 1. Around them, one reason each why
    somebody may not stand in, and Carla (best) and Kurt (weaker) who may."""
    anna, ben = day.person("Anna"), day.person("Ben", organisation="Förderbank Nord")
    people = {
        "anna": anna,
        "ben": ben,
        "carla": day.person("Carla"),
        "kurt": day.person("Kurt", title="Logistikberatung für Häfen"),
        "dora": day.person("Dora"),  # busy at 09:25
        "erik": day.person("Erik"),  # Dora's partner then
        "fritz": day.person("Fritz", organisation="Förderbank Nord"),  # Ben's own organisation
        "gina": day.person("Gina", languages=["fr"]),  # no language in common with Ben
        "hans": day.person("Hans"),  # Ben said "no thanks"
        "ida": day.person("Ida", checked_in=False),  # not here (yet)
        "jan": day.person("Jan", absent=True),  # marked absent
        "lena": day.person("Lena", status=ParticipantStatus.REGISTERED),  # not confirmed
        "mia": day.person("Mia", title="Bäckereibedarf", category=3),  # nothing in common with Ben
        "nora": day.person("Nora"),  # not available at 09:25
    }
    people["nora"].blocked_slots = [BlockedSlot(starts_at=day.slot(1))]
    db.session.add(Exclusion(event_id=day.event.id, participant_id=ben.id,
                             other_id=people["hans"].id))  # fmt: skip
    people["meeting"] = meet(day, anna, ben, slot=1, table=1)
    meet(day, people["dora"], people["erik"], slot=1, table=2)
    db.session.commit()
    return people


def offers():
    return db.session.scalars(select(StandbyOffer).order_by(StandbyOffer.id)).all()


def test_absence_cancels_later_meetings_and_offers_the_best_free_present_partner(day, crowd):
    made = mark_absent(day.event, crowd["anna"], now=day.at(8, 45))
    meeting = crowd["meeting"]
    assert (meeting.status, meeting.revision, crowd["anna"].absent) == (
        MeetingStatus.CANCELLED, 1, True,
    )  # fmt: skip
    assert len(made) == 1 and offers() == made
    offer = made[0]
    assert (offer.participant_a_id, offer.participant_b_id) == (crowd["ben"].id, crowd["carla"].id)
    assert (offer.starts_at, offer.location_id, offer.status) == (
        day.slot(1), day.tables[0].id, "open",
    )  # fmt: skip
    assert offer.score > 0
    mails = db.session.scalars(select(OutboxMessage.recipient)).all()
    assert sorted(mails) == sorted([crowd["ben"].email, crowd["carla"].email])


def test_declined_offers_go_down_the_list_and_never_to_excluded_busy_or_absent_people(day, crowd):
    (offer,) = mark_absent(day.event, crowd["anna"], now=day.at(8, 45))
    offered = [offer.participant_b_id]
    while offer is not None:
        offer = decline_offer(offer, offer.participant_b, now=day.at(8, 50))
        if offer is not None:
            offered.append(offer.participant_b_id)
    # only Carla and Kurt may stand in, best score first; then nobody is left
    assert offered == [crowd["carla"].id, crowd["kurt"].id]
    assert [o.status for o in offers()] == ["declined", "declined"]


def test_accepting_on_both_sides_creates_the_standby_meeting(day, crowd):
    (offer,) = mark_absent(day.event, crowd["anna"], now=day.at(8, 45))
    assert accept_offer(offer, crowd["carla"], now=day.at(8, 50)) is None
    meeting = accept_offer(offer, crowd["ben"], now=day.at(8, 55))
    assert meeting is not None
    assert (meeting.participant_a_id, meeting.participant_b_id) == (
        crowd["ben"].id, crowd["carla"].id,
    )  # fmt: skip
    assert (meeting.starts_at, meeting.location_id, meeting.origin, meeting.status) == (
        day.slot(1), day.tables[0].id, MeetingOrigin.STANDBY, MeetingStatus.PLANNED,
    )  # fmt: skip
    assert (offer.status, offer.meeting_id) == ("accepted", meeting.id)


def test_acceptance_rechecks_the_agenda_and_never_double_books(day, crowd):
    (offer,) = mark_absent(day.event, crowd["anna"], now=day.at(8, 45))
    accept_offer(offer, crowd["ben"], now=day.at(8, 50))
    # meanwhile an organiser gives Carla another meeting at the same time
    add_meeting(day.event, crowd["carla"].id, crowd["mia"].id, day.slot(1), day.tables[2].id)
    with pytest.raises(StandbyError, match="Carla Beispiel.* has another meeting then"):
        accept_offer(offer, crowd["carla"], now=day.at(8, 55))
    assert offer.status == "expired"
    carla_then = db.session.scalars(
        select(Meeting).where(Meeting.starts_at == day.slot(1), Meeting.status == "planned")
    ).all()
    assert sorted((m.participant_a_id, m.participant_b_id) for m in carla_then) == sorted(
        [(crowd["dora"].id, crowd["erik"].id), (crowd["carla"].id, crowd["mia"].id)]
    )
    # Ben is offered the next candidate instead
    assert [(o.participant_b_id, o.status) for o in offers()] == [
        (crowd["carla"].id, "expired"), (crowd["kurt"].id, "open"),
    ]  # fmt: skip


def test_organiser_assigns_an_offer_without_waiting(day, crowd):
    (offer,) = mark_absent(day.event, crowd["anna"], now=day.at(8, 45))
    meeting = assign_offer(offer, now=day.at(8, 50))
    assert meeting.origin == MeetingOrigin.STANDBY and offer.status == "accepted"
    with pytest.raises(StandbyError, match="no longer open"):
        accept_offer(offer, crowd["ben"], now=day.at(8, 51))


def test_offer_lapses_when_its_slot_begins(day, crowd):
    (offer,) = mark_absent(day.event, crowd["anna"], now=day.at(8, 45))
    with pytest.raises(StandbyError, match="slot has begun"):
        accept_offer(offer, crowd["ben"], now=day.slot(1))
    assert offer.status == "expired"
    assert expire_offers(day.event, now=day.slot(2)) == 0


def test_meeting_begun_before_the_absence_is_a_no_show_without_offer(day, crowd):
    made = mark_absent(day.event, crowd["anna"], now=day.slot(1))
    assert made == [] and crowd["meeting"].status == MeetingStatus.NO_SHOW


def test_absence_of_an_offered_candidate_passes_the_offer_on(day, crowd):
    (offer,) = mark_absent(day.event, crowd["anna"], now=day.at(8, 45))
    (again,) = mark_absent(day.event, crowd["carla"], now=day.at(8, 50))
    assert offer.status == "expired"
    assert (again.participant_a_id, again.participant_b_id) == (crowd["ben"].id, crowd["kurt"].id)


def test_overdue_sweep_marks_only_people_without_check_in_before_their_meeting(day, crowd):
    ida = crowd["ida"]
    late = meet(day, ida, crowd["mia"], slot=2, table=3)  # 09:50
    db.session.commit()
    assert overdue_participants(day.event, 10, now=day.at(9, 30)) == []
    people, made = mark_overdue_absent(day.event, 10, now=day.at(9, 41))
    assert people == [ida] and ida.absent and late.status == MeetingStatus.CANCELLED
    # Mia has nothing in common with anyone free then, so nobody is offered to her
    assert made == []


def test_cli_marks_overdue_participants_absent(app, runner, day, crowd):
    result = runner.invoke(args=["mark-no-shows", "eventday", "--minutes", "30", "--settle"])
    # the event day lies ahead: nobody's meeting starts within 30 minutes
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Marked absent (30 min before a meeting): 0; standby offers: 0; meetings marked held: 0.\n"
    )
    assert runner.invoke(args=["mark-no-shows", "nope"]).exit_code == 1
