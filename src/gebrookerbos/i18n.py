"""The translation table: every user-visible text, Dutch (default) and English.

Keys are dotted names. Domain codes (stages, availability, themes, ...) are translated
with keys like ``stage.realised``; see :func:`label`. A test fails when a key lacks a
language.
"""

from __future__ import annotations

from enum import Enum

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

TEXT: dict[str, dict[str, str]] = {
    # --- the frame -------------------------------------------------------------------
    "app.title": {"nl": "Gebrookerbos dashboard", "en": "Gebrookerbos dashboard"},
    "app.subtitle": {
        "nl": "Open ruimtes en burgerinitiatieven in Heerlen",
        "en": "Open spaces and citizens' initiatives in Heerlen",
    },
    "app.language": {"nl": "Taal", "en": "Language"},
    "app.demo_data": {
        "nl": "Fictieve demodata: kavels, initiatieven en personen zijn verzonnen.",
        "en": "Fictional demo data: plots, initiatives and people are invented.",
    },
    "app.attribution": {
        "nl": "Grenzen: Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024. "
        "Cijfers: Bron: CBS, Kerncijfers wijken en buurten 2016-2020 en 2024 (85984NED).",
        "en": "Boundaries: Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024. "
        "Figures: Bron: CBS, Kerncijfers wijken en buurten 2016-2020 and 2024 (85984NED).",
    },
    "app.attribution_source": {
        "nl": "Bron: Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024",
        "en": "Bron: Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024",
    },
    # --- navigation ------------------------------------------------------------------
    "nav.map": {"nl": "Kaart", "en": "Map"},
    "nav.plots": {"nl": "Kavels", "en": "Plots"},
    "nav.initiatives": {"nl": "Initiatieven", "en": "Initiatives"},
    "nav.neighbourhoods": {"nl": "Wijken", "en": "Neighbourhoods"},
    "nav.screen": {"nl": "Scherm", "en": "Screen"},
    "nav.admin": {"nl": "Beheer", "en": "Admin"},
    # --- map page ------------------------------------------------------------------------
    "map.title": {"nl": "Kaart van open ruimtes", "en": "Map of open spaces"},
    "map.intro": {
        "nl": "Alle kavels op de kaart. Klik op een kavel voor details en initiatieven.",
        "en": "All plots on the map. Click a plot for its details and initiatives.",
    },
    "map.filters": {"nl": "Filters", "en": "Filters"},
    "map.colour_by": {"nl": "Kleur kavels op", "en": "Colour plots by"},
    "map.colour_availability": {"nl": "Beschikbaarheid", "en": "Availability"},
    "map.colour_stage": {"nl": "Fase van het initiatief", "en": "Stage of the initiative"},
    "map.basemap": {"nl": "Achtergrondkaart", "en": "Basemap"},
    "map.basemap_pdok": {"nl": "PDOK BRT-Achtergrondkaart grijs", "en": "PDOK BRT basemap grey"},
    "map.basemap_osm": {"nl": "OpenStreetMap", "en": "OpenStreetMap"},
    "map.basemap_none": {"nl": "Geen achtergrondkaart", "en": "No basemap"},
    "map.layer_plots": {"nl": "Kavels", "en": "Plots"},
    "map.layer_buurten": {"nl": "Buurtgrenzen", "en": "Buurt boundaries"},
    "map.layer_wijken": {"nl": "Wijkgrenzen", "en": "Wijk boundaries"},
    "map.legend": {"nl": "Legenda", "en": "Legend"},
    "map.no_initiative": {"nl": "Geen initiatief", "en": "No initiative"},
    "map.count": {
        "nl": "{shown} van {total} kavels getoond",
        "en": "{shown} of {total} plots shown",
    },
    "map.none_match": {
        "nl": "Geen kavels voldoen aan deze filters.",
        "en": "No plots match these filters.",
    },
    "map.click_hint": {
        "nl": "Klik op een kavel op de kaart om de details te zien.",
        "en": "Click a plot on the map to see its details.",
    },
    "map.table": {"nl": "Tabel van de getoonde kavels", "en": "Table of the plots shown"},
    "map.aria": {
        "nl": "Interactieve kaart met kavels; dezelfde kavels staan in de tabel eronder.",
        "en": "Interactive map of plots; the same plots are listed in the table below.",
    },
    # --- filters -------------------------------------------------------------------------
    "filter.wijk": {"nl": "Wijk", "en": "District (wijk)"},
    "filter.buurt": {"nl": "Buurt", "en": "Neighbourhood (buurt)"},
    "filter.all": {"nl": "Alle", "en": "All"},
    "filter.availability": {"nl": "Beschikbaarheid", "en": "Availability"},
    "filter.stage": {"nl": "Fase", "en": "Stage"},
    "filter.theme": {"nl": "Thema", "en": "Theme"},
    "filter.area": {"nl": "Oppervlakte (m²)", "en": "Area (m²)"},
    # --- plot fields -------------------------------------------------------------------------
    "plot.plot_id": {"nl": "Kavelnummer", "en": "Plot id"},
    "plot.name": {"nl": "Naam", "en": "Name"},
    "plot.location_description": {"nl": "Ligging", "en": "Location"},
    "plot.area_m2": {"nl": "Oppervlakte (m²)", "en": "Area (m²)"},
    "plot.area": {"nl": "Oppervlakte", "en": "Area"},
    "plot.buurt": {"nl": "Buurt", "en": "Neighbourhood"},
    "plot.wijk": {"nl": "Wijk", "en": "District"},
    "plot.owner_type": {"nl": "Eigenaar", "en": "Owner"},
    "plot.owner_name": {"nl": "Naam eigenaar", "en": "Owner name"},
    "plot.zoning": {"nl": "Bestemming", "en": "Zoning"},
    "plot.soil": {"nl": "Bodem", "en": "Soil"},
    "plot.facilities": {"nl": "Voorzieningen", "en": "Facilities"},
    "plot.has_water": {"nl": "Water", "en": "Water"},
    "plot.has_electricity": {"nl": "Stroom", "en": "Electricity"},
    "plot.has_car_access": {"nl": "Bereikbaar met auto", "en": "Car access"},
    "plot.availability": {"nl": "Beschikbaarheid", "en": "Availability"},
    "plot.available_from": {"nl": "Beschikbaar vanaf", "en": "Available from"},
    "plot.available_until": {"nl": "Beschikbaar tot", "en": "Available until"},
    "plot.notes": {"nl": "Opmerkingen", "en": "Notes"},
    "plot.status": {"nl": "Status", "en": "Status"},
    "plot.initiatives": {"nl": "Initiatieven op deze kavel", "en": "Initiatives on this plot"},
    "plot.no_initiatives": {
        "nl": "Er is (nog) geen initiatief op deze kavel.",
        "en": "There is no initiative on this plot (yet).",
    },
    "plot.details": {"nl": "Kaveldetails", "en": "Plot details"},
    "plot.none": {"nl": "geen", "en": "none"},
    # --- initiative fields -------------------------------------------------------------------
    "initiative.title": {"nl": "Initiatief", "en": "Initiative"},
    "initiative.stage": {"nl": "Fase", "en": "Stage"},
    "initiative.theme": {"nl": "Thema", "en": "Theme"},
    "initiative.progress": {"nl": "Voortgang", "en": "Progress"},
    "initiative.public_summary": {"nl": "Samenvatting", "en": "Summary"},
    "initiative.agreement_end": {
        "nl": "Gebruiksovereenkomst loopt tot",
        "en": "User agreement runs until",
    },
    # --- domain codes ------------------------------------------------------------------------
    "availability.available": {"nl": "Beschikbaar", "en": "Available"},
    "availability.reserved": {"nl": "In optie", "en": "Reserved"},
    "availability.in_use": {"nl": "In gebruik", "en": "In use"},
    "availability.unavailable": {"nl": "Niet beschikbaar", "en": "Unavailable"},
    "stage.idea": {"nl": "Idee", "en": "Idea"},
    "stage.exploring": {"nl": "Verkenning", "en": "Exploring"},
    "stage.plan": {"nl": "Plan", "en": "Plan"},
    "stage.approved": {"nl": "Akkoord", "en": "Approved"},
    "stage.in_progress": {"nl": "Uitvoering", "en": "In progress"},
    "stage.realised": {"nl": "Gerealiseerd", "en": "Realised"},
    "stage.stopped": {"nl": "Gestopt", "en": "Stopped"},
    "stage.none": {"nl": "Geen initiatief", "en": "No initiative"},
    "theme.nature": {"nl": "Wildernis", "en": "Nature"},
    "theme.recreation": {"nl": "Recreatief netwerk", "en": "Recreational network"},
    "theme.urban_farming": {"nl": "Stadslandbouw", "en": "Urban farming"},
    "owner_type.municipality": {"nl": "Gemeente", "en": "Municipality"},
    "owner_type.housing_corporation": {"nl": "Woningcorporatie", "en": "Housing corporation"},
    "owner_type.private": {"nl": "Particulier", "en": "Private"},
    "soil.clean": {"nl": "Schoon", "en": "Clean"},
    "soil.suspect": {"nl": "Verdacht", "en": "Suspect"},
    "soil.contaminated": {"nl": "Verontreinigd", "en": "Contaminated"},
    "soil.unknown": {"nl": "Onbekend", "en": "Unknown"},
    "bool.true": {"nl": "ja", "en": "yes"},
    "bool.false": {"nl": "nee", "en": "no"},
    "value.unknown": {"nl": "onbekend", "en": "unknown"},
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fmt: object) -> str:
    """The text for ``key`` in ``lang``, formatted with ``fmt``."""
    entry = TEXT[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**fmt) if fmt else text


def label(kind: str, code: str | Enum | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """The label of a domain code, e.g. ``label('stage', 'realised', 'nl') == 'Gerealiseerd'``."""
    if code is None or code != code:  # None or NaN
        return t(f"{kind}.none", lang) if f"{kind}.none" in TEXT else t("value.unknown", lang)
    value = code.value if isinstance(code, Enum) else str(code)
    return t(f"{kind}.{value}", lang)


def missing_translations() -> list[tuple[str, str]]:
    """(key, language) pairs that have no text; empty when the table is complete."""
    return [
        (key, lang)
        for key, entry in TEXT.items()
        for lang in LANGUAGES
        if not entry.get(lang, "").strip()
    ]
