from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import pytest

from matchmaker.services.slots import derive_slots


@dataclass
class S:
    day: date
    start_time: time
    end_time: time
    id: int | None = None


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_derive_slots_meeting_length_and_pause():
    slots = derive_slots([S(date(2026, 6, 10), time(9), time(12), 7)], "Europe/Berlin", 20, 5)
    # 09:00, 09:25, ... 11:30 (ends 11:50); 11:55 would end after 12:00
    assert [s.local_start.strftime("%H:%M") for s in slots] == [
        "09:00",
        "09:25",
        "09:50",
        "10:15",
        "10:40",
        "11:05",
        "11:30",
    ]
    assert slots[-1].local_end.strftime("%H:%M") == "11:50"
    assert [s.index for s in slots] == list(range(7))
    assert {s.session_id for s in slots} == {7}


def test_derive_slots_exact_fit_includes_last_slot():
    slots = derive_slots([S(date(2026, 6, 10), time(9), time(10))], "Europe/Berlin", 20, 0)
    assert len(slots) == 3


def test_derive_slots_converts_local_time_to_utc_summer_and_winter():
    summer = derive_slots([S(date(2026, 6, 10), time(9), time(9, 20))], "Europe/Berlin", 20, 0)
    winter = derive_slots([S(date(2026, 12, 10), time(9), time(9, 20))], "Europe/Berlin", 20, 0)
    assert summer[0].starts_at == utc(2026, 6, 10, 7, 0)
    assert winter[0].starts_at == utc(2026, 12, 10, 8, 0)


def test_derive_slots_other_time_zone():
    slots = derive_slots([S(date(2026, 6, 10), time(9), time(10))], "America/New_York", 30, 0)
    assert [s.starts_at for s in slots] == [utc(2026, 6, 10, 13, 0), utc(2026, 6, 10, 13, 30)]


def test_derive_slots_across_daylight_saving_change_keeps_real_lengths():
    # 29 March 2026: Berlin clocks jump from 02:00 to 03:00, so 01:00-04:00 lasts two hours
    slots = derive_slots([S(date(2026, 3, 29), time(1), time(4))], "Europe/Berlin", 20, 0)
    assert len(slots) == 6
    assert slots[0].starts_at == utc(2026, 3, 29, 0, 0)
    assert slots[-1].ends_at == utc(2026, 3, 29, 2, 0)
    assert all((s.ends_at - s.starts_at).total_seconds() == 1200 for s in slots)


def test_derive_slots_several_sessions_in_time_order_numbered_through():
    sessions = [
        S(date(2026, 6, 11), time(9), time(10), 3),
        S(date(2026, 6, 10), time(14), time(15), 2),
        S(date(2026, 6, 10), time(9), time(10), 1),
    ]
    slots = derive_slots(sessions, "Europe/Berlin", 20, 10)
    assert [(s.index, s.session_index, s.session_id) for s in slots] == [
        (0, 0, 1),
        (1, 0, 1),
        (2, 1, 2),
        (3, 1, 2),
        (4, 2, 3),
        (5, 2, 3),
    ]


def test_derive_slots_session_shorter_than_meeting_has_none():
    assert derive_slots([S(date(2026, 6, 10), time(9), time(9, 15))], "UTC", 20, 0) == []


@pytest.mark.parametrize(("minutes", "pause"), [(0, 5), (-20, 0), (20, -1)])
def test_derive_slots_rejects_bad_lengths(minutes: int, pause: int):
    with pytest.raises(ValueError):
        derive_slots([S(date(2026, 6, 10), time(9), time(12))], "UTC", minutes, pause)


def test_event_slots_from_models(make_event):
    event = make_event(meeting_minutes=20, pause_minutes=5)
    from matchmaker.services.slots import event_slots

    slots = event_slots(event)
    assert len(slots) == 7
    assert slots[0].session_id == event.sessions[0].id


def test_create_event_uses_configured_default_time_zone(app):
    from matchmaker.services.events import create_event

    app.config["DEFAULT_TIMEZONE"] = "Europe/Vienna"
    assert create_event(slug="wien", title="Wien").timezone == "Europe/Vienna"
    assert create_event(slug="ny", title="NY", timezone="America/New_York").timezone == (
        "America/New_York"
    )
