"""Deterministic generator of a realistic demo participant population (no database, no Flask).

The demo event is an international cooperation exchange of a German cluster network: about 45 %
German participants, international guests from 14 further countries, all ten actor types, offers
and needs in German and English that complement each other, and meeting requests between them.
"""

import dataclasses
import random
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from matchmaker.demo import catalogue as cat
from matchmaker.models.enums import ActorType, ItemKind, ParticipantStatus, RequestPriority


@dataclass(frozen=True)
class ItemSpec:
    """One offer or need of a participant."""

    kind: ItemKind
    category: str  # a key of DEFAULT_CATEGORIES
    title: str
    description: str
    language: str  # "de" or "en"


@dataclass(frozen=True)
class ParticipantSpec:
    """One generated participant with profile, offers, needs and availability."""

    index: int
    first_name: str
    last_name: str
    email: str
    organisation: str
    actor_type: ActorType
    country: str  # ISO 3166-1 alpha-2
    city: str
    website: str
    languages: tuple[str, ...]  # ISO 639-1 codes, main language first
    profile_language: str  # "de" or "en": language of profile_text and request messages
    profile_text: str
    offers: tuple[ItemSpec, ...]
    needs: tuple[ItemSpec, ...]
    sessions: tuple[int, ...]  # 0 = morning, 1 = afternoon
    max_meetings: int | None
    booth: bool
    status: ParticipantStatus


@dataclass(frozen=True)
class RequestSpec:
    """A meeting request from one participant (by index) to another."""

    sender: int
    receiver: int
    priority: RequestPriority
    message: str


@dataclass(frozen=True)
class Population:
    """The generated participants and their meeting requests."""

    participants: tuple[ParticipantSpec, ...]
    requests: tuple[RequestSpec, ...]


@dataclass
class _Org:
    name: str
    slug: str
    actor: ActorType
    country: cat.Country
    city: str
    sectors: tuple[str, ...]
    size: int


_COUNTRY = {c.code: c for c in cat.COUNTRIES}
_TRANSLIT = str.maketrans(cat.TRANSLITERATION)
_SECTOR_WEIGHT = 4.0  # template weight within the organisation's own sectors
_MEAN_DELEGATION = sum(  # expected number of participants per organisation
    w * sum(size * p for size, p in enumerate(cat.DELEGATION_SIZES[a], 1))
    for a, w in cat.ACTOR_WEIGHTS.items()
) / sum(cat.ACTOR_WEIGHTS.values())


def _ascii(text: str) -> str:
    """Transliterate to lowercase ASCII (ä -> ae, é -> e, ł -> l)."""
    text = unicodedata.normalize("NFC", text.lower()).translate(_TRANSLIT)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _words(text: str) -> str:
    """Lowercase ASCII words joined by hyphens ("Jean-Luc Lefèvre" -> jean-luc-lefevre)."""
    return "-".join(re.findall(r"[a-z0-9]+", _ascii(text)))


# Slugs of all company legal forms, longest first, stripped from the end of organisation slugs.
_LEGAL_SLUGS = sorted({_words(f) for c in cat.COUNTRIES for f in c.legal_forms} | {"e-v"},
                      key=lambda legal: (-len(legal), legal))  # fmt: skip


def _slug(name: str, max_len: int = 48) -> str:
    """Domain label for an organisation name: without legal form, cut at a word boundary."""
    slug = _words(name)
    for legal in _LEGAL_SLUGS:
        if slug.endswith("-" + legal):
            slug = slug.removesuffix("-" + legal)
            break
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug or "org"


def _unique(value: str, taken: set[str], sep: str) -> str:
    """The value, or the value with the lowest free number appended; recorded as taken."""
    out, k = value, 2
    while out in taken:
        out, k = f"{value}{sep}{k}", k + 1
    taken.add(out)
    return out


def _quota(weights: dict, m: int, rng: random.Random) -> list:
    """Shuffled list of m keys in proportion to weights; every key at least once if m allows."""
    keys, total = list(weights), sum(weights.values())
    counts = {k: max(int(m >= len(keys)), int(m * weights[k] / total)) for k in keys}
    while sum(counts.values()) < m:  # hand out the remainder by weight
        counts[rng.choices(keys, list(weights.values()))[0]] += 1
    while sum(counts.values()) > m:
        counts[max(keys, key=counts.__getitem__)] -= 1
    out = [k for k in keys for _ in range(counts[k])]
    rng.shuffle(out)
    return out


def _org_name(rng: random.Random, actor: ActorType, c: cat.Country, city: str, sector: str) -> str:
    """A fictional organisation name for the actor type, country and main sector."""
    li = 0 if c.code in cat.GERMAN_SPEAKING else 1
    pattern = rng.choice(cat.ORG_PATTERNS[actor.value][li])
    startup = rng.choice(cat.STARTUP_STEMS) + rng.choice(cat.STARTUP_ENDINGS)
    return pattern.format(
        stem=rng.choice(cat.NAME_PREFIXES) + rng.choice(cat.NAME_SUFFIXES),
        startup=startup + rng.choice(cat.STARTUP_LABELS),
        word=cat.SECTOR_NAME_WORDS[sector][li],
        field=cat.RESEARCH_FIELDS[sector][li],
        theme=cat.CLUSTER_THEMES[sector][li],
        region=rng.choice(c.regions),
        city=city,
        legal=rng.choice(c.legal_forms[:-1] or c.legal_forms),
        legal_large=c.legal_forms[-1],
    )


def _organisations(n: int, rng: random.Random) -> list[_Org]:
    """Organisations whose delegation sizes add up to exactly n participants."""
    m = max(1, round(n / _MEAN_DELEGATION))
    actors = [ActorType(a) for a in _quota(cat.ACTOR_WEIGHTS, m, rng)]
    countries = _quota({c.code: c.weight for c in cat.COUNTRIES}, m, rng)
    sectors, sector_w = list(cat.SECTOR_WEIGHTS), list(cat.SECTOR_WEIGHTS.values())
    orgs: list[_Org] = []
    names: set[str] = set()
    slugs: set[str] = set()
    total = 0
    while total < n or len(orgs) < m:
        i = len(orgs)
        if i < m:
            actor, c = actors[i], _COUNTRY[countries[i]]
        else:
            actor = ActorType(rng.choices(list(cat.ACTOR_WEIGHTS), cat.ACTOR_WEIGHTS.values())[0])
            c = rng.choices(cat.COUNTRIES, [c.weight for c in cat.COUNTRIES])[0]
        city = rng.choice(c.cities)
        own = rng.choices(sectors, sector_w, k=2)
        own = own[:1] if own[0] == own[1] or rng.random() < 0.55 else own
        for _ in range(8):  # invented names may repeat: retry, then number them
            name = _org_name(rng, actor, c, city, own[0])
            if name not in names:
                break
        name = _unique(name, names, " ")
        slug = _unique(_slug(name), slugs, "-")
        size = rng.choices((1, 2, 3), cat.DELEGATION_SIZES[actor.value])[0]
        orgs.append(_Org(name, slug, actor, c, city, tuple(own), size))
        total += size
    big = [o for o in orgs if o.size > 1]
    for _ in range(total - n):  # shrink delegations (never below one person) until n fits
        org = rng.choice(big)
        org.size -= 1
        if org.size == 1:
            big.remove(org)
    return orgs


def _languages(rng: random.Random, c: cat.Country) -> tuple[str, ...]:
    """Spoken languages: the national one, usually English, sometimes German or French."""
    langs = [c.language]
    if c.code == "CH" and rng.random() < 0.4:
        langs.append("fr")
    if rng.random() < c.p_english:
        langs.append("en")
    if c.language != "de" and rng.random() < c.p_german:
        langs.append("de")
    if "fr" not in langs and rng.random() < 0.06:
        langs.append("fr")
    return tuple(langs)


@cache
def _candidates(kind: ItemKind, actor: ActorType, sectors: tuple[str, ...]) -> tuple:
    """Weighted templates (template, weight) suitable for an actor type and its sectors."""
    templates = cat.OFFER_TEMPLATES if kind is ItemKind.OFFER else cat.NEED_TEMPLATES
    out = []
    for t in templates:
        if actor.value not in {cat.ACTOR_CODES[code] for code in t.actors.split()}:
            continue
        if t.sectors and not set(t.sectors.split()) & set(sectors):
            continue
        if t.category == "*":
            out.append((t, 1.5))
        elif t.category in sectors:
            out.append((t, _SECTOR_WEIGHT))
        elif t.category in cat.CROSS_CUTTING:
            out.append((t, cat.CROSS_CUTTING_WEIGHT.get(actor.value, 1.0)))
    return tuple(out)


def _items(rng: random.Random, kind: ItemKind, org: _Org, lang: str) -> tuple[ItemSpec, ...]:
    """One to four offers or needs drawn from the templates, without repetition."""
    pool = list(_candidates(kind, org.actor, org.sectors))
    k = rng.choices((1, 2, 3, 4), (30, 35, 25, 10))[0]
    items = []
    for drawn in range(min(k, len(pool))):
        # The first item comes from the organisation's own sectors whenever there is one.
        own = [w if w >= _SECTOR_WEIGHT or drawn else 0.0 for _t, w in pool]
        weights = own if any(own) else [w for _t, w in pool]
        t, _w = pool.pop(rng.choices(range(len(pool)), weights)[0])
        if kind is ItemKind.OFFER or org.country.code != "DE" and rng.random() < 0.7:
            market = org.country if kind is ItemKind.OFFER else _COUNTRY["DE"]
        else:
            market = rng.choice([c for c in cat.COUNTRIES if c is not org.country])
        sector = org.sectors[0] if t.category == "*" else t.category
        item_lang = "en" if lang == "de" and rng.random() < 0.12 else lang
        topic_de, topic_en = cat.SECTOR_TOPICS[org.sectors[0]]
        fields = {"market_de": market.name_de, "market_en": market.name_en}
        fields.update(topic_de=topic_de, topic_en=topic_en)
        de = item_lang == "de"
        title = (t.title_de if de else t.title_en).format(**fields)
        description = (t.detail_de if de else t.detail_en).format(**fields)
        items.append(ItemSpec(kind, sector, title, description, item_lang))
    return tuple(items)


def _profile_text(rng: random.Random, org: _Org, lang: str, offer: str, need: str) -> str:
    """Two or three sentences introducing the organisation in the given language."""
    li = 0 if lang == "de" else 1
    text = cat.PROFILE_INTROS[lang].format(
        org=org.name,
        phrase=cat.ACTOR_PHRASES[org.actor.value][li],
        city=org.city,
        country=org.country.name_en,
        topics=cat.TOPIC_JOINERS[lang].join(cat.SECTOR_TOPICS[s][li] for s in org.sectors),
        offer=offer,
        need=need,
    )
    return text + " " + rng.choice(cat.PROFILE_CLOSINGS[lang]) if rng.random() < 0.6 else text


def _participants(rng: random.Random, orgs: list[_Org]) -> tuple[list[ParticipantSpec], list[int]]:
    """Participants of all organisations and, per participant, the index of its organisation."""
    people: list[ParticipantSpec] = []
    org_of: list[int] = []
    emails: set[str] = set()
    statuses = (ParticipantStatus.CONFIRMED, ParticipantStatus.REGISTERED,
                ParticipantStatus.CANCELLED)  # fmt: skip
    for oi, org in enumerate(orgs):
        c = org.country
        for _ in range(org.size):
            first, last = rng.choice(c.first_names), rng.choice(c.last_names)
            if c.code in cat.GENDERED_SURNAME_COUNTRIES and first.endswith(("a", "e")):
                last = cat.FEMININE_SURNAMES.get(last, last)
            local = f"{_words(first)}.{_words(last)}"
            email, k = f"{local}@{org.slug}.example", 2
            while email in emails:
                email, k = f"{local}{k}@{org.slug}.example", k + 1
            emails.add(email)
            langs = _languages(rng, c)
            german = "de" in langs and (
                "en" not in langs or rng.random() < cat.GERMAN_PROFILE_SHARE.get(c.code, 0)
            )
            lang = "de" if german else "en"
            offers = _items(rng, ItemKind.OFFER, org, lang)
            needs = _items(rng, ItemKind.NEED, org, lang)
            max_meetings = rng.randint(4, 8) if rng.random() < 0.2 else None
            people.append(
                ParticipantSpec(
                    index=len(people),
                    first_name=first,
                    last_name=last,
                    email=email,
                    organisation=org.name,
                    actor_type=org.actor,
                    country=c.code,
                    city=org.city,
                    website=f"https://{org.slug}.example",
                    languages=langs,
                    profile_language=lang,
                    profile_text=_profile_text(rng, org, lang, offers[0].title, needs[0].title),
                    offers=offers,
                    needs=needs,
                    sessions=rng.choices(((0, 1), (0,), (1,)), (80, 10, 10))[0],
                    max_meetings=max_meetings,
                    booth=False,
                    status=rng.choices(statuses, (87, 11, 2))[0],
                )
            )
            org_of.append(oi)
    # A few exhibitors with a booth: the first confirmed delegate of some organisations.
    firsts = [i for i in range(len(people)) if i == 0 or org_of[i] != org_of[i - 1]]
    eligible = [i for i in firsts if people[i].actor_type.value in cat.BOOTH_ACTORS
                and people[i].status is ParticipantStatus.CONFIRMED]  # fmt: skip
    for i in rng.sample(eligible, min(len(eligible), max(1, round(len(people) / 30)))):
        people[i] = dataclasses.replace(people[i], booth=True)
    return people, org_of


def _requests(
    rng: random.Random, people: list[ParticipantSpec], org_of: list[int]
) -> tuple[RequestSpec, ...]:
    """Meeting requests: 3-8 per confirmed participant, towards complementary, popular receivers."""
    weight = {}
    by_category: dict[str, list[int]] = {}
    for p in people:
        if p.status is ParticipantStatus.CANCELLED:
            continue
        boost = cat.POPULARITY.get(p.actor_type.value, 1.0) * (3.0 if p.booth else 1.0)
        weight[p.index] = min(rng.paretovariate(1.2), 25.0) * boost  # heavy-tailed popularity
        for category in dict.fromkeys(item.category for item in p.offers):
            by_category.setdefault(category, []).append(p.index)
    pools = {c: (idx, list(accumulate(weight[i] for i in idx))) for c, idx in by_category.items()}
    everyone = list(weight)
    pools[""] = (everyone, list(accumulate(weight[i] for i in everyone)))
    requests: list[RequestSpec] = []
    for s in people:
        if s.status is not ParticipantStatus.CONFIRMED:
            continue
        need_categories = [c for c in dict.fromkeys(i.category for i in s.needs) if c in pools]
        wanted, chosen, tried = rng.randint(3, 8), {}, 0
        while len(chosen) < wanted and tried < wanted * 8:
            tried += 1
            category = rng.choice(need_categories) if need_categories and rng.random() < 0.8 else ""
            idx, cum = pools[category]
            r = idx[bisect_right(cum, rng.random() * cum[-1])]
            if r != s.index and r not in chosen and org_of[r] != org_of[s.index]:
                chosen[r] = category
        messages = cat.MESSAGES_MATCH[s.profile_language]
        for r, category in chosen.items():
            receiver = people[r]
            offers = [o.title for o in receiver.offers if o.category == category] or [""]
            pick = rng.choice(messages if offers[0] else cat.MESSAGES_GENERIC[s.profile_language])
            name = f"{receiver.first_name} {receiver.last_name}"
            message = pick.format(name=name, offer=offers[0])
            priority = RequestPriority.MUST if rng.random() < 0.25 else RequestPriority.WOULD_LIKE
            requests.append(RequestSpec(s.index, r, priority, message))
    return tuple(requests)


def generate_population(n: int = 150, seed: int = 2026) -> Population:
    """Generate n participants and their meeting requests, deterministically for (n, seed)."""
    if n < 0:
        raise ValueError("n must not be negative")
    if n == 0:
        return Population((), ())
    rng = random.Random(seed)
    people, org_of = _participants(rng, _organisations(n, rng))
    return Population(tuple(people), _requests(rng, people, org_of))
