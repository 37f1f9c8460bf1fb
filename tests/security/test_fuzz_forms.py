"""Fuzz every WTForms form of matchmaker.forms through the routes that use it.

The forms are found by introspection, their fields too (nested rows of a FieldList included),
so a new form or field is fuzzed without touching this file; a form without a route in
TARGETS fails ``test_every_form_has_a_route``. Hypothesis sends text with unicode, control
characters and NULs, very long strings, numbers out of range, values of the wrong type,
missing fields, repeated fields and stray extra fields, as the role the route allows, with
CSRF off. No answer may be a server error, and no exception may escape (exceptions propagate
in testing mode, so one fails the example).

On PostgreSQL (TEST_DATABASE_URL) the forms that store text run as well: a NUL cannot be
stored there, so it must be refused as a form error.
"""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import AnyConverter
from wtforms import (
    BooleanField,
    DateField,
    DateTimeField,
    FieldList,
    FileField,
    FloatField,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TimeField,
)
from wtforms import Form as WTForm
from wtforms.fields.core import UnboundField

import matchmaker.forms
from matchmaker.forms.base import AppForm, PlainForm
from matchmaker.labels import ACTOR_TYPES, EVENT_STATUSES
from tests.conftest import BACKENDS, empty_database
from tests.security.test_authz_matrix import logged_in, login, url_value
from tests.security.world import PASSWORD, World, app_on, fingerprint, reset_world, slot_start

EXAMPLES = 30


@dataclass(frozen=True)
class Target:
    """A route that takes a form: who may send it, the form's prefix, fixed URL parts, and a
    valid submission (names without the prefix; "{id}" names the world's ids) to mutate."""

    endpoint: str
    role: str  # "anonymous", "p1" (P1's secret link) or "org_a" (organiser of event A)
    valid: dict[str, object] = field(default_factory=dict)
    prefix: str = ""  # may name the world's ids: "c{category}"
    args: dict[str, object] = field(default_factory=dict)
    method: str = "POST"


CSV = (
    "first_name,last_name,email,organisation,actor_type,country,languages\n"
    "Eva,Roth,eva@example.org,Eva AG,sme,DE,de\n"
)
PROFILE = {
    "first_name": "Anna", "last_name": "Muster", "email": "p1@example.org",
    "organisation": "Lumen GmbH", "actor_type": "sme", "country": "DE", "city": "Kiel",
    "website": "https://example.org", "languages": ["de", "en"], "profile_text": "Wir bauen",
    "sessions": "{session}", "max_meetings": "8", "offers-0-category": "energy",
    "offers-0-title": "Wasserstoff", "offers-0-description": "Speicher",
    "needs-0-category": "energy", "needs-0-title": "Pilotkunden", "save": "Save",
}  # fmt: skip
TARGETS: dict[str, list[Target]] = {
    "LoginForm": [Target("organiser.login", "anonymous",
                         {"email": "org-a@cluster.example", "password": PASSWORD})],
    "LogoutForm": [Target("organiser.logout", "org_a")],
    "RunForm": [Target("organiser.runs", "org_a", {"time_limit": "30", "from_round": "1"})],
    "PhaseForm": [Target("organiser.change_phase", "org_a", {"status": "scheduled"},
                         prefix="e{event_a}")],
    "ImportForm": [Target("organiser.import_participants", "org_a",
                          {"file": lambda: (io.BytesIO(CSV.encode()), "people.csv")})],
    "MeetingForm": [
        Target("grid.add", "org_a", {"a": "{p2}", "b": "{p4}", "slot": slot_start(4).isoformat(),
                                     "table": "{table}"}),
        Target("grid.change_meeting", "org_a",
               {"slot": slot_start(2).isoformat(), "table": "{table}"}, args={"verb": "move"}),
    ],
    "ProfileForm": [Target("participant.edit", "p1", PROFILE),
                    Target("profiles.edit", "org_a", PROFILE)],
    "RegistrationForm": [Target("participant.register", "anonymous",
                                {**PROFILE, "email": "neu@example.org", "sessions": "{b_session}",
                                 "consent": "y"})],
    "LinkRequestForm": [Target("participant.request_link", "anonymous",
                               {"email": "p3@example.org"})],
    "DeleteForm": [Target("participant.delete_registration", "p1", {"confirm": "y"})],
    "CatalogueForm": [Target("catalogue.browse", "p1", {"q": "Wasserstoff", "actor_type": "sme",
                                                        "page": "1"}, method="GET")],
    "RequestForm": [Target("requests.send", "p1", {"priority": "must", "message": "Hallo"})],
    "ActionForm": [
        Target("requests.answer", "p1", args={"answer": "decline"}),
        Target("checkin.change", "org_a", args={"verb": "checkin"}),
    ],
    "FeedbackForm": [Target("eventday.feedback", "p1",
                            {"rating": "4", "follow_up": "yes", "comment": "Gut"},
                            args={"meeting_id": "past_meeting"})],
    "CooperationForm": [Target("eventday.feedback", "p1", {"cooperation": "yes"},
                               args={"meeting_id": "past_meeting", "round_": 2})],
    "NoShowForm": [Target("checkin.no_shows", "org_a", {"minutes": "10"})],
    "SettleForm": [Target("checkin.settle", "org_a", {"assume_present": "y"})],
    "SidesForm": [Target("rounds.save_sides", "org_a", {"side_a": ["startup"]})],
    "NewEventForm": [Target("setup.new_event", "org_a", {"title": "Neu", "slug": "neu",
                                                         "timezone": "Europe/Berlin",
                                                         "format": "b2b"})],
    "DetailsForm": [Target("setup.save_details", "org_a",
                           {"title": "Börse", "timezone": "Europe/Berlin", "meeting_minutes": "20",
                            "pause_minutes": "5", "registration_deadline": "2027-03-01T12:00",
                            "cross_border_bonus": "5"})],
    "SessionForm": [Target("setup.save_session", "org_a", {"name": "Nachmittag",
                                                           "day": "2027-03-17",
                                                           "start_time": "13:00",
                                                           "end_time": "15:00"})],
    "TablesForm": [Target("venue.save_tables", "org_a",
                          {"prefix": "Tisch", "first": "20", "last": "25", "zone": "Halle 2"})],
    "CategoryForm": [
        Target("taxonomy.add", "org_a", {"key": "neu", "name_en": "New", "name_de": "Neu"},
               prefix="new-category"),
        Target("taxonomy.update", "org_a",
               {"key": "energie", "name_en": "Energy", "name_de": "Energie"},
               prefix="c{category}"),
    ],
    "CategoryDeleteForm": [Target("taxonomy.delete", "org_a", {"move_to": "{category2}"},
                                  prefix="d{category}")],
    "ActorMixForm": [Target("taxonomy.save_mix", "org_a",
                            {"type_a": "sme", "type_b": "ngo", "points": "5"}, prefix="mix")],
    "ZoneForm": [
        Target("venue.create_zone", "org_a", {"name": "Halle 2"}, prefix="new-zone"),
        Target("venue.save_zone", "org_a", {"name": "Halle 3"}, prefix="z{zone}"),
    ],
    "AssignZoneForm": [Target("venue.assign_tables", "org_a",
                              {"first": "1", "last": "3", "zone": "{zone}"}, prefix="assign")],
    "BoothForm": [Target("venue.create_booth", "org_a",
                         {"owner": "{p1}", "number": "20", "name": "Stand", "zone": ""},
                         prefix="booth")],
}  # fmt: skip
# inputs that once caused a server error, posted before the random ones
REGRESSIONS: dict[str, list[dict[str, object]]] = {
    # a time zone name too long for a file name: OSError in ZoneInfo
    "DetailsForm": [
        {"timezone": "x" * 300},
        # a missing optional text field became NULL in a NOT NULL column
        {"title": "T", "timezone": "UTC", "meeting_minutes": "20", "pause_minutes": "5"},
    ],
    "NewEventForm": [{"timezone": "x" * 300, "title": "T", "slug": "t"}],
    # a blank filter passed Optional() unchecked and reached the enum column
    "CatalogueForm": [{"actor_type": " "}, {"country": " ", "language": "\t"}, {"q": "\x00"}],
    # NUL bytes: PostgreSQL refuses them in text, so they must stop at the form
    "ZoneForm": [{"name": "\x00"}, {"name": "Halle\x001"}],
    "LoginForm": [{"email": "org-a@cluster.example\x00", "password": "x"}],
    "LinkRequestForm": [{"email": "p3@example.org\x00"}],
    "ProfileForm": [{**PROFILE, "offers-0-title": "Wasser\x00stoff", "sessions": "1"}],
}
# forms fuzzed as part of another form, with the reason
COVERED_BY_OTHERS = {"ItemForm": "the offer and need rows of ProfileForm and RegistrationForm"}
# forms that store text, also fuzzed on PostgreSQL (NUL bytes, very long strings)
ON_POSTGRES = {
    "LoginForm", "ProfileForm", "RegistrationForm", "LinkRequestForm", "RequestForm",
    "FeedbackForm", "NewEventForm", "DetailsForm", "SessionForm", "TablesForm",
    "CategoryForm", "ZoneForm", "BoothForm", "CatalogueForm",
}  # fmt: skip


def form_classes() -> dict[str, type[WTForm]]:
    """Return every form class defined in the modules of matchmaker.forms, by name."""
    found = {}
    for info in pkgutil.iter_modules(matchmaker.forms.__path__):
        if info.name == "base":  # the base classes, not forms of their own
            continue
        module = importlib.import_module(f"matchmaker.forms.{info.name}")
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, WTForm)
                and obj.__module__ == module.__name__
            ):
                found[name] = obj
    return found


def unbound_fields(form_class: type[WTForm]) -> list[tuple[str, UnboundField]]:
    return [
        (name, value)
        for name in dir(form_class)
        if not name.startswith("_") and isinstance(value := getattr(form_class, name), UnboundField)
    ]


# --- values --------------------------------------------------------------------------------

TRICKY = [
    "", " ", "\x00", "a\x00b", "\x00" * 3, "\r\n", "\t", "\x1b[31m", "\x7f", "\ufeff",
    "\u202eevil", "\u0000\u0001\u0002", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "😀" * 50, "Zoë Çağlar-Øster",
    "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "%s%n",
    "NaN", "Infinity", "-1", "0", "1e309", "9" * 40, "٣", "1_000", "0x10", "None", "null",
]  # fmt: skip
JUNK = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=40),
    st.text(st.characters(max_codepoint=0x20), max_size=10),  # control characters, NUL
    st.builds(lambda ch, n: ch * n, st.sampled_from("x\x00é€😀"), st.integers(300, 60_000)),
)
NUMBERS = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.floats().map(str),
    st.sampled_from(["", "1", "5", "30", "240", "241", "9999", "10000", "2147483648", " 7 "]),
)
DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2027-03-17", "0001-01-01", "9999-12-31", "2027-02-30", "17.03.2027"]),
)
TIMES = st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), st.sampled_from(["24:00"]))
DATETIMES = st.one_of(
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
    st.sampled_from(["0001-01-01T00:00", "9999-12-31T23:59", "2027-03-17T09:00"]),
)
FILES = st.builds(
    lambda body, name: (io.BytesIO(body), name),
    st.one_of(st.binary(max_size=2000), st.text(max_size=300).map(str.encode)),
    st.sampled_from(["p.csv", "p.xlsx", "p.txt", "", "x" * 300 + ".csv", "../p.csv", "p.CSV"]),
)
OMIT = object()


def plausible(world: World) -> list[str]:
    """Values the app would accept somewhere: the world's ids, slots, keys and codes."""
    return [
        *map(str, world.ids.values()), slot_start(1).isoformat(), slot_start(0).isoformat(),
        *(k.value for k in ACTOR_TYPES), *(s.value for s in EVENT_STATUSES),
        "must", "would_like", "yes", "no", "1", "2", "3", "4", "b2b", "rounds", "DE", "FR", "de",
        "en", "energy", "Europe/Berlin", "Tisch", "anna@example.org", "https://example.org",
    ]  # fmt: skip


def _choices(unbound: UnboundField) -> list[str]:
    choices = unbound.kwargs.get("choices") or []
    return [str(c[0] if isinstance(c, tuple) else c) for c in choices]


def value_strategy(unbound: UnboundField, world: World) -> st.SearchStrategy:
    """Return a strategy of raw form values for one field, by its type."""
    kind = unbound.field_class
    known = st.sampled_from([*_choices(unbound), *plausible(world)])
    if issubclass(kind, SubmitField):
        return st.one_of(st.sampled_from(["", "Save", "y"]), JUNK)
    if issubclass(kind, BooleanField):
        return st.one_of(st.sampled_from(["y", "yes", "on", "", "false", "0"]), JUNK)
    if issubclass(kind, SelectMultipleField):
        return st.lists(st.one_of(known, JUNK), max_size=12)
    if issubclass(kind, SelectField | RadioField):
        return st.one_of(known, JUNK)
    if issubclass(kind, IntegerField | FloatField):
        return st.one_of(NUMBERS, known, JUNK)
    if issubclass(kind, DateField):  # DateField and TimeField are DateTimeFields too
        return st.one_of(DATES, JUNK)
    if issubclass(kind, TimeField):
        return st.one_of(TIMES, JUNK)
    if issubclass(kind, DateTimeField):
        return st.one_of(DATETIMES, JUNK)
    if issubclass(kind, FileField):
        return st.one_of(FILES, JUNK)
    if issubclass(kind, StringField):
        return st.one_of(known, JUNK)
    raise AssertionError(f"no strategy for {kind.__name__}: add one to value_strategy")


def prefixed(prefix: str, name: str) -> str:
    """Return a field's name in the request, as WTForms prefixes it."""
    if prefix and prefix[-1] not in "-_;:/.":
        prefix += "-"
    return prefix + name


@st.composite
def form_data(draw, form_class: type[WTForm], prefix: str, world: World) -> dict:  # noqa: ANN001
    """Draw the POST data of a form: every field present, missing or repeated, plus extras."""
    data: dict[str, object] = {}
    for name, unbound in unbound_fields(form_class):
        key = prefixed(prefix, name)
        if unbound.field_class is FieldList:
            inner = unbound.args[0]
            rows = draw(st.lists(st.sampled_from([0, 1, 2, 9, 10, 11, 10**12]), max_size=4))
            for row in set(rows):
                if inner.field_class is FormField:
                    data.update(draw(form_data(inner.args[0], f"{key}-{row}", world)))
                else:
                    data[f"{key}-{row}"] = draw(value_strategy(inner, world))
            continue
        single = value_strategy(unbound, world)
        repeated = st.lists(single, min_size=2, max_size=3)
        if issubclass(unbound.field_class, SelectMultipleField):
            value = draw(st.one_of(st.just(OMIT), single))
        else:
            value = draw(st.one_of(st.just(OMIT), single, single, repeated))
        if value is not OMIT:
            data[key] = value
    data.update(draw(st.dictionaries(st.sampled_from(["", "x", "csrf_token", "-0-"]), JUNK,
                                     max_size=2)))  # fmt: skip
    return data


def resolve(value: object, world: World) -> object:
    """Return a baseline value with the world's ids filled in (a fresh file each time)."""
    if callable(value):
        return value()
    if isinstance(value, list):
        return [resolve(v, world) for v in value]
    if isinstance(value, str) and value.startswith("{"):
        return value.format(**world.ids)
    return value


def field_strategies(form_class: type[WTForm], prefix: str, world: World) -> dict:
    """Return a value strategy for every field name of a form, rows of lists included."""
    found = {}
    for name, unbound in unbound_fields(form_class):
        key = prefixed(prefix, name)
        if unbound.field_class is FieldList:
            inner = unbound.args[0]
            for row in (0, 1):
                if inner.field_class is FormField:
                    found.update(field_strategies(inner.args[0], f"{key}-{row}", world))
                else:
                    found[f"{key}-{row}"] = value_strategy(inner, world)
        else:
            found[key] = value_strategy(unbound, world)
    return found


@st.composite
def mutated(draw, form_class: type[WTForm], target: Target, prefix: str, world: World) -> dict:  # noqa: ANN001
    """Draw a valid submission with one to three fields dropped, repeated or made junk."""
    data = {prefixed(prefix, k): resolve(v, world) for k, v in target.valid.items()}
    strategies = field_strategies(form_class, prefix, world)
    for name in draw(st.lists(st.sampled_from(sorted(strategies)), min_size=1, max_size=3,
                              unique=True)):  # fmt: skip
        single = strategies[name]
        value = draw(st.one_of(st.just(OMIT), single, st.lists(single, min_size=2, max_size=3)))
        if value is OMIT:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def build_url(app: Flask, world: World, target: Target) -> str:
    """Return the route's URL with the world's objects (A's, P1's) filled in."""
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == target.endpoint)
    values = {}
    for name in rule.arguments:
        fixed = target.args.get(name)
        if isinstance(fixed, str) and fixed in world.ids:
            values[name] = world.ids[fixed]
        elif fixed is not None:
            values[name] = fixed
        elif isinstance(rule._converters[name], AnyConverter):
            values[name] = rule._converters[name].items[0]
        else:
            values[name] = url_value(world, target.endpoint, name, target.role)
    return rule.build(values)[1]


FUZZ_CASES = [
    pytest.param(name, target, id=f"{name}-{target.endpoint}")
    for name, targets in TARGETS.items()
    for target in targets
]


def test_every_form_has_a_route():
    forms = form_classes()
    assert sorted(forms.keys() - TARGETS.keys() - COVERED_BY_OTHERS.keys()) == []
    assert sorted(TARGETS.keys() - forms.keys()) == []  # no stale entries


def test_every_form_checks_its_text_for_control_characters():
    assert [name for name, cls in form_classes().items()
            if not issubclass(cls, AppForm | PlainForm)] == []  # fmt: skip


@pytest.fixture(scope="module", params=BACKENDS)
def fuzz_app(request, tmp_path_factory) -> Iterator[Flask]:  # noqa: ANN001
    url = empty_database(request.param, tmp_path_factory.mktemp("fuzz"))
    with app_on(url, WTF_CSRF_ENABLED=False, PROPAGATE_EXCEPTIONS=True) as app:
        app.config["FUZZ_BACKEND"] = request.param
        yield app


@pytest.fixture
def fresh_limits(fuzz_app: Flask) -> None:
    """Failed logins count per address and e-mail for 15 minutes, also on the module's shared app:
    the login form's fuzzing (a valid e-mail, a mutated password) can lock org_a out of every
    later test (one CI run: 26 tests failed with 429). Each test counts in a namespace of its own.
    """
    fuzz_app.config["THROTTLE_PREFIX"] = f"test:{uuid.uuid4().hex}:"
    fuzz_app.extensions.pop("matchmaker.throttle", None)  # the counts kept without Redis


@pytest.mark.parametrize(("form_name", "target"), FUZZ_CASES)
def test_form_never_fails_with_a_server_error(fuzz_app, fresh_limits, form_name, target):
    if fuzz_app.config["FUZZ_BACKEND"] == "postgresql" and form_name not in ON_POSTGRES:
        pytest.skip("stores no text: fuzzed on SQLite only")
    form_class = form_classes()[form_name]
    world = reset_world()
    signed_in = fuzz_app.test_client()
    if target.role == "org_a":
        login(signed_in, "org_a")
    prefix = target.prefix.format(**world.ids)
    url = build_url(fuzz_app, world, target)
    seeded = fingerprint()

    def send(data: dict) -> int:
        nonlocal seeded
        # anonymous: a new visitor each time (a valid login must not carry over)
        client = fuzz_app.test_client() if target.role == "anonymous" else signed_in
        if target.method == "GET":
            response = client.get(url, query_string=data)
        else:
            response = client.open(url, method=target.method, data=data)
        assert response.status_code < 500, (url, data)
        if target.role == "org_a" and not logged_in(client):
            login(client, "org_a")  # the logout form did its job
        if fingerprint() != seeded:  # a valid submission changed the world: start again
            reset_world()
            seeded = fingerprint()
        return response.status_code

    # a control: the valid submission is accepted, so the mutations start from a real one
    valid = {prefixed(prefix, k): resolve(v, world) for k, v in target.valid.items()}
    assert send(valid) < 400, f"the valid {form_name} is refused at {url}"
    for data in REGRESSIONS.get(form_name, []):
        send({prefixed(prefix, k): v for k, v in data.items()})

    fields = field_strategies(form_class, prefix, world)
    random = form_data(form_class, prefix, world)
    strategy = st.one_of(mutated(form_class, target, prefix, world), random) if fields else random

    # PostgreSQL: fewer examples, the regressions above and the mutations of valid forms find
    # what only it refuses (NULs, over-long text)
    examples = EXAMPLES if fuzz_app.config["FUZZ_BACKEND"] == "sqlite" else EXAMPLES // 2

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
    @given(data=strategy)
    def post(data: dict) -> None:
        send(data)

    post()


def test_nul_in_a_text_field_is_a_form_error(fuzz_app, fresh_limits):
    """Not just no server error: the field says what is wrong, and nothing is stored."""
    world = reset_world()
    client = fuzz_app.test_client()
    login(client, "org_a")
    before = fingerprint()
    target = TARGETS["ZoneForm"][0]
    response = client.post(build_url(fuzz_app, world, target), data={"new-zone-name": "H\x00"},
                           headers={"Accept-Language": "en"})  # fmt: skip
    assert response.status_code == 422
    assert "Remove control characters (such as NUL) from this text." in response.text
    assert fingerprint() == before


def address_value(world: World, rule, name: str) -> object:  # noqa: ANN001
    converter = rule._converters[name]
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return url_value(world, rule.endpoint, name, "p1")


def test_nul_in_an_address_is_refused(fuzz_app, fresh_limits):
    """A NUL in any text part of any route's address, or in a query, is a 404 or a 400."""
    world = reset_world()
    client = fuzz_app.test_client()
    login(client, "org_a")
    checked = 0
    for rule in fuzz_app.url_map.iter_rules():
        texts = [n for n, c in rule._converters.items() if type(c).__name__ == "UnicodeConverter"]
        for name in texts:
            values = {n: "\x00" if n == name else address_value(world, rule, n)
                      for n in rule.arguments}  # fmt: skip
            url = rule.build(values)[1]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                assert client.open(url, method=method).status_code == 404, (method, url)
                checked += 1
    for path in ("/organiser/events/event-a/participants", "/organiser/events/event-a/checkin"):
        assert client.get(path, query_string={"q": "a\x00"}).status_code == 400
    assert checked > 50


NEXT_TARGETS = st.one_of(
    st.sampled_from(
        [
            "/\\evil.example",
            "/\\/evil.example",
            "//evil.example",
            "/%5Cevil.example",
            "/\t/evil.example",
            "/\t\t/evil.example",
            "https://evil.example",
            "/\r\nSet-Cookie: a=b",
            "/\nx",
            "/\tx",
            "/ok?a=1#b",
            "/e/demo",
            "javascript:alert(1)",
            "",
            " /x",
            "/" + "x" * 5000,
        ]
    ),  # fmt: skip
    st.text(max_size=40).map(lambda t: "/" + t),
    st.text(max_size=40),
)


def local(location: str) -> bool:
    """Tell whether a Location header stays on this site, as a browser reads it (a backslash
    counts as a slash, so "/\\host" leaves the site)."""
    normalised = location.replace("\\", "/")
    return normalised.startswith("/") and not normalised.startswith("//")


def test_redirect_targets_stay_on_the_site(fuzz_app, fresh_limits):
    """The language switch and the login take a ``next`` address: whatever it holds, the
    answer is a redirect to a path of this site, never elsewhere and never a server error."""
    if fuzz_app.config["FUZZ_BACKEND"] == "postgresql":
        pytest.skip("no database involved")
    reset_world()

    @settings(max_examples=60, deadline=None, database=None)
    @given(target=NEXT_TARGETS)
    def switch(target: str) -> None:
        client = fuzz_app.test_client()
        response = client.post("/lang/de", data={"next": target})
        assert response.status_code == 302 and local(response.headers["Location"]), target
        login_url = "/organiser/login"
        data = {"email": "org-a@cluster.example", "password": PASSWORD}
        response = client.post(login_url, query_string={"next": target}, data=data)
        assert response.status_code in (302, 400), target  # 400: a NUL in the query
        if response.status_code == 302:
            assert local(response.headers["Location"]), target

    switch()
