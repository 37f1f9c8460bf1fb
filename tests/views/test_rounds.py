"""The rounds format in the browser: organiser board, sides, table cards, participant agenda."""

from datetime import date, time

import pytest
from icalendar import Calendar
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Item, Location, Meeting
from matchmaker.models.enums import ActorType, EventFormat, EventStatus, ItemKind, MeetingStatus
from matchmaker.services.organisers import create_organiser
from matchmaker.services.rounds import solve_event_rounds
from matchmaker.services.scheduling import apply_proposal
from matchmaker.services.tokens import new_token
from tests.views.helpers import PASSWORD, csrf, login, wait_for_run

SESSION = [("Speed-Dating", date(2027, 3, 17), time(9), time(10, 40))]  # four rounds
TOPICS = ["Wasserstoffspeicher", "Batterierecycling", "Leichtbau", "Sensorik", "Robotik"]
EN = {"Accept-Language": "en"}


@pytest.fixture
def rounds(app, client, make_event, make_participant):
    event = make_event(
        slug="sd", event_format=EventFormat.ROUNDS, sessions=SESSION, pause_minutes=5,
        status=EventStatus.PUBLISHED,
    )  # fmt: skip
    event.locations = [Location(number=n, name=f"Tisch {n}") for n in range(1, 4)]
    tokens = []
    people = []
    for n in range(5):  # odd: one sits out each round
        token, digest = new_token()
        person = make_participant(
            event, last_name=f"Name{n}", token_hash=digest,
            actor_type=ActorType.STARTUP if n < 2 else ActorType.FUNDER,
        )  # fmt: skip
        person.items = [
            Item(kind=ItemKind.OFFER, title=TOPICS[n], category=event.categories[0]),
            Item(kind=ItemKind.NEED, title=TOPICS[(n + 1) % 5], category=event.categories[0]),
        ]
        tokens.append(token)
        people.append(person)
    organiser = create_organiser(email="org@rounds.example", name="Org", password=PASSWORD)
    event.organisers.append(organiser)
    db.session.flush()
    outcome = solve_event_rounds(event, from_round=1, time_limit=5)
    apply_proposal(event, outcome.rows)
    db.session.commit()
    return event, people, tokens


def test_board_shows_rounds_tables_and_who_sits_out(client, rounds):
    _event, people, _tokens = rounds
    login(client, "org@rounds.example")
    html = client.get("/organiser/events/sd/rounds", headers=EN).get_data(as_text=True)
    for n in range(1, 5):
        assert f"Round {n}" in html
    assert html.count('<td class="cell origin-recommendation') == 8  # 2 pairs x 4 rounds
    assert "Sitting out" in html and 'name="from_round"' in html
    sat = sum(html.count(p.name) for p in people)
    assert sat == 4  # each round names the one person without a partner


def test_board_and_cards_refused_to_others_and_missing_for_b2b(app, client, rounds, make_event):
    assert client.get("/organiser/events/sd/rounds").status_code == 302  # to the login
    create_organiser(email="other@rounds.example", name="Other", password=PASSWORD)
    b2b = make_event(slug="b2b-event")
    b2b.organisers.append(create_organiser(email="b@x.example", name="B", password=PASSWORD))
    db.session.commit()
    login(client, "other@rounds.example")
    assert client.get("/organiser/events/sd/rounds").status_code == 404
    assert client.get("/organiser/events/sd/rounds/print").status_code == 404
    other = app.test_client()
    login(other, "b@x.example")
    assert other.get("/organiser/events/b2b-event/rounds").status_code == 404


def test_sides_are_saved_and_bad_choices_explained(client, rounds):
    event, _people, _tokens = rounds
    login(client, "org@rounds.example")
    token = csrf(client, "/organiser/events/sd/rounds")
    everything = [t.value for t in ActorType]
    response = client.post(
        "/organiser/events/sd/rounds/sides",
        data={"csrf_token": token, "side_a": everything}, headers=EN,
    )  # fmt: skip
    assert response.status_code == 400
    assert "side B would be empty" in response.get_data(as_text=True)
    db.session.expire_all()
    assert "rounds_side_a" not in (event.matching or {})
    response = client.post(
        "/organiser/events/sd/rounds/sides",
        data={"csrf_token": token, "side_a": ["startup"]}, headers=EN,
    )  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    assert event.matching["rounds_side_a"] == ["startup"]
    no_csrf = client.post("/organiser/events/sd/rounds/sides", data={"side_a": []})
    assert no_csrf.status_code == 400


def test_table_cards_one_page_per_round(client, rounds):
    login(client, "org@rounds.example")
    html = client.get("/organiser/events/sd/rounds/print", headers=EN).get_data(as_text=True)
    assert html.count('class="print-page"') == 4
    assert html.count('class="table-card"') == 8
    assert html.count("Sitting out this round:") == 4


def test_regenerate_from_a_round_through_the_runs_page(app, client, rounds):
    app.config["REDIS_URL"] = None
    login(client, "org@rounds.example")
    token = csrf(client, "/organiser/events/sd/runs")
    data = {"csrf_token": token, "time_limit": 5, "from_round": 9}
    bad = client.post("/organiser/events/sd/runs", data=data, headers=EN)
    assert "choose a round between 1 and 4" in bad.get_data(as_text=True)
    early = {m.id: (m.uid, m.location_id, m.revision) for m in planned() if m.round_number <= 2}
    started = client.post("/organiser/events/sd/runs",
                          data={"csrf_token": token, "time_limit": 5, "from_round": 3})  # fmt: skip
    assert started.status_code == 302
    run_url = started.headers["Location"]
    assert wait_for_run(client, run_url + ".json")["status"] == "succeeded"
    page = client.get(run_url, headers=EN).get_data(as_text=True)
    assert "Rounds generated" in page and "3–4" in page and "A simple rotation" in page
    accepted = client.post(run_url + "/accept", data={"csrf_token": csrf(client, run_url)})
    assert accepted.status_code == 302
    db.session.expire_all()
    after = {m.id: (m.uid, m.location_id, m.revision) for m in planned() if m.round_number <= 2}
    assert after == early
    assert sum(1 for m in planned() if m.round_number >= 3) == 4


def planned() -> list[Meeting]:
    return list(db.session.scalars(select(Meeting).where(Meeting.status == MeetingStatus.PLANNED)))


def test_participant_agenda_shows_rounds_and_sit_out(client, rounds):
    _event, people, tokens = rounds
    seen_sit_out = 0
    for person, token in zip(people, tokens, strict=True):
        html = client.get(f"/p/{token}/agenda", headers=EN).get_data(as_text=True)
        for n in range(1, 5):
            assert f"Round {n}" in html
        seen_sit_out += html.count("you sit this round out")
        mine = db.session.scalars(
            select(Meeting).where(
                Meeting.status == MeetingStatus.PLANNED,
                (Meeting.participant_a_id == person.id) | (Meeting.participant_b_id == person.id),
            )
        ).all()
        ics = Calendar.from_ical(client.get(f"/p/{token}/agenda.ics", headers=EN).data)
        summaries = sorted(str(e["summary"]) for e in ics.walk("VEVENT"))
        assert len(summaries) == len(mine) >= 3
        assert all(s.startswith("Round ") for s in summaries)
    assert seen_sit_out == 4


def test_rounds_agenda_in_german(client, rounds):
    _event, _people, tokens = rounds
    html = client.get(f"/p/{tokens[0]}/agenda", headers={"Accept-Language": "de"})
    assert "Runde 1" in html.get_data(as_text=True)


def test_rounds_pages_before_any_round_is_generated(app, client, make_event, make_participant):
    event = make_event(slug="leer", event_format=EventFormat.ROUNDS, sessions=SESSION,
                       status=EventStatus.PUBLISHED)  # fmt: skip
    event.locations = [Location(number=1, name="Tisch 1")]
    token, digest = new_token()
    make_participant(event, token_hash=digest)
    event.organisers.append(create_organiser(email="e@rounds.example", name="E", password=PASSWORD))
    db.session.commit()
    login(client, "e@rounds.example")
    board = client.get("/organiser/events/leer/rounds", headers=EN).get_data(as_text=True)
    assert "Round 4" in board and 'class="cell' not in board
    cards = client.get("/organiser/events/leer/rounds/print", headers=EN).get_data(as_text=True)
    assert "No rounds yet: generate them first." in cards
    agenda = client.get(f"/p/{token}/agenda", headers=EN).get_data(as_text=True)
    assert "You have no meetings in the agenda." in agenda and "sit this round out" not in agenda
