from collections import Counter

from sqlalchemy import func, select

from matchmaker.demo.population import generate_population
from matchmaker.extensions import db
from matchmaker.models import Event, Item, Location, MeetingRequest, Organiser, Participant
from matchmaker.models.enums import ActorType, EventStatus, ItemKind
from matchmaker.services.demo import DEMO_ORGANISER, DEMO_PASSWORD, seed_demo


def snapshot() -> dict:
    people = db.session.scalars(select(Participant).order_by(Participant.email)).all()
    return {
        "emails": [p.email for p in people],
        "items": db.session.execute(
            select(Item.kind, Item.title).order_by(Item.participant_id, Item.position)
        ).all(),
        "requests": db.session.scalar(select(func.count()).select_from(MeetingRequest)),
    }


def test_seed_demo_counts_are_deterministic(app):
    population = generate_population(150, 2026)
    cancelled = {p.index for p in population.participants if p.status == "cancelled"}
    expected_requests = sum(
        1 for r in population.requests if not {r.sender, r.receiver} & cancelled
    )
    result = seed_demo(participants=150, seed=2026)
    db.session.commit()
    assert result.participants == 150
    assert result.countries == len({p.country for p in population.participants})
    assert result.requests == expected_requests > 300
    assert result.booths == sum(p.booth for p in population.participants)
    assert (result.tables, result.slots) == (40, 16)
    assert db.session.scalar(select(func.count()).select_from(MeetingRequest)) == result.requests
    event = db.session.scalar(select(Event).where(Event.slug == "demo"))
    assert event.status == EventStatus.REQUESTS
    assert [s.name for s in event.sessions] == ["Vormittag", "Nachmittag"]
    assert len(event.categories) == 12
    types = Counter(p.actor_type for p in event.participants)
    assert set(types) == set(ActorType)
    kinds = Counter(k for k, _ in snapshot()["items"])
    assert kinds[ItemKind.OFFER] > 150 and kinds[ItemKind.NEED] > 150
    booths = db.session.scalars(select(Location).where(Location.owner_id.is_not(None))).all()
    assert len(booths) == 5 and all(b.owner.booth is b for b in booths)


def test_seed_demo_same_seed_same_data_other_seed_differs(app):
    seed_demo(slug="demo", participants=60, seed=7)
    first = snapshot()
    db.session.rollback()
    seed_demo(slug="demo", participants=60, seed=7)
    assert snapshot() == first
    db.session.rollback()
    seed_demo(slug="demo", participants=60, seed=8)
    assert snapshot()["emails"] != first["emails"]


def test_seed_demo_scales_with_participants(app):
    result = seed_demo(participants=400, seed=2026)
    assert result.participants == 400
    assert result.tables == 107
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 400


def test_cli_seed_demo_prints_login_and_is_idempotent_with_if_empty(runner):
    first = runner.invoke(args=["seed-demo", "--participants", "40"])
    assert first.exit_code == 0, first.output
    assert f"Organiser login: {DEMO_ORGANISER} / {DEMO_PASSWORD}" in first.output
    assert "40 participants" in first.output
    again = runner.invoke(args=["seed-demo", "--if-empty"])
    assert again.exit_code == 0 and "exists already; nothing to do" in again.output
    assert f"Organiser login: {DEMO_ORGANISER} / {DEMO_PASSWORD}" in again.output
    assert db.session.scalar(select(func.count()).select_from(Event)) == 1
    organiser = db.session.scalar(select(Organiser).where(Organiser.email == DEMO_ORGANISER))
    assert organiser.check_password(DEMO_PASSWORD)


def test_cli_seed_demo_existing_slug_is_a_clear_error(runner):
    assert runner.invoke(args=["seed-demo", "--participants", "10"]).exit_code == 0
    result = runner.invoke(args=["seed-demo", "--participants", "10"])
    assert result.exit_code == 1
    assert "an event with the slug 'demo' exists already" in result.output


def test_cli_create_organiser(runner):
    result = runner.invoke(
        args=["create-organiser", "Eva@Cluster.example", "--name", "Eva", "--password", "x" * 12]
    )
    assert result.exit_code == 0, result.output
    organiser = db.session.scalar(select(Organiser))
    assert organiser.email == "eva@cluster.example" and organiser.check_password("x" * 12)
    assert organiser.password_hash != "x" * 12


def test_cli_create_organiser_refuses_duplicates_and_short_passwords(runner):
    args = ["create-organiser", "eva@cluster.example", "--password"]
    assert runner.invoke(args=[*args, "x" * 12]).exit_code == 0
    duplicate = runner.invoke(args=[*args, "y" * 12])
    assert duplicate.exit_code == 1 and "exists already" in duplicate.output
    short = runner.invoke(args=["create-organiser", "new@cluster.example", "--password", "short"])
    assert short.exit_code == 1 and "at least 10 characters" in short.output


def test_cli_seeds_a_rounds_demo_beside_the_b2b_demo_that_generates_valid_rounds(runner):
    from matchmaker.models.enums import EventFormat
    from matchmaker.services.rounds import build_rounds_instance, solve_event_rounds
    from solver.rounds import validate_rounds

    assert runner.invoke(args=["seed-demo", "--participants", "20"]).exit_code == 0
    result = runner.invoke(
        args=["seed-demo", "--rounds", "--slug", "speed-dating", "--participants", "21"]
    )
    assert result.exit_code == 0, result.output
    assert "21 participants" in result.output and "7 slots" in result.output
    event = db.session.scalar(select(Event).where(Event.slug == "speed-dating"))
    assert event.format == EventFormat.ROUNDS and len(event.organisers) == 1
    instance, _ = build_rounds_instance(event)
    outcome = solve_event_rounds(event, from_round=1, time_limit=5)
    assert outcome.errors == [] and outcome.statistics["rounds"] == 7
    present = len(instance.people)
    assert outcome.statistics["placed"] == 7 * (present // 2)  # one sits out a round, in turn
    assert outcome.statistics["sit_outs_max"] == present % 2
    assert validate_rounds(instance, _solution_of(instance, outcome)).errors == []


def _solution_of(instance, outcome):
    """Rebuild the solver's answer from the proposed meetings, to check it independently."""
    from solver.rounds import RoundsSolution

    by_round: dict[int, list[tuple[int, int]]] = {}
    for row in outcome.rows:
        by_round.setdefault(row.round_number, []).append(tuple(sorted((row.a, row.b))))
    rounds = tuple(tuple(by_round.get(r + 1, ())) for r in range(instance.rounds))
    seated = [{p for t in r for p in t} for r in rounds]
    absent = instance.absent
    sit_outs = tuple(
        tuple(p for p in instance.people if p not in seated[r] and r not in absent.get(p, ()))
        for r in range(instance.rounds)
    )
    return RoundsSolution(rounds, sit_outs, outcome.total, outcome.bound, "feasible", 0.0)


def test_cli_schedules_rounds_and_regenerates_from_a_later_round(runner):
    from matchmaker.models import Meeting

    args = ["seed-demo", "--rounds", "--slug", "speed-dating", "--participants", "15"]
    assert runner.invoke(args=args).exit_code == 0
    first = runner.invoke(args=["schedule", "speed-dating", "--time-limit", "3"])
    assert first.exit_code == 0, first.output
    assert "rounds 1-7" in first.output and "a simple rotation" in first.output
    early = {
        m.uid: (m.round_number, m.location_id, m.revision)
        for m in db.session.scalars(select(Meeting).where(Meeting.round_number <= 4))
    }
    again = runner.invoke(
        args=["schedule", "speed-dating", "--time-limit", "3", "--from-round", "5"]
    )
    assert again.exit_code == 0, again.output
    assert "rounds 5-7" in again.output
    db.session.expire_all()
    kept = {
        m.uid: (m.round_number, m.location_id, m.revision)
        for m in db.session.scalars(select(Meeting).where(Meeting.round_number <= 4))
    }
    assert kept == early and early
    wrong = runner.invoke(args=["schedule", "speed-dating", "--from-round", "9"])
    assert wrong.exit_code == 1 and "choose a round between 1 and 7" in wrong.output


def test_demo_registrations_spread_over_weeks_for_the_figures(app):
    seed_demo(participants=60, seed=3)
    days = {p.created_at.date() for p in db.session.scalars(select(Participant))}
    assert len(days) > 20
    assert all(p.created_at == p.gdpr_consent_at for p in db.session.scalars(select(Participant)))
