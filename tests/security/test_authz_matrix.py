"""The authorisation matrix: every route of the URL map, called as every role, against the
policy declared for it below.

The app's policy for a refusal:
- anonymous on an organiser page: 302 to the login page (with ``next``);
- a logged-in organiser on another organiser's event: 404, as if the event did not exist;
- a secret link that is unknown, or that does not own the object in the URL: 404;
- never 401 or 403 for a refusal (403 is only the "registration closed" page of a public event).

A refused request must not change the database. Allowed requests may answer anything but a
401, 403, 404 or 500 (an empty POST is a form error: 400 or 422). A route that appears in the
URL map without an entry in POLICY fails the test, so a new route cannot escape the matrix.
CSRF is off here so POSTs reach the access checks; tests/security/test_csrf.py covers CSRF.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from flask import Flask
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from matchmaker import create_app
from tests.security.world import (
    ORGANISERS,
    PASSWORD,
    World,
    app_on,
    fingerprint,
    reset_world,
    slot_start,
)

PUBLIC = "public"  # anyone, logged in or not
TOKEN = "token"  # any valid secret link; each sees only their own data
TOKEN_OWNER = "token-owner"  # the secret link of the participant the object in the URL belongs to
TOKEN_PEER = "token-peer"  # a secret link of the same event as the participant in the URL
ORGANISER = "organiser"  # an organiser of the event in the URL, or an admin
LOGGED_IN = "logged-in"  # any logged-in organiser (their own list, a new event)
FEED = "feed-code"  # a participant's id with the code of their read-only calendar feed

POLICY: dict[str, str] = {
    # public pages
    "public.list_events": PUBLIC,
    "public.show_event": PUBLIC,
    "public.choose_language": PUBLIC,
    "public.health": PUBLIC,
    "agenda.programme": PUBLIC,
    "participant.register": PUBLIC,
    "participant.request_link": PUBLIC,
    "organiser.login": PUBLIC,
    "organiser.logout": PUBLIC,
    # behind a secret link, about its owner only
    "participant.home": TOKEN,
    "participant.edit": TOKEN,
    "participant.download_data": TOKEN,
    "participant.delete_registration": TOKEN,
    "requests.list_requests": TOKEN,
    "catalogue.browse": TOKEN,
    "catalogue.matches": TOKEN,
    "agenda.show": TOKEN,
    "agenda.feed": TOKEN,
    "eventday.here": TOKEN,
    # read-only calendar feed: P1's id with P1's feed code (another's code, no code: 404)
    "agenda.calendar": FEED,
    # behind a secret link, about an object of P1 (a request to P1, P1's meeting or offer)
    "requests.answer": TOKEN_OWNER,
    "eventday.answer_offer": TOKEN_OWNER,
    "eventday.feedback": TOKEN_OWNER,
    # behind a secret link, about another participant of the same event
    "catalogue.show_profile": TOKEN_PEER,
    "requests.send": TOKEN_PEER,
    "requests.no_thanks": TOKEN_PEER,
    # organiser console, any organiser
    "organiser.dashboard": LOGGED_IN,
    "setup.new_event": LOGGED_IN,
    # organiser console, the event's organisers
    **dict.fromkeys(
        [
            "organiser.outbox", "organiser.print_agendas", "organiser.participants",
            "organiser.change_participant", "organiser.runs", "organiser.show_run",
            "organiser.run_progress", "organiser.accept", "organiser.change_phase",
            "organiser.import_participants", "organiser.export",
            "grid.show", "grid.show_meeting", "grid.change_meeting",
            "grid.add", "grid.print_tables", "grid.print_overview",
            "setup.edit", "setup.save_details", "setup.save_session", "setup.delete_session",
            "rounds.show", "rounds.save_sides", "rounds.print_cards",
            "figures.show", "figures.report", "figures.export",
            "taxonomy.add", "taxonomy.update", "taxonomy.move", "taxonomy.delete",
            "taxonomy.save_mix", "taxonomy.delete_mix",
            "venue.save_tables", "venue.assign_tables", "venue.switch_table",
            "venue.create_zone", "venue.save_zone", "venue.delete_zone",
            "venue.create_booth", "venue.delete_booth",
            "profiles.edit",
            "checkin.desk", "checkin.change", "checkin.scan", "checkin.no_shows",
            "checkin.settle", "checkin.standby", "checkin.assign", "checkin.round_two",
        ],
        ORGANISER,
    ),
}  # fmt: skip

NOT_A_TOKEN = "not-a-real-secret-link-token-0000000000000"
TOKEN_ROLES = ("anonymous", "p1", "p2", "p3", "org_a")
ORGANISER_ROLES = ("anonymous", "org_b", "org_b_own_slug", "org_a", "admin")
LOGGED_IN_ROLES = ("anonymous", "org_b", "org_a", "admin")
PUBLIC_ROLES = ("anonymous", "org_b", "admin")


def expected(policy: str, role: str) -> str:
    """Return "allow", "login" (302 to the login page) or "404" for a role under a policy."""
    if policy == PUBLIC:
        return "allow"
    if policy in (TOKEN, TOKEN_OWNER, TOKEN_PEER, FEED):
        allowed = {TOKEN: {"p1", "p2", "p3"}, TOKEN_OWNER: {"p1"}, TOKEN_PEER: {"p1", "p2"}}
        allowed[FEED] = {"p1"}
        return "allow" if role in allowed[policy] else "404"
    if role == "anonymous":
        return "login"
    if policy == LOGGED_IN or role in ("org_a", "admin"):
        return "allow"
    return "404"


def _slug(world: World, endpoint: str, role: str) -> str:
    if role == "org_b_own_slug":
        return world.slug_b  # B's own event, but A's object ids in the rest of the URL
    if endpoint.startswith("rounds."):
        return world.slug_rounds
    if POLICY[endpoint] == PUBLIC:
        return world.slug_b  # registration is open there
    return world.slug_a


def _code(world: World, endpoint: str, token: str | None) -> str:
    if endpoint == "public.choose_language":
        return "de"
    if endpoint == "agenda.calendar":  # the role's own feed code, on P1's feed address
        return world.codes[f"feed_{token}"] if token else NOT_A_TOKEN
    return world.codes["p1"]  # P1's check-in code


def url_value(world: World, endpoint: str, name: str, role: str) -> object:
    """Return the value of URL argument ``name`` for a role: the world's real objects."""
    token = {"p1": "p1", "p2": "p2", "p3": "p3"}.get(role)
    ids = world.ids
    by_name = {
        "slug": lambda: _slug(world, endpoint, role),
        "token": lambda: world.token(token) if token else NOT_A_TOKEN,
        # P1 for the organiser's pages, P1's partner P4 for another participant's profile
        "participant_id": lambda: ids["p4"] if endpoint.startswith(("catalogue.", "requests."))
        else ids["p1"],
        "request_id": lambda: ids["request"],
        "offer_id": lambda: ids["offer"],
        "meeting_id": lambda: ids["meeting"],
        "run_id": lambda: ids["run"],
        "zone_id": lambda: ids["zone"],
        "session_id": lambda: ids["session"],
        "category_id": lambda: ids["category"],
        "location_id": lambda: ids["booth"] if endpoint == "venue.delete_booth" else ids["table"],
        "code": lambda: _code(world, endpoint, token),
        "type_a": lambda: "research_institute",
        "type_b": lambda: "sme",
        "round_": lambda: 1,
    }  # fmt: skip
    if name not in by_name:
        raise AssertionError(f"no value for <{name}> of {endpoint}: add it to _value")
    return by_name[name]()


def urls(world: World, rule: Rule, role: str) -> list[str]:
    """Return the concrete URLs of a rule for a role; ``any()`` parts take every value."""
    names = sorted(rule.arguments)
    choices = [
        list(rule._converters[n].items) if isinstance(rule._converters[n], AnyConverter)
        else [url_value(world, rule.endpoint, n, role)]
        for n in names
    ]  # fmt: skip
    combos = itertools.product(*choices)
    return [rule.build(dict(zip(names, combo, strict=True)))[1] for combo in combos]


def id_arguments(rule: Rule) -> set[str]:
    """Return the arguments of a rule that name a row (or, for a QR scan, a participant)."""
    return {n for n, c in rule._converters.items() if isinstance(c, IntegerConverter)}


def routes(app: Flask) -> list[tuple[Rule, str]]:
    return sorted(
        ((rule, method) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
         for method in sorted(rule.methods - {"HEAD", "OPTIONS"})),
        key=lambda pair: (pair[0].endpoint, pair[0].rule, pair[1]),
    )  # fmt: skip


@pytest.fixture
def matrix_app(database_url: str) -> Iterator[Flask]:
    with app_on(database_url, WTF_CSRF_ENABLED=False) as app:
        yield app


def login(client, role: str) -> None:
    response = client.post(
        "/organiser/login", data={"email": ORGANISERS[role], "password": PASSWORD}
    )
    assert response.status_code == 302, f"{role} cannot log in"


def logged_in(client) -> bool:
    with client.session_transaction() as session:
        return "_user_id" in session


def judge(endpoint: str, method: str, role: str, want: str, response) -> str | None:  # noqa: ANN001
    """Return what is wrong with a response to a role the policy allows or refuses, if anything."""
    status = response.status_code
    if status >= 500:
        return "a server error"
    if want == "allow":
        closed = endpoint == "participant.register" and status == 403  # registration closed
        return "but this role is allowed" if status in (401, 403, 404) and not closed else None
    if want == "login":
        location = urlsplit(response.headers.get("Location", ""))
        if status != 302 or location.path != "/organiser/login":
            return "expected a redirect to the login page"
        return None
    # an organiser of B on B's own address with A's ids: a service that refuses with a
    # message instead of a 404 is fine, as long as nothing changed (checked by the caller)
    if status != 404 and not (role == "org_b_own_slug" and method == "POST"):
        return "expected 404"
    return None


def test_every_route_has_a_policy():
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - {"static"}
    assert sorted(endpoints - POLICY.keys()) == [], "routes without an entry in POLICY"
    assert sorted(POLICY.keys() - endpoints) == [], "POLICY names routes that do not exist"


def test_authorisation_matrix(matrix_app):
    world = reset_world()
    clients = {}
    for role in ("anonymous", "p1", "p2", "p3", "org_a", "org_b", "admin"):
        clients[role] = matrix_app.test_client()
        if role in ORGANISERS:
            login(clients[role], role)
    clients["org_b_own_slug"] = clients["org_b"]

    failures: list[str] = []
    checked = 0
    state = fingerprint()
    for rule, method in routes(matrix_app):
        policy = POLICY[rule.endpoint]
        roles = {PUBLIC: PUBLIC_ROLES, LOGGED_IN: LOGGED_IN_ROLES,
                 ORGANISER: ORGANISER_ROLES}.get(policy, TOKEN_ROLES)  # fmt: skip
        if not id_arguments(rule):  # nothing of A's to name on B's address
            roles = tuple(r for r in roles if r != "org_b_own_slug")
        # refusals first, on the untouched world; each allowed call may change it
        roles = sorted(roles, key=lambda r: expected(policy, r) == "allow")
        for role in roles:
            client = clients[role]
            want = expected(policy, role)
            for url in urls(world, rule, role):
                before = state
                response = client.open(url, method=method, data={})
                status = response.status_code
                checked += 1
                label = f"{method} {url} as {role} ({policy}): {status}"
                problem = judge(rule.endpoint, method, role, want, response)
                if problem:
                    failures.append(f"{label}, {problem}")
                state = fingerprint()
                if state != before:
                    if want != "allow":
                        failures.append(f"{label}, and the database changed")
                    world = reset_world()  # the next role meets the world as seeded
                    state = fingerprint()
                if role in ORGANISERS and not logged_in(client):
                    login(client, role)  # the logout route, called as an allowed role
    assert failures == [], "\n".join(failures)
    assert checked > 300  # every route, every role: a shrinking count means routes went missing


def test_ids_of_another_event_in_form_fields_change_nothing(matrix_app):
    """An organiser of B, on B's own pages, naming A's participants, areas, zones and sessions
    in the form fields: refused (a form error or a message), never applied."""
    world = reset_world()
    ids = world.ids
    client = matrix_app.test_client()
    login(client, "org_b")
    b = f"/organiser/events/{world.slug_b}"
    slot = slot_start(1).isoformat()
    profile = {
        "first_name": "P3", "last_name": "Muster", "email": "p3@example.org",
        "organisation": "P3 GmbH", "actor_type": "sme", "country": "DE", "languages": "de",
        "sessions": str(ids["session"]), "save": "Save",
    }  # fmt: skip
    posts = [
        (f"{b}/meetings", {"a": ids["p3"], "b": ids["p1"], "slot": slot, "table": ids["b_table"]}),
        (f"{b}/meetings", {"a": ids["p1"], "b": ids["p4"], "slot": slot, "table": ids["b_table"]}),
        (f"{b}/meetings", {"a": ids["p3"], "b": ids["p1"], "slot": slot, "table": ids["table"]}),
        (f"{b}/booths", {"booth-owner": ids["p1"], "booth-number": 20}),
        (f"{b}/booths", {"booth-owner": ids["p3"], "booth-zone": ids["zone"]}),
        (f"{b}/tables/zone", {"assign-first": 1, "assign-last": 3, "assign-zone": ids["zone"]}),
        (f"{b}/categories/{ids['b_category']}/delete",
         {f"d{ids['b_category']}-move_to": ids["category"]}),
        (f"{b}/participants/{ids['p3']}/edit", profile),
    ]  # fmt: skip
    before = fingerprint()
    for url, data in posts:
        response = client.post(url, data=data)
        assert response.status_code in (302, 400, 422), (url, data, response.status_code)
        assert fingerprint() == before, (url, data)


def test_pages_show_only_their_own_event(matrix_app):
    """Allowed pages that list people or events show those of the viewer's event only."""
    world = reset_world()
    org_b = matrix_app.test_client()
    login(org_b, "org_b")
    p1, p3 = world.token("p1"), world.token("p3")
    visitor = matrix_app.test_client()
    pages = [
        (org_b, "/organiser/", [world.slug_a, world.slug_rounds]),
        (org_b, f"/organiser/events/{world.slug_b}/participants", ["P1 GmbH", "P4 GmbH"]),
        (org_b, f"/organiser/events/{world.slug_b}/checkin?q=GmbH", ["P1 GmbH", "P4 GmbH"]),
        (org_b, f"/organiser/events/{world.slug_b}/export/participants.csv", ["p1@example.org"]),
        (visitor, f"/p/{p3}/catalogue", ["P1 GmbH", "P2 GmbH", "P4 GmbH"]),
        (visitor, f"/p/{p3}/catalogue?q=GmbH", ["P1 GmbH", "P2 GmbH", "P4 GmbH"]),
        (visitor, f"/p/{p3}/matches", ["P1 GmbH", "P2 GmbH", "P4 GmbH"]),
        (visitor, f"/p/{p3}/requests", ["P1 GmbH", "P4 GmbH"]),
        (visitor, f"/p/{p3}/agenda", ["P1 GmbH", "P4 GmbH"]),
        (visitor, f"/p/{p1}/catalogue?q=GmbH", ["P3 GmbH"]),
        (visitor, f"/p/{p1}/matches", ["P3 GmbH"]),
    ]
    for client, path, absent in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert [name for name in absent if name in response.text] == [], path
    # the control: the same pages do show the event's own people
    assert "P3 GmbH" in org_b.get(f"/organiser/events/{world.slug_b}/participants").text
    assert "P4 GmbH" in visitor.get(f"/p/{p1}/catalogue?q=GmbH").text
