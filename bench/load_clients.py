"""The load test's simulated people: participants who register, browse and send meeting
requests, and an organiser who confirms new registrations, all over real HTTP.

One asyncio loop drives every client (httpx, one cookie jar per person), so the generator stays
light on a machine it shares with the server. Each call is timed from sending the request to
the end of the response body; the journal keeps every call and every write the server
acknowledged, for the exactly-once check afterwards.
"""

from __future__ import annotations

import asyncio
import html
import random
import re
import time
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpx

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
SESSION_IDS = re.compile(r'name="sessions" type="checkbox" value="(\d+)"')
AREA_SELECT = re.compile(r'name="offers-0-category">(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([a-z0-9_-]+)">')
PAGES = re.compile(r"page \d+ of (\d+)")
FLASH_ERROR = re.compile(r'class="flash flash-error"[^>]*>([^<]*)<')
DUPLICATE_EMAIL = "registered for this event already"
DUPLICATE_REQUEST = "sent this participant a request already"
HEADERS = {"Accept-Language": "en", "User-Agent": "matchmaker-bench-load"}
COUNTRIES = ("DE", "FR", "NL", "PL", "AT", "DK", "SE", "IT", "ES", "CZ")
ACTOR_TYPES = ("sme", "startup", "research_institute", "university", "large_company", "funder")


@dataclass
class Call:
    action: str
    status: int | None  # None: the connection failed or timed out
    ms: float
    error: str = ""


@dataclass
class Write:
    """One attempted write: a registration (key = e-mail) or a request (key = receiver id)."""

    kind: str  # "registration" | "request"
    key: str
    raced: bool
    outcome: str = "error"  # "ack" | "duplicate" | "rejected" | "error"
    token: str = ""  # the registrant's (or the request sender's) private-link token
    detail: str = ""


@dataclass
class Journal:
    calls: list[Call] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0


class Browser:
    """One person's browser: its own cookies, kept by hand so that the production session
    cookie (marked Secure) goes back to the loopback server over plain HTTP, as browsers do
    for localhost. All browsers share one connection pool."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def headers(self) -> dict[str, str]:
        return (
            {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            if self.cookies
            else {}
        )

    def remember(self, response: httpx.Response) -> None:
        for header in response.headers.get_list("set-cookie"):
            pair, _, attributes = header.partition(";")
            name, _, value = pair.strip().partition("=")
            if not value or "max-age=0" in attributes.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def clear(self) -> None:
        self.cookies.clear()

    def copy_from(self, other: Browser) -> None:
        self.cookies = dict(other.cookies)


@dataclass
class Settings:
    base: str
    slug: str
    deadline: float  # time.monotonic() after which nobody starts another action
    run_id: str
    think: float = 1.0  # mean pause between one person's actions, in seconds
    race_registrations: float = 0.05
    race_requests: float = 0.05
    requests_each: int = 3
    timeout: float = 60.0
    organiser_email: str = ""
    organiser_password: str = ""


class Crowd:
    """Runs the participants and organisers and writes what happens into one journal."""

    def __init__(self, settings: Settings, seed: int = 2026) -> None:
        self.s = settings
        self.journal = Journal()
        self.rng = random.Random(seed)
        self.pages = 1  # catalogue pages, as last seen
        self.counter = 0
        # one pool for everybody; cookies never stored in it (each Browser keeps its own)
        self.http = httpx.AsyncClient(
            base_url=settings.base,
            headers=HEADERS,
            timeout=settings.timeout,
            follow_redirects=False,
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=1000),
        )

    # -- plumbing ---------------------------------------------------------------------------

    async def call(self, browser: Browser, action: str, method: str, url: str, **kw):  # noqa: ANN003, ANN201
        start = time.perf_counter()
        try:
            response = await self.http.request(method, url, headers=browser.headers(), **kw)
        except httpx.HTTPError as exc:
            ms = (time.perf_counter() - start) * 1000
            self.journal.calls.append(Call(action, None, ms, f"{type(exc).__name__}: {exc}"))
            return None
        ms = (time.perf_counter() - start) * 1000
        self.journal.calls.append(Call(action, response.status_code, ms))
        browser.remember(response)
        return response

    async def think(self) -> None:
        await asyncio.sleep(self.rng.uniform(0, 2 * self.s.think))

    def time_left(self) -> bool:
        return time.monotonic() < self.s.deadline

    # -- participants -----------------------------------------------------------------------

    async def participant(self, number: int) -> None:
        """Register as a new person, again and again until the time is up."""
        http, twin = Browser(), Browser()
        await asyncio.sleep(self.rng.uniform(0, 2 * self.s.think))  # no thundering herd
        while self.time_left():
            http.clear()
            winner, token = await self.register(http, twin)
            if token and self.time_left():
                # the browser that won a registration race goes on; the other is the spare tab
                await self.take_part(winner, http if winner is twin else twin, token)
            await self.think()

    def _registration_data(self, page: str, email: str) -> dict | None:
        csrf, sessions = CSRF.search(page), SESSION_IDS.findall(page)
        select = AREA_SELECT.search(page)
        keys = OPTION.findall(select[1]) if select else []
        if csrf is None or not sessions or not keys:
            return None
        n = self.counter
        return {
            "csrf_token": csrf[1],
            "first_name": "Lasttest",
            "last_name": f"Person {n}",
            "email": email,
            "organisation": f"Load {n % 97:02d} GmbH",
            "actor_type": self.rng.choice(ACTOR_TYPES),
            "country": self.rng.choice(COUNTRIES),
            "city": "Hamburg",
            "languages": ["de", "en"],
            "profile_text": "A participant simulated by the load test.",
            "sessions": self.rng.sample(sessions, self.rng.randint(1, len(sessions))),
            "offers-0-category": self.rng.choice(keys),
            "offers-0-title": "Prototyping and pilot lines",
            "offers-0-description": "",
            "needs-0-category": self.rng.choice(keys),
            "needs-0-title": "Partners for a funded project",
            "needs-0-description": "",
            "consent": "y",
            "save": "Register",
        }

    async def _post_registration(self, http: Browser, write: Write, email: str):  # noqa: ANN202
        """GET the form, POST it, and say what the server answered."""
        path = f"/e/{self.s.slug}/register"
        form = await self.call(http, "register_form", "GET", path)
        if form is None or form.status_code != 200:
            write.detail = "form: " + (str(form.status_code) if form else "no connection")
            write.outcome = "error" if form is None or form.status_code >= 500 else "rejected"
            return None
        data = self._registration_data(form.text, email)
        if data is None:
            write.outcome, write.detail = "rejected", "the form lacks a token, sessions or areas"
            return None
        return path, data

    async def register(self, http: Browser, twin: Browser):  # noqa: ANN201
        """Register one new person; a share of them twice at once from two browsers."""
        self.counter += 1
        email = f"load-{self.s.run_id}-{self.counter}@example.org"
        raced = self.rng.random() < self.s.race_registrations
        people = [http, twin] if raced else [http]
        if raced:
            twin.clear()
        writes = [Write("registration", email, raced) for _ in people]
        self.journal.writes.extend(writes)
        forms = await asyncio.gather(
            *(self._post_registration(c, w, email) for c, w in zip(people, writes, strict=True))
        )
        sent = [(c, w, f) for c, w, f in zip(people, writes, forms, strict=True) if f is not None]
        answers = await asyncio.gather(
            *(self.call(c, "register", "POST", f[0], data=f[1]) for c, _, f in sent)
        )
        winner, token = http, ""
        for (client, write, _), response in zip(sent, answers, strict=True):
            self._classify_registration(write, response)
            if write.outcome == "ack":
                winner, token = client, write.token
        return winner, token

    @staticmethod
    def _classify_registration(write: Write, response: httpx.Response | None) -> None:
        if response is None or response.status_code >= 500:
            write.outcome = "error"
            write.detail = str(response.status_code) if response else "no connection"
            return
        location = response.headers.get("location", "")
        match = re.fullmatch(r"(?:https?://[^/]+)?/p/([A-Za-z0-9_-]+)", location)
        if response.status_code in (302, 303) and match:
            write.outcome, write.token = "ack", match[1]
        elif response.status_code == 409 and DUPLICATE_EMAIL in response.text:
            write.outcome, write.detail = "duplicate", "409"
        else:
            write.outcome = "rejected"
            error = FLASH_ERROR.search(response.text)
            write.detail = f"{response.status_code} {error[1].strip() if error else ''}".strip()

    async def take_part(self, http: Browser, twin: Browser, token: str) -> None:
        """Open the personal page until confirmed, browse people, send a few requests."""
        home = await self.call(http, "personal_page", "GET", f"/p/{token}")
        while home is not None and ">Confirmed</span>" not in home.text:
            await asyncio.sleep(self.rng.uniform(2, 4))  # reload now and then, as people do
            if not self.time_left():
                return
            home = await self.call(http, "personal_page", "GET", f"/p/{token}")
        if home is None or not self.time_left():
            return
        await self.think()
        page = self.rng.randint(1, self.pages)
        people = await self.call(http, "people_page", "GET", f"/p/{token}/catalogue?page={page}")
        if people is None or people.status_code != 200:
            return
        if found := PAGES.search(people.text):
            self.pages = int(found[1])
        ids = sorted(set(re.findall(rf"/p/{re.escape(token)}/people/(\d+)", people.text)))
        for receiver in self.rng.sample(ids, min(self.s.requests_each, len(ids))):
            if not self.time_left():
                return
            await self.think()
            await self.send_request(http, twin, token, int(receiver))

    async def send_request(self, http: Browser, twin: Browser, token: str, receiver: int) -> None:
        """Open a profile and request a meeting; a share twice at once (a double click)."""
        profile_path = f"/p/{token}/people/{receiver}"
        profile = await self.call(http, "profile_page", "GET", profile_path)
        if profile is None or profile.status_code != 200 or not CSRF.search(profile.text):
            return
        await self.think()
        data = {"csrf_token": CSRF.search(profile.text)[1], "priority": "would_like"}
        data["message"] = "Let us talk about a joint project."
        raced = self.rng.random() < self.s.race_requests
        people = [http, twin] if raced else [http]
        if raced:
            twin.copy_from(http)  # the same person's browser, two tabs
        writes = [Write("request", str(receiver), raced, token=token) for _ in people]
        self.journal.writes.extend(writes)
        answers = await asyncio.gather(
            *(
                self.call(c, "send_request", "POST", f"{profile_path}/request", data=data)
                for c in people
            )  # fmt: skip
        )
        for client, write, response in zip(people, writes, answers, strict=True):
            await self._classify_request(client, write, response, token)

    async def _classify_request(
        self, http: Browser, write: Write, response: httpx.Response | None, token: str
    ) -> None:
        if response is None or response.status_code >= 500:
            write.outcome = "error"
            write.detail = str(response.status_code) if response else "no connection"
            return
        location = response.headers.get("location", "")
        if response.status_code in (302, 303) and location.endswith(f"/p/{token}/requests"):
            write.outcome = "ack"
            await self.call(http, "requests_page", "GET", f"/p/{token}/requests")
            return
        write.outcome, write.detail = "rejected", str(response.status_code)
        if response.status_code in (302, 303) and location:
            # the reason is flashed on the page the refusal leads back to
            page = await self.call(http, "profile_page", "GET", location)
            error = FLASH_ERROR.search(page.text) if page is not None else None
            if error and DUPLICATE_REQUEST in error[1]:
                write.outcome = "duplicate"
            write.detail = html.unescape(error[1].strip()) if error else location

    # -- the organiser ----------------------------------------------------------------------

    async def organiser(self, index: int, count: int) -> None:
        """Log in and confirm new registrations as they arrive (this one's share of them)."""
        http = Browser()
        login = await self.call(http, "organiser_login", "GET", "/organiser/login")
        if login is None or not CSRF.search(login.text):
            return
        data = {
            "csrf_token": CSRF.search(login.text)[1],
            "email": self.s.organiser_email,
            "password": self.s.organiser_password,
        }
        done = await self.call(http, "organiser_login", "POST", "/organiser/login", data=data)
        if done is None or done.status_code != 302:
            raise RuntimeError("the organiser could not log in")
        roster = f"/organiser/events/{self.s.slug}/participants?status=registered"
        pattern = re.compile(
            rf'action="(/organiser/events/{re.escape(self.s.slug)}/participants/(\d+)/confirm'
            r'[^"]*)"'
        )
        while self.time_left():
            page = await self.call(http, "roster_page", "GET", roster)
            if page is None or page.status_code != 200:
                await asyncio.sleep(1)
                continue
            csrf = CSRF.search(page.text)
            mine = [
                html.unescape(url)
                for url, pid in pattern.findall(page.text)
                if int(pid) % count == index
            ]
            for url in mine:
                await self.call(http, "confirm", "POST", url, data={"csrf_token": csrf[1]})
            if not mine:
                await asyncio.sleep(0.5)

    async def run(self, clients: int, organisers: int) -> Journal:
        self.journal.started = time.monotonic()
        async with self.http:
            await asyncio.gather(
                *(self.participant(n) for n in range(clients)),
                *(self.organiser(k, organisers) for k in range(organisers)),
            )
        self.journal.finished = time.monotonic()
        return self.journal
