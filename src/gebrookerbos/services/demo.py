"""Fictieve demodata: a deterministic, entirely invented dataset for trying out the dashboard.

Everything in this dataset is FICTIONAL. The plots (kavels) are random shapes placed inside
the real CBS buurten of Heerlen; their names, owners, histories and the initiatives on them
are made up. The people are invented: names are random combinations, e-mail addresses use
the example.org / example.nl domains and phone numbers use the unissued 06-0 range. Real
organisations only appear as (invented) partners. The app labels this data "Fictieve demodata".

The generator uses a fixed seed and a fixed "today" (:data:`AS_OF`), so every run writes the
same bytes; the output is committed in ``geodata/demo_*`` so a first start needs no generation.
"""

from __future__ import annotations

import csv
import json
import math
import random
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely import affinity
from shapely.geometry import LineString, Polygon, box, shape
from shapely.geometry.polygon import orient
from shapely.prepared import prep

from gebrookerbos import config, db
from gebrookerbos.domain import (
    STAGE_ORDER,
    STAGE_PROGRESS,
    ZONINGS,
    Availability,
    OwnerType,
    Soil,
    Stage,
    Theme,
)

AS_OF = date(2026, 11, 1)  # the fixed "today" of the generated data
SEED = 917
HISTORY_START = date(2014, 3, 1)  # the first possible stage event
PORTFOLIO_START = date(2014, 1, 1)  # plots on the first list of vacant land

PLOTS_FILE = "demo_plots.geojson"
INITIATIVES_FILE = "demo_initiatives.csv"
INITIATIVE_PLOTS_FILE = "demo_initiative_plots.csv"
STAGE_EVENTS_FILE = "demo_stage_events.csv"
PLOT_EVENTS_FILE = "demo_plot_events.csv"
DEMO_FILES: tuple[str, ...] = (
    PLOTS_FILE,
    INITIATIVES_FILE,
    INITIATIVE_PLOTS_FILE,
    STAGE_EVENTS_FILE,
    PLOT_EVENTS_FILE,
)

PROGRAMME_WIJK_PREFIXES: tuple[str, ...] = ("WK09171", "WK09172")  # Hoensbroek, Heerlen-Noord
N_PLOTS_PROGRAMME = 114
N_PLOTS_ELSEWHERE = 36
MIN_AREA_M2 = 100.0
MAX_AREA_M2 = 20_000.0
GAP_M = 3.0  # minimum distance between two plots
INSET_M = 4.0  # minimum distance from a plot to its buurt boundary

# How many initiatives end in each stage (60 in all).
STAGE_COUNTS: dict[Stage, int] = {
    Stage.IDEA: 10,
    Stage.EXPLORING: 9,
    Stage.PLAN: 6,
    Stage.APPROVED: 5,
    Stage.IN_PROGRESS: 6,
    Stage.REALISED: 17,
    Stage.STOPPED: 7,
}
# The stage from which each stopped initiative stopped.
STOPPED_FROM: tuple[Stage, ...] = (
    Stage.IDEA,
    Stage.IDEA,
    Stage.EXPLORING,
    Stage.EXPLORING,
    Stage.PLAN,
    Stage.APPROVED,
    Stage.IN_PROGRESS,
)
THEME_COUNTS: dict[Theme, int] = {
    Theme.URBAN_FARMING: 22,
    Theme.NATURE: 19,
    Theme.RECREATION: 19,
}
N_EXPIRING_AGREEMENTS = 7  # user agreements ending within a year after AS_OF

PLOT_COLUMNS: tuple[str, ...] = (
    "plot_id",
    "name",
    "location_description",
    "owner_type",
    "owner_name",
    "zoning",
    "soil",
    "has_water",
    "has_electricity",
    "has_car_access",
    "availability",
    "available_from",
    "available_until",
    "notes",
)
INITIATIVE_COLUMNS: tuple[str, ...] = (
    "initiative_id",
    "title",
    "public_summary",
    "theme",
    "stage",
    "progress",
    "progress_explicit",
    "initiator_group",
    "contact_name",
    "contact_email",
    "contact_phone",
    "account_manager",
    "partners",
    "start_date",
    "expected_date",
    "next_action",
    "next_action_due",
    "need_min_area_m2",
    "need_max_area_m2",
    "need_wijken",
    "need_water",
    "need_electricity",
    "need_car_access",
    "need_clean_soil",
    "need_start",
    "need_duration_months",
)
INITIATIVE_PLOT_COLUMNS: tuple[str, ...] = (
    "initiative_id",
    "plot_id",
    "agreement_start",
    "agreement_end",
)
STAGE_EVENT_COLUMNS: tuple[str, ...] = (
    "initiative_id",
    "event_date",
    "from_stage",
    "to_stage",
    "by_whom",
    "note",
)
PLOT_EVENT_COLUMNS: tuple[str, ...] = (
    "plot_id",
    "event_date",
    "from_availability",
    "to_availability",
    "initiative_id",
    "by_whom",
    "note",
)


@dataclass
class DemoData:
    """The generated dataset; ``plots`` is in RD New with derived ``area_m2``/``buurt_code``."""

    plots: gpd.GeoDataFrame
    initiatives: pd.DataFrame
    initiative_plots: pd.DataFrame
    stage_events: pd.DataFrame
    plot_events: pd.DataFrame


# --------------------------------------------------------------------------------------
# Invented vocabulary
# --------------------------------------------------------------------------------------

# (period end, name): the demo brokers, one after the other.
BROKERS: tuple[tuple[date, str], ...] = (
    (date(2019, 12, 31), "Ellen Gulikers"),
    (date(9999, 12, 31), "Noor Habets"),
)
ACCOUNT_MANAGERS: tuple[str, ...] = (
    "Marco Souren",
    "Ilse Frijns",
    "Ruud Leunissen",
    "Sanne Kikken",
    "Bert Vaessen",
)
FIRST_NAMES: tuple[str, ...] = (
    "Anke", "Bart", "Chantal", "Danny", "Esther", "Frank", "Gerda", "Huub", "Ingrid",
    "Karin", "Leon", "Maud", "Nick", "Petra", "Roel", "Sandra", "Twan", "Wendy", "Yvonne",
    "Mohamed", "Fatma", "Piotr", "Agnieszka", "Sevgi", "Rachid", "Lotte", "Bram", "Marjo",
    "Sjef", "Mia", "Zoë", "Hüseyin", "Dewi", "Jo", "Ria", "Thijs",
)
LAST_NAMES: tuple[str, ...] = (
    "Janssen", "Hermans", "Smeets", "Vincken", "Kleijnen", "Ploum", "Vliegen", "Houben",
    "Pelzer", "Schins", "Senden", "Wetzels", "Crombach", "Lardinois", "Bemelmans", "Bours",
    "Dassen", "Frijters", "Lemmens", "Meessen", "Ramakers", "Sniekers", "Ubachs",
    "Quaedvlieg", "Yilmaz", "Kowalski", "El Amrani", "van der Heijden", "Bollen", "Coenen",
    "Knops", "Offermans", "Paulissen", "Ruijters", "Stassen", "Wolfs",
)
EMAIL_DOMAINS: tuple[str, ...] = ("example.org", "example.nl")
HOUSING_CORPORATIONS: tuple[str, ...] = (
    "Woonstichting Heidepoort",
    "Wooncorporatie Geleendal",
    "Stichting Woonvast Zuid",
)
PRIVATE_OWNERS: tuple[str, ...] = (
    "Kempen Vastgoed BV",
    "Fam. Dautzenberg-Sijben",
    "Erven Lemmens",
    "Mijnzicht Projectontwikkeling BV",
)
PARTNERS: dict[Theme, tuple[str, ...]] = {
    Theme.URBAN_FARMING: (
        "Woonpunt", "Weller", "Zuyd Hogeschool", "Open Universiteit", "Neimed", "Alcander",
        "IVN Limburg", "Gebrookerbos Fonds", "Voedselbank Parkstad",
    ),
    Theme.NATURE: (
        "IVN Limburg", "Natuurmonumenten", "Zuyd Hogeschool", "Woonpunt", "Gebrookerbos Fonds",
        "Open Universiteit", "Weller",
    ),
    Theme.RECREATION: (
        "Alcander", "Woonpunt", "Weller", "Neimed", "Gebrookerbos Fonds", "Zuyd Hogeschool",
        "IVN Limburg",
    ),
}
# Streams by wijk, for the names of green strips.
STREAMS: dict[str, str] = {
    "WK091710": "Geleenbeek", "WK091711": "Geleenbeek", "WK091714": "Geleenbeek",
    "WK091712": "Caumerbeek", "WK091713": "Caumerbeek", "WK091720": "Caumerbeek",
    "WK091721": "Caumerbeek", "WK091738": "Caumerbeek", "WK091739": "Caumerbeek",
}
# CBS buurt names that nobody uses in a plot or initiative name.
SHORT_NAMES: dict[str, str] = {"Verspreide huizen": "De Hei"}
MAX_PLOTS_PER_BUURT = 8
SIDES: tuple[str, ...] = (
    "oostkant", "noordoostkant", "noordkant", "noordwestkant",
    "westkant", "zuidwestkant", "zuidkant", "zuidoostkant",
)


@dataclass(frozen=True)
class _Kind:
    """A kind of vacant place: how it is shaped, named and described."""

    key: str
    weight: float
    area: tuple[float, float]
    shapes: tuple[str, ...]
    names: tuple[str, ...]
    locations: tuple[str, ...]
    zonings: tuple[str, ...]
    soils: tuple[tuple[Soil, float], ...]
    water: float  # probability of a water connection
    electricity: float
    car: float
    programme_only: bool = False  # only in Hoensbroek / Heerlen-Noord


_CLEAN_SOIL = ((Soil.CLEAN, 4), (Soil.UNKNOWN, 4), (Soil.SUSPECT, 1))
_MINE_SOIL = ((Soil.SUSPECT, 4), (Soil.CONTAMINATED, 3), (Soil.UNKNOWN, 2), (Soil.CLEAN, 1))

KINDS: tuple[_Kind, ...] = (
    _Kind(
        "vacant", 30, (300, 3200), ("rect", "rect", "l_shape", "irregular"),
        ("Braakliggend terrein {buurt}", "Sloopkavel {buurt}",
         "Terrein voormalige flat {buurt}"),
        ("Op de plek van de gesloopte rijtjeswoningen, {where}",
         "Tussen de flats en de doorgaande weg, {where}",
         "Achter het buurtwinkelcentrum, {where}; bereikbaar via een brandgang",
         "Tussen twee woonblokken, {where}"),
        ("wonen", "wonen", "groen"), _CLEAN_SOIL, 0.25, 0.2, 0.6,
    ),
    _Kind(
        "leftover", 22, (110, 800), ("rect", "irregular", "irregular"),
        ("Grasveld {buurt}", "Restgroen {buurt}", "Hoekperceel {buurt}"),
        ("Grasveld op de hoek van twee woonstraten, {where}",
         "Restgroen naast de parkeerplaats, {where}",
         "Open plek achter de garageboxen, {where}"),
        ("groen", "groen", "wonen"), _CLEAN_SOIL, 0.15, 0.1, 0.4,
    ),
    _Kind(
        "green_strip", 20, (400, 4500), ("strip",),
        ("Groenstrook {stream}", "Groenstrook {buurt}", "Beekzone {stream}"),
        ("Tussen de woonstraat en de beek, {where}",
         "Langs het fietspad, {where}, achter de basisschool",
         "Smalle strook langs de beek, {where}"),
        ("groen",), _CLEAN_SOIL, 0.3, 0.05, 0.3,
    ),
    _Kind(
        "school", 11, (1500, 7000), ("rect", "l_shape"),
        ("Voormalig schoolterrein {buurt}", "Terrein oude basisschool {buurt}"),
        ("Op de plek van de gesloopte basisschool, {where}",
         "Voormalig schoolplein en gymzaal, {where}"),
        ("maatschappelijk",), _CLEAN_SOIL, 0.6, 0.6, 0.9,
    ),
    _Kind(
        "church", 5, (800, 3000), ("irregular", "l_shape"),
        ("Voormalige kerklocatie {buurt}", "Terrein oude kapel {buurt}"),
        ("Naast de voormalige parochiekerk, {where}",
         "Op de plek van de gesloopte kerk, {where}"),
        ("maatschappelijk",), _CLEAN_SOIL, 0.5, 0.5, 0.8,
    ),
    _Kind(
        "mine_railway", 8, (1200, 6000), ("strip",),
        ("Oude mijnspoorstrook {buurt}", "Mijnspoortracé {buurt}"),
        ("Op het tracé van het voormalige mijnspoor, {where}",
         "Talud van de oude mijnspoorlijn, {where}"),
        ("groen",), _MINE_SOIL, 0.05, 0.0, 0.4, True,
    ),
    _Kind(
        "sports_field", 5, (7000, 19000), ("rect",),
        ("Voormalig voetbalveld {buurt}", "Oud sportpark {buurt}"),
        ("Voormalig veld van een gefuseerde voetbalclub, {where}",
         "Achter de oude kantine van het sportpark, {where}"),
        ("groen", "maatschappelijk"), _CLEAN_SOIL, 0.7, 0.6, 0.9,
    ),
    _Kind(
        "business", 7, (1500, 9000), ("rect", "l_shape"),
        ("Bedrijfskavel {buurt}", "Onbebouwde bedrijfskavel {buurt}"),
        ("Onbebouwde kavel op het bedrijventerrein, {where}",
         "Kavel naast de bedrijfsverzamelgebouwen, {where}"),
        ("bedrijven",), _MINE_SOIL, 0.4, 0.5, 1.0,
    ),
    _Kind(
        "mine_site", 4, (4000, 19000), ("irregular",),
        ("Voormalig mijnterrein {buurt}", "Oude groeve {buurt}"),
        ("Deel van het oude mijnterrein, {where}, met spontane begroeiing",
         "Oude zandgroeve, {where}, deels begroeid met berken"),
        ("groen", "bedrijven", "agrarisch"), _MINE_SOIL, 0.05, 0.0, 0.5, True,
    ),
)
KINDS_BY_KEY: dict[str, _Kind] = {k.key: k for k in KINDS}

PLOT_NOTES: tuple[str, ...] = (
    "Wordt twee keer per jaar door de gemeente gemaaid.",
    "Kabels en leidingen in de grond: niet dieper dan 50 cm graven.",
    "Oude funderingsresten in de grond.",
    "Veel gebruikt als hondenuitlaatplek.",
    "Buurtbewoners vragen al langer om een bestemming.",
    "Deels verhard; er ligt nog een oud fietsenhok.",
    "Bomen op de rand zijn beschermd.",
    "Zwerfafval: opruimactie nodig voor gebruik.",
)
UNAVAILABLE_REASONS: tuple[str, ...] = (
    "Bodemsanering nodig; niet beschikbaar tot de sanering klaar is.",
    "Gereserveerd voor woningbouw.",
    "Archeologisch onderzoek loopt.",
    "Sloop van de opstallen nog niet afgerond.",
)


@dataclass(frozen=True)
class _Template:
    """A kind of initiative: title, summary and what it needs."""

    theme: Theme
    title: str
    summary: str
    kinds: tuple[str, ...]
    area: tuple[int, int]
    water: bool = False
    electricity: bool = False
    car: bool = False
    clean_soil: bool = False


_UF, _NA, _RE = Theme.URBAN_FARMING, Theme.NATURE, Theme.RECREATION
TEMPLATES: tuple[_Template, ...] = (
    _Template(_UF, "Buurtmoestuin {buurt}",
              "Bewoners van {buurt} kweken samen groenten op een gedeelde moestuin. "
              "Iedereen kan meedoen, ook zonder ervaring.",
              ("vacant", "leftover", "school"), (300, 2500), water=True, clean_soil=True),
    _Template(_UF, "Voedselbos {buurt}",
              "Een eetbaar bos met notenbomen, fruit en bessenstruiken, aangelegd en "
              "onderhouden door de buurt.",
              ("vacant", "school", "sports_field", "green_strip"), (1500, 20000),
              clean_soil=True),
    _Template(_UF, "Pluktuin {buurt}",
              "Een tuin vol bessen, kruiden en bloemen waar buurtbewoners vrij mogen plukken.",
              ("vacant", "leftover"), (200, 2000), water=True, clean_soil=True),
    _Template(_UF, "Hoogstamboomgaard {buurt}",
              "Oude fruitrassen op een open terrein; de oogst wordt samen geplukt en verdeeld.",
              ("sports_field", "school", "vacant", "mine_site"), (2000, 20000),
              clean_soil=True),
    _Template(_UF, "Schooltuin {buurt}",
              "Kinderen van de basisschool leren zaaien, wieden en oogsten in hun eigen tuin.",
              ("leftover", "vacant", "school"), (200, 1500), water=True, clean_soil=True),
    _Template(_UF, "Kruidentuin {buurt}",
              "Een kleine kruidentuin met een bankje, onderhouden door buren en "
              "dagbestedingsdeelnemers.",
              ("leftover", "vacant"), (100, 900), water=True, clean_soil=True),
    _Template(_UF, "Stadsakker {buurt}",
              "Op een grote akker verbouwen vrijwilligers aardappelen en granen voor de buurt.",
              ("sports_field", "business", "vacant"), (2000, 12000), car=True,
              clean_soil=True),
    _Template(_UF, "Zorgtuin {buurt}",
              "Een rustige tuin waar ouderen en mensen met een zorgvraag samen tuinieren.",
              ("vacant", "church", "school"), (500, 3000), water=True, electricity=True,
              car=True, clean_soil=True),
    _Template(_NA, "Bloemenweide {buurt}",
              "Het gras maakt plaats voor inheemse wilde bloemen voor bijen en vlinders.",
              ("leftover", "vacant", "green_strip"), (200, 4000)),
    _Template(_NA, "Minibos {buurt}",
              "Een dicht bosje van inheemse bomen op een klein perceel, geplant met kinderen "
              "uit de buurt.",
              ("leftover", "vacant"), (200, 1000)),
    _Template(_NA, "Wildernis {buurt}",
              "Het oude terrein mag verwilderen; een struinpad maakt de natuur toegankelijk.",
              ("mine_site", "mine_railway", "business"), (3000, 20000)),
    _Template(_NA, "Natuurlijke oever {stream}",
              "De strook langs de beek wordt ingericht met riet, wilgen en een poel.",
              ("green_strip",), (500, 5000), water=True),
    _Template(_NA, "Vlindertuin {buurt}",
              "Een tuin met waardplanten voor vlinders en een insectenhotel.",
              ("leftover", "vacant", "church"), (150, 1500)),
    _Template(_NA, "Bijenlint {buurt}",
              "Een lint van bloeiende struiken en bloemen verbindt de groene plekken in de wijk.",
              ("green_strip", "mine_railway"), (400, 6000)),
    _Template(_NA, "Amfibieënpoel {buurt}",
              "Een poel voor padden en salamanders, met een vlonder om te kijken.",
              ("vacant", "mine_site", "green_strip"), (500, 5000), water=True),
    _Template(_RE, "Speelnatuur {buurt}",
              "Een natuurlijke speelplek met boomstammen, zand en water, ontworpen met de "
              "kinderen uit de buurt.",
              ("vacant", "leftover", "school"), (300, 3000)),
    _Template(_RE, "Beweegtuin {buurt}",
              "Toestellen en een wandelrondje nodigen ouderen en jongeren uit om te bewegen.",
              ("vacant", "school", "leftover"), (300, 2500), electricity=True),
    _Template(_RE, "Ontmoetingstuin {buurt}",
              "Een tuin met bankjes, een pergola en een buitenkeuken als ontmoetingsplek.",
              ("vacant", "church", "leftover"), (200, 2000), water=True, electricity=True),
    _Template(_RE, "Wandelpad Mijnspoor {buurt}",
              "Het oude mijnspoor wordt een wandel- en fietsverbinding met rustpunten en "
              "verhalen over de mijnen.",
              ("mine_railway", "green_strip"), (1000, 8000)),
    _Template(_RE, "Pumptrack {buurt}",
              "Een golvende baan voor fietsen, steps en skates, gebouwd met de jongeren.",
              ("vacant", "sports_field", "business"), (600, 5000), car=True),
    _Template(_RE, "Buurtpark {buurt}",
              "Bewoners beheren zelf een klein park met speelweide, bankjes en bloemen.",
              ("sports_field", "school", "vacant"), (2000, 20000), water=True),
    _Template(_RE, "Dierenweide {buurt}",
              "Een weide met geiten, schapen en kippen, verzorgd door buurtbewoners.",
              ("vacant", "sports_field", "mine_site"), (1000, 8000), water=True, car=True),
    _Template(_RE, "Buitenpodium {buurt}",
              "Een open podium voor buurtfeesten, muziek en theater in de zomer.",
              ("school", "church", "vacant"), (400, 3000), electricity=True, car=True),
    _Template(_RE, "Jeu-de-boulesbaan {buurt}",
              "Twee jeu-de-boulesbanen met een bank en een boom voor schaduw.",
              ("leftover", "vacant"), (100, 800)),
)

GROUP_NAMES: tuple[str, ...] = (
    "Bewonersgroep {buurt}",
    "Buurtvereniging {buurt}",
    "Werkgroep {title}",
    "Stichting {title}",
    "Vrienden van {title}",
    "Buurtnetwerk {buurt}",
)
STAGE_NOTES: dict[Stage, tuple[str, ...]] = {
    Stage.IDEA: (
        "Idee aangemeld via het Gebrookerbos-spreekuur.",
        "Aangemeld tijdens de buurtbijeenkomst.",
        "Initiatiefnemers meldden zich bij de brooker.",
    ),
    Stage.EXPLORING: (
        "Verkenning gestart: plek en partners zoeken.",
        "Kennismaking met de accountmanager; kavels bekeken.",
    ),
    Stage.PLAN: (
        "Plan en begroting ingediend bij de gemeente.",
        "Aanvraag bij het Gebrookerbos Fonds ingediend.",
    ),
    Stage.APPROVED: (
        "Gebruiksovereenkomst getekend.",
        "Akkoord van de gemeente; bijdrage uit het Gebrookerbos Fonds toegekend.",
    ),
    Stage.IN_PROGRESS: (
        "Eerste werkdag met buurtbewoners.",
        "Aanleg gestart.",
    ),
    Stage.REALISED: (
        "Feestelijk geopend met de buurt.",
        "Opgeleverd en in gebruik genomen.",
    ),
    Stage.STOPPED: (
        "Gestopt: te weinig vrijwilligers.",
        "Gestopt: de financiering kwam niet rond.",
        "Initiatiefnemer verhuisd; niemand nam het over.",
        "Gestopt op verzoek van de initiatiefnemers.",
    ),
}
NEXT_ACTIONS: dict[Stage, tuple[str, ...]] = {
    Stage.IDEA: (
        "Kennismakingsgesprek met de initiatiefnemers plannen",
        "Idee bespreken in het wijkoverleg",
        "Passende kavels zoeken",
    ),
    Stage.EXPLORING: (
        "Kavels bezichtigen met de accountmanager",
        "Partners benaderen voor het plan",
        "Bodemonderzoek opvragen",
    ),
    Stage.PLAN: (
        "Aanvraag Gebrookerbos Fonds beoordelen",
        "Begroting aanvullen",
        "Plan bespreken met omwonenden",
    ),
    Stage.APPROVED: (
        "Startbijeenkomst met vrijwilligers organiseren",
        "Materialen bestellen",
        "Planning van de aanleg afstemmen",
    ),
    Stage.IN_PROGRESS: (
        "Opening met de buurt plannen",
        "Tweede werkdag organiseren",
        "Oplevering met de accountmanager",
    ),
    Stage.REALISED: (
        "Evaluatiegesprek na het eerste seizoen",
        "Onderhoudsafspraken vastleggen",
    ),
}

# Days spent in a stage before the next step: (min, max).
STAY_DAYS: dict[Stage, tuple[int, int]] = {
    Stage.IDEA: (21, 200),
    Stage.EXPLORING: (30, 270),
    Stage.PLAN: (30, 210),
    Stage.APPROVED: (14, 150),
    Stage.IN_PROGRESS: (45, 330),
}


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def _rand_date(rng: random.Random, lo: date, hi: date) -> date:
    """A uniformly random date in [lo, hi]."""
    return lo + timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def _first_of_month(d: date) -> date:
    return date(d.year, d.month, 1)


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def _weighted(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _broker(on: date) -> str:
    return next(name for until, name in BROKERS if on <= until)


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def _round_to(value: float, step: int) -> int:
    return int(max(step, step * round(value / step)))


def _in_programme_area(wijk_code: str) -> bool:
    return wijk_code.startswith(PROGRAMME_WIJK_PREFIXES)


def _short_name(buurt_name: str) -> str:
    """The buurt name as used in everyday speech (for names and descriptions)."""
    return SHORT_NAMES.get(buurt_name, buurt_name.removesuffix(" en omgeving"))


# --------------------------------------------------------------------------------------
# Shapes (in RD New metres, centred on the origin)
# --------------------------------------------------------------------------------------


def _scaled(poly: Polygon, area: float) -> Polygon:
    factor = math.sqrt(area / poly.area)
    return affinity.scale(poly, factor, factor, origin=(0, 0))


def _shape(rng: random.Random, kind: str, area: float) -> Polygon:
    """A polygon of about ``area`` m2 centred on the origin, randomly rotated."""
    if kind == "rect":
        aspect = rng.uniform(1.0, 2.6)
        w = math.sqrt(area * aspect)
        poly = box(-w / 2, -area / w / 2, w / 2, area / w / 2)
    elif kind == "l_shape":
        w, h = rng.uniform(1.0, 2.0), 1.0
        a, b = w * rng.uniform(0.35, 0.6), h * rng.uniform(0.35, 0.6)
        poly = box(0, 0, w, h).difference(box(w - a, h - b, w, h))
        poly = affinity.translate(poly, -poly.centroid.x, -poly.centroid.y)
    elif kind == "irregular":
        n = rng.randint(6, 10)
        points = []
        for i in range(n):
            angle = 2 * math.pi * (i + rng.uniform(-0.3, 0.3)) / n
            radius = rng.uniform(0.7, 1.25)
            points.append((radius * math.cos(angle), radius * math.sin(angle)))
        poly = Polygon(points)
    elif kind == "strip":
        width = rng.uniform(8.0, 22.0)
        length = area / width
        segments = rng.randint(1, 3)
        heading, x, y = 0.0, 0.0, 0.0
        coords = [(x, y)]
        for _ in range(segments):
            step = length / segments
            x, y = x + step * math.cos(heading), y + step * math.sin(heading)
            coords.append((x, y))
            heading += math.radians(rng.uniform(-25, 25))
        line = LineString(coords)
        poly = line.buffer(width / 2, cap_style="flat", join_style="mitre", mitre_limit=2.0)
        poly = affinity.translate(poly, -poly.centroid.x, -poly.centroid.y)
    else:  # pragma: no cover - programming error
        raise ValueError(kind)
    poly = _scaled(orient(poly, 1.0), area)
    return affinity.rotate(poly, rng.uniform(0, 180), origin=(0, 0))


# --------------------------------------------------------------------------------------
# Plots
# --------------------------------------------------------------------------------------


@dataclass
class _Hold:
    initiative: _Initiative
    start: date
    end: date | None  # the stop date of a stopped initiative


@dataclass
class _Plot:
    geom: Polygon
    kind: _Kind
    buurt_code: str
    buurt_name: str
    wijk_code: str
    where: str
    side: str
    registered: date = PORTFOLIO_START
    holds: list[_Hold] = field(default_factory=list)
    plot_id: str = ""
    name: str = ""
    location_description: str = ""
    owner_type: OwnerType = OwnerType.MUNICIPALITY
    owner_name: str | None = None
    zoning: str = "groen"
    soil: Soil = Soil.UNKNOWN
    has_water: bool = False
    has_electricity: bool = False
    has_car_access: bool = False
    availability: Availability = Availability.AVAILABLE
    available_from: date | None = None
    available_until: date | None = None
    notes: str | None = None
    unavailable_story: str | None = None  # how a plot without initiative came to be unavailable

    @property
    def area(self) -> float:
        return float(self.geom.area)

    def free_at(self, when: date) -> bool:
        """No hold on the plot at ``when`` or later, and the plot was listed before."""
        if self.registered >= when:
            return False
        return all(h.end is not None and h.end < when for h in self.holds)


def _read_buurten(geodata_dir: Traversable) -> gpd.GeoDataFrame:
    from gebrookerbos.services.geography import BUURTEN_FILE, read_geojson

    buurten = read_geojson(geodata_dir / BUURTEN_FILE).to_crs(config.RD_NEW)
    buurten = buurten.sort_values("buurtcode").reset_index(drop=True)
    return buurten[["buurtcode", "buurtnaam", "wijkcode", "geometry"]]


def _where(geom: Polygon, buurt_geom: Any, buurt_name: str) -> tuple[str, str]:
    """A Dutch phrase for the plot's position in its buurt, and its side (or '')."""
    c, b = geom.centroid, buurt_geom.centroid
    dx, dy = c.x - b.x, c.y - b.y
    if math.hypot(dx, dy) < 0.25 * math.sqrt(buurt_geom.area):
        return f"midden in {buurt_name}", ""
    side = SIDES[round(math.atan2(dy, dx) / (math.pi / 4)) % 8]
    return f"aan de {side} van {buurt_name}", side


def _place_plots(rng: random.Random, buurten: gpd.GeoDataFrame) -> list[_Plot]:
    """Place non-overlapping plots of random kinds inside the buurten."""
    inner = [prep(g.buffer(-INSET_M)) for g in buurten.geometry]
    programme = [i for i, w in enumerate(buurten["wijkcode"]) if _in_programme_area(w)]
    elsewhere = [i for i in range(len(buurten)) if i not in programme]
    placed: list[_Plot] = []
    geoms: list[Polygon] = []
    per_buurt = [0] * len(buurten)
    plan = [True] * N_PLOTS_PROGRAMME + [False] * N_PLOTS_ELSEWHERE
    for in_programme in plan:
        pool = [i for i in (programme if in_programme else elsewhere)
                if per_buurt[i] < MAX_PLOTS_PER_BUURT]
        weights = [buurten.geometry.iloc[i].area ** 0.3 for i in pool]
        kinds = [k for k in KINDS if in_programme or not k.programme_only]
        kind = _weighted(rng, [(k, k.weight) for k in kinds])
        lo, hi = kind.area
        area = math.exp(rng.uniform(math.log(lo), math.log(hi)))
        for _attempt in range(400):
            bi = rng.choices(pool, weights=weights)[0]
            bgeom = buurten.geometry.iloc[bi]
            minx, miny, maxx, maxy = bgeom.bounds
            x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            poly = affinity.translate(_shape(rng, rng.choice(kind.shapes), area), x, y)
            if not poly.is_valid or not inner[bi].contains(poly):
                continue
            if geoms and bool(shapely.dwithin(np.array(geoms), poly, GAP_M).any()):
                continue
            buurt_name = _short_name(buurten["buurtnaam"].iloc[bi])
            where, side = _where(poly, bgeom, buurt_name)
            per_buurt[bi] += 1
            placed.append(
                _Plot(
                    geom=poly,
                    kind=kind,
                    buurt_code=buurten["buurtcode"].iloc[bi],
                    buurt_name=buurt_name,
                    wijk_code=buurten["wijkcode"].iloc[bi],
                    where=where,
                    side=side,
                )
            )
            geoms.append(poly)
            break
        else:  # pragma: no cover - depends on the seed
            raise RuntimeError(f"could not place a {kind.key} plot of {area:.0f} m2")
    # Number the plots by buurt, north to south.
    placed.sort(key=lambda p: (p.buurt_code, -round(p.geom.centroid.y, 1)))
    for n, plot in enumerate(placed, start=1):
        plot.plot_id = f"KV-{n:04d}"
    return placed


def _describe_plots(rng: random.Random, plots: list[_Plot]) -> None:
    """Names, descriptions, owners and the static attributes of every plot."""
    used: set[str] = set()
    for plot in plots:
        kind = plot.kind
        stream = STREAMS.get(plot.wijk_code)
        templates = [t for t in kind.names if stream or "{stream}" not in t]
        name = rng.choice(templates).format(buurt=plot.buurt_name, stream=stream)
        if name in used and plot.buurt_name not in name:
            name = f"{name} ({plot.buurt_name})"
        if name in used and plot.side:
            name = f"{name}, {plot.side.removesuffix('kant')}zijde"
        base, n = name, 2
        while name in used:
            name = f"{base} {n}"
            n += 1
        used.add(name)
        plot.name = name
        plot.location_description = rng.choice(kind.locations).format(where=plot.where)
        owner = _weighted(
            rng,
            [(OwnerType.MUNICIPALITY, 76), (OwnerType.HOUSING_CORPORATION, 17),
             (OwnerType.PRIVATE, 7)],
        )
        if kind.key in ("vacant", "leftover") and owner == OwnerType.PRIVATE:
            owner = OwnerType.HOUSING_CORPORATION
        plot.owner_type = owner
        plot.owner_name = {
            OwnerType.MUNICIPALITY: "Gemeente Heerlen",
            OwnerType.HOUSING_CORPORATION: rng.choice(HOUSING_CORPORATIONS),
            OwnerType.PRIVATE: rng.choice(PRIVATE_OWNERS),
        }[owner]
        plot.zoning = rng.choice(kind.zonings)
        assert plot.zoning in ZONINGS
        plot.soil = _weighted(rng, kind.soils)
        plot.has_water = rng.random() < kind.water
        plot.has_electricity = rng.random() < kind.electricity
        plot.has_car_access = rng.random() < kind.car
        if rng.random() < 0.55:
            plot.registered = PORTFOLIO_START
        else:
            plot.registered = _rand_date(rng, date(2014, 2, 1), date(2025, 12, 31))
        plot.available_from = plot.registered
        notes = []
        if plot.soil == Soil.CONTAMINATED:
            notes.append("Bodem verontreinigd (mijnsteen); niet geschikt voor voedselteelt "
                         "zonder leeflaag.")
        elif plot.soil == Soil.SUSPECT:
            notes.append("Verkennend bodemonderzoek aanbevolen.")
        if rng.random() < 0.45:
            notes.append(rng.choice(PLOT_NOTES))
        plot.notes = " ".join(notes) or None


# --------------------------------------------------------------------------------------
# Initiatives
# --------------------------------------------------------------------------------------


@dataclass
class _Initiative:
    stage: Stage
    theme: Theme
    path: list[Stage]  # the stages it went through, in order (ending in ``stage``)
    dates: list[date]  # the date it entered each stage of ``path``
    template: _Template | None = None
    initiative_id: str = ""
    title: str = ""
    plots: list[_Plot] = field(default_factory=list)
    wants_plot: bool = True
    agreement_start: date | None = None
    agreement_end: date | None = None
    account_manager: str | None = None

    def entered(self, stage: Stage) -> date | None:
        return self.dates[self.path.index(stage)] if stage in self.path else None

    @property
    def stop_date(self) -> date | None:
        return self.dates[-1] if self.stage == Stage.STOPPED else None

    @property
    def hold_start(self) -> date | None:
        return self.entered(Stage.EXPLORING)


def _timeline(rng: random.Random, path: list[Stage], last_lo: date, last_hi: date) -> list[date]:
    """Strictly increasing dates for ``path``, the last one in [last_lo, last_hi]."""
    stays = [rng.randint(*STAY_DAYS[s]) for s in path[:-1]]
    last = _rand_date(rng, last_lo, last_hi)
    room = (last - HISTORY_START).days
    if sum(stays) > room:
        last = min(last_hi, HISTORY_START + timedelta(days=sum(stays) + rng.randint(0, 90)))
        room = (last - HISTORY_START).days
        if sum(stays) > room:
            factor = room / sum(stays)
            stays = [max(1, int(s * factor)) for s in stays]
    dates = [last]
    for stay in reversed(stays):
        dates.insert(0, dates[0] - timedelta(days=stay))
    return dates


def _make_initiatives(rng: random.Random) -> list[_Initiative]:
    """Stages, themes and stage dates of all initiatives."""
    stages = [s for s, n in STAGE_COUNTS.items() for _ in range(n)]
    themes = [t for t, n in THEME_COUNTS.items() for _ in range(n)]
    rng.shuffle(themes)
    stopped_from = list(STOPPED_FROM)
    initiatives = []
    for stage, theme in zip(stages, themes, strict=True):
        if stage == Stage.STOPPED:
            last_stage = stopped_from.pop(0)
            path = [*STAGE_ORDER[: STAGE_ORDER.index(last_stage) + 1], Stage.STOPPED]
            window = (date(2015, 1, 1), AS_OF - timedelta(days=10))
        else:
            path = list(STAGE_ORDER[: STAGE_ORDER.index(stage) + 1])
            if stage == Stage.REALISED:
                window = (date(2015, 6, 1), AS_OF - timedelta(days=30))
            elif stage == Stage.IDEA:
                window = (AS_OF - timedelta(days=520), AS_OF - timedelta(days=3))
            else:
                window = (AS_OF - timedelta(days=400), AS_OF - timedelta(days=7))
        dates = _timeline(rng, path, *window)
        initiatives.append(_Initiative(stage=stage, theme=theme, path=path, dates=dates))
    # Some exploring initiatives (and stopped ones) never found a plot.
    exploring = [i for i in initiatives if i.stage == Stage.EXPLORING]
    for ini in rng.sample(exploring, 3):
        ini.wants_plot = False
    for ini in initiatives:
        if ini.stage == Stage.STOPPED and ini.path[-2] == Stage.EXPLORING:
            ini.wants_plot = rng.random() < 0.5
    initiatives.sort(key=lambda i: (i.dates[0], i.stage, i.theme))
    for n, ini in enumerate(initiatives, start=1):
        ini.initiative_id = f"INI-{n:03d}"
    return initiatives


def _candidate_score(plot: _Plot, template: _Template) -> int:
    score = 0
    if plot.kind.key in template.kinds:
        score += 4
    if template.area[0] <= plot.area <= template.area[1]:
        score += 2
    if template.clean_soil and plot.soil == Soil.CONTAMINATED:
        score -= 5
    if _in_programme_area(plot.wijk_code):
        score += 1
    return score


def _assign_plots(rng: random.Random, initiatives: list[_Initiative], plots: list[_Plot]) -> None:
    """Pick a template and plot(s) for every initiative that holds plots, in time order."""
    holders = [i for i in initiatives if i.hold_start is not None and i.wants_plot]
    holders.sort(key=lambda i: (i.hold_start, i.initiative_id))
    by_theme = {t: [tp for tp in TEMPLATES if tp.theme == t] for t in Theme}
    for ini in holders:
        start = ini.hold_start
        assert start is not None
        ini.template = rng.choice(by_theme[ini.theme])
        free = [p for p in plots if p.free_at(start)]
        released = [p for p in free if p.holds]
        scored = sorted(free, key=lambda p: -_candidate_score(p, ini.template))
        best = _candidate_score(scored[0], ini.template)
        choices = [p for p in scored if _candidate_score(p, ini.template) >= best - 1]
        reuse = [p for p in released if _candidate_score(p, ini.template) >= best - 2]
        plot = rng.choice(reuse) if reuse and rng.random() < 0.7 else rng.choice(choices)
        ini.plots.append(plot)
        plot.holds.append(_Hold(ini, start, ini.stop_date))
        if ini.stage in (Stage.APPROVED, Stage.IN_PROGRESS, Stage.REALISED) and (
            rng.random() < 0.2
        ):
            nearby = [p for p in free if p is not plot and p.wijk_code == plot.wijk_code]
            if nearby:
                second = min(nearby, key=lambda p: p.geom.distance(plot.geom))
                ini.plots.append(second)
                second.holds.append(_Hold(ini, start, ini.stop_date))
    for ini in initiatives:
        if ini.template is None:
            ini.template = rng.choice(by_theme[ini.theme])


def _title_buurt(rng: random.Random, ini: _Initiative, plots: list[_Plot]) -> _Plot:
    """The plot whose buurt names the initiative (its own, else one in a likely wijk)."""
    if ini.plots:
        return ini.plots[0]
    candidates = [p for p in plots if _in_programme_area(p.wijk_code) or rng.random() < 0.15]
    return rng.choice(candidates)


def _wijk_neighbours(buurten: gpd.GeoDataFrame) -> dict[str, list[str]]:
    """For every wijk, the wijken that share a boundary with it (sorted)."""
    wijken = buurten.dissolve(by="wijkcode").sort_index()
    result = {}
    for code, geom in zip(wijken.index, wijken.geometry, strict=True):
        touching = wijken.index[wijken.geometry.intersects(geom.buffer(5.0))]
        result[code] = sorted(c for c in touching if c != code)
    return result


def _describe_initiatives(
    rng: random.Random,
    initiatives: list[_Initiative],
    plots: list[_Plot],
    neighbours: dict[str, list[str]],
) -> list[dict[str, Any]]:
    """The initiative records: titles, people, dates, next actions and needs."""
    used_titles: set[str] = set()
    used_people: set[str] = set()
    rows = []
    for ini in initiatives:
        tpl = ini.template
        assert tpl is not None
        anchor = _title_buurt(rng, ini, plots)
        stream = STREAMS.get(anchor.wijk_code) or anchor.buurt_name
        title = tpl.title.format(buurt=anchor.buurt_name, stream=stream)
        if title in used_titles:
            alternatives = [
                t for t in TEMPLATES
                if t.theme == ini.theme and t is not tpl
                and (not ini.plots or ini.plots[0].kind.key in t.kinds)
            ]
            for alt in rng.sample(alternatives, len(alternatives)):
                candidate = alt.title.format(buurt=anchor.buurt_name, stream=stream)
                if candidate not in used_titles:
                    tpl, title = alt, candidate
                    ini.template = alt
                    break
        base, n = title, 2
        while title in used_titles:
            title = f"{base} {n}"
            n += 1
        used_titles.add(title)
        ini.title = title
        summary = tpl.summary.format(buurt=anchor.buurt_name, stream=stream)

        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            person = f"{first} {last}"
            if person not in used_people:
                used_people.add(person)
                break
        email = f"{_ascii(first)}.{_ascii(last)}@{rng.choice(EMAIL_DOMAINS)}"
        phone = f"06-0{rng.randint(0, 9_999_999):07d}"
        group = rng.choice(GROUP_NAMES).format(buurt=anchor.buurt_name, title=title)

        if ini.stage != Stage.IDEA or rng.random() < 0.4:
            ini.account_manager = rng.choice(ACCOUNT_MANAGERS)
        n_partners = rng.randint(0, 3) if ini.stage != Stage.IDEA else rng.randint(0, 1)
        partners = ", ".join(rng.sample(PARTNERS[ini.theme], n_partners)) or None

        start_date = ini.dates[0]
        if ini.stage == Stage.REALISED:
            expected = ini.dates[-1]
        elif ini.stage == Stage.STOPPED:
            expected = None
        else:
            remaining = len(STAGE_ORDER) - 1 - STAGE_ORDER.index(ini.stage)
            expected = _first_of_month(
                AS_OF + timedelta(days=rng.randint(60 * remaining, 130 * remaining))
            )

        next_action, next_due = None, None
        if ini.stage in NEXT_ACTIONS and (ini.stage != Stage.REALISED or rng.random() < 0.3):
            next_action = rng.choice(NEXT_ACTIONS[ini.stage])
            next_due = AS_OF + timedelta(days=rng.randint(-75, 80))
            next_due = max(next_due, ini.dates[-1] + timedelta(days=7))

        progress = STAGE_PROGRESS[ini.stage]
        explicit = False
        if ini.stage in (Stage.EXPLORING, Stage.PLAN, Stage.APPROVED, Stage.IN_PROGRESS) and (
            rng.random() < 0.2
        ):
            upper = STAGE_PROGRESS[STAGE_ORDER[STAGE_ORDER.index(ini.stage) + 1]]
            progress = rng.randint(progress + 3, upper - 2)
            explicit = True

        if ini.plots:
            area = sum(p.area for p in ini.plots)
            need_min = _round_to(area * rng.uniform(0.5, 0.9), 50)
            need_max = _round_to(area * rng.uniform(1.2, 2.0), 50)
            wijken = [ini.plots[0].wijk_code]
        else:
            need_min, need_max = tpl.area[0], tpl.area[1]
            wijken = [anchor.wijk_code]
        if rng.random() < 0.3 and neighbours.get(wijken[0]):
            wijken.append(rng.choice(neighbours[wijken[0]]))
        if ini.stage in (Stage.IDEA, Stage.EXPLORING):
            need_start = _first_of_month(AS_OF + timedelta(days=rng.randint(30, 270)))
        else:
            need_start = _add_months(ini.dates[min(1, len(ini.dates) - 1)], 1)
        rows.append(
            {
                "initiative_id": ini.initiative_id,
                "title": title,
                "public_summary": summary,
                "theme": ini.theme.value,
                "stage": ini.stage.value,
                "progress": progress,
                "progress_explicit": explicit,
                "initiator_group": group,
                "contact_name": person,
                "contact_email": email,
                "contact_phone": phone,
                "account_manager": ini.account_manager,
                "partners": partners,
                "start_date": start_date,
                "expected_date": expected,
                "next_action": next_action,
                "next_action_due": next_due,
                "need_min_area_m2": need_min,
                "need_max_area_m2": need_max,
                "need_wijken": ",".join(wijken),
                "need_water": tpl.water,
                "need_electricity": tpl.electricity,
                "need_car_access": tpl.car,
                "need_clean_soil": tpl.clean_soil,
                "need_start": need_start,
                "need_duration_months": rng.choice((12, 24, 36, 60, 120, None)),
            }
        )
    return rows


def _set_agreements(rng: random.Random, initiatives: list[_Initiative]) -> None:
    """User agreements from the approval date; a few end within a year after AS_OF."""
    active = []
    for ini in initiatives:
        approved = ini.entered(Stage.APPROVED)
        if approved is None or not ini.plots:
            continue
        ini.agreement_start = approved
        if ini.stage == Stage.STOPPED:
            ini.agreement_end = ini.stop_date
        else:
            active.append(ini)
    expiring = rng.sample(active, N_EXPIRING_AGREEMENTS)
    for ini in active:
        if ini in expiring:
            ini.agreement_end = AS_OF + timedelta(days=rng.randint(20, 355))
        elif rng.random() < 0.35:
            ini.agreement_end = None  # open-ended
        else:
            assert ini.agreement_start is not None
            end = ini.agreement_start + timedelta(days=365 * rng.choice((3, 5, 10)))
            if end <= AS_OF + timedelta(days=400):
                end = AS_OF + timedelta(days=rng.randint(400, 2200))  # renewed
            ini.agreement_end = end
        for plot in ini.plots:
            if ini.agreement_end is not None and rng.random() < 0.5:
                plot.available_until = ini.agreement_end


# --------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------


def _stage_events(initiatives: list[_Initiative]) -> list[dict[str, Any]]:
    rows = []
    for ini in initiatives:
        previous: Stage | None = None
        for stage, when in zip(ini.path, ini.dates, strict=True):
            if stage in (Stage.PLAN, Stage.APPROVED, Stage.IN_PROGRESS) and ini.account_manager:
                who = ini.account_manager
            else:
                who = _broker(when)
            notes = STAGE_NOTES[stage]
            note = notes[(int(ini.initiative_id[-3:]) + len(rows)) % len(notes)]
            if stage == Stage.EXPLORING and ini.plots:
                names = " en ".join(p.name for p in ini.plots)
                note = f"Verkenning gestart; {names} in optie genomen."
            rows.append(
                {
                    "initiative_id": ini.initiative_id,
                    "event_date": when,
                    "from_stage": previous.value if previous else None,
                    "to_stage": stage.value,
                    "by_whom": who,
                    "note": note,
                }
            )
            previous = stage
    return rows


def _plot_history(rng: random.Random, plots: list[_Plot]) -> list[dict[str, Any]]:
    """Availability events of every plot; sets each plot's current availability."""
    rows: list[dict[str, Any]] = []
    never_held = [p for p in plots if not p.holds]
    contaminated = [p for p in never_held if p.soil == Soil.CONTAMINATED]
    others = [p for p in never_held if p.soil != Soil.CONTAMINATED]
    unavailable = contaminated[:3] + rng.sample(others, 4)
    stories = ["later", "later", "still", "still", "cleared", "later", "future"]
    for plot, story in zip(unavailable, stories, strict=False):
        plot.unavailable_story = story
    for plot in plots:
        events: list[tuple[date, Availability, str | None, str | None, str]] = []
        first_note = (
            "Opgenomen in het overzicht van braakliggende terreinen."
            if plot.registered == PORTFOLIO_START
            else "Kavel vrijgekomen en aangemeld bij het programma."
        )
        story = plot.unavailable_story
        reason = UNAVAILABLE_REASONS[0] if plot.soil == Soil.CONTAMINATED else (
            rng.choice(UNAVAILABLE_REASONS)
        )
        if story in ("still", "cleared", "future"):
            events.append((plot.registered, Availability.UNAVAILABLE, None, None,
                           f"{first_note} {reason}"))
            if story == "cleared":
                when = _rand_date(rng, plot.registered + timedelta(days=200),
                                  AS_OF - timedelta(days=30))
                events.append((when, Availability.AVAILABLE, None, None,
                               "Belemmering opgeheven; weer beschikbaar."))
                plot.available_from = when
            elif story == "future":
                plot.available_from = _first_of_month(
                    AS_OF + timedelta(days=rng.randint(120, 700))
                )
            else:
                plot.available_from = None
        else:
            events.append((plot.registered, Availability.AVAILABLE, None, None, first_note))
        for hold in plot.holds:
            ini = hold.initiative
            title = ini.title
            events.append((hold.start, Availability.RESERVED, ini.initiative_id,
                           _broker(hold.start), f"In optie voor {title}."))
            started = ini.entered(Stage.IN_PROGRESS)
            if started is not None:
                who = ini.account_manager or _broker(started)
                events.append((started, Availability.IN_USE, ini.initiative_id, who,
                               f"In gebruik genomen door {title}."))
            if hold.end is not None:
                events.append((hold.end, Availability.AVAILABLE, ini.initiative_id,
                               _broker(hold.end), f"Vrijgekomen: {title} is gestopt."))
        if story == "later":
            last = events[-1][0]
            when = _rand_date(rng, last + timedelta(days=60), AS_OF - timedelta(days=14))
            events.append((when, Availability.UNAVAILABLE, None, _broker(when), reason))
            plot.available_from = None
        if story is None and not plot.holds and rng.random() < 0.2:
            plot.available_until = _first_of_month(AS_OF + timedelta(days=rng.randint(300, 1800)))
            plot.notes = " ".join(
                filter(None, [plot.notes, "Tijdelijk beschikbaar tot de herontwikkeling."])
            )
        previous: Availability | None = None
        for when, to, initiative_id, who, note in events:
            assert previous is None or when > rows[-1]["event_date"]
            rows.append(
                {
                    "plot_id": plot.plot_id,
                    "event_date": when,
                    "from_availability": previous.value if previous else None,
                    "to_availability": to.value,
                    "initiative_id": initiative_id,
                    "by_whom": who,
                    "note": note,
                }
            )
            previous = to
        assert previous is not None
        plot.availability = previous
    return rows


# --------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------


def generate(geodata_dir: Traversable | None = None, seed: int | None = SEED) -> DemoData:
    """Generate the fictional dataset (deterministic for a given seed)."""
    rng = random.Random(SEED if seed is None else seed)
    buurten = _read_buurten(config.geodata(geodata_dir))
    plots = _place_plots(rng, buurten)
    _describe_plots(rng, plots)
    initiatives = _make_initiatives(rng)
    _assign_plots(rng, initiatives, plots)
    initiative_rows = _describe_initiatives(rng, initiatives, plots, _wijk_neighbours(buurten))
    _set_agreements(rng, initiatives)
    stage_rows = _stage_events(initiatives)
    plot_event_rows = _plot_history(rng, plots)

    link_rows = [
        {
            "initiative_id": ini.initiative_id,
            "plot_id": plot.plot_id,
            "agreement_start": ini.agreement_start,
            "agreement_end": ini.agreement_end,
        }
        for ini in initiatives
        for plot in ini.plots
    ]
    plot_rows = [
        {
            "plot_id": p.plot_id,
            "name": p.name,
            "location_description": p.location_description,
            "owner_type": p.owner_type.value,
            "owner_name": p.owner_name,
            "zoning": p.zoning,
            "soil": p.soil.value,
            "has_water": p.has_water,
            "has_electricity": p.has_electricity,
            "has_car_access": p.has_car_access,
            "availability": p.availability.value,
            "available_from": p.available_from,
            "available_until": p.available_until,
            "notes": p.notes,
            "buurt_code": p.buurt_code,
            "area_m2": round(p.area, 1),
        }
        for p in plots
    ]
    plot_frame = gpd.GeoDataFrame(
        pd.DataFrame(plot_rows), geometry=[p.geom for p in plots], crs=config.RD_NEW
    )
    return DemoData(
        plots=plot_frame,
        initiatives=pd.DataFrame(initiative_rows, columns=list(INITIATIVE_COLUMNS)),
        initiative_plots=pd.DataFrame(link_rows, columns=list(INITIATIVE_PLOT_COLUMNS)),
        stage_events=pd.DataFrame(stage_rows, columns=list(STAGE_EVENT_COLUMNS)),
        plot_events=pd.DataFrame(plot_event_rows, columns=list(PLOT_EVENT_COLUMNS)),
    )


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A CSV cell: '' for missing, ISO dates, lowercase booleans."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _json_value(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _write_csv(frame: pd.DataFrame, columns: Iterable[str], path: Path) -> None:
    cols = list(columns)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(cols)
        for row in frame[cols].itertuples(index=False, name=None):
            writer.writerow([_text(v) for v in row])


def _rounded_coords(geom: Polygon) -> list[list[list[float]]]:
    rings = [geom.exterior, *geom.interiors]
    return [[[round(x, 7), round(y, 7)] for x, y in ring.coords] for ring in rings]


def _write_plots_geojson(plots: gpd.GeoDataFrame, path: Path) -> None:
    """RFC 7946 GeoJSON in WGS84, 7 decimals, one feature per line."""
    oriented = plots.geometry.apply(lambda g: orient(g, 1.0))
    wgs84 = gpd.GeoSeries(oriented, crs=config.RD_NEW).to_crs(config.WGS84)
    lines = []
    for (_, row), geom in zip(plots.iterrows(), wgs84, strict=True):
        props = {c: _json_value(row[c]) for c in PLOT_COLUMNS}
        feature = {
            "type": "Feature",
            "properties": props,
            "geometry": {"type": "Polygon", "coordinates": _rounded_coords(geom)},
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    header = json.dumps(
        {"type": "FeatureCollection",
         "name": "demo_plots",
         "description": "Fictieve demodata: verzonnen kavels in Heerlen "
                        "(Gebrookerbos-dashboard, demo-generator)."},
        ensure_ascii=False,
    )[:-1]
    text = header + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def write_demo_files(data: DemoData, out_dir: Path) -> None:
    """Write the demo files (see :data:`DEMO_FILES`) into ``out_dir``; byte-deterministic."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_plots_geojson(data.plots, out_dir / PLOTS_FILE)
    _write_csv(data.initiatives, INITIATIVE_COLUMNS, out_dir / INITIATIVES_FILE)
    _write_csv(data.initiative_plots, INITIATIVE_PLOT_COLUMNS, out_dir / INITIATIVE_PLOTS_FILE)
    _write_csv(data.stage_events, STAGE_EVENT_COLUMNS, out_dir / STAGE_EVENTS_FILE)
    _write_csv(data.plot_events, PLOT_EVENT_COLUMNS, out_dir / PLOT_EVENTS_FILE)


def demo_files_present(directory: Traversable | None = None) -> bool:
    """True when all demo files exist in ``directory`` (default: the packaged geodata)."""
    directory = config.geodata(directory)
    return all((directory / name).is_file() for name in DEMO_FILES)


# --------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------


def _read_csv(path: Traversable) -> pd.DataFrame:
    """A demo CSV with every column as text (NULL for empty cells); SQL casts the types."""
    with path.open("rb") as fh:
        frame = pd.read_csv(fh, dtype=str, keep_default_na=False, na_values=[""])
    return frame.astype("string")


def read_plots(geodata_dir: Traversable | None = None) -> gpd.GeoDataFrame:
    """The demo plots from their GeoJSON file, in RD New."""
    geodata_dir = config.geodata(geodata_dir)
    collection = json.loads((geodata_dir / PLOTS_FILE).read_text(encoding="utf-8"))
    features = collection["features"]
    frame = pd.DataFrame([f["properties"] for f in features], columns=list(PLOT_COLUMNS))
    geoms = [shape(f["geometry"]) for f in features]
    return gpd.GeoDataFrame(frame, geometry=geoms, crs=config.WGS84).to_crs(config.RD_NEW)


def load_demo(
    con: duckdb.DuckDBPyConnection, geodata_dir: Traversable | None = None
) -> dict[str, int]:
    """Replace plots, initiatives and their events with the demo files; returns row counts.

    Needs the schema and (for the buurt of each plot) the reference geography.
    """
    geodata_dir = config.geodata(geodata_dir)
    plots = read_plots(geodata_dir)
    staging_plots = pd.DataFrame(plots.drop(columns="geometry"))
    for col in ("has_water", "has_electricity", "has_car_access"):
        staging_plots[col] = staging_plots[col].astype(bool)
    text_cols = [c for c in PLOT_COLUMNS if not c.startswith("has_")]
    staging_plots[text_cols] = staging_plots[text_cols].astype("string")
    staging_plots["wkb"] = plots.geometry.to_wkb()
    staging = {
        "staging_demo_plots": staging_plots,
        "staging_demo_initiatives": _read_csv(geodata_dir / INITIATIVES_FILE),
        "staging_demo_initiative_plots": _read_csv(geodata_dir / INITIATIVE_PLOTS_FILE),
        "staging_demo_stage_events": _read_csv(geodata_dir / STAGE_EVENTS_FILE),
        "staging_demo_plot_events": _read_csv(geodata_dir / PLOT_EVENTS_FILE),
    }
    with db.transaction(con):
        for name in (
            "delete_plot_events",
            "delete_stage_events",
            "delete_initiative_plots",
            "delete_initiatives",
            "delete_plot_places",
            "delete_plots",
        ):
            db.execute(con, name)
        for view, frame in staging.items():
            con.register(view, frame)
        try:
            db.execute(con, "insert_demo_plots")
            db.execute(con, "insert_demo_initiatives")
            db.execute(con, "insert_demo_initiative_plots")
            db.execute(con, "insert_demo_stage_events")
            db.execute(con, "insert_demo_plot_events")
        finally:
            for view in staging:
                con.unregister(view)
        db.execute(con, "assign_plot_buurten")
        db.execute(con, "record_plot_places")
    return {
        "plots": len(staging_plots),
        "initiatives": len(staging["staging_demo_initiatives"]),
        "initiative_plots": len(staging["staging_demo_initiative_plots"]),
        "stage_events": len(staging["staging_demo_stage_events"]),
        "plot_events": len(staging["staging_demo_plot_events"]),
    }
