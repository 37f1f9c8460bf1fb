"""Static data for the demo population: countries, names, organisations, offer/need templates.

Everything here is fictional. Organisation names are assembled from invented stems; e-mail and web
addresses use the reserved ``.example`` top-level domain.
"""

from typing import NamedTuple


class Country(NamedTuple):
    """A participating country with its naming material."""

    code: str  # ISO 3166-1 alpha-2
    weight: int  # share of organisations in percent
    name_en: str
    name_de: str
    language: str  # ISO 639-1 code of the main national language
    p_english: float  # probability that a participant also speaks English
    p_german: float  # probability that a non-German-speaking participant also speaks German
    cities: tuple[str, ...]
    regions: tuple[str, ...]  # fictional-sounding regional names for institutes and clusters
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    legal_forms: tuple[str, ...]  # company legal forms, the last one is used for large companies


# fmt: off
COUNTRIES: tuple[Country, ...] = (
    Country(
        "DE", 45, "Germany", "Deutschland", "de", 0.92, 1.0,
        ("Hamburg", "Bremen", "Kiel", "Rostock", "Hannover", "Oldenburg", "Dortmund", "Essen",
         "Duisburg", "Köln", "Düsseldorf", "Aachen", "Münster", "Bielefeld", "München", "Nürnberg",
         "Augsburg", "Regensburg", "Stuttgart", "Karlsruhe", "Leipzig", "Dresden", "Berlin",
         "Magdeburg", "Erfurt"),
        ("Nordland", "Elbe-Weser", "Unterelbe", "Marschland", "Ruhr-Lippe", "Rhein-Maas",
         "Teutoburg", "Mainbogen", "Oberland", "Donau-Iller", "Mitteldeutschland", "Spreewald-Süd"),
        ("Anna", "Lena", "Katharina", "Julia", "Sabine", "Miriam", "Jana", "Sophie", "Ute", "Jörg",
         "Lukas", "Matthias", "Stefan", "Thomas", "Jürgen", "Tobias", "Björn", "Felix",
         "Maximilian", "Kai", "Uwe", "Frauke", "Hannah", "Malte", "Sönke", "Gülay", "Mehmet"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
         "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
         "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange", "Brandt", "Jansen", "Petersen",
         "Köhler", "Groß", "Böhm", "Vogt", "Kühn", "Möller", "Yılmaz"),
        ("GmbH", "GmbH & Co. KG", "UG (haftungsbeschränkt)", "AG"),
    ),
    Country(
        "AT", 6, "Austria", "Österreich", "de", 0.9, 1.0,
        ("Wien", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt"),
        ("Donauraum", "Alpenvorland", "Steiermark-Süd"),
        ("Florian", "Lukas", "David", "Katrin", "Elisabeth", "Johanna", "Stefan", "Christoph",
         "Verena", "Theresa", "Markus", "Andrea"),
        ("Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer", "Hofer",
         "Leitner", "Berger", "Fuchs", "Eder", "Fischer", "Schwarz"),
        ("GmbH", "AG"),
    ),
    Country(
        "CH", 5, "Switzerland", "Schweiz", "de", 0.93, 1.0,
        ("Zürich", "Basel", "Bern", "Winterthur", "St. Gallen", "Luzern"),
        ("Mittelland", "Jurasüdfuss", "Limmattal"),
        ("Luca", "Noah", "Lea", "Laura", "Reto", "Urs", "Beat", "Sarah", "Nicole", "Martin",
         "Céline", "Mathieu", "Chiara", "Daniel"),
        ("Meier", "Keller", "Brunner", "Frei", "Baumann", "Zürcher", "Gerber", "Widmer", "Favre",
         "Rochat", "Bianchi", "Lüthi", "Studer", "Moser"),
        ("GmbH", "AG"),
    ),
    Country(
        "NL", 6, "Netherlands", "Niederlande", "nl", 0.97, 0.45,
        ("Rotterdam", "Amsterdam", "Eindhoven", "Groningen", "Utrecht", "Enschede", "Delft"),
        ("Noord-Delta", "Twente", "Brabant-Oost"),
        ("Daan", "Sem", "Lotte", "Sanne", "Femke", "Joost", "Pieter", "Maarten", "Eva", "Anouk",
         "Bram", "Ruud", "Ingrid", "Thijs"),
        ("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit",
         "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Hendriks", "van Leeuwen"),
        ("B.V.", "N.V."),
    ),
    Country(
        "DK", 4, "Denmark", "Dänemark", "da", 0.96, 0.3,
        ("København", "Aarhus", "Odense", "Aalborg", "Esbjerg"),
        ("Østjylland", "Syddanmark", "Nordjylland"),
        ("Mads", "Søren", "Rasmus", "Mette", "Freja", "Ida", "Anders", "Kasper", "Line", "Signe",
         "Jens", "Camilla"),
        ("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
         "Sørensen", "Rasmussen", "Jørgensen", "Madsen", "Kristensen", "Møller"),
        ("ApS", "A/S"),
    ),
    Country(
        "PL", 6, "Poland", "Polen", "pl", 0.9, 0.3,
        ("Gdańsk", "Szczecin", "Poznań", "Wrocław", "Kraków", "Łódź", "Warszawa"),
        ("Pomerania", "Silesia", "Greater Poland"),
        ("Piotr", "Krzysztof", "Tomasz", "Paweł", "Łukasz", "Agnieszka", "Katarzyna",
         "Małgorzata", "Magdalena", "Joanna", "Michał", "Marta", "Zofia", "Wojciech"),
        ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
         "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Mazur", "Krawczyk"),
        ("Sp. z o.o.", "S.A."),
    ),
    Country(
        "CZ", 4, "Czechia", "Tschechien", "cs", 0.9, 0.35,
        ("Praha", "Brno", "Ostrava", "Plzeň", "Liberec"),
        ("Moravia", "Central Bohemia"),
        ("Jan", "Petr", "Tomáš", "Jiří", "Lucie", "Tereza", "Kateřina", "Martin", "Eva", "Ondřej",
         "Veronika", "Lukáš"),
        ("Novák", "Svoboda", "Novotný", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý",
         "Horák", "Němec", "Marek", "Pokorný"),
        ("s.r.o.", "a.s."),
    ),
    Country(
        "FR", 5, "France", "Frankreich", "fr", 0.88, 0.15,
        ("Strasbourg", "Lyon", "Lille", "Nantes", "Toulouse", "Grenoble", "Paris"),
        ("Grand Est", "Auvergne-Rhône", "Hauts-de-France"),
        ("Camille", "Léa", "Manon", "Chloé", "Julien", "Thomas", "Nicolas", "Antoine", "Élodie",
         "Mathilde", "François", "Hélène", "Pierre", "Aurélien"),
        ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
         "Moreau", "Lefèvre", "Fournier", "Girard", "Garnier", "Rousseau"),
        ("SAS", "SARL", "S.A."),
    ),
    Country(
        "ES", 4, "Spain", "Spanien", "es", 0.88, 0.1,
        ("Barcelona", "Bilbao", "Valencia", "Madrid", "Zaragoza", "Sevilla"),
        ("Basque Coast", "Levante", "Aragon"),
        ("Javier", "Alejandro", "Lucía", "María", "Carmen", "Pablo", "Sergio", "Marta", "Laura",
         "Iñigo", "Nuria", "Raúl", "Begoña"),
        ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
         "Gómez", "Ruiz", "Iglesias", "Echeverría", "Núñez", "Ortega"),
        ("S.L.", "S.A."),
    ),
    Country(
        "IT", 4, "Italy", "Italien", "it", 0.88, 0.12,
        ("Milano", "Torino", "Bologna", "Padova", "Genova", "Trento"),
        ("Po Valley", "Piedmont", "Veneto"),
        ("Giulia", "Francesca", "Chiara", "Alessandro", "Marco", "Luca", "Matteo", "Sara",
         "Federica", "Lorenzo", "Paolo", "Elena", "Davide"),
        ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
         "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Fontana"),
        ("S.r.l.", "S.p.A."),
    ),
    Country(
        "SE", 3, "Sweden", "Schweden", "sv", 0.97, 0.2,
        ("Göteborg", "Malmö", "Stockholm", "Linköping", "Luleå"),
        ("West Sweden", "Norrbotten", "Skåne"),
        ("Erik", "Lars", "Karin", "Ingrid", "Johan", "Oskar", "Maja", "Elin", "Anna", "Björn",
         "Sofia", "Magnus"),
        ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
         "Persson", "Svensson", "Gustafsson", "Lindqvist", "Åberg", "Sjöberg", "Ekström"),
        ("AB",),
    ),
    Country(
        "FI", 2, "Finland", "Finnland", "fi", 0.95, 0.15,
        ("Helsinki", "Tampere", "Oulu", "Turku"),
        ("Pirkanmaa", "Uusimaa", "Northern Ostrobothnia"),
        ("Mikko", "Juha", "Antti", "Laura", "Aino", "Sanna", "Jukka", "Tiina", "Ville", "Elina",
         "Pekka", "Heidi"),
        ("Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
         "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Saarinen"),
        ("Oy", "Oyj"),
    ),
    Country(
        "NO", 2, "Norway", "Norwegen", "no", 0.96, 0.15,
        ("Oslo", "Bergen", "Trondheim", "Stavanger"),
        ("Western Norway", "Trøndelag"),
        ("Ole", "Lars", "Kari", "Ingrid", "Håkon", "Sigrid", "Eirik", "Marte", "Øystein", "Silje",
         "Torbjørn", "Hanne"),
        ("Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Berg", "Haugen", "Hagen",
         "Solberg", "Bakke", "Lie", "Dahl", "Økland"),
        ("AS", "ASA"),
    ),
    Country(
        "EE", 2, "Estonia", "Estland", "et", 0.95, 0.1,
        ("Tallinn", "Tartu", "Pärnu", "Narva"),
        ("Harju", "South Estonia"),
        ("Kristjan", "Mart", "Tanel", "Kadri", "Kertu", "Liis", "Triin", "Rasmus", "Priit",
         "Maarja", "Siim", "Helen"),
        ("Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Ilves", "Pärn", "Koppel",
         "Lepik", "Oja"),
        ("OÜ", "AS"),
    ),
    Country(
        "UA", 2, "Ukraine", "Ukraine", "uk", 0.88, 0.15,
        ("Kyiv", "Lviv", "Kharkiv", "Dnipro", "Odesa"),
        ("Western Ukraine", "Dnipro Valley"),
        ("Oleksandr", "Andrii", "Olena", "Iryna", "Dmytro", "Kateryna", "Mykola", "Yuliia",
         "Serhii", "Nataliia", "Taras", "Oksana"),
        ("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko",
         "Koval", "Oliinyk", "Lysenko", "Marchenko", "Savchenko"),
        ("TOV", "PJSC"),
    ),
)
# fmt: on

# Countries whose organisations and participants mostly write in German.
GERMAN_SPEAKING = ("DE", "AT", "CH")

# Share of organisations per actor type (percent), keyed by ActorType value.
ACTOR_WEIGHTS: dict[str, int] = {
    "sme": 30,
    "startup": 15,
    "research_institute": 11,
    "university": 10,
    "large_company": 9,
    "cluster": 7,
    "public_body": 6,
    "association": 5,
    "funder": 4,
    "ngo": 3,
}

# Probabilities of sending 1, 2 or 3 people, per actor type.
DELEGATION_SIZES: dict[str, tuple[float, float, float]] = {
    "sme": (0.92, 0.07, 0.01),
    "startup": (0.9, 0.1, 0.0),
    "research_institute": (0.8, 0.15, 0.05),
    "university": (0.8, 0.15, 0.05),
    "large_company": (0.7, 0.22, 0.08),
    "cluster": (0.85, 0.15, 0.0),
    "public_body": (0.85, 0.12, 0.03),
    "association": (0.92, 0.08, 0.0),
    "funder": (0.9, 0.1, 0.0),
    "ngo": (0.95, 0.05, 0.0),
}

# Thematic sectors (category keys) and their weights for an organisation's focus.
SECTOR_WEIGHTS: dict[str, int] = {
    "energy": 14,
    "digital": 14,
    "manufacturing": 12,
    "health": 11,
    "logistics": 11,
    "mobility": 10,
    "circular": 10,
    "food": 9,
    "construction": 9,
}

# Cross-cutting categories used by every sector.
CROSS_CUTTING = ("funding", "regulation", "skills")

# Topic phrases per sector for running text: (German, English).
SECTOR_TOPICS: dict[str, tuple[str, str]] = {
    "energy": ("Energie und Wasserstoff", "energy and hydrogen"),
    "health": ("Gesundheit und Medizintechnik", "health and medical technology"),
    "logistics": ("Logistik und Lieferketten", "logistics and supply chains"),
    "food": ("Lebensmittel und Landwirtschaft", "food and agriculture"),
    "digital": ("Digitalisierung, KI und Daten", "digitalisation, AI and data"),
    "circular": ("Kreislaufwirtschaft und Recycling", "circular economy and recycling"),
    "mobility": ("Mobilität und Fahrzeugtechnik", "mobility and automotive"),
    "manufacturing": ("Produktion und Industrie 4.0", "manufacturing and Industry 4.0"),
    "construction": ("Bauen und Smart City", "construction and smart cities"),
}

# Words used in organisation names per sector: (German, English).
SECTOR_NAME_WORDS: dict[str, tuple[str, str]] = {
    "energy": ("Energietechnik", "Energy"),
    "health": ("Medizintechnik", "Medical"),
    "logistics": ("Logistik", "Logistics"),
    "food": ("Lebensmittel", "Foods"),
    "digital": ("Software", "Digital"),
    "circular": ("Recycling", "Materials"),
    "mobility": ("Fahrzeugtechnik", "Mobility"),
    "manufacturing": ("Maschinenbau", "Automation"),
    "construction": ("Bau", "Building Solutions"),
}

# Research fields per sector for institute names: (German, English).
RESEARCH_FIELDS: dict[str, tuple[str, str]] = {
    "energy": ("Wasserstofftechnologien", "Hydrogen Technologies"),
    "health": ("Medizinische Systeme", "Medical Systems"),
    "logistics": ("Logistik und Verkehr", "Logistics and Transport"),
    "food": ("Lebensmitteltechnologie", "Food Technology"),
    "digital": ("Angewandte Informatik", "Applied Computing"),
    "circular": ("Werkstoffkreisläufe", "Circular Materials"),
    "mobility": ("Fahrzeugsysteme", "Vehicle Systems"),
    "manufacturing": ("Produktionstechnik", "Production Engineering"),
    "construction": ("Nachhaltiges Bauen", "Sustainable Building"),
}

# Cluster themes per sector: (German, English).
CLUSTER_THEMES: dict[str, tuple[str, str]] = {
    "energy": ("Wasserstoff", "Hydrogen"),
    "health": ("Gesundheitswirtschaft", "Health"),
    "logistics": ("Logistik", "Logistics"),
    "food": ("Ernährungswirtschaft", "Agrifood"),
    "digital": ("Digitalwirtschaft", "Digital"),
    "circular": ("Kreislaufwirtschaft", "Circular Economy"),
    "mobility": ("Mobilität", "Mobility"),
    "manufacturing": ("Produktionstechnik", "Advanced Manufacturing"),
    "construction": ("Bauwirtschaft", "Smart Building"),
}

# Invented stems for company names: prefix + suffix, e.g. "Elbtronic", "Falkgrid".
NAME_PREFIXES = (
    "Nord",
    "Elb",
    "Hanse",
    "Weser",
    "Rhein",
    "Isar",
    "Alp",
    "Baltic",
    "Fjord",
    "Delta",
    "Polar",
    "Terra",
    "Aqua",
    "Ferro",
    "Lumen",
    "Vento",
    "Solis",
    "Kobalt",
    "Quarz",
    "Tannen",
    "Falk",
    "Lotsen",
    "Kran",
    "Greif",
    "Anker",
    "Birken",
    "Fels",
    "Mira",
    "Orbis",
    "Kestrel",
)
NAME_SUFFIXES = (
    "tec",
    "werk",
    "tronic",
    "flow",
    "lab",
    "gen",
    "mark",
    "line",
    "form",
    "sens",
    "grid",
    "port",
    "bau",
    "logic",
    "motion",
    "cycle",
    "mat",
)
STARTUP_STEMS = (
    "Hydro",
    "Volt",
    "Grid",
    "Medi",
    "Care",
    "Cargo",
    "Route",
    "Agri",
    "Crop",
    "Data",
    "Byte",
    "Loop",
    "Cycle",
    "Mobi",
    "Fab",
    "Robo",
    "Brick",
    "Sense",
    "Nova",
    "Kelp",
)
STARTUP_ENDINGS = (
    "ify",
    "ly",
    "io",
    "ix",
    "ara",
    "base",
    "mind",
    "wise",
    "nest",
    "hub",
    "flux",
    "nauts",
)
STARTUP_LABELS = ("", "", "", " Labs", " Technologies", ".ai", " Systems")

# Descriptions of each actor type in profile texts: (German, English).
ACTOR_PHRASES: dict[str, tuple[str, str]] = {
    "sme": ("ein mittelständisches Unternehmen", "a medium-sized company"),
    "large_company": ("ein international tätiges Großunternehmen", "an international corporation"),
    "research_institute": (
        "eine anwendungsorientierte Forschungseinrichtung",
        "an applied research institute",
    ),
    "university": (
        "eine Hochschule mit starkem Praxisbezug",
        "a university with strong industry links",
    ),
    "cluster": ("ein Cluster- und Netzwerkmanagement", "a cluster and network organisation"),
    "public_body": ("eine Einrichtung der öffentlichen Hand", "a public body"),
    "association": ("ein Branchenverband", "an industry association"),
    "ngo": ("eine gemeinnützige Organisation", "a non-profit organisation"),
    "funder": ("ein Finanzierungs- und Förderpartner", "a funding and investment partner"),
    "startup": ("ein junges Start-up", "a young start-up"),
}

# Profile texts per language: an introduction, optionally followed by a closing sentence.
PROFILE_INTROS = {
    "de": "{org} ist {phrase} aus {city} mit Schwerpunkt {topics}. "
    "Wir bieten unter anderem „{offer}“ und suchen „{need}“.",
    "en": "{org} is {phrase} based in {city}, {country}, focusing on {topics}. "
    'We offer "{offer}" and are looking for "{need}".',
}
TOPIC_JOINERS = {"de": " sowie ", "en": " as well as "}
PROFILE_CLOSINGS = {
    "de": (
        "Wir freuen uns auf neue Kooperationen im In- und Ausland.",
        "Besonders interessieren uns gemeinsame Förder- und Pilotprojekte.",
        "Gern tauschen wir uns auch über Erfahrungen mit internationalen Partnern aus.",
        "Wir suchen langfristige Partnerschaften auf Augenhöhe.",
        "Sprechen Sie uns an – wir sind offen für neue Ideen.",
    ),
    "en": (
        "We are keen to start new cross-border cooperations.",
        "We are especially interested in joint funded projects and pilots.",
        "We would be glad to exchange experiences with German partners.",
        "We are looking for long-term partnerships.",
        "Happy to talk about any idea that fits – just send us a request.",
    ),
}

# Request messages per language: referring to one of the receiver's offers, or generic.
MESSAGES_MATCH = {
    "de": (
        "Guten Tag {name}, Ihr Angebot „{offer}“ passt gut zu unserem Bedarf. Hätten Sie Zeit "
        "für ein Gespräch?",
        "Hallo {name}, „{offer}“ klingt sehr interessant für uns – ich würde Sie gern "
        "kennenlernen.",
        "Guten Tag {name}, wir suchen genau das: „{offer}“. Ich freue mich auf den Austausch!",
    ),
    "en": (
        'Dear {name}, your offer "{offer}" fits our needs very well. Could we meet?',
        'Hello {name}, "{offer}" sounds highly relevant for us – I would love to talk.',
        'Hi {name}, we are looking for exactly this: "{offer}". Looking forward to meeting you!',
    ),
}
MESSAGES_GENERIC = {
    "de": (
        "Guten Tag {name}, ich sehe interessante Anknüpfungspunkte zwischen unseren "
        "Organisationen.",
        "Hallo {name}, ich würde mich über ein kurzes Kennenlernen freuen.",
    ),
    "en": (
        "Dear {name}, I see interesting links between our organisations. Shall we meet?",
        "Hello {name}, I would be glad to get to know you and your work.",
    ),
}


class ItemTemplate(NamedTuple):
    """An offer or need template. ``category`` "*" means the organisation's main sector."""

    category: str
    actors: str  # space-separated actor codes, see ACTOR_CODES
    title_de: str
    title_en: str
    detail_de: str
    detail_en: str
    sectors: str = ""  # space-separated main sectors the template is limited to, "" for any


# Short actor codes used in the templates below, mapped to ActorType values.
ACTOR_CODES: dict[str, str] = {
    "sme": "sme",
    "lc": "large_company",
    "ri": "research_institute",
    "un": "university",
    "cl": "cluster",
    "pb": "public_body",
    "as": "association",
    "ngo": "ngo",
    "fu": "funder",
    "st": "startup",
}

T = ItemTemplate

# Placeholders: {market_de}/{market_en} (a country), {topic_de}/{topic_en} (the main sector).
# Templates with category "*" are filed under the main sector, so that requests for them reach
# organisations of that sector (e.g. a funder looking for deal flow meets start-ups).
OFFER_TEMPLATES: tuple[ItemTemplate, ...] = (
    # energy
    T(
        "energy",
        "ri un",
        "Elektrolyseur-Prüfstand für PEM-Stacks",
        "Test bench for PEM electrolyser stacks",
        "Lebensdauer-, Effizienz- und Degradationstests von Elektrolyseuren bis 1 MW.",
        "Durability, efficiency and degradation tests of electrolysers up to 1 MW.",
    ),
    T(
        "energy",
        "sme lc",
        "Wasserstoff-Tankstellen und Betankungslogistik",
        "Hydrogen refuelling stations and refuelling logistics",
        "Planung, Bau und Betrieb von Wasserstoff-Tankstellen für Busse und Lkw.",
        "Planning, building and operation of hydrogen refuelling stations for buses and trucks.",
    ),
    T(
        "energy",
        "sme st",
        "Batteriespeicher-Management mit KI-Prognosen",
        "AI-based battery storage management",
        "Software zur Lastprognose und Optimierung von Gewerbespeichern und Lastspitzen.",
        "Software for load forecasting, peak shaving and optimisation of commercial storage.",
    ),
    T(
        "energy",
        "sme lc",
        "Offshore-Wind-Servicelogistik",
        "Offshore wind service logistics",
        "Wartung, Inspektion und Ersatzteillogistik für Offshore-Windparks.",
        "Maintenance, inspection and spare-parts logistics for offshore wind farms.",
    ),
    T(
        "energy",
        "ri un",
        "Simulation von Wärmenetzen und Sektorkopplung",
        "Simulation of heat networks and sector coupling",
        "Digitale Zwillinge für die kommunale Wärmeplanung und Power-to-Heat.",
        "Digital twins for municipal heat planning and power-to-heat.",
    ),
    T(
        "energy",
        "st sme",
        "Photovoltaik-Monitoring mit Drohnen",
        "Drone-based photovoltaic monitoring",
        "Thermografie und automatische Fehlererkennung in Photovoltaik-Anlagen.",
        "Thermography and automatic fault detection in photovoltaic plants.",
    ),
    T(
        "energy",
        "lc sme",
        "Komponenten für Wasserstoff-Tankstellen",
        "Components for hydrogen refuelling stations",
        "Kompressoren, Ventile und Sensorik für 350- und 700-bar-Systeme.",
        "Compressors, valves and sensors for 350 and 700 bar systems.",
    ),
    # health
    T(
        "health",
        "ri un",
        "Klinische Validierung von Medizinprodukten",
        "Clinical validation of medical devices",
        "Studienplanung und Durchführung klinischer Studien mit Partnerkliniken.",
        "Design and execution of clinical studies with partner hospitals.",
    ),
    T(
        "health",
        "st sme",
        "KI-gestützte Bildanalyse für die Radiologie",
        "AI-based image analysis for radiology",
        "Zertifizierte Software zur Befundunterstützung in CT und MRT.",
        "Certified software that supports diagnosis in CT and MRI.",
    ),
    T(
        "health",
        "sme lc",
        "Reinraumfertigung für Medizintechnik",
        "Cleanroom manufacturing for medical technology",
        "Auftragsfertigung von Medizinprodukten nach ISO 13485 im Reinraum.",
        "Contract manufacturing of medical devices under ISO 13485 in a cleanroom.",
    ),
    T(
        "health",
        "st sme",
        "Telemedizin-Plattform für ländliche Regionen",
        "Telemedicine platform for rural regions",
        "Videosprechstunde und Fernmonitoring für Pflege und Hausarztpraxen.",
        "Video consultation and remote monitoring for care services and GP practices.",
    ),
    T(
        "health",
        "ri un",
        "Biobank und Zugang zu Forschungsdaten",
        "Biobank and research data access",
        "Pseudonymisierte Gesundheitsdaten und Proben für Forschung und KI-Training.",
        "Pseudonymised health data and samples for research and AI training.",
    ),
    T(
        "health",
        "cl as",
        "Netzwerk von Kliniken für Pilotprojekte",
        "Hospital network for pilot projects",
        "Zugang zu über 30 Kliniken und Pflegeeinrichtungen für Tests im Versorgungsalltag.",
        "Access to more than 30 hospitals and care homes for real-world testing.",
    ),
    # logistics
    T(
        "logistics",
        "st sme",
        "Sensoren zur Kühlkettenüberwachung",
        "Cold-chain monitoring sensors",
        "Funkbasierte Temperatur- und Feuchtesensoren mit Echtzeit-Alarmierung.",
        "Wireless temperature and humidity sensors with real-time alerts.",
    ),
    T(
        "logistics",
        "sme lc",
        "Lager- und Umschlagkapazitäten im Hafen",
        "Warehouse and transhipment capacity at the port",
        "Kontrakt-Logistik, Zolllager und Umschlag Schiene–Schiff.",
        "Contract logistics, bonded warehouse and rail-to-ship transhipment.",
    ),
    T(
        "logistics",
        "st",
        "Routenoptimierung für die letzte Meile",
        "Route optimisation for last-mile delivery",
        "Algorithmen für Tourenplanung mit E-Fahrzeugen und Lastenrädern.",
        "Algorithms for delivery route planning with electric vans and cargo bikes.",
    ),
    T(
        "logistics",
        "ri un",
        "Simulation und Planung von Lieferketten",
        "Supply-chain simulation and planning",
        "Modelle zur Resilienz von Lieferketten und Standortplanung.",
        "Models for supply-chain resilience and site planning.",
    ),
    T(
        "logistics",
        "lc",
        "Multimodale Transporte Schiene und Binnenschiff",
        "Multimodal rail and inland waterway transport",
        "Regelmäßige Verbindungen zwischen Nordseehäfen und Mittel- und Osteuropa.",
        "Scheduled connections between North Sea ports and Central and Eastern Europe.",
    ),
    T(
        "logistics",
        "cl pb",
        "Zugang zu Logistikflächen und Testfeldern",
        "Access to logistics sites and test beds",
        "Flächen, Genehmigungen und Testfelder für neue Logistikkonzepte.",
        "Sites, permits and test beds for new logistics concepts.",
    ),
    # food
    T(
        "food",
        "ri un",
        "Analytik und Haltbarkeitstests für Lebensmittel",
        "Food analytics and shelf-life testing",
        "Akkreditiertes Labor für Mikrobiologie, Sensorik und Haltbarkeitsstudien.",
        "Accredited lab for microbiology, sensory analysis and shelf-life studies.",
    ),
    T(
        "food",
        "st",
        "Pflanzliche Proteinalternativen",
        "Plant-based protein alternatives",
        "Texturierte Proteine aus Erbsen und Ackerbohnen für Fleischersatz.",
        "Textured proteins from peas and faba beans for meat alternatives.",
    ),
    T(
        "food",
        "sme",
        "Vertical-Farming-Anlagen",
        "Vertical farming systems",
        "Schlüsselfertige Indoor-Farmen mit LED-Beleuchtung und Klimasteuerung.",
        "Turnkey indoor farms with LED lighting and climate control.",
    ),
    T(
        "food",
        "sme st",
        "Sensorik für Präzisionslandwirtschaft",
        "Sensors for precision agriculture",
        "Bodenfeuchte- und Nährstoffsensoren mit App für Landwirte.",
        "Soil moisture and nutrient sensors with an app for farmers.",
    ),
    T(
        "food",
        "lc sme",
        "Lohnverarbeitung und Abfüllung",
        "Contract processing and bottling",
        "Freie Kapazitäten für Abfüllung und Verpackung von Getränken und Saucen.",
        "Free capacity for bottling and packaging of beverages and sauces.",
    ),
    T(
        "food",
        "ngo as",
        "Netzwerk regionaler Erzeuger",
        "Network of regional producers",
        "Kontakte zu über 200 Höfen und Direktvermarktern in der Region.",
        "Contacts to more than 200 farms and direct marketers in the region.",
    ),
    # digital
    T(
        "digital",
        "st sme",
        "KI-gestützte Qualitätsprüfung",
        "AI-based quality inspection",
        "Kamerasysteme mit Deep Learning zur automatischen Fehlererkennung in der Produktion.",
        "Camera systems with deep learning for automatic defect detection in production.",
    ),
    T(
        "digital",
        "sme",
        "IT-Sicherheitsberatung nach NIS2",
        "Cybersecurity consulting for NIS2",
        "Risikoanalyse, Penetrationstests und Umsetzung der NIS2-Anforderungen.",
        "Risk analysis, penetration testing and implementation of NIS2 requirements.",
    ),
    T(
        "digital",
        "ri un",
        "Datenräume und Gaia-X-Know-how",
        "Data spaces and Gaia-X know-how",
        "Konzeption und Aufbau souveräner Datenräume für Industrie und Verwaltung.",
        "Design and set-up of sovereign data spaces for industry and public administration.",
    ),
    T(
        "digital",
        "sme st",
        "Digitale Zwillinge für Gebäude und Anlagen",
        "Digital twins for buildings and plants",
        "3D-Modelle mit Live-Sensordaten für Betrieb und Wartung.",
        "3D models with live sensor data for operation and maintenance.",
    ),
    T(
        "digital",
        "lc",
        "Cloud-Infrastruktur und Rechenzentren",
        "Cloud infrastructure and data centres",
        "Rechenkapazität und GPU-Cloud mit Standort in Europa.",
        "Computing capacity and GPU cloud hosted in Europe.",
    ),
    T(
        "digital",
        "un ri",
        "Machine-Learning-Methoden und Datenanalyse",
        "Machine learning methods and data analytics",
        "Forschungsgruppe für erklärbare KI, Zeitreihen und Bildverarbeitung.",
        "Research group for explainable AI, time series and computer vision.",
    ),
    T(
        "digital",
        "sme st",
        "Entwicklung von IoT-Plattformen",
        "IoT platform development",
        "Vernetzung von Maschinen und Sensoren, Dashboards und Datenanalyse.",
        "Connecting machines and sensors, dashboards and data analytics.",
    ),
    # circular
    T(
        "circular",
        "ri un",
        "Werkstoffprüfung und Recyclingfähigkeit",
        "Materials testing and recyclability assessment",
        "Prüfung von Kunststoffen und Verbundwerkstoffen auf Recyclingfähigkeit.",
        "Testing plastics and composites for recyclability.",
    ),
    T(
        "circular",
        "sme",
        "Kunststoffrecycling mit sortenreiner Trennung",
        "Plastics recycling with high-purity sorting",
        "Nahinfrarot-Sortierung und Aufbereitung zu hochwertigen Rezyklaten.",
        "Near-infrared sorting and processing into high-quality recycled materials.",
    ),
    T(
        "circular",
        "st",
        "Marktplatz für Sekundärrohstoffe",
        "Marketplace for secondary raw materials",
        "Online-Plattform zum Handel von Rezyklaten und Produktionsresten.",
        "Online platform for trading recycled materials and production residues.",
    ),
    T(
        "circular",
        "sme lc",
        "Batterierecycling und Second-Life-Speicher",
        "Battery recycling and second-life storage",
        "Rücknahme, Prüfung und Wiederverwendung von Lithium-Ionen-Batterien.",
        "Take-back, testing and reuse of lithium-ion batteries.",
    ),
    T(
        "circular",
        "ri sme",
        "Ökobilanzen (LCA) und CO2-Fußabdruck",
        "Life-cycle assessment (LCA) and carbon footprint",
        "Ökobilanzen nach ISO 14040 und Product Carbon Footprint.",
        "Life-cycle assessments to ISO 14040 and product carbon footprints.",
    ),
    T(
        "circular",
        "sme st",
        "Biobasierte Verpackungsmaterialien",
        "Bio-based packaging materials",
        "Kompostierbare Folien und Schalen aus Agrarreststoffen.",
        "Compostable films and trays made from agricultural residues.",
    ),
    # mobility
    T(
        "mobility",
        "ri un",
        "Testfeld für automatisiertes Fahren",
        "Test field for automated driving",
        "Vernetzte Teststrecke mit 5G und Infrastruktursensorik im Stadtverkehr.",
        "Connected urban test track with 5G and roadside sensors.",
    ),
    T(
        "mobility",
        "sme lc",
        "Leichtbaukomponenten aus Faserverbund",
        "Lightweight fibre composite components",
        "Serienfertigung von CFK- und GFK-Bauteilen für Fahrzeuge.",
        "Series production of carbon and glass fibre parts for vehicles.",
    ),
    T(
        "mobility",
        "st",
        "Sharing-Plattform für E-Lastenräder",
        "Sharing platform for electric cargo bikes",
        "Buchungssoftware und Flottenmanagement für Kommunen und Unternehmen.",
        "Booking software and fleet management for municipalities and companies.",
    ),
    T(
        "mobility",
        "sme",
        "Ladeinfrastruktur für Flotten",
        "Charging infrastructure for fleets",
        "Planung und Installation von Ladepunkten mit Lastmanagement.",
        "Planning and installation of charging points with load management.",
    ),
    T(
        "mobility",
        "lc",
        "Elektrische Antriebsstränge für Nutzfahrzeuge",
        "Electric drivetrains for commercial vehicles",
        "E-Achsen und Batteriesysteme für Busse, Lkw und Sonderfahrzeuge.",
        "E-axles and battery systems for buses, trucks and special vehicles.",
    ),
    T(
        "mobility",
        "pb",
        "Verkehrsdaten und urbane Mobilitätsplanung",
        "Traffic data and urban mobility planning",
        "Offene Verkehrsdaten und Unterstützung bei Pilotprojekten im Stadtgebiet.",
        "Open traffic data and support for pilot projects in the city.",
    ),
    # manufacturing
    T(
        "manufacturing",
        "sme",
        "Additive Fertigung von Metallbauteilen",
        "Additive manufacturing of metal parts",
        "3D-Druck von Prototypen und Kleinserien aus Edelstahl, Titan und Aluminium.",
        "3D printing of prototypes and small series in stainless steel, titanium and aluminium.",
    ),
    T(
        "manufacturing",
        "ri un",
        "Robotik und Mensch-Roboter-Kollaboration",
        "Robotics and human-robot collaboration",
        "Entwicklung und Test kollaborativer Roboter für Montage und Logistik.",
        "Development and testing of collaborative robots for assembly and logistics.",
    ),
    T(
        "manufacturing",
        "sme lc",
        "CNC-Präzisionsfertigung in Kleinserie",
        "Small-batch CNC precision machining",
        "Fräsen und Drehen mit engen Toleranzen, auch für Prototypen.",
        "Milling and turning with tight tolerances, prototypes included.",
    ),
    T(
        "manufacturing",
        "st",
        "Predictive Maintenance für Werkzeugmaschinen",
        "Predictive maintenance for machine tools",
        "Vorausschauende Wartung durch Schwingungsanalyse und maschinelles Lernen.",
        "Predictive maintenance through vibration analysis and machine learning.",
    ),
    T(
        "manufacturing",
        "ri",
        "Lernfabrik für Industrie 4.0",
        "Industry 4.0 learning factory",
        "Demonstrationsumgebung für vernetzte Produktion, offen für Unternehmen.",
        "Demonstration environment for connected production, open to companies.",
    ),
    T(
        "manufacturing",
        "lc sme",
        "Automatisierungstechnik und Sondermaschinenbau",
        "Automation technology and special-purpose machinery",
        "Individuelle Montageanlagen und Automatisierungslösungen.",
        "Custom assembly lines and automation solutions.",
    ),
    # construction
    T(
        "construction",
        "sme",
        "Serielles Sanieren mit vorgefertigten Fassaden",
        "Serial retrofitting with prefabricated facades",
        "Energetische Sanierung von Wohngebäuden in wenigen Wochen.",
        "Energy retrofitting of residential buildings within a few weeks.",
    ),
    T(
        "construction",
        "st sme",
        "BIM-Software und digitale Bauplanung",
        "BIM software and digital construction planning",
        "Building Information Modeling von der Planung bis zum Betrieb.",
        "Building information modelling from design to operation.",
    ),
    T(
        "construction",
        "ri un",
        "Prüfung von Recyclingbeton und Holzbau",
        "Testing of recycled concrete and timber construction",
        "Materialprüfung und Zulassungsunterstützung für nachhaltige Baustoffe.",
        "Materials testing and approval support for sustainable building materials.",
    ),
    T(
        "construction",
        "sme",
        "Smart-Home- und Gebäudeautomation",
        "Smart home and building automation",
        "Sensorik, Steuerung und Energiemanagement für Wohn- und Bürogebäude.",
        "Sensors, control and energy management for residential and office buildings.",
    ),
    T(
        "construction",
        "pb",
        "Pilotquartier für Smart-City-Lösungen",
        "Pilot district for smart city solutions",
        "Neues Stadtquartier als Reallabor für Energie, Mobilität und Daten.",
        "A new city district as a living lab for energy, mobility and data.",
    ),
    T(
        "construction",
        "lc",
        "Modulares Bauen mit Holz",
        "Modular timber construction",
        "Vorgefertigte Holzmodule für Wohnungsbau, Schulen und Büros.",
        "Prefabricated timber modules for housing, schools and offices.",
    ),
    # funding
    T(
        "funding",
        "pb cl as",
        "Förderberatung Horizon Europe",
        "Horizon Europe funding advice",
        "Beratung zu EU-Förderprogrammen, Antragstellung und Partnersuche.",
        "Advice on EU funding programmes, proposal writing and partner search.",
    ),
    T(
        "funding",
        "fu",
        "Seed-Finanzierung für Deep-Tech-Start-ups",
        "Seed financing for deep-tech start-ups",
        "Beteiligungen von 250.000 bis 2 Mio. Euro in der Frühphase.",
        "Early-stage investments from 250,000 to 2 million euros.",
    ),
    T(
        "funding",
        "fu",
        "Wachstumskapital für KMU",
        "Growth capital for SMEs",
        "Mezzanine- und Beteiligungskapital für Wachstum und Internationalisierung.",
        "Mezzanine and equity capital for growth and internationalisation.",
    ),
    T(
        "funding",
        "fu pb",
        "Innovationsförderung: Zuschüsse und Darlehen",
        "Innovation grants and loans",
        "Regionale Förderprogramme für Forschung, Entwicklung und Pilotanlagen.",
        "Regional programmes funding research, development and pilot plants.",
    ),
    T(
        "funding",
        "cl ri un",
        "Konsortialbildung für EU-Projekte",
        "Building consortia for EU projects",
        "Erfahrung als Koordinator in Horizon Europe und Interreg.",
        "Experience as coordinator in Horizon Europe and Interreg.",
    ),
    T(
        "funding",
        "fu lc",
        "Corporate Venture Capital und Co-Investments",
        "Corporate venture capital and co-investment",
        "Strategische Beteiligungen an Start-ups mit Pilotprojekten im Konzern.",
        "Strategic investments in start-ups combined with pilots in the group.",
    ),
    # regulation
    T(
        "regulation",
        "as sme",
        "CE-Kennzeichnung und Konformitätsbewertung",
        "CE marking and conformity assessment",
        "Begleitung von der Risikobeurteilung bis zur Konformitätserklärung.",
        "Support from risk assessment to the declaration of conformity.",
    ),
    T(
        "regulation",
        "as ri",
        "Beratung zur Medizinprodukteverordnung (MDR)",
        "Advice on the Medical Device Regulation (MDR)",
        "Technische Dokumentation, klinische Bewertung und Benannte Stellen.",
        "Technical documentation, clinical evaluation and notified bodies.",
        sectors="health",
    ),
    T(
        "regulation",
        "as ri lc",
        "Mitarbeit in Normungsgremien (DIN, CEN)",
        "Participation in standardisation committees (DIN, CEN)",
        "Wir bringen neue Prüfverfahren in die europäische Normung ein.",
        "We bring new test methods into European standardisation.",
    ),
    T(
        "regulation",
        "pb",
        "Begleitung von Genehmigungsverfahren",
        "Support with permitting procedures",
        "Lotsenservice für Bau- und Umweltgenehmigungen neuer Anlagen.",
        "One-stop service for building and environmental permits of new plants.",
    ),
    T(
        "regulation",
        "sme as",
        "Nachhaltigkeitsberichterstattung nach CSRD",
        "Sustainability reporting under CSRD",
        "ESG-Daten, Wesentlichkeitsanalyse und Berichte nach ESRS.",
        "ESG data, materiality assessment and reports under ESRS.",
    ),
    # skills
    T(
        "skills",
        "un",
        "Abschlussarbeiten und Studierendenprojekte",
        "Theses and student projects",
        "Bachelor- und Masterarbeiten mit Praxispartnern aus der Industrie.",
        "Bachelor and master theses with industry partners.",
    ),
    T(
        "skills",
        "un ri as",
        "Weiterbildung für Wasserstoff-Fachkräfte",
        "Training for hydrogen technicians",
        "Zertifikatskurse zu Sicherheit, Betrieb und Wartung von Wasserstoffanlagen.",
        "Certificate courses on safety, operation and maintenance of hydrogen plants.",
        sectors="energy mobility",
    ),
    T(
        "skills",
        "pb ngo",
        "Vermittlung internationaler Fachkräfte",
        "Placement of international skilled workers",
        "Unterstützung bei Anerkennung, Visum und Integration.",
        "Support with recognition of qualifications, visas and integration.",
    ),
    T(
        "skills",
        "as un",
        "Duale Studiengänge und Ausbildungskooperationen",
        "Dual study programmes and apprenticeships",
        "Gemeinsame Ausbildung von Nachwuchs für Technik und IT.",
        "Joint training of young talent in engineering and IT.",
    ),
    T(
        "skills",
        "sme st un",
        "Weiterbildung in Digitalisierung und KI",
        "Training in digitalisation and AI",
        "Praxisnahe Workshops zu KI, Datenanalyse und Design Thinking.",
        "Hands-on workshops on AI, data analytics and design thinking.",
        sectors="digital manufacturing",
    ),
    # sector-independent templates, filed under the organisation's main sector
    T(
        "*",
        "cl pb as lc",
        "Marktzugang {market_de}: Kontakte zu Abnehmern und Partnern",
        "Market access in {market_en}: contacts to buyers and partners",
        "Wir öffnen Türen zu Unternehmen, Verbänden und Behörden in {market_de}.",
        "We open doors to companies, associations and authorities in {market_en}.",
    ),
    T(
        "*",
        "sme lc",
        "Vertriebspartnerschaft für {market_de}",
        "Distribution partnership in {market_en}",
        "Eigener Vertrieb und Service in {market_de} für Produkte aus {topic_de}.",
        "Own sales and service network in {market_en} for {topic_en} products.",
    ),
    T(
        "*",
        "cl as",
        "Zugang zum Netzwerk {topic_de}",
        "Access to our {topic_en} network",
        "Mehr als 100 Mitglieder aus Industrie, Forschung und Verwaltung.",
        "More than 100 members from industry, research and public administration.",
    ),
    T(
        "*",
        "fu",
        "Beteiligungskapital für {topic_de}",
        "Venture investment in {topic_en}",
        "Wir investieren in Unternehmen mit skalierbaren Lösungen für {topic_de}.",
        "We invest in companies with scalable {topic_en} solutions.",
    ),
    T(
        "*",
        "ngo as cl",
        "Bürgerbeteiligung und Öffentlichkeitsarbeit zu {topic_de}",
        "Citizen engagement and outreach on {topic_en}",
        "Dialogformate, Kampagnen und Zugang zu lokalen Initiativen.",
        "Dialogue formats, campaigns and access to local initiatives.",
    ),
)

NEED_TEMPLATES: tuple[ItemTemplate, ...] = (
    # energy
    T(
        "energy",
        "sme st lc",
        "Pilotkunden für Wasserstoff-Betankungslogistik",
        "Pilot customers for hydrogen refuelling logistics",
        "Wir suchen Flottenbetreiber für einen Feldtest mit Wasserstoff-Lkw.",
        "We are looking for fleet operators for a field test with hydrogen trucks.",
    ),
    T(
        "energy",
        "sme st",
        "Testkapazitäten für Elektrolyseur-Stacks",
        "Testing capacity for electrolyser stacks",
        "Unabhängige Prüfung unserer PEM-Stacks für die Zertifizierung.",
        "Independent testing of our PEM stacks for certification.",
    ),
    T(
        "energy",
        "ri un",
        "Industriepartner für Power-to-X-Pilotanlage",
        "Industrial partner for a power-to-X pilot plant",
        "Standort und Kofinanzierung für eine Demonstrationsanlage gesucht.",
        "Looking for a site and co-funding for a demonstration plant.",
    ),
    T(
        "energy",
        "pb ngo",
        "Lösungen für die kommunale Wärmeplanung",
        "Solutions for municipal heat planning",
        "Daten, Software und Beratung für die Wärmewende in unserer Kommune.",
        "Data, software and advice for the heat transition in our municipality.",
    ),
    T(
        "energy",
        "lc sme",
        "Lieferanten für Wasserstoff-Tankstellenkomponenten",
        "Suppliers of hydrogen refuelling station components",
        "Kompressoren, Ventile und Sensorik für 700-bar-Betankung.",
        "Compressors, valves and sensors for 700 bar refuelling.",
    ),
    T(
        "energy",
        "sme lc pb",
        "Batteriespeicher zur Lastspitzenkappung",
        "Battery storage for peak shaving",
        "Speicherlösung mit intelligenter Steuerung für unseren Produktionsstandort.",
        "Storage solution with smart control for our production site.",
    ),
    # health
    T(
        "health",
        "st sme",
        "Klinische Partner für Validierungsstudie",
        "Clinical partners for a validation study",
        "Kliniken für die klinische Validierung unseres Medizinprodukts gesucht.",
        "Hospitals wanted for the clinical validation of our medical device.",
    ),
    T(
        "health",
        "sme st",
        "Auftragsfertiger mit Reinraum",
        "Contract manufacturer with cleanroom",
        "Fertigungspartner nach ISO 13485 für die Serienproduktion.",
        "Manufacturing partner certified to ISO 13485 for series production.",
    ),
    T(
        "health",
        "ri un",
        "Industriepartner für Medizintechnik-Transfer",
        "Industry partner for medtech technology transfer",
        "Unternehmen zur Weiterentwicklung und Vermarktung eines Diagnoseverfahrens.",
        "Companies to develop and market a new diagnostic method.",
    ),
    T(
        "health",
        "pb ngo",
        "Digitale Lösungen für Pflege und Telemedizin",
        "Digital solutions for care and telemedicine",
        "Wir wollen die Versorgung im ländlichen Raum digital verbessern.",
        "We want to improve rural healthcare with digital tools.",
    ),
    T(
        "health",
        "st sme",
        "Trainingsdaten für medizinische KI",
        "Training data for medical AI",
        "Zugang zu annotierten Bilddaten und Forschungsdaten für unser KI-Modell.",
        "Access to annotated images and research data for our AI model.",
    ),
    T(
        "health",
        "lc",
        "Start-ups mit Lösungen für Krankenhauslogistik",
        "Start-ups with hospital logistics solutions",
        "Innovative Lösungen für Materialfluss und Sterilgutversorgung in Kliniken.",
        "Innovative solutions for material flow and sterile supply in hospitals.",
    ),
    # logistics
    T(
        "logistics",
        "sme lc",
        "Kühlkettenüberwachung für Lebensmitteltransporte",
        "Cold-chain monitoring for food transport",
        "Sensoren und Software zur lückenlosen Temperaturüberwachung.",
        "Sensors and software for seamless temperature monitoring.",
    ),
    T(
        "logistics",
        "st",
        "Pilotkunden für autonome Lieferroboter",
        "Pilot customers for autonomous delivery robots",
        "Händler und Kommunen für einen Pilotbetrieb auf der letzten Meile.",
        "Retailers and municipalities for a last-mile pilot.",
    ),
    T(
        "logistics",
        "sme",
        "Logistikpartner für Exporte nach Osteuropa",
        "Logistics partner for exports to Eastern Europe",
        "Zuverlässige Transporte und Lager für Exporte nach Polen, Tschechien und in die Ukraine.",
        "Reliable transport and warehousing for exports to Poland, Czechia and Ukraine.",
    ),
    T(
        "logistics",
        "lc",
        "Transparenz in der Lieferkette",
        "Supply-chain transparency and due diligence",
        "Tools für Risikoanalyse und Sorgfaltspflichten in der Lieferkette.",
        "Tools for risk analysis and due diligence in the supply chain.",
    ),
    T(
        "logistics",
        "ri un",
        "Logistikunternehmen für Feldversuch",
        "Logistics companies for a field trial",
        "Partner für die Erprobung eines Simulationsmodells im Realbetrieb.",
        "Partners to trial a simulation model in real operations.",
    ),
    T(
        "logistics",
        "pb",
        "Konzepte für urbane Logistik und Mikro-Hubs",
        "Concepts for urban logistics and micro hubs",
        "Weniger Lieferverkehr in der Innenstadt durch neue Logistikkonzepte.",
        "Less delivery traffic in the city centre through new logistics concepts.",
    ),
    # food
    T(
        "food",
        "st sme",
        "Co-Packer für Produkteinführung",
        "Co-packer for a product launch",
        "Abfüllung und Verpackung für den Marktstart eines neuen Produkts.",
        "Bottling and packaging for the launch of a new product.",
    ),
    T(
        "food",
        "sme lc",
        "Verwertung von Lebensmittel-Nebenströmen",
        "Valorisation of food side streams",
        "Partner für die Nutzung von Trester, Kleie und Molke.",
        "Partners to make use of pomace, bran and whey.",
    ),
    T(
        "food",
        "ri un",
        "Landwirtschaftliche Betriebe für Feldversuche",
        "Farms for field trials",
        "Betriebe zur Erprobung neuer Sensorik und Anbaumethoden gesucht.",
        "Farms wanted to trial new sensors and cultivation methods.",
    ),
    T(
        "food",
        "sme st",
        "Haltbarkeitstests und Lebensmittelanalytik",
        "Shelf-life testing and food analytics",
        "Labor für Haltbarkeitsstudien und mikrobiologische Analysen.",
        "Lab for shelf-life studies and microbiological analysis.",
    ),
    T(
        "food",
        "lc",
        "Lieferanten für pflanzliche Proteine",
        "Suppliers of plant-based proteins",
        "Zuverlässige Bezugsquellen für Erbsen- und Ackerbohnenprotein.",
        "Reliable sources of pea and faba bean protein.",
    ),
    T(
        "food",
        "pb ngo",
        "Regionale Lebensmittel für Gemeinschaftsverpflegung",
        "Regional food for public catering",
        "Erzeuger und Verarbeiter für Schulen und Kantinen der Stadt.",
        "Producers and processors for the city's schools and canteens.",
    ),
    # digital
    T(
        "digital",
        "sme lc",
        "KI-Lösungen für die Qualitätsprüfung",
        "AI solutions for quality inspection",
        "Automatische Fehlererkennung mit Kameras in unserer Fertigung.",
        "Automatic defect detection with cameras in our production.",
    ),
    T(
        "digital",
        "pb ngo",
        "Digitalisierung von Verwaltungsprozessen",
        "Digitalisation of administrative processes",
        "Partner für Online-Dienste, Datenplattformen und IT-Sicherheit.",
        "Partners for online services, data platforms and cybersecurity.",
    ),
    T(
        "digital",
        "st",
        "Rechenkapazität und Cloud-Credits",
        "Computing capacity and cloud credits",
        "GPU-Rechenzeit für das Training unserer Modelle.",
        "GPU computing time to train our models.",
    ),
    T(
        "digital",
        "sme",
        "IT-Sicherheit und Umsetzung von NIS2",
        "Cybersecurity and NIS2 compliance",
        "Beratung und Werkzeuge zur Umsetzung der NIS2-Richtlinie.",
        "Advice and tools to comply with the NIS2 directive.",
    ),
    T(
        "digital",
        "ri un",
        "Anwendungspartner für Datenraum-Pilot",
        "Application partners for a data-space pilot",
        "Unternehmen, die Daten sicher in einem Datenraum teilen möchten.",
        "Companies that want to share data securely in a data space.",
    ),
    T(
        "digital",
        "lc",
        "Start-ups für IoT und Datenanalyse",
        "Start-ups for IoT and data analytics",
        "Innovative Lösungen zur Vernetzung unserer Anlagen.",
        "Innovative solutions to connect our plants.",
    ),
    # circular
    T(
        "circular",
        "sme lc",
        "Abnehmer für Rezyklate",
        "Buyers for recycled materials",
        "Hochwertige Kunststoff-Rezyklate in großen Mengen verfügbar.",
        "High-quality recycled plastics available in large volumes.",
    ),
    T(
        "circular",
        "lc sme",
        "Ökobilanz und CO2-Bilanzierung unserer Produkte",
        "Life-cycle assessment and product carbon footprint",
        "Unterstützung bei der Ökobilanz und dem CO2-Fußabdruck unserer Produkte.",
        "Support with the LCA and carbon footprint of our products.",
    ),
    T(
        "circular",
        "st sme",
        "Partner für Sammlung und Rücknahme von Altbatterien",
        "Partners for the collection of used batteries",
        "Rücknahmesysteme und Logistik für gebrauchte Batterien.",
        "Take-back schemes and logistics for used batteries.",
    ),
    T(
        "circular",
        "ri un",
        "Industriepartner für neue Recyclingverfahren",
        "Industrial partners for new recycling processes",
        "Unternehmen zur Skalierung eines chemischen Recyclingverfahrens.",
        "Companies to scale up a chemical recycling process.",
    ),
    T(
        "circular",
        "sme lc",
        "Nachhaltige Verpackungslösungen",
        "Sustainable packaging solutions",
        "Recyclingfähige oder biobasierte Verpackungen für unsere Produkte.",
        "Recyclable or bio-based packaging for our products.",
    ),
    T(
        "circular",
        "pb ngo",
        "Konzepte für eine kommunale Kreislaufwirtschaft",
        "Concepts for a municipal circular economy",
        "Reparatur, Wiederverwendung und Recycling in der Stadt stärken.",
        "Strengthen repair, reuse and recycling in the city.",
    ),
    # mobility
    T(
        "mobility",
        "st sme",
        "Testfeld und Partner für autonome Shuttles",
        "Test field and partners for autonomous shuttles",
        "Teststrecke und Betreiber für einen Pilotbetrieb gesucht.",
        "Looking for a test track and an operator for a pilot service.",
    ),
    T(
        "mobility",
        "lc",
        "Zulieferer für Leichtbau und E-Antrieb",
        "Suppliers for lightweight design and e-drives",
        "Neue Lieferanten für Faserverbundbauteile und Batteriesysteme.",
        "New suppliers of fibre composite parts and battery systems.",
    ),
    T(
        "mobility",
        "pb",
        "Ladeinfrastruktur für kommunale Fuhrparks",
        "Charging infrastructure for municipal fleets",
        "Ladepunkte mit Lastmanagement für 200 Dienstfahrzeuge.",
        "Charging points with load management for 200 service vehicles.",
    ),
    T(
        "mobility",
        "sme",
        "Elektrifizierung der Firmenflotte",
        "Electrification of our company fleet",
        "Beratung zu E-Fahrzeugen, Ladeinfrastruktur und Förderung.",
        "Advice on electric vehicles, charging infrastructure and subsidies.",
    ),
    T(
        "mobility",
        "ri un",
        "Fahrzeugdaten für Forschungsprojekte",
        "Vehicle data for research projects",
        "Flottendaten für Forschung zu automatisiertem Fahren und Verkehr.",
        "Fleet data for research on automated driving and traffic.",
    ),
    T(
        "mobility",
        "st",
        "Pilotkommunen für Mobilitätsdienste",
        "Pilot municipalities for mobility services",
        "Kommunen, die Sharing-Angebote und On-Demand-Verkehr testen möchten.",
        "Municipalities that want to trial sharing and on-demand transport.",
    ),
    # manufacturing
    T(
        "manufacturing",
        "sme",
        "Automatisierung unserer Montage",
        "Automation of our assembly line",
        "Roboter und Automatisierungstechnik für die Kleinserienmontage.",
        "Robots and automation for small-batch assembly.",
    ),
    T(
        "manufacturing",
        "st",
        "Fertigungspartner für Kleinserie",
        "Manufacturing partner for small series",
        "CNC-Fertigung oder 3D-Druck für die ersten 500 Geräte.",
        "CNC machining or 3D printing for our first 500 units.",
    ),
    T(
        "manufacturing",
        "lc",
        "Lieferanten für additive Fertigung",
        "Suppliers for additive manufacturing",
        "Qualifizierte Partner für 3D-gedruckte Metallbauteile.",
        "Qualified partners for 3D-printed metal parts.",
    ),
    T(
        "manufacturing",
        "sme lc",
        "Predictive Maintenance für den Maschinenpark",
        "Predictive maintenance for our machine park",
        "Vorausschauende Wartung für ältere Werkzeugmaschinen nachrüsten.",
        "Retrofit predictive maintenance to older machine tools.",
    ),
    T(
        "manufacturing",
        "ri un",
        "Anwendungsfälle für Robotik aus der Industrie",
        "Industrial use cases for robotics",
        "Unternehmen mit konkreten Automatisierungsaufgaben für Pilotprojekte.",
        "Companies with concrete automation tasks for pilot projects.",
    ),
    T(
        "manufacturing",
        "sme",
        "Know-how zu Industrie 4.0 und Vernetzung",
        "Industry 4.0 and connectivity know-how",
        "Wie vernetzen wir unsere Produktion Schritt für Schritt?",
        "How can we connect our production step by step?",
    ),
    # construction
    T(
        "construction",
        "pb",
        "Partner für energetische Sanierung öffentlicher Gebäude",
        "Partners for energy retrofitting of public buildings",
        "Schulen und Verwaltungsgebäude sollen seriell saniert werden.",
        "Schools and administrative buildings are to be retrofitted serially.",
    ),
    T(
        "construction",
        "sme lc",
        "BIM-Kompetenz für Bauprojekte",
        "BIM expertise for construction projects",
        "Unterstützung bei der Einführung von Building Information Modeling.",
        "Support with introducing building information modelling.",
    ),
    T(
        "construction",
        "st",
        "Pilotgebäude für Sensorik und Gebäudeautomation",
        "Pilot buildings for sensors and building automation",
        "Eigentümer, die unsere Lösung in Bestandsgebäuden testen.",
        "Owners willing to test our solution in existing buildings.",
    ),
    T(
        "construction",
        "lc sme",
        "Lieferanten nachhaltiger Baustoffe",
        "Suppliers of sustainable building materials",
        "Recyclingbeton, Holz und Dämmstoffe aus nachwachsenden Rohstoffen.",
        "Recycled concrete, timber and bio-based insulation.",
    ),
    T(
        "construction",
        "ri un",
        "Bauunternehmen für Demonstrationsprojekt",
        "Construction companies for a demonstration project",
        "Partner zur Umsetzung eines Demonstrators mit Recyclingbeton.",
        "Partners to build a demonstrator with recycled concrete.",
    ),
    T(
        "construction",
        "ngo pb",
        "Lösungen für bezahlbaren, klimagerechten Wohnraum",
        "Affordable and climate-friendly housing solutions",
        "Ideen für kostengünstiges und klimaneutrales Bauen.",
        "Ideas for low-cost and climate-neutral construction.",
    ),
    # funding
    T(
        "funding",
        "sme st",
        "Förderberatung für unser Innovationsprojekt",
        "Funding advice for our innovation project",
        "Welche Förderprogramme in Deutschland und der EU passen zu uns?",
        "Which German and EU funding programmes fit our project?",
    ),
    T(
        "funding",
        "st",
        "Seed-Investment für den Markteintritt",
        "Seed investment for market entry",
        "Wir suchen Investoren für unsere Seed-Runde.",
        "We are looking for investors for our seed round.",
    ),
    T(
        "funding",
        "sme",
        "Finanzierung für Wachstum und neue Anlagen",
        "Financing for growth and new equipment",
        "Kapital oder Förderdarlehen für eine neue Produktionslinie.",
        "Equity or subsidised loans for a new production line.",
    ),
    T(
        "funding",
        "ri un ngo",
        "Partner für Horizon-Europe-Konsortium",
        "Partners for a Horizon Europe consortium",
        "Industriepartner und Anwender für einen EU-Projektantrag gesucht.",
        "Industrial partners and end users wanted for an EU proposal.",
    ),
    T(
        "*",
        "fu",
        "Deal Flow: investierbare Start-ups und KMU",
        "Deal flow: investable start-ups and SMEs",
        "Wir suchen Teams mit skalierbaren Geschäftsmodellen.",
        "We are looking for teams with scalable business models.",
    ),
    T(
        "funding",
        "cl pb",
        "Projektpartner für Interreg-Kooperation",
        "Project partners for Interreg cooperation",
        "Partnerregionen im Ostseeraum und in Mitteleuropa gesucht.",
        "Partner regions in the Baltic Sea area and Central Europe wanted.",
    ),
    # regulation
    T(
        "regulation",
        "st sme",
        "Unterstützung bei der MDR-Zulassung",
        "Support with MDR approval",
        "Begleitung bei Dokumentation und Benannter Stelle.",
        "Guidance on technical documentation and notified bodies.",
        sectors="health",
    ),
    T(
        "regulation",
        "sme lc",
        "CSRD-Berichterstattung und ESG-Daten",
        "CSRD reporting and ESG data",
        "Unterstützung bei der ersten Nachhaltigkeitsberichterstattung.",
        "Support with our first sustainability report.",
    ),
    T(
        "regulation",
        "st sme",
        "Zertifizierung für den europäischen Markt",
        "Certification for the European market",
        "CE-Kennzeichnung und Konformitätsbewertung für unser Produkt.",
        "CE marking and conformity assessment for our product.",
    ),
    T(
        "regulation",
        "ri un",
        "Normungspartner für neue Prüfverfahren",
        "Standardisation partners for new test methods",
        "Partner für die Überführung unserer Prüfverfahren in Normen.",
        "Partners to bring our test methods into standards.",
    ),
    T(
        "regulation",
        "sme lc as",
        "Expertise zur EU-Batterieverordnung",
        "Expertise on the EU Battery Regulation",
        "Pflichten zu Batteriepass, Recyclingquoten und Sorgfaltspflichten.",
        "Obligations on battery passport, recycling targets and due diligence.",
        sectors="energy circular mobility",
    ),
    # skills
    T(
        "skills",
        "sme lc",
        "Fachkräfte und Nachwuchs für Technik",
        "Skilled workers and graduates for engineering",
        "Ingenieure, Technikerinnen und Auszubildende gesucht.",
        "We are hiring engineers, technicians and apprentices.",
    ),
    T(
        "skills",
        "sme st",
        "Studierende für Praxisprojekte",
        "Students for practical projects",
        "Abschlussarbeiten und Praktika in Entwicklung und Vertrieb.",
        "Theses and internships in development and sales.",
    ),
    T(
        "skills",
        "lc sme pb",
        "Weiterbildung in Digitalisierung und KI",
        "Training in digitalisation and AI",
        "Qualifizierung unserer Beschäftigten für KI und Datenanalyse.",
        "Upskilling our staff in AI and data analytics.",
    ),
    T(
        "*",
        "un",
        "Praxispartner für duale Studiengänge",
        "Industry partners for dual study programmes",
        "Unternehmen, die gemeinsam mit uns ausbilden möchten.",
        "Companies that want to train students together with us.",
    ),
    T(
        "skills",
        "ngo pb",
        "Partner für die Integration internationaler Fachkräfte",
        "Partners for integrating international talent",
        "Arbeitgeber und Sprachkursanbieter für ein Integrationsprogramm.",
        "Employers and language schools for an integration programme.",
    ),
    # sector-independent templates, filed under the organisation's main sector
    T(
        "*",
        "sme st",
        "Markteintritt {market_de}: Vertriebspartner gesucht",
        "Market entry in {market_en}: looking for distribution partners",
        "Wir suchen Vertriebs- und Servicepartner in {market_de}.",
        "We are looking for sales and service partners in {market_en}.",
    ),
    T(
        "*",
        "cl as pb",
        "Kooperationspartner in {market_de} für unsere Mitglieder",
        "Cooperation partners in {market_en} for our members",
        "Kontakte zu Clustern, Unternehmen und Forschung in {market_de}.",
        "Contacts to clusters, companies and research in {market_en}.",
    ),
    T(
        "*",
        "fu lc",
        "Investierbare Start-ups im Bereich {topic_de}",
        "Investable start-ups in {topic_en}",
        "Teams mit marktreifer Technologie und ersten Kunden.",
        "Teams with market-ready technology and first customers.",
    ),
    T(
        "*",
        "as cl",
        "Neue Mitglieder aus {topic_de}",
        "New member companies in {topic_en}",
        "Unternehmen und Forschungseinrichtungen, die sich vernetzen möchten.",
        "Companies and research institutes that want to join our network.",
    ),
)

# Organisation name patterns per actor type: (German-speaking countries, other countries).
# Placeholders: {stem} {startup} {word} {field} {theme} {region} {city} {legal} {legal_large}.
ORG_PATTERNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sme": (
        ("{stem} {word} {legal}", "{stem} {legal}", "{stem} {word} {city} {legal}"),
        ("{stem} {word} {legal}", "{stem} {legal}"),
    ),
    "large_company": (
        (
            "{stem} {word} {legal_large}",
            "{stem} Gruppe {legal_large}",
            "{stem} Systemtechnik {legal_large}",
        ),
        ("{stem} {word} Group {legal_large}", "{stem} Industries {legal_large}"),
    ),
    "startup": (("{startup}", "{startup} {legal}"), ("{startup}", "{startup} {legal}")),
    "research_institute": (
        (
            "Institut für {field} {region}",
            "Forschungszentrum {field} {city}",
            "{region}-Institut für {field}",
        ),
        ("{region} Institute for {field}", "{city} Research Centre for {field}"),
    ),
    "university": (
        ("Technische Hochschule {region}", "Hochschule {region}", "Universität {region}"),
        ("{region} University of Applied Sciences", "{region} Technical University"),
    ),
    "cluster": (
        ("Cluster {theme} {region}", "{theme} {region} e.V.", "Netzwerk {theme} {region}"),
        ("{region} {theme} Cluster", "{theme} Cluster {city}"),
    ),
    "public_body": (
        (
            "Wirtschaftsförderung {city}",
            "Innovationsagentur {region}",
            "Stadt {city} – Amt für Wirtschaft",
        ),
        (
            "{city} Business Development Agency",
            "{region} Regional Development Agency",
            "City of {city} – Economic Development",
        ),
    ),
    "association": (
        (
            "Verband {theme} {region} e.V.",
            "Arbeitskreis {theme} {region}",
            "Unternehmerverband {region} e.V.",
        ),
        ("{region} {theme} Association", "{theme} Industry Association {region}"),
    ),
    "ngo": (
        ("Stiftung Zukunft {region}", "Initiative {theme} {city} e.V.", "Bürgerstiftung {city}"),
        ("{region} Future Foundation", "{theme} Initiative {city}", "Green {city} Network"),
    ),
    "funder": (
        (
            "{stem} Ventures {legal}",
            "Innovationsfonds {region}",
            "Förderbank {region}",
            "{stem} Capital",
        ),
        ("{stem} Ventures", "{region} Innovation Fund", "{stem} Capital Partners"),
    ),
}


# Transliteration of letters that Unicode decomposition does not reduce to ASCII.
TRANSLITERATION = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ø": "oe", "å": "aa", "æ": "ae",
                   "ł": "l", "đ": "d", "ı": "i", "œ": "oe"}  # fmt: skip

# Share of participants from German-speaking countries who write their profile in German.
GERMAN_PROFILE_SHARE = {"DE": 0.9, "AT": 0.85, "CH": 0.7}

# Weight of cross-cutting templates (funding, regulation, skills) per actor type; default 1.
CROSS_CUTTING_WEIGHT = {"funder": 6.0, "public_body": 2.5, "association": 2.5, "cluster": 2.0,
                        "university": 1.5, "startup": 1.5}  # fmt: skip

# Popularity multiplier as a receiver of meeting requests per actor type; default 1.
POPULARITY = {"large_company": 2.0, "funder": 2.0, "cluster": 1.5}

# Actor types that may have an exhibition booth.
BOOTH_ACTORS = ("large_company", "cluster", "research_institute", "sme", "public_body")

# Countries with gendered surnames; there, first names ending in -a or -e are female.
GENDERED_SURNAME_COUNTRIES = ("PL", "CZ")
FEMININE_SURNAMES = {
    "Kowalski": "Kowalska", "Wiśniewski": "Wiśniewska", "Kamiński": "Kamińska",
    "Lewandowski": "Lewandowska", "Zieliński": "Zielińska", "Szymański": "Szymańska",
    "Dąbrowski": "Dąbrowska", "Kozłowski": "Kozłowska", "Novák": "Nováková",
    "Svoboda": "Svobodová", "Novotný": "Novotná", "Dvořák": "Dvořáková", "Černý": "Černá",
    "Procházka": "Procházková", "Kučera": "Kučerová", "Veselý": "Veselá", "Horák": "Horáková",
    "Němec": "Němcová", "Marek": "Marková", "Pokorný": "Pokorná",
}  # fmt: skip
