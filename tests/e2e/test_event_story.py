"""One cooperation exchange from registration to calendar, clicked through in Chromium.

The tests run in order and build on each other, as the people in them do: Jörg registers,
the organiser confirms him, he asks Ben for a meeting and Ben accepts, the organiser generates,
accepts and publishes the agenda, and Jörg takes the meeting home in his calendar. The last
test, a CSV import with a mistake in it, stands on its own. Everything asserted is what the
person at the browser sees (or, for the calendar, what their calendar program reads).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import icalendar
import pytest

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import EventSession
from matchmaker.models.enums import EventStatus, ParticipantStatus
from matchmaker.services.events import create_event
from matchmaker.services.organisers import create_organiser
from matchmaker.services.participants import ItemData, ProfileData, register_participant
from matchmaker.services.roster import set_status
from matchmaker.services.venue import create_tables
from tests.e2e.server import Server, migrate, serve

pytestmark = pytest.mark.browser

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2030, 6, 12)
# the session has two slots, 14:00 and 14:25; Ben cannot make 14:00, so the meeting is at 14:25
SESSION = (time(14, 0), time(15, 5))
BEN_AWAY = datetime.combine(DAY, time(14, 0), tzinfo=BERLIN)
MEETING_START = datetime.combine(DAY, time(14, 25), tzinfo=BERLIN)
ORGANISER, PASSWORD = "eva@cluster.example", "correct horse battery"
WAIT = 60_000  # ms: how long a page may take to show what a step expects (not an assertion)


@dataclass
class Story:
    """What the people of the story know: addresses, links and what happened so far."""

    slug: str
    ben_token: str
    links: dict[str, str] = field(default_factory=dict)

    def link(self, who: str) -> str:
        if who not in self.links:
            pytest.fail(f"{who} has no personal link yet: this story runs from its first test")
        return self.links[who]


def _person(event, first: str, last: str, organisation: str, actor_type: str, **extra) -> str:
    data = ProfileData(
        first_name=first, last_name=last, email=f"{first.lower()}@{actor_type}.example",
        organisation=organisation, actor_type=actor_type, country=extra.pop("country", "DE"),
        languages=("de", "en"), session_ids=tuple(s.id for s in event.sessions), **extra,
    )  # fmt: skip
    person, token = register_participant(event, data, consent=True)
    set_status(event, person.id, ParticipantStatus.CONFIRMED)
    return token


def seed(database_url: str) -> Story:
    """Set up the event through the services, as the organiser's set-up pages would."""
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        event = create_event(
            slug="boerse", title="Kooperationsbörse Wasserstoff", venue="Messe Hamburg, Halle B6",
            timezone="Europe/Berlin", status=EventStatus.REQUESTS, meeting_minutes=20,
            pause_minutes=5,
        )  # fmt: skip
        event.sessions = [EventSession(name="Nachmittag", day=DAY, start_time=SESSION[0],
                                       end_time=SESSION[1])]  # fmt: skip
        db.session.flush()
        create_tables(event, "Tisch", 1, 2, "Halle B6")
        event.organisers.append(create_organiser(email=ORGANISER, name="Eva", password=PASSWORD))
        ben = _person(
            event, "Ben", "Brandt", "Förderbank Nord", "funder",
            offers=(ItemData("funding", "Wachstumskredite für Wasserstoff-Start-ups"),),
            needs=(ItemData("energy", "Projekte mit Elektrolyseuren"),),
            blocked_starts=(BEN_AWAY.astimezone(UTC),),
        )  # fmt: skip
        _person(event, "Clara", "Weiss", "Porto Lab", "research_institute", country="PT",
                offers=(ItemData("energy", "Brennstoffzellen-Prüfstand"),))  # fmt: skip
        db.session.commit()
        db.engine.dispose()
    return Story(slug="boerse", ben_token=ben)


@pytest.fixture(scope="module")
def story_server(browser, tmp_path_factory) -> Iterator[tuple[Story, Server]]:
    tmp = tmp_path_factory.mktemp("e2e")
    database_url = f"sqlite:///{tmp / 'matchmaker.db'}"
    migrate(database_url)
    story = seed(database_url)
    with serve(database_url, tmp / "gunicorn.log") as server:
        yield story, server


@pytest.fixture(scope="module")
def server(story_server) -> Server:
    return story_server[1]


@pytest.fixture(scope="module")
def story(story_server) -> Story:
    return story_server[0]


@pytest.fixture(scope="module")
def joerg(open_page, server):
    return open_page(server.url)


@pytest.fixture(scope="module")
def ben(open_page, server):
    return open_page(server.url)


@pytest.fixture(scope="module")
def organiser(open_page, server):
    """The organiser's browser, logged in through the login form."""
    from playwright.sync_api import expect

    page = open_page(server.url)
    page.goto("/organiser/")
    expect(page).to_have_url(re.compile(r"/organiser/login\?next="))
    page.get_by_label("E-mail", exact=True).fill(ORGANISER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your events")).to_be_visible()
    return page


def test_registration_error_keeps_input_then_registration_opens_personal_page(joerg, story):
    from playwright.sync_api import expect

    page = joerg
    page.goto("/")  # from the list of events, through the event page, to its form
    page.get_by_role("link", name="Kooperationsbörse Wasserstoff").click()
    page.get_by_role("link", name="Register for this event").click()
    title = "Register for Kooperationsbörse Wasserstoff"
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.get_by_label("First name", exact=True).fill("Jörg")
    page.get_by_label("Last name", exact=True).fill("Köhler")
    page.get_by_label("E-mail", exact=True).fill("joerg.koehler(at)lumen.example")
    page.get_by_label("Organisation", exact=True).fill("Lumencycle GmbH")
    page.get_by_label("Type of organisation").select_option(label="SME")
    page.get_by_label("Country", exact=True).select_option(label="Germany")
    page.get_by_label("German", exact=True).check()
    page.get_by_label("English", exact=True).check()
    page.locator("#offers-0-category").select_option("circular")
    page.locator("#offers-0-title").fill("Batterierecycling")
    page.locator("#needs-0-category").select_option("funding")
    page.locator("#needs-0-title").fill("Wachstumskapital")
    page.get_by_role("checkbox", name=re.compile(r"^Nachmittag \(")).check()
    page.get_by_label(re.compile("I agree that my profile is published")).check()
    page.get_by_role("button", name="Register").click()

    expect(page.get_by_role("alert")).to_have_text("Please correct the marked fields.")
    expect(page.locator("#email-errors")).to_have_text("Invalid email address.")
    email = page.get_by_label("E-mail", exact=True)
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_attribute("aria-describedby", "email-errors")
    expect(page.locator("[aria-describedby]")).to_have_count(1)  # only the field in error
    expect(page.get_by_label("First name", exact=True)).to_have_value("Jörg")
    expect(page.get_by_label("Organisation", exact=True)).to_have_value("Lumencycle GmbH")
    expect(page.get_by_label("Country", exact=True)).to_have_value("DE")
    expect(page.get_by_label("English", exact=True)).to_be_checked()
    expect(page.locator("#offers-0-title")).to_have_value("Batterierecycling")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Nachmittag \("))).to_be_checked()
    expect(page.get_by_label(re.compile("I agree that my profile is published"))).to_be_checked()

    page.get_by_label("E-mail", exact=True).fill("joerg.koehler@lumen.example")
    page.get_by_role("button", name="Register").click()

    expect(page).to_have_url(re.compile(r"/p/[A-Za-z0-9_-]{20,}$"))
    expect(page.get_by_role("status").first).to_contain_text("You are registered.")
    expect(page.get_by_role("heading", name="Jörg Köhler", level=1)).to_be_visible()
    expect(page.locator("code.link")).to_have_text(page.url)
    expect(page.get_by_text("Batterierecycling")).to_be_visible()
    story.links["joerg"] = page.url


def test_organiser_logs_in_and_confirms_the_registration(organiser, story):
    from playwright.sync_api import expect

    page = organiser
    page.get_by_role("link", name="Participants").first.click()
    row = page.get_by_role("row").filter(has_text="Jörg Köhler")
    expect(row).to_contain_text("Registered, awaiting confirmation")
    row.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status").first).to_have_text("Jörg Köhler: Confirmed")
    row = page.get_by_role("row").filter(has_text="Jörg Köhler")
    expect(row).to_contain_text("Confirmed")


def test_participant_requests_a_meeting_and_the_partner_accepts(joerg, ben, story):
    from playwright.sync_api import expect

    page = joerg
    page.goto(story.link("joerg"))
    page.get_by_role("link", name="Browse participants").click()
    expect(page.get_by_role("status").last).to_have_text("2 participants found")
    page.get_by_role("searchbox").fill("Forderbank")  # found without the umlaut too
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status").last).to_have_text("1 participant found")
    page.get_by_role("link", name="Förderbank Nord").click()
    expect(page.get_by_role("heading", name="Förderbank Nord", level=1)).to_be_visible()
    page.get_by_label("Must meet").check()
    page.get_by_label("Short message (optional)").fill("Wir suchen eine Anschlussfinanzierung.")
    page.get_by_role("button", name="Request a meeting").click()
    expect(page.get_by_role("status").first).to_have_text("Your request to Ben Brandt is sent.")
    sent = page.locator("li.request").filter(has_text="Ben Brandt")
    expect(sent).to_contain_text("Waiting for an answer")

    partner = ben
    partner.goto(f"/p/{story.ben_token}")
    partner.get_by_role("link", name="Your requests").click()
    received = partner.locator("li.request").filter(has_text="Jörg Köhler")
    expect(received).to_contain_text("Must meet")
    expect(received).to_contain_text("Wir suchen eine Anschlussfinanzierung.")
    received.get_by_role("button", name="Accept").click()
    expect(partner.get_by_role("status").first).to_have_text("Request accepted.")
    expect(partner.locator("li.request").filter(has_text="Jörg Köhler")).to_contain_text("Accepted")

    page.reload()
    expect(page.locator("li.request").filter(has_text="Ben Brandt")).to_contain_text("Accepted")


def test_organiser_generates_accepts_and_publishes_the_agenda(organiser, story):
    from playwright.sync_api import expect

    page = organiser
    page.goto("/organiser/")
    page.get_by_role("link", name="Agenda generation").click()
    page.get_by_label("Time for the optimiser (seconds)").fill("5")
    page.get_by_role("button", name="Generate agenda").click()
    # the run page polls the run's progress (static/js/run.js) and reloads itself when done;
    # nothing else reloads it, so the button below appears only if the script works (unless
    # the run, a fraction of a second here, finished before its page was first rendered)
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"Run \d+"))
    accept = page.get_by_role("button", name="Accept this agenda")
    expect(accept).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Finished: proposal ready")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(re.compile(r"Meetings placed\s*1 / 1"))
    accept.click()
    expect(page.get_by_role("status").first).to_have_text(
        "Agenda written: 1 new, 0 moved, 0 unchanged, 0 cancelled."
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accepted: agenda written")

    page.goto("/organiser/")
    card = page.locator("li.card").filter(has_text="Kooperationsbörse Wasserstoff")
    card.get_by_label("Phase").select_option(label="Agenda published")
    card.get_by_role("button", name="Change phase").click()
    expect(page.get_by_role("status").first).to_have_text("The event is now: Agenda published")


def test_participant_sees_the_meeting_and_takes_it_home_as_ics(joerg, story):
    from playwright.sync_api import expect

    page = joerg
    page.goto(story.link("joerg"))
    page.get_by_role("link", name="Your agenda").click()
    meeting = page.locator("li.agenda-meeting")
    expect(meeting).to_have_count(1)
    expect(meeting).to_contain_text("Ben Brandt, Förderbank Nord")
    expect(meeting.locator(".when")).to_have_text("2:25 PM–2:45 PM")
    expect(meeting.locator(".where")).to_contain_text(re.compile(r"Tisch [12] · Halle B6"))
    expect(page.locator(".agenda-day h2")).to_have_text("Wednesday, June 12, 2030")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download .ics").click()
    download = download_info.value
    calendar = icalendar.Calendar.from_ical(download.path().read_bytes())
    events = [e for e in calendar.walk("VEVENT") if "Ben Brandt" in str(e["summary"])]
    assert len(events) == 1
    start = events[0].decoded("dtstart")
    assert start == MEETING_START and start.utcoffset() == MEETING_START.utcoffset()
    assert events[0].decoded("dtend") - start == MEETING_START.replace(minute=45) - MEETING_START
    assert str(events[0]["status"]) == "CONFIRMED"


IMPORT = (
    "first_name,last_name,email,organisation,actor_type,country,languages,offers,needs\n"
    "Ana,Silva,ana@porto.example,Porto Lab,research_institute,PT,en pt,,\n"
    "Piotr,Nowak,piotr(at)gdansk.example,Gdańsk Port,public_body,PL,pl en,,\n"
    "Mia,Holm,mia@holm.example,Holm ApS,startup,DK,da en,,\n"
)


def test_import_with_a_bad_email_names_row_and_column_and_imports_nothing(organiser, story):
    from playwright.sync_api import expect

    page = organiser
    page.goto(f"/organiser/events/{story.slug}/participants")
    everyone = page.get_by_role("link", name=re.compile(r"^all \(\d+\)$"))
    before = everyone.inner_text()
    page.get_by_label("CSV or Excel file").set_input_files(
        {"name": "people.csv", "mimeType": "text/csv", "buffer": IMPORT.encode()}
    )
    page.get_by_role("button", name="Check and import").click()

    expect(page.get_by_role("alert")).to_have_text("1 problem found; nothing was imported.")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.locator("td").nth(0)).to_have_text("3")
    expect(rows.locator("td").nth(1)).to_have_text("email")
    expect(rows.locator("td").nth(2)).not_to_be_empty()

    page.goto(f"/organiser/events/{story.slug}/participants")
    expect(page.get_by_role("link", name=re.compile(r"^all \(\d+\)$"))).to_have_text(before)
    for name in ("Ana Silva", "Piotr Nowak", "Mia Holm"):
        expect(page.get_by_role("row").filter(has_text=name)).to_have_count(0)
