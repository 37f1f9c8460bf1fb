"""The attendee agenda page and the iCalendar feed, checked by three independent parsers."""

import warnings
from datetime import UTC, date, datetime, time

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Item, Location, Meeting, MeetingRequest, Zone
from matchmaker.models.enums import EventStatus, ItemKind, RequestStatus
from matchmaker.services.participants import feed_code, reissue_link
from matchmaker.services.scheduling import apply_solution, build_instance
from solver.schema import Assignment, Solution, Status


def parse_everywhere(body: bytes) -> list[dict]:
    """Parse with icalendar, vobject (validated) and the strict ical package; no warnings."""
    lines = body.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines)  # CRLF only, ends with CRLF
    assert max(len(line) for line in lines) <= 75  # folded at 75 octets
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ours = icalendar.Calendar.from_ical(body)
        card = vobject.readOne(body.decode("utf-8"))
        card.validate(raiseException=True)
        strict = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    events = [c for c in ours.walk("VEVENT")]
    assert len(events) == len(strict.events) == len(getattr(card, "vevent_list", []))
    return [
        {
            "uid": str(e["uid"]),
            "start": e.decoded("dtstart"),
            "end": e.decoded("dtend"),
            "status": str(e["status"]),
            "sequence": int(e["sequence"]),
            "summary": str(e["summary"]),
            "location": str(e.get("location", "")),
            "tzid": e["dtstart"].params.get("TZID"),
        }
        for e in events
    ] + [{"strict_start": s.dtstart.astimezone(UTC)} for s in strict.events]


@pytest.fixture
def pair(make_event, make_participant):
    def build(timezone="Europe/Berlin", day=date(2027, 3, 17), start=time(9), end=time(12)):
        event = make_event(slug="agenda", timezone=timezone, contact_email="org@cluster.example",
                           sessions=[("Vormittag", day, start, end)], pause_minutes=0,
                           status=EventStatus.PUBLISHED)  # fmt: skip
        hall = Zone(name="Halle B6")
        event.zones = [hall]
        event.locations = [Location(number=n, name=f"Tisch {n}", zone=hall) for n in (1, 2)]
        anna = make_participant(event, first_name="Anna", organisation="Lumen, Recycling; GmbH")
        ben = make_participant(event, first_name="Ben", organisation="Förderbank Nord")
        for person in (anna, ben):
            person.sessions = list(event.sessions)
            person.items = [Item(kind=k, title="Wasserstoffspeicher für Häfen und Logistik",
                                 category=event.categories[0]) for k in ItemKind]  # fmt: skip
        db.session.add(MeetingRequest(event_id=event.id, sender_id=anna.id, receiver_id=ben.id,
                                      status=RequestStatus.ACCEPTED))  # fmt: skip
        tokens = reissue_link(anna), reissue_link(ben)
        db.session.commit()
        return event, anna, ben, tokens

    return build


def schedule(event, *rows):
    instance, mapping = build_instance(event)
    solution = Solution(Status.FEASIBLE, tuple(Assignment(*r) for r in rows))
    apply_solution(event, instance, mapping, solution)
    db.session.commit()


def feed(client, token):
    response = client.get(f"/p/{token}/agenda.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def test_feed_parses_everywhere_with_right_fields(client, pair):
    event, anna, ben, (token, _) = pair()
    schedule(event, (0, 2, 1))
    parsed = parse_everywhere(feed(client, token).data)
    entry = parsed[0]
    # slot 2 of 20-minute slots from 09:00 Berlin time: 09:40, which is 08:40 UTC in March
    assert entry["start"].replace(tzinfo=None) == datetime(2027, 3, 17, 9, 40)
    assert entry["tzid"] == "Europe/Berlin"
    assert parsed[1]["strict_start"] == datetime(2027, 3, 17, 8, 40, tzinfo=UTC)
    assert entry["summary"] == f"{ben.name} (Förderbank Nord)"
    assert entry["location"] == f"Tisch 2, Halle B6, {event.venue}"
    assert (entry["status"], entry["sequence"]) == ("CONFIRMED", 0)
    body = feed(client, token).data
    assert b"BEGIN:VTIMEZONE" in body and b"TZID:Europe/Berlin" in body
    assert b"ORGANIZER;CN=" in body and b"mailto:org@cluster.example" in body


def test_feed_escapes_text(client, pair):
    event, _anna, _ben, (_, ben_token) = pair()
    schedule(event, (0, 0, 0))
    body = feed(client, ben_token).data.decode()
    assert "Lumen\\, Recycling\\; GmbH" in body.replace("\r\n ", "")


def test_both_participants_see_the_same_uid_and_it_survives_a_resolve(client, pair):
    event, _anna, _ben, (token_a, token_b) = pair()
    schedule(event, (0, 0, 0))
    uid = parse_everywhere(feed(client, token_a).data)[0]["uid"]
    assert parse_everywhere(feed(client, token_b).data)[0]["uid"] == uid
    schedule(event, (0, 5, 1))  # re-solved: moved to another slot and table
    moved = parse_everywhere(feed(client, token_a).data)[0]
    assert moved["uid"] == uid and moved["sequence"] == 1
    assert moved["start"].hour == 10 and moved["start"].minute == 40


def test_cancelled_meeting_stays_in_feed_as_cancelled_with_higher_sequence(client, pair):
    event, _anna, _ben, (token, _) = pair()
    schedule(event, (0, 0, 0))
    schedule(event)  # re-solved without it: cancelled
    entry = parse_everywhere(feed(client, token).data)[0]
    assert (entry["status"], entry["sequence"]) == ("CANCELLED", 1)
    page = client.get(f"/p/{token}/agenda", headers={"Accept-Language": "en"})
    assert "You have no meetings in the agenda." in page.get_data(as_text=True)


def test_times_right_across_daylight_saving_change(client, pair):
    # Berlin switches to summer time at 02:00 on 28 March 2027
    event, *_rest, (token, _) = pair(day=date(2027, 3, 28), start=time(1), end=time(4))
    schedule(event, (0, 3, 0))  # 01:00 + 3 x 20 min of real time = 03:00 summer time
    parsed = parse_everywhere(feed(client, token).data)
    assert parsed[0]["start"].replace(tzinfo=None) == datetime(2027, 3, 28, 3, 0)
    assert parsed[1]["strict_start"] == datetime(2027, 3, 28, 1, 0, tzinfo=UTC)


def test_times_right_for_an_event_in_another_time_zone(client, pair):
    event, *_rest, (token, _) = pair(timezone="America/New_York")
    schedule(event, (0, 0, 0))
    body = feed(client, token).data
    assert b"TZID:America/New_York" in body
    parsed = parse_everywhere(body)
    assert parsed[0]["tzid"] == "America/New_York"
    assert parsed[1]["strict_start"] == datetime(2027, 3, 17, 13, 0, tzinfo=UTC)


def test_feed_answers_304_until_something_changes(client, pair):
    event, _anna, _ben, (token, _) = pair()
    schedule(event, (0, 0, 0))
    first = feed(client, token)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = client.get(f"/p/{token}/agenda.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    since = client.get(f"/p/{token}/agenda.ics", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    schedule(event, (0, 1, 0))
    changed = client.get(f"/p/{token}/agenda.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_feed_and_agenda_of_unknown_token_are_404(client, pair):
    pair()
    assert client.get("/p/unknown/agenda.ics").status_code == 404
    assert client.get("/p/unknown/agenda").status_code == 404


def test_agenda_page_lists_meetings_gaps_and_calendar_links(client, pair):
    event, anna, ben, (token, _) = pair()
    instance, mapping = build_instance(event)
    schedule(event, (0, 1, 1))
    html = client.get(f"/p/{token}/agenda", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "9:20\u202fAM" in html or "9:20 AM" in html
    assert ben.name in html and "Tisch 2" in html and "Halle B6" in html
    # the subscription address is the read-only feed, never the personal link
    code = feed_code(db.session.get(type(anna), anna.id))
    assert f"webcal://localhost/calendar/{anna.id}/{code}.ics" in html
    assert f"/p/{token}/agenda.ics" not in html
    assert "Free time" not in html  # a single meeting: nothing to wait for


def test_programme_calendar_lists_sessions(client, pair):
    pair()
    response = client.get("/e/agenda/programme.ics")
    assert response.status_code == 200
    parsed = parse_everywhere(response.data)
    assert parsed[0]["summary"].endswith(": Vormittag")
    assert parsed[1]["strict_start"] == datetime(2027, 3, 17, 8, 0, tzinfo=UTC)


def test_a_cancelled_meeting_that_comes_back_keeps_its_uid(client, pair):
    event, _anna, _ben, (token, _) = pair()
    schedule(event, (0, 0, 0))
    uid = parse_everywhere(feed(client, token).data)[0]["uid"]
    schedule(event)  # cancelled
    schedule(event, (0, 4, 1))  # and scheduled again
    entries = [e for e in parse_everywhere(feed(client, token).data) if "uid" in e]
    assert [(e["uid"], e["status"], e["sequence"]) for e in entries] == [(uid, "CONFIRMED", 2)]
    assert len(db.session.scalars(select(Meeting)).all()) == 1


def test_khal_lists_meetings_at_local_times(client, pair, tmp_path):
    from tests.views.test_calendar_clients import khal_lists

    event, _anna, ben, (token, _) = pair(timezone="America/New_York")
    schedule(event, (0, 4, 0))  # 09:00 + 4 x 20 min = 10:20 New York time
    lines = khal_lists(feed(client, token).data, "2027-03-17", "America/New_York", tmp_path)
    assert lines == [f"10:20-10:40 {ben.name} (Förderbank Nord) [CONFIRMED ]"]


def test_khal_shows_cancelled_meeting_as_cancelled(client, pair, tmp_path):
    from tests.views.test_calendar_clients import khal_lists

    event, _anna, ben, (token, _) = pair()
    schedule(event, (0, 0, 0))
    schedule(event)
    lines = khal_lists(feed(client, token).data, "2027-03-17", "Europe/Berlin", tmp_path)
    assert lines == [f"09:00-09:20 {ben.name} (Förderbank Nord) [CANCELLED ]"]


def test_agenda_and_feed_stay_empty_until_published(client, pair):
    event, _anna, _ben, (token, _) = pair()
    schedule(event, (0, 0, 0))
    event.status = EventStatus.SCHEDULED
    db.session.commit()
    page = client.get(f"/p/{token}/agenda", headers={"Accept-Language": "en"})
    assert "once the organisers have published it" in page.get_data(as_text=True)
    assert [e for e in parse_everywhere(feed(client, token).data) if "uid" in e] == []
