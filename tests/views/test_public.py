import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from matchmaker.extensions import db
from matchmaker.models import Location
from matchmaker.models.enums import ActorType, EventStatus

ROOT = Path(__file__).resolve().parents[2]


def csrf_token(client, path: str = "/") -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_list_events_shows_open_events_but_not_drafts(client, make_event):
    make_event(title="Kooperationsbörse Wasserstoff")
    make_event(title="Geheimer Entwurf", status=EventStatus.DRAFT)
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "Kooperationsbörse Wasserstoff" in html
    assert "Geheimer Entwurf" not in html


def test_show_event_shows_figures_sessions_and_categories(client, make_event, make_participant):
    event = make_event(slug="h2-boerse", title="H2 Börse", meeting_minutes=20, pause_minutes=5)
    make_participant(event, country="DE", actor_type=ActorType.SME)
    make_participant(event, country="PL", actor_type=ActorType.UNIVERSITY)
    db.session.add(Location(event_id=event.id, number=1, name="Tisch 1"))
    db.session.commit()
    response = client.get("/e/h2-boerse", headers={"Accept-Language": "en"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "H2 Börse" in html
    assert re.search(r"<strong>2</strong><span>participants</span>", html)
    assert re.search(r"<strong>2</strong><span>countries</span>", html)
    assert re.search(r"<strong>7</strong><span>meeting slots of 20 minutes</span>", html)
    assert "Vormittag" in html and "09:00–12:00" in html
    assert "Energy and hydrogen" in html


def test_event_page_links_to_registration_only_while_it_is_open(client, make_event):
    make_event(slug="offen")
    make_event(slug="zu", status=EventStatus.CLOSED)
    db.session.commit()
    link = 'href="/e/offen/register"'
    assert link in client.get("/e/offen", headers={"Accept-Language": "en"}).get_data(as_text=True)
    closed = client.get("/e/zu", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "/register" not in closed and "Register for this event" not in closed


def test_show_event_unknown_or_draft_is_404_page(client, make_event):
    make_event(slug="draft-event", status=EventStatus.DRAFT)
    db.session.commit()
    for path in ("/e/nope", "/e/draft-event"):
        response = client.get(path)
        assert response.status_code == 404
        assert "This page does not exist" in response.get_data(as_text=True)


def test_locale_follows_browser_when_no_choice(client, make_event):
    make_event(slug="x")
    db.session.commit()
    german = client.get("/e/x", headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"})
    assert "Teilnehmende" in german.get_data(as_text=True)
    assert '<html lang="de">' in german.get_data(as_text=True)
    english = client.get("/e/x", headers={"Accept-Language": "fr,en;q=0.8"})
    assert "participants" in english.get_data(as_text=True)


def test_locale_user_choice_beats_browser(client, make_event):
    make_event(slug="x")
    db.session.commit()
    token = csrf_token(client)
    response = client.post("/lang/de", data={"csrf_token": token, "next": "/e/x"})
    assert response.status_code == 302 and response.headers["Location"] == "/e/x"
    html = client.get("/e/x", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Teilnehmende" in html and "Themenfelder" in html


def test_language_switch_without_csrf_token_is_refused_cleanly(client):
    response = client.post("/lang/de", data={"next": "/"})
    assert response.status_code == 400
    assert "This form has expired or was not sent from this site" in response.get_data(as_text=True)


def test_language_switch_refuses_open_redirect_and_unknown_language(client):
    token = csrf_token(client)
    response = client.post("/lang/en", data={"csrf_token": token, "next": "//evil.example/"})
    assert response.headers["Location"] == "/"
    assert client.post("/lang/xx", data={"csrf_token": token}).status_code == 404


def test_health_reports_ok(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_translations_german_catalogue_is_complete():
    method_map = [("**.py", "python"), ("**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}
    ids = set()
    for folder in ("matchmaker", "templates"):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            ROOT / folder, method_map, keywords=keywords
        ):
            ids.add(message if isinstance(message, str) else message[0])
    path = ROOT / "matchmaker/translations/de/LC_MESSAGES/messages.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    translated = {
        m.id[0] if isinstance(m.id, tuple) else m.id
        for m in catalog
        if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    assert sorted(ids - translated) == []
