"""The translation table: every user-visible text, Dutch (default) and English.

Keys are dotted names. Domain codes (stages, availability, themes, ...) are translated
with keys like ``stage.realised``; see :func:`label`. A test fails when a key lacks a
language.
"""

from __future__ import annotations

from enum import Enum

import pandas as pd

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
    "nav.accessibility": {"nl": "Toegankelijkheid", "en": "Accessibility"},
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
    "map.name": {"nl": "Kaart met {n} kavels", "en": "Map with {n} plots"},
    "map.name_one": {"nl": "Kaart met {n} kavel", "en": "Map with {n} plot"},
    "map.name_areas": {"nl": "Kaart van {title} met {n} gebieden",
                       "en": "Map of {title} with {n} areas"},
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
    # --- page Kavels: search, matching, reservations, pipeline, exports ----------
    "kavels.title": {"nl": "Kavels: zoeken, matchen en in optie geven",
                     "en": "Plots: find, match and reserve"},
    "kavels.intro": {
        "nl": "De werkplek van de brooker: welke kavels zijn vrij, welke passen bij een "
        "initiatief, en wie wacht op wat.",
        "en": "The broker's workspace: which plots are free, which fit an initiative, and "
        "who is waiting for what.",
    },
    "kavels.view": {"nl": "Weergave", "en": "View"},
    "kavels.view_search": {"nl": "Kavels zoeken en matchen", "en": "Find and match plots"},
    "kavels.view_pipeline": {"nl": "Pipeline van initiatieven", "en": "Pipeline of initiatives"},
    "kavels.filters": {"nl": "Kavels filteren", "en": "Filter plots"},
    "kavels.area_min": {"nl": "Oppervlakte vanaf (m²)", "en": "Area from (m²)"},
    "kavels.area_max": {"nl": "Oppervlakte tot (m²)", "en": "Area up to (m²)"},
    "kavels.facilities": {"nl": "Voorzieningen (moet hebben)", "en": "Facilities (must have)"},
    "kavels.window": {"nl": "Beschikbaarheidsvenster", "en": "Availability window"},
    "kavels.free_from": {"nl": "Vrij vanaf", "en": "Free from"},
    "kavels.free_months": {"nl": "Voor minstens (maanden)", "en": "For at least (months)"},
    "kavels.window_help": {
        "nl": "Beschikbaar op deze datum (ook kavels waarvan de huidige overeenkomst "
        "eerder afloopt) en niet eerder weer weg dan na dit aantal maanden.",
        "en": "Free on this date (including plots whose current agreement ends before it) "
        "and not taken back before this number of months has passed.",
    },
    "kavels.sort": {"nl": "Sorteer op", "en": "Sort by"},
    "kavels.sort_desc": {"nl": "Aflopend", "en": "Descending"},
    "kavels.sort_default": {"nl": "Standaard (beste match, anders kavelnummer)",
                            "en": "Default (best match, else plot id)"},
    "kavels.count": {"nl": "{shown} van {total} kavels", "en": "{shown} of {total} plots"},
    "kavels.count_matched": {
        "nl": "{shown} van {total} kavels voldoen aan de filters en de harde eisen",
        "en": "{shown} of {total} plots meet the filters and the hard needs",
    },
    "kavels.results": {"nl": "Gevonden kavels", "en": "Plots found"},
    "kavels.pick": {"nl": "Gekozen kavel", "en": "Selected plot"},
    "kavels.pick_hint": {"nl": "Klik op de kaart of kies een kavel",
                         "en": "Click the map or choose a plot"},
    "kavels.share": {
        "nl": "Deze weergave delen: kopieer het adres uit de adresbalk; het bevat alle "
        "filters en de gekozen kavel.",
        "en": "Share this view: copy the address from the address bar; it holds every "
        "filter and the selected plot.",
    },
    "kavels.legend_best": {
        "nl": "Dikke zwarte stippellijn: de {n} beste matches",
        "en": "Thick black dashed outline: the {n} best matches",
    },
    "kavels.score": {"nl": "Score", "en": "Score"},
    "kavels.why": {"nl": "Waarom deze kavel", "en": "Why this plot"},
    "kavels.rank": {"nl": "Nr.", "en": "No."},
    "kavels.best": {"nl": "Beste match", "en": "Best match"},
    "match.title": {"nl": "Matchen op behoeften", "en": "Match on needs"},
    "match.enable": {"nl": "Kavels matchen op de behoeften van een initiatief",
                     "en": "Match plots to an initiative's needs"},
    "match.initiative": {"nl": "Behoeften overnemen van initiatief",
                         "en": "Take the needs of initiative"},
    "match.own_needs": {"nl": "(eigen behoeften invullen)", "en": "(enter needs yourself)"},
    "match.min_area": {"nl": "Minimale oppervlakte (m²)", "en": "Minimum area (m²)"},
    "match.max_area": {"nl": "Maximale oppervlakte (m²)", "en": "Maximum area (m²)"},
    "match.wijken": {"nl": "Gewenste wijken of buurten", "en": "Preferred districts or neighbourhoods"},
    "match.facilities": {"nl": "Nodige voorzieningen", "en": "Facilities needed"},
    "match.clean_soil": {"nl": "Schone bodem nodig", "en": "Clean soil needed"},
    "match.start": {"nl": "Start", "en": "Start"},
    "match.duration": {"nl": "Duur (maanden)", "en": "Duration (months)"},
    "match.theme": {"nl": "Thema", "en": "Theme"},
    "match.no_theme": {"nl": "(geen thema)", "en": "(no theme)"},
    "match.hard": {"nl": "Harde eisen (de rest telt mee in de score)",
                   "en": "Hard needs (the others count in the score)"},
    "match.hard_help": {
        "nl": "Een kavel die een harde eis mist, valt af. Zachte eisen bepalen de score "
        "(0-100): het gewogen deel van de behoeften waaraan de kavel voldoet.",
        "en": "A plot that misses a hard need is left out. Soft needs make the score "
        "(0-100): the weighted share of the needs the plot meets.",
    },
    "match.meets": {"nl": "Voldoet aan", "en": "Meets"},
    "match.misses": {"nl": "Mist", "en": "Misses"},
    "match.no_needs": {"nl": "Geen behoeften opgegeven.", "en": "No needs given."},
    "match.range_both": {"nl": "gevraagd {min} tot {max}", "en": "asked {min} to {max}"},
    "match.range_min": {"nl": "gevraagd minstens {min}", "en": "asked at least {min}"},
    "match.range_max": {"nl": "gevraagd hoogstens {max}", "en": "asked at most {max}"},
    "match.area_ok": {"nl": "oppervlakte {area} past ({wanted})",
                      "en": "area {area} fits ({wanted})"},
    "match.area_small": {"nl": "oppervlakte {area} is te klein ({wanted})",
                         "en": "area {area} is too small ({wanted})"},
    "match.area_large": {"nl": "oppervlakte {area} is te groot ({wanted})",
                         "en": "area {area} is too large ({wanted})"},
    "match.wijk_ok": {"nl": "ligt in een gewenste wijk of buurt ({place})",
                      "en": "lies in a preferred district or neighbourhood ({place})"},
    "match.wijk_no": {"nl": "ligt niet in een gewenste wijk of buurt ({place})",
                      "en": "not in a preferred district or neighbourhood ({place})"},
    "match.water_ok": {"nl": "water aanwezig", "en": "has water"},
    "match.water_no": {"nl": "geen water", "en": "no water"},
    "match.electricity_ok": {"nl": "stroom aanwezig", "en": "has electricity"},
    "match.electricity_no": {"nl": "geen stroom", "en": "no electricity"},
    "match.car_access_ok": {"nl": "bereikbaar met de auto", "en": "car access"},
    "match.car_access_no": {"nl": "niet bereikbaar met de auto", "en": "no car access"},
    "match.soil_ok": {"nl": "schone bodem", "en": "clean soil"},
    "match.soil_no": {"nl": "bodem niet schoon ({soil})", "en": "soil not clean ({soil})"},
    "match.window_ok": {"nl": "vrij vanaf {start} voor {months} maanden",
                        "en": "free from {start} for {months} months"},
    "match.window_no": {"nl": "niet vrij vanaf {start} voor {months} maanden",
                        "en": "not free from {start} for {months} months"},
    "match.window_at_ok": {"nl": "vrij op {start}", "en": "free on {start}"},
    "match.window_at_no": {"nl": "niet vrij op {start}", "en": "not free on {start}"},
    "match.theme_ok": {"nl": "bestemming {zoning} past bij thema {theme}",
                       "en": "zoning {zoning} suits theme {theme}"},
    "match.theme_no": {"nl": "bestemming {zoning} past niet bij thema {theme}",
                       "en": "zoning {zoning} does not suit theme {theme}"},
    "need.area": {"nl": "Oppervlakte", "en": "Area"},
    "need.wijken": {"nl": "Wijk of buurt", "en": "District or neighbourhood"},
    "need.water": {"nl": "Water", "en": "Water"},
    "need.electricity": {"nl": "Stroom", "en": "Electricity"},
    "need.car_access": {"nl": "Bereikbaar met auto", "en": "Car access"},
    "need.clean_soil": {"nl": "Schone bodem", "en": "Clean soil"},
    "need.window": {"nl": "Vrij in de gevraagde periode", "en": "Free in the period asked"},
    "need.theme": {"nl": "Bestemming past bij thema", "en": "Zoning suits the theme"},
    "export.title": {"nl": "Exporteren", "en": "Export"},
    "export.caption": {
        "nl": "Precies de {n} kavels hierboven, met bronvermelding en zonder persoonsgegevens.",
        "en": "Exactly the {n} plots above, with the data attribution and no personal data.",
    },
    "export.csv": {"nl": "CSV (WKT in RD New)", "en": "CSV (WKT in RD New)"},
    "export.geojson": {"nl": "GeoJSON (WGS84)", "en": "GeoJSON (WGS84)"},
    "export.gpkg": {"nl": "GeoPackage (RD New)", "en": "GeoPackage (RD New)"},
    "reserve.title": {"nl": "In optie geven", "en": "Reserve"},
    "reserve.for": {"nl": "Voor initiatief", "en": "For initiative"},
    "reserve.note": {"nl": "Notitie (komt in de geschiedenis)",
                     "en": "Note (goes into the history)"},
    "reserve.button": {"nl": "Zet in optie", "en": "Reserve"},
    "reserve.release": {"nl": "Optie voor {initiative} vrijgeven",
                        "en": "Release the option for {initiative}"},
    "reserve.done": {"nl": "{plot} staat nu in optie voor {initiative}.",
                     "en": "{plot} is now reserved for {initiative}."},
    "reserve.released": {"nl": "{plot} is weer beschikbaar.", "en": "{plot} is available again."},
    "reserve.login": {"nl": "Log in als brooker om kavels in optie te geven of vrij te geven.",
                      "en": "Log in as a broker to reserve or release plots."},
    "reserve.held_by": {"nl": "In optie voor of in gebruik door: {initiatives}",
                        "en": "Reserved for or in use by: {initiatives}"},
    "reserve.not_available": {
        "nl": "Deze kavel is niet beschikbaar en kan niet in optie.",
        "en": "This plot is not available and cannot be reserved.",
    },
    "reserve.history": {"nl": "Geschiedenis van deze kavel", "en": "History of this plot"},
    "reserve.no_history": {"nl": "Nog geen gebeurtenissen.", "en": "No events yet."},
    "reserve.event_date": {"nl": "Datum", "en": "Date"},
    "reserve.event_from": {"nl": "Van", "en": "From"},
    "reserve.event_to": {"nl": "Naar", "en": "To"},
    "reserve.err_no_plot": {"nl": "Kavel {plot} bestaat niet; er is niets veranderd.",
                            "en": "Plot {plot} does not exist; nothing was changed."},
    "reserve.err_no_initiative": {
        "nl": "Initiatief {initiative} bestaat niet; er is niets veranderd.",
        "en": "Initiative {initiative} does not exist; nothing was changed.",
    },
    "reserve.err_stopped": {
        "nl": "{initiative} is gestopt en kan geen kavel in optie krijgen; er is niets veranderd.",
        "en": "{initiative} has stopped and cannot reserve a plot; nothing was changed.",
    },
    "reserve.err_changed": {
        "nl": "{plot} is intussen door iemand anders gewijzigd; er is niets veranderd. "
        "Bekijk de kavel opnieuw en probeer het nog eens.",
        "en": "{plot} was changed by someone else in the meantime; nothing was changed. "
        "Look at the plot again and retry.",
    },
    "reserve.err_held": {
        "nl": "{plot} is al in optie voor of in gebruik door {initiative}. Een kavel kan "
        "niet voor twee lopende initiatieven tegelijk; er is niets veranderd.",
        "en": "{plot} is already reserved for or in use by {initiative}. A plot cannot be "
        "held for two active initiatives at once; nothing was changed.",
    },
    "reserve.err_already_this": {
        "nl": "{plot} is al in optie voor (of in gebruik door) {initiative}; er is niets veranderd.",
        "en": "{plot} is already reserved for (or in use by) {initiative}; nothing was changed.",
    },
    "reserve.err_not_available": {
        "nl": "{plot} is niet beschikbaar ({availability}); er is niets veranderd.",
        "en": "{plot} is not available ({availability}); nothing was changed.",
    },
    "reserve.err_building": {
        "nl": "{initiative} is al {stage}: een kavel in optie is voor initiatieven die nog een "
        "plek zoeken (idee tot en met akkoord). Er is niets veranderd.",
        "en": "{initiative} is already {stage}: reserving a plot is for initiatives still "
        "looking for a place (idea up to approved). Nothing was changed.",
    },
    "reserve.stage_note": {
        "nl": "Kavel {plot} in optie genomen: het initiatief zoekt nu actief een plek.",
        "en": "Plot {plot} reserved: the initiative is now actively looking for a place.",
    },
    "reserve.err_not_reserved_for": {
        "nl": "{plot} staat niet in optie voor {initiative}; er is niets veranderd.",
        "en": "{plot} is not reserved for {initiative}; nothing was changed.",
    },
    "pipeline.title": {"nl": "Pipeline van initiatieven", "en": "Pipeline of initiatives"},
    "pipeline.login": {
        "nl": "De pipeline is alleen voor ingelogde medewerkers: er staan namen van "
        "accountmanagers en interne afspraken in.",
        "en": "The pipeline is for logged-in staff only: it shows account managers' names "
        "and internal actions.",
    },
    "pipeline.account_manager": {"nl": "Accountmanager", "en": "Account manager"},
    "pipeline.wijk": {"nl": "Wijk", "en": "District"},
    "pipeline.next_action": {"nl": "Volgende actie", "en": "Next action"},
    "pipeline.due": {"nl": "uiterlijk {date}", "en": "due {date}"},
    "pipeline.overdue": {"nl": "Te laat: {days} dagen over de datum",
                         "en": "Overdue: {days} days past the date"},
    "pipeline.overdue_count": {"nl": "{n} initiatieven met een te late actie",
                               "en": "{n} initiatives with an overdue action"},
    "pipeline.no_action": {"nl": "geen volgende actie", "en": "no next action"},
    "pipeline.no_manager": {"nl": "geen accountmanager", "en": "no account manager"},
    "pipeline.empty_column": {"nl": "–", "en": "–"},
    "pipeline.stopped": {"nl": "Gestopt ({n})", "en": "Stopped ({n})"},
    "pipeline.count": {"nl": "{n} initiatieven", "en": "{n} initiatives"},
    "pipeline.ending_title": {"nl": "Loopt af: gebruiksovereenkomsten die binnenkort eindigen",
                              "en": "Ending: user agreements that end soon"},
    "pipeline.ending_months": {"nl": "Eindigt binnen (maanden)", "en": "Ends within (months)"},
    "pipeline.ending_none": {"nl": "Geen overeenkomsten die in deze periode aflopen.",
                             "en": "No agreements end in this period."},
    "pipeline.agreement_end": {"nl": "Einde overeenkomst", "en": "Agreement ends"},
    "pipeline.days_left": {"nl": "Dagen te gaan", "en": "Days left"},
    # --- initiatives over time: stages, history, page Initiatieven, map date ----
    "stages.error.unknown_stage": {"nl": "Onbekende fase: {value}.", "en": "Unknown stage: {value}."},
    "stages.error.must_start_as_idea": {
        "nl": "Een initiatief begint als Idee, niet als {new}.",
        "en": "An initiative starts as Idea, not as {new}.",
    },
    "stages.error.same_stage": {
        "nl": "Het initiatief is al in fase {old}.",
        "en": "The initiative is already in stage {old}.",
    },
    "stages.error.reason_required": {
        "nl": "Van {old} terug naar {new} kan alleen met een reden. Vul de reden in.",
        "en": "Going from {old} back to {new} needs a reason. Please give the reason.",
    },
    "stages.error.stopped_restart": {
        "nl": "Een gestopt initiatief kan alleen opnieuw beginnen als Idee of Verkenning "
        "(met een reden), niet als {new}.",
        "en": "A stopped initiative can only restart as Idea or Exploring (with a reason), "
        "not as {new}.",
    },
    "stages.error.realised_cannot_stop": {
        "nl": "Een gerealiseerd initiatief kan niet meer stoppen.",
        "en": "A realised initiative cannot be stopped.",
    },
    "stages.error.skip": {
        "nl": "Van {old} naar {new} slaat een fase over; de volgende fase is {next}.",
        "en": "From {old} to {new} skips a stage; the next stage is {next}.",
    },
    "stages.error.bad_date": {
        "nl": "Ongeldige datum: {value}.", "en": "Invalid date: {value}.",
    },
    "stages.error.note_required": {
        "nl": "Een toelichting is verplicht: schrijf kort wat er gebeurde.",
        "en": "A note is required: say briefly what happened.",
    },
    "stages.error.future_date": {
        "nl": "De datum {date} ligt in de toekomst; leg alleen vast wat al gebeurd is.",
        "en": "The date {date} is in the future; only record what has happened.",
    },
    "stages.error.progress_range": {
        "nl": "Voortgang moet een geheel getal van 0 tot en met 100 zijn (niet {value}).",
        "en": "Progress must be a whole number from 0 to 100 (not {value}).",
    },
    "stages.error.not_found": {
        "nl": "Initiatief {initiative_id} bestaat niet.",
        "en": "Initiative {initiative_id} does not exist.",
    },
    "stages.error.version_conflict": {
        "nl": "Iemand anders heeft initiatief {initiative_id} intussen gewijzigd. Er is niets "
        "opgeslagen; bekijk de nieuwe stand en probeer het opnieuw.",
        "en": "Someone else changed initiative {initiative_id} in the meantime. Nothing was "
        "saved; look at the new state and try again.",
    },
    "stages.error.before_last_event": {
        "nl": "De datum ligt vóór de laatste wijziging van dit initiatief ({date}).",
        "en": "The date is before this initiative's latest change ({date}).",
    },
    "stages.error.before_plot_event": {
        "nl": "De datum ligt vóór de laatste gebeurtenis van kavel {plot} ({date}).",
        "en": "The date is before the latest event of plot {plot} ({date}).",
    },
    "stages.error.plot_taken": {
        "nl": "Kavel {plot} is in gebruik of in optie bij een ander initiatief ({other}).",
        "en": "Plot {plot} is in use by or reserved for another initiative ({other}).",
    },
    "stages.error.plot_unavailable": {
        "nl": "Kavel {plot} is niet beschikbaar en kan niet in optie of in gebruik.",
        "en": "Plot {plot} is unavailable and cannot be reserved or taken into use.",
    },
    "stages.plot_note.available": {
        "nl": "Vrijgekomen: {title} houdt de kavel niet meer.",
        "en": "Released: {title} no longer holds the plot.",
    },
    "stages.plot_note.reserved": {"nl": "In optie voor {title}.", "en": "Reserved for {title}."},
    "stages.plot_note.in_use": {
        "nl": "In gebruik genomen door {title}.", "en": "Taken into use by {title}.",
    },
    "date.month_1": {"nl": "januari", "en": "January"},
    "date.month_2": {"nl": "februari", "en": "February"},
    "date.month_3": {"nl": "maart", "en": "March"},
    "date.month_4": {"nl": "april", "en": "April"},
    "date.month_5": {"nl": "mei", "en": "May"},
    "date.month_6": {"nl": "juni", "en": "June"},
    "date.month_7": {"nl": "juli", "en": "July"},
    "date.month_8": {"nl": "augustus", "en": "August"},
    "date.month_9": {"nl": "september", "en": "September"},
    "date.month_10": {"nl": "oktober", "en": "October"},
    "date.month_11": {"nl": "november", "en": "November"},
    "date.month_12": {"nl": "december", "en": "December"},
    "history.date": {"nl": "Datum", "en": "Date"},
    "history.from": {"nl": "Van", "en": "From"},
    "history.to": {"nl": "Tot", "en": "Until"},
    "history.kind": {"nl": "Soort", "en": "Kind"},
    "history.kind_stage": {"nl": "Fase", "en": "Stage"},
    "history.kind_plot": {"nl": "Kavel", "en": "Plot"},
    "history.change": {"nl": "Wijziging", "en": "Change"},
    "history.by": {"nl": "Door", "en": "By"},
    "history.note": {"nl": "Toelichting", "en": "Note"},
    "initiatives.title": {"nl": "Initiatieven", "en": "Initiatives"},
    "initiatives.intro": {
        "nl": "Alle burgerinitiatieven sinds 2014: waar ze staan, hoe ze zich ontwikkelden en "
        "hoe het programma groeide.",
        "en": "All citizens' initiatives since 2014: where they stand, how they developed and "
        "how the programme grew.",
    },
    "initiatives.tab_list": {"nl": "Initiatieven", "en": "Initiatives"},
    "initiatives.count": {"nl": "{shown} initiatieven", "en": "{shown} initiatives"},
    "initiatives.none_match": {
        "nl": "Geen initiatieven voldoen aan deze filters.",
        "en": "No initiatives match these filters.",
    },
    "initiatives.id": {"nl": "Nummer", "en": "Id"},
    "initiatives.wijken": {"nl": "Wijk(en)", "en": "District(s)"},
    "initiatives.plots": {"nl": "Kavels", "en": "Plots"},
    "initiatives.start_date": {"nl": "Gestart", "en": "Started"},
    "initiatives.expected_date": {"nl": "Verwacht gereed", "en": "Expected completion"},
    "initiatives.partners": {"nl": "Partners", "en": "Partners"},
    "initiatives.next_action": {"nl": "Volgende actie", "en": "Next action"},
    "initiatives.due": {"nl": "uiterlijk", "en": "due"},
    "initiatives.account_manager": {"nl": "Accountmanager", "en": "Account manager"},
    "initiatives.personal": {
        "nl": "Contactgegevens (alleen voor ingelogde medewerkers)",
        "en": "Contact details (logged-in staff only)",
    },
    "initiatives.initiator_group": {"nl": "Initiatiefnemers", "en": "Initiators"},
    "initiatives.contact_name": {"nl": "Contactpersoon", "en": "Contact person"},
    "initiatives.contact_email": {"nl": "E-mail", "en": "E-mail"},
    "initiatives.contact_phone": {"nl": "Telefoon", "en": "Phone"},
    "initiatives.pick": {"nl": "Details van een initiatief", "en": "Details of an initiative"},
    "initiatives.pick_hint": {"nl": "Kies een initiatief", "en": "Choose an initiative"},
    "initiatives.plots_title": {"nl": "Kavels", "en": "Plots"},
    "initiatives.no_plots": {
        "nl": "Dit initiatief heeft (nog) geen kavel.",
        "en": "This initiative has no plot (yet).",
    },
    "initiatives.timeline": {"nl": "Tijdlijn van de fasen", "en": "Timeline of the stages"},
    "initiatives.no_history": {
        "nl": "Er is geen geschiedenis vastgelegd.", "en": "No history has been recorded.",
    },
    "initiatives.history": {
        "nl": "Geschiedenis (fasen en kavels)", "en": "History (stages and plots)",
    },
    "stageform.title": {"nl": "Fase wijzigen", "en": "Change the stage"},
    "stageform.new_stage": {"nl": "Nieuwe fase", "en": "New stage"},
    "stageform.not_allowed": {"nl": "niet toegestaan", "en": "not allowed"},
    "stageform.needs_reason": {"nl": "reden verplicht", "en": "reason required"},
    "stageform.date": {"nl": "Datum van de wijziging", "en": "Date of the change"},
    "stageform.note": {"nl": "Toelichting (verplicht)", "en": "Note (required)"},
    "stageform.reason": {"nl": "Reden", "en": "Reason"},
    "stageform.reason_help": {
        "nl": "Verplicht bij een stap terug en bij opnieuw beginnen na stoppen.",
        "en": "Required for a step back and for a restart after stopping.",
    },
    "stageform.explicit_progress": {
        "nl": "Voortgang zelf instellen (anders volgt die de fase)",
        "en": "Set progress myself (otherwise it follows the stage)",
    },
    "stageform.submit": {"nl": "Fase wijzigen", "en": "Change stage"},
    "stageform.refused": {
        "nl": "Niet gewijzigd: {message}", "en": "Not changed: {message}",
    },
    "stageform.done": {
        "nl": "{id}: fase gewijzigd van {old} naar {new}.",
        "en": "{id}: stage changed from {old} to {new}.",
    },
    "stageform.final": {
        "nl": "Vanuit fase {stage} is geen wijziging mogelijk.",
        "en": "No change is possible from stage {stage}.",
    },
    "programme.tab": {"nl": "Programma door de tijd", "en": "Programme over time"},
    "programme.title": {"nl": "Het programma sinds 2014", "en": "The programme since 2014"},
    "programme.intro": {
        "nl": "Berekend uit de geschiedenis van fasen en kavels, per maandeinde. Elke grafiek "
        "is te downloaden als PNG en CSV.",
        "en": "Computed from the history of stages and plots, at every month end. Every chart "
        "can be downloaded as PNG and CSV.",
    },
    "programme.chart_stages": {
        "nl": "Initiatieven per fase door de tijd", "en": "Initiatives per stage over time",
    },
    "programme.chart_land": {
        "nl": "Grond in gebruik door initiatieven (m²)",
        "en": "Land in use by initiatives (m²)",
    },
    "programme.chart_per_year": {
        "nl": "Gerealiseerd en gestopt per jaar", "en": "Realised and stopped per year",
    },
    "programme.date": {"nl": "Datum", "en": "Date"},
    "programme.year": {"nl": "Jaar", "en": "Year"},
    "programme.initiatives": {"nl": "Aantal initiatieven", "en": "Number of initiatives"},
    "programme.area_in_use": {"nl": "Oppervlakte in gebruik (m²)", "en": "Area in use (m²)"},
    "programme.plots_in_use": {"nl": "Kavels in gebruik", "en": "Plots in use"},
    "programme.download_csv": {"nl": "Download CSV", "en": "Download CSV"},
    "programme.download_png": {"nl": "Download PNG", "en": "Download PNG"},
    "programme.summary_stages": {
        "nl": "Op {date}: {total} initiatieven ({parts}).",
        "en": "On {date}: {total} initiatives ({parts}).",
    },
    "programme.summary_land": {
        "nl": "Op {date} is {area} m² in gebruik, op {plots} kavels.",
        "en": "On {date}, {area} m² is in use, on {plots} plots.",
    },
    "programme.summary_per_year": {
        "nl": "Sinds {start}: {realised} gerealiseerd, {stopped} gestopt.",
        "en": "Since {start}: {realised} realised, {stopped} stopped.",
    },
    "map.date": {"nl": "Kaart op datum", "en": "Map on date"},
    "map.date_help": {
        "nl": "Kies een datum sinds 2014 om de kaart te zien zoals die toen was; "
        "vandaag is de huidige stand.",
        "en": "Choose a date since 2014 to see the map as it was then; today is the "
        "current state.",
    },
    "map.play": {"nl": "Afspelen", "en": "Play"},
    "map.pause": {"nl": "Pauze", "en": "Pause"},
    "map.to_today": {"nl": "Naar vandaag", "en": "Back to today"},
    "map.state_on": {"nl": "Stand op {date}", "en": "State on {date}"},
    "map.state_today": {"nl": "Stand van vandaag ({date})", "en": "State today ({date})"},
    "map.details_today": {
        "nl": "De kaart toont het verleden; deze details zijn van vandaag.",
        "en": "The map shows the past; these details are today's.",
    },
    "map.past_note": {
        "nl": "Berekend uit de geschiedenis. Kavels die toen nog niet in het programma waren, "
        "staan niet op de kaart.",
        "en": "Computed from the history. Plots that were not in the programme yet are not "
        "on the map.",
    },
    "map.no_history": {
        "nl": "Kavels zonder geschiedenis ({n}) staan op eerdere datums niet op de kaart.",
        "en": "Plots without a history ({n}) are not on the map at past dates.",
    },
    # --- the map at scale ----------------------------------------------------------
    "map.points_hint": {
        "nl": "Veel kavels in beeld: elke kavel is een stip. Zoom in om de omtrek van de "
              "kavels te zien; klik op een stip voor de details.",
        "en": "Many plots in view: each plot is a dot. Zoom in to see the plots' outlines; "
              "click a dot for its details.",
    },
    "map.detail_partial": {
        "nl": "De omtrek van {drawn} kavels in en rond dit kaartbeeld is getekend; verschuif "
              "of zoom uit voor de andere.",
        "en": "The outlines of {drawn} plots in and around this view are drawn; pan or zoom "
              "out for the others.",
    },
    "map.plot_id_input": {
        "nl": "Kavelnummer (of klik op de kaart)",
        "en": "Plot id (or click the map)",
    },
    "map.table_first": {
        "nl": "De eerste {rows} van {shown} getoonde kavels; verfijn de filters of gebruik de "
              "export op de pagina Kavels voor alle kavels.",
        "en": "The first {rows} of {shown} plots shown; narrow the filters or use the export on "
              "the page Kavels for all of them.",
    },
    "map.plot_id_unknown": {
        "nl": "Geen getoonde kavel met nummer {plot_id}.",
        "en": "No plot shown with id {plot_id}.",
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
    # --- neighbourhood insight, page Wijken -------------------------------------
    "level.buurt": {"nl": "Buurt", "en": "Buurt (neighbourhood)"},
    "level.wijk": {"nl": "Wijk", "en": "Wijk (district)"},
    "level.gemeente": {"nl": "Gemeente", "en": "Municipality"},
    "level.buurt_plural": {"nl": "Buurten", "en": "Buurten"},
    "level.wijk_plural": {"nl": "Wijken", "en": "Wijken"},
    "ind.inhabitants": {"nl": "Inwoners", "en": "Inhabitants"},
    "ind.share_65plus": {"nl": "Aandeel 65+", "en": "Share 65+"},
    "ind.households": {"nl": "Huishoudens", "en": "Households"},
    "ind.density": {"nl": "Bevolkingsdichtheid", "en": "Population density"},
    "ind.population_change": {
        "nl": "Bevolkingsverandering 2016-2020 (negatief = krimp)",
        "en": "Population change 2016-2020 (negative = shrinkage)",
    },
    "ind.share_65plus_change": {
        "nl": "Verandering aandeel 65+ 2016-2020",
        "en": "Change in share 65+ 2016-2020",
    },
    "ind.plot_count": {"nl": "Kavels", "en": "Plots"},
    "ind.m2_available": {"nl": "Beschikbare open ruimte", "en": "Vacant land available"},
    "ind.m2_in_use": {"nl": "In gebruik door initiatieven", "en": "In use by initiatives"},
    "ind.initiatives_active": {
        "nl": "Lopende initiatieven (idee t/m uitvoering)",
        "en": "Active initiatives (idea to in progress)",
    },
    "ind.initiatives_idea": {"nl": "Initiatieven in fase Idee", "en": "Initiatives at stage Idea"},
    "ind.initiatives_exploring": {
        "nl": "Initiatieven in fase Verkenning", "en": "Initiatives at stage Exploring",
    },
    "ind.initiatives_plan": {"nl": "Initiatieven in fase Plan", "en": "Initiatives at stage Plan"},
    "ind.initiatives_approved": {
        "nl": "Initiatieven in fase Akkoord", "en": "Initiatives at stage Approved",
    },
    "ind.initiatives_in_progress": {
        "nl": "Initiatieven in fase Uitvoering", "en": "Initiatives at stage In progress",
    },
    "ind.initiatives_realised": {"nl": "Gerealiseerde initiatieven", "en": "Realised initiatives"},
    "ind.initiatives_stopped": {"nl": "Gestopte initiatieven", "en": "Stopped initiatives"},
    "ind.m2_in_use_per_1000": {
        "nl": "In gebruik per 1.000 inwoners", "en": "In use per 1,000 inhabitants",
    },
    "unit.count": {"nl": "aantal", "en": "number"},
    "unit.percent": {"nl": "%", "en": "%"},
    "unit.pp": {"nl": "%-punt", "en": "percentage points"},
    "unit.per_km2": {"nl": "inw. per km² land", "en": "inh. per km² land"},
    "unit.m2": {"nl": "m²", "en": "m²"},
    "unit.m2_per_1000": {"nl": "m² per 1.000 inwoners", "en": "m² per 1,000 inhabitants"},
    "ind.source_programme_demo": {
        "nl": "Gebrookerbos (demodata)", "en": "Gebrookerbos (demo data)",
    },
    "ind.source_programme": {
        "nl": "Gebrookerbos, kavelregistratie", "en": "Gebrookerbos, plot register",
    },
    "ind.area": {"nl": "Gebied", "en": "Area"},
    "ind.indicator": {"nl": "Indicator", "en": "Indicator"},
    "ind.year": {"nl": "Jaar", "en": "Year"},
    "ind.col_code": {"nl": "CBS-code", "en": "CBS code"},
    "ind.col_name": {"nl": "Naam", "en": "Name"},
    "ind.col_level": {"nl": "Niveau", "en": "Level"},
    "ind.col_wijk": {"nl": "Wijk", "en": "Wijk"},
    "ind.col_cbs_year": {"nl": "Jaar CBS-cijfers", "en": "Year of CBS figures"},
    "ind.col_source_cbs": {"nl": "Bron CBS-cijfers", "en": "Source of CBS figures"},
    "ind.col_source_change": {
        "nl": "Bron veranderingen 2016-2020", "en": "Source of changes 2016-2020",
    },
    "ind.col_source_programme": {
        "nl": "Bron programmacijfers", "en": "Source of programme figures",
    },
    "ind.col_attribution": {"nl": "Naamsvermelding", "en": "Attribution"},
    "ind.col_plots": {"nl": "Kavels", "en": "Plots"},
    "ind.col_buurten": {"nl": "Buurten", "en": "Buurten"},
    "ind.personal_initiator_group": {"nl": "Initiatiefnemer", "en": "Initiator"},
    "ind.personal_contact_name": {"nl": "Contactpersoon", "en": "Contact person"},
    "ind.personal_contact_email": {"nl": "E-mail", "en": "Email"},
    "ind.personal_contact_phone": {"nl": "Telefoon", "en": "Phone"},
    "ind.personal_account_manager": {"nl": "Accountmanager", "en": "Account manager"},
    "wijken.title": {"nl": "Wijken en buurten", "en": "Wijken and buurten"},
    "wijken.intro": {
        "nl": "CBS-cijfers (inwoners, vergrijzing, krimp) naast de open ruimtes en wat ermee "
        "gebeurde, per buurt en wijk. Klik op een wijk voor de buurten, kavels, initiatieven "
        "en cijfers door de tijd.",
        "en": "CBS figures (inhabitants, ageing, shrinkage) next to the open spaces and what "
        "came of them, per buurt and wijk. Click a wijk for its buurten, plots, initiatives "
        "and figures over time.",
    },
    "wijken.choices": {"nl": "Kaartkeuzes", "en": "Map choices"},
    "wijken.level": {"nl": "Gebieden", "en": "Areas"},
    "wijken.indicator": {"nl": "Indicator", "en": "Indicator"},
    "wijken.year": {"nl": "Jaar van de CBS-cijfers", "en": "Year of the CBS figures"},
    "wijken.year_latest": {"nl": "Meest recent", "en": "Latest"},
    "wijken.year_help": {
        "nl": "Buurtcijfers zijn er tot en met 2020; voor wijken ook 2024. De veranderingen "
        "gaan altijd over 2016-2020; m² per 1.000 inwoners gebruikt altijd de meest recente "
        "inwonertallen.",
        "en": "Buurt figures run to 2020; wijken also have 2024. Changes always cover "
        "2016-2020; m² per 1,000 inhabitants always uses the latest inhabitants.",
    },
    "wijken.scheme": {"nl": "Klassenindeling", "en": "Classes"},
    "wijken.scheme_natural_breaks": {
        "nl": "Natuurlijke grenzen (Jenks)", "en": "Natural breaks (Jenks)",
    },
    "wijken.scheme_quantiles": {"nl": "Kwantielen (even grote groepen)",
                                "en": "Quantiles (equal-sized groups)"},
    "wijken.map_aria": {
        "nl": "Kaart met de gekozen indicator per gebied; dezelfde cijfers staan in de tabel "
        "onderaan de pagina. Gearceerd grijs = onbekend.",
        "en": "Map of the chosen indicator per area; the same figures are in the table at the "
        "bottom of the page. Hatched grey = unknown.",
    },
    "wijken.buurt_years_note": {
        "nl": "Buurtcijfers van het CBS zijn er tot en met 2020 (aantallen afgerond op 5).",
        "en": "CBS buurt figures run to 2020 (counts rounded to 5).",
    },
    "wijken.unknown_count": {
        "nl": "{n} gebied(en) zonder bekende waarde (gearceerd).",
        "en": "{n} area(s) without a known value (hatched).",
    },
    "wijken.drill_pick": {"nl": "Wijk in detail", "en": "Wijk in detail"},
    "wijken.click_hint": {
        "nl": "Klik op de kaart of kies een wijk", "en": "Click the map or choose a wijk",
    },
    "wijken.buurten": {"nl": "Buurten in deze wijk", "en": "Buurten in this wijk"},
    "wijken.trends": {"nl": "Cijfers door de tijd", "en": "Figures over time"},
    "wijken.trend_with_buurten": {
        "nl": "Ook de buurten van deze wijk tonen", "en": "Also show the buurten of this wijk",
    },
    "wijken.trend_alt": {
        "nl": "Lijngrafiek van {what} per jaar ({years}) voor: {areas}. De cijfers staan in "
        "de tabel \"De cijfers als tabel\".",
        "en": "Line chart of {what} per year ({years}) for: {areas}. The figures are in the "
        "table \"The figures as a table\".",
    },
    "wijken.trend_source": {
        "nl": "Bron: CBS, Kerncijfers wijken en buurten, 2016-2020, en Kerncijfers wijken en "
        "buurten (85984NED), 2024 (alleen wijken en gemeente). Aandeel 65+ in 2024 is door "
        "het CBS afgerond op hele procenten.",
        "en": "Bron: CBS, Kerncijfers wijken en buurten, 2016-2020, and Kerncijfers wijken en "
        "buurten (85984NED), 2024 (wijken and municipality only). CBS rounds the share 65+ "
        "of 2024 to whole percent.",
    },
    "wijken.trend_table": {"nl": "De cijfers als tabel", "en": "The figures as a table"},
    "wijken.plots": {"nl": "Kavels in deze wijk", "en": "Plots in this wijk"},
    "wijken.no_plots": {"nl": "Geen kavels in deze wijk.", "en": "No plots in this wijk."},
    "wijken.initiatives": {"nl": "Initiatieven in deze wijk", "en": "Initiatives in this wijk"},
    "wijken.no_initiatives": {
        "nl": "Geen initiatieven in deze wijk.", "en": "No initiatives in this wijk.",
    },
    "wijken.personal_note": {
        "nl": "Persoonsgegevens van initiatiefnemers: alleen voor ingelogde gebruikers.",
        "en": "Personal data of initiators: for logged-in users only.",
    },
    "wijken.compare": {"nl": "Vergelijken", "en": "Compare"},
    "wijken.compare_pick": {
        "nl": "Gebieden naast elkaar", "en": "Areas side by side",
    },
    "wijken.compare_placeholder": {
        "nl": "Kies twee of meer wijken of buurten", "en": "Choose two or more wijken or buurten",
    },
    "wijken.compare_hint": {
        "nl": "Kies twee of meer gebieden om ze naast elkaar te zien.",
        "en": "Choose two or more areas to see them side by side.",
    },
    "wijken.compare_indicator": {"nl": "Door de tijd", "en": "Over time"},
    "wijken.table": {"nl": "Alle wijken en buurten", "en": "All wijken and buurten"},
    "wijken.table_note": {
        "nl": "Klik op een kolomkop om te sorteren. Een leeg vak is onbekend (geen 0). "
        "Elke rij vermeldt de bron van de CBS-cijfers.",
        "en": "Click a column header to sort. An empty cell is unknown (not 0). Every row "
        "names the source of its CBS figures.",
    },
    "wijken.download": {"nl": "Download als CSV", "en": "Download as CSV"},
    "wijken.definitions": {"nl": "Definities en bronnen", "en": "Definitions and sources"},
    "wijken.definitions_text": {
        "nl": (
            "- **Inwoners, huishoudens**: aantallen van het CBS op 1 januari van het jaar; "
            "buurtaantallen zijn door het CBS afgerond op 5.\n"
            "- **Aandeel 65+**: inwoners van 65 jaar of ouder gedeeld door alle inwoners "
            "(2016-2020); voor 2024 het percentage dat het CBS publiceert.\n"
            "- **Bevolkingsdichtheid**: inwoners per km² **landoppervlakte** volgens het CBS "
            "(2024: inwoners / oppervlakte land; 2016-2020: de dichtheid die het CBS "
            "publiceert). Nooit berekend uit de vereenvoudigde kaartgrenzen.\n"
            "- **Bevolkingsverandering 2016-2020**: (inwoners 2020 - inwoners 2016) / inwoners "
            "2016 x 100; negatief is krimp.\n"
            "- **Verandering aandeel 65+**: aandeel 2020 min aandeel 2016, in procentpunten.\n"
            "- **Kavels, beschikbare open ruimte, in gebruik**: uit de kavelregistratie; een "
            "kavel hoort bij de buurt waarin het grootste deel ligt. Beschikbaar = "
            "beschikbaarheid 'beschikbaar'; in gebruik = 'in gebruik'.\n"
            "- **Initiatieven per fase**: initiatieven met minstens één kavel in het gebied; "
            "lopend = idee tot en met uitvoering.\n"
            "- **In gebruik per 1.000 inwoners**: m² in gebruik / meest recente inwoners x "
            "1.000.\n"
            "- **Onbekend** blijft onbekend: een leeg CBS-cijfer wordt nooit 0.\n\n"
            "Bron: CBS, Kerncijfers wijken en buurten 2016-2020 en 2024 (85984NED); grenzen: "
            "Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024."
        ),
        "en": (
            "- **Inhabitants, households**: CBS counts on 1 January of the year; buurt counts "
            "are rounded by CBS to 5.\n"
            "- **Share 65+**: inhabitants aged 65 or over divided by all inhabitants "
            "(2016-2020); for 2024 the percentage CBS publishes.\n"
            "- **Population density**: inhabitants per km² of **land area** according to CBS "
            "(2024: inhabitants / land area; 2016-2020: the density CBS publishes). Never "
            "computed from the generalised map boundaries.\n"
            "- **Population change 2016-2020**: (inhabitants 2020 - inhabitants 2016) / "
            "inhabitants 2016 x 100; negative is shrinkage.\n"
            "- **Change in share 65+**: share 2020 minus share 2016, in percentage points.\n"
            "- **Plots, vacant land available, in use**: from the plot register; a plot "
            "belongs to the buurt that holds most of it. Available = availability "
            "'available'; in use = 'in use'.\n"
            "- **Initiatives per stage**: initiatives with at least one plot in the area; "
            "active = idea up to and including in progress.\n"
            "- **In use per 1,000 inhabitants**: m² in use / latest inhabitants x 1,000.\n"
            "- **Unknown** stays unknown: an empty CBS figure never becomes 0.\n\n"
            "Bron: CBS, Kerncijfers wijken en buurten 2016-2020 and 2024 (85984NED); "
            "boundaries: Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024."
        ),
    },
    # --- public screen (page Scherm) ---------------------------------------------
    "screen.scope_all": {"nl": "heel Heerlen", "en": "all of Heerlen"},
    "screen.title_headlines": {"nl": "Zo staat het ervoor", "en": "Where we stand"},
    "screen.title_initiative": {"nl": "Initiatief in de buurt", "en": "Initiative nearby"},
    "screen.title_neighbourhoods": {"nl": "Per wijk", "en": "By neighbourhood"},
    "screen.title_available": {"nl": "Nog beschikbaar", "en": "Still available"},
    "screen.title_join": {"nl": "Doe mee", "en": "Take part"},
    "screen.slide_of": {"nl": "Dia {n} van {total}", "en": "Slide {n} of {total}"},
    "screen.pause": {"nl": "Pauzeren", "en": "Pause"},
    "screen.resume": {"nl": "Verder", "en": "Resume"},
    "screen.pause_help": {
        "nl": "Zet de wisselende dia's stil of laat ze weer lopen; de spatiebalk doet "
        "hetzelfde.",
        "en": "Stops the changing slides or starts them again; the space bar does the same.",
    },
    "screen.realised": {"nl": "initiatieven gerealiseerd", "en": "initiatives realised"},
    "screen.handed_back": {
        "nl": "teruggegeven aan de buurt", "en": "handed back to the neighbourhood",
    },
    "screen.handed_back_note": {
        "nl": "{n} plekken die bewoners nu gebruiken",
        "en": "{n} places that residents use now",
    },
    "screen.running": {"nl": "ideeën lopen nu", "en": "ideas running now"},
    "screen.available_line": {
        "nl": "Nu beschikbaar in {scope}: {n} plekken, samen {area}.",
        "en": "Available now in {scope}: {n} places, {area} in all.",
    },
    "screen.tagline": {
        "nl": "Sinds 2014 geven bewoners lege plekken in Heerlen een nieuw leven: "
        "als moestuin, speelplek, bloemenweide of ontmoetingsplek.",
        "en": "Since 2014 residents have been giving Heerlen's empty places a new life: "
        "as a vegetable garden, play area, flower meadow or meeting place.",
    },
    "screen.progress": {"nl": "{pct}% klaar", "en": "{pct}% done"},
    "screen.legend_this": {"nl": "Dit initiatief", "en": "This initiative"},
    "screen.legend_other": {"nl": "Andere plekken", "en": "Other places"},
    "screen.no_initiatives": {
        "nl": "In {scope} is nog geen initiatief met een plek. Begin het eerste!",
        "en": "There is no initiative with a place in {scope} yet. Start the first one!",
    },
    "screen.map_alt_initiative": {
        "nl": "Kaart met de plek van initiatief {title}",
        "en": "Map with the place of the initiative {title}",
    },
    "screen.map_alt_available": {
        "nl": "Kaart met de beschikbare plekken in {scope}",
        "en": "Map with the available places in {scope}",
    },
    "screen.overview_intro_wijk": {
        "nl": "Wat er gebeurt in de wijken van Heerlen:",
        "en": "What is happening in the districts of Heerlen:",
    },
    "screen.overview_intro_buurt": {
        "nl": "Wat er gebeurt in de buurten van {scope}:",
        "en": "What is happening in the neighbourhoods of {scope}:",
    },
    "screen.col_wijk": {"nl": "Wijk", "en": "District"},
    "screen.col_buurt": {"nl": "Buurt", "en": "Neighbourhood"},
    "screen.col_inhabitants": {"nl": "Inwoners", "en": "Inhabitants"},
    "screen.col_running": {"nl": "Lopend", "en": "Running"},
    "screen.col_realised": {"nl": "Gerealiseerd", "en": "Realised"},
    "screen.col_handed_back": {"nl": "m² teruggegeven", "en": "m² handed back"},
    "screen.col_available": {"nl": "Plekken vrij", "en": "Places free"},
    "screen.overview_empty": {
        "nl": "Hier zijn nog geen plekken of initiatieven.",
        "en": "There are no places or initiatives here yet.",
    },
    "screen.more_wijk": {"nl": "En nog {n} andere wijken.", "en": "And {n} more districts."},
    "screen.more_buurt": {"nl": "En nog {n} andere buurten.", "en": "And {n} more neighbourhoods."},
    "screen.without_place": {
        "nl": "{n} ideeën zoeken nog een plek.", "en": "{n} ideas are still looking for a place.",
    },
    "screen.inhabitants_source": {
        "nl": "Inwoners: CBS Kerncijfers wijken en buurten, laatst bekende jaar.",
        "en": "Inhabitants: CBS Kerncijfers wijken en buurten, latest year known.",
    },
    "screen.available_summary": {
        "nl": "{n} plekken vrij, samen {area}",
        "en": "{n} places free, {area} in all",
    },
    "screen.available_largest": {"nl": "De grootste:", "en": "The largest:"},
    "screen.available_more": {"nl": "En nog {n} andere.", "en": "And {n} more."},
    "screen.available_from": {"nl": "vanaf {date}", "en": "from {date}"},
    "screen.none_available": {
        "nl": "Op dit moment is hier geen plek vrij.",
        "en": "No place is free here at the moment.",
    },
    "screen.none_available_hint": {
        "nl": "Heb je toch een idee? Meld het aan: we zoeken samen verder.",
        "en": "Still have an idea? Sign it up: we will look further together.",
    },
    "screen.signup": {"nl": "Meld je idee aan", "en": "Sign up your idea"},
    "screen.join_intro": {
        "nl": "Een moestuin, een speelplek, een bloemenweide? Maak van een lege plek iets moois.",
        "en": "A vegetable garden, a play area, a flower meadow? Turn an empty place into "
        "something beautiful.",
    },
    "screen.join_step1": {
        "nl": "Scan de code of ga naar de website.", "en": "Scan the code or visit the website.",
    },
    "screen.join_step2": {
        "nl": "De brooker van Gebrookerbos neemt contact met je op.",
        "en": "The Gebrookerbos broker gets in touch with you.",
    },
    "screen.join_step3": {
        "nl": "Samen zoeken we een plek, partners en geld.",
        "en": "Together we find a place, partners and money.",
    },
    "screen.scan": {"nl": "Scan met je telefoon", "en": "Scan with your phone"},
    "screen.qr_alt": {
        "nl": "QR-code naar de aanmeldpagina {url}", "en": "QR code to the sign-up page {url}",
    },
    "screen.notice_bad_signup": {
        "nl": "GEBROOKERBOS_SIGNUP_URL '{value}' is geen webadres; de standaardpagina wordt "
        "gebruikt.",
        "en": "GEBROOKERBOS_SIGNUP_URL '{value}' is not a web address; the default page is "
        "used.",
    },
    # --- data management: login, roles, Beheer, edits -------------------------
    "app.db_busy": {
        "nl": "De database is even bezet: een opdracht op de opdrachtregel (bijv. een import of een"
        " back-up) gebruikt haar. Probeer het over een ogenblik opnieuw; er gaat niets "
        "verloren.",
        "en": "The database is busy for a moment: a command-line task (e.g. an import or a backup) "
        "is using it. Try again in a moment; nothing is lost.",
    },
    "app.db_unreachable": {
        "nl": "De database is nu niet bereikbaar. Probeer het over een ogenblik opnieuw; "
              "blijft dit zo, meld het dan bij de beheerder.",
        "en": "The database cannot be reached right now. Try again in a moment; if this "
              "stays so, tell the administrator.",
    },
    "app.db_retry": {"nl": "Opnieuw proberen", "en": "Try again"},
    "role.beleidsmedewerker": {"nl": "Beleidsmedewerker", "en": "Policy officer"},
    "role.brooker": {"nl": "Brooker", "en": "Broker"},
    "role.beheerder": {"nl": "Beheerder", "en": "Administrator"},
    "role.none": {"nl": "Publiek (niet ingelogd)", "en": "Public (not logged in)"},
    "auth.login": {"nl": "Inloggen", "en": "Log in"},
    "auth.username": {"nl": "Gebruikersnaam", "en": "Username"},
    "auth.password": {"nl": "Wachtwoord", "en": "Password"},
    "auth.password_repeat": {"nl": "Herhaal het wachtwoord", "en": "Repeat the password"},
    "auth.login_button": {"nl": "Inloggen", "en": "Log in"},
    "auth.login_oidc": {
        "nl": "Inloggen met organisatie-account",
        "en": "Log in with your organisation account",
    },
    "auth.logout": {"nl": "Uitloggen", "en": "Log out"},
    "auth.logged_in_as": {
        "nl": "Ingelogd als **{user}** ({role})",
        "en": "Logged in as **{user}** ({role})",
    },
    "auth.expired": {
        "nl": "Je sessie is verlopen na {minutes} minuten zonder activiteit. Log opnieuw in.",
        "en": "Your session expired after {minutes} minutes without activity. Please log in again.",
    },
    "auth.public_note": {
        "nl": "Zonder inloggen zie je alles behalve persoonsgegevens.",
        "en": "Without logging in you see everything except personal data.",
    },
    "auth.oidc_no_account": {
        "nl": "Je bent aangemeld als {email}, maar er is geen account met die naam. Vraag de "
        "beheerder om een account.",
        "en": "You are signed in as {email}, but there is no account with that name. Ask the "
        "administrator for an account.",
    },
    "auth.error.wrong": {
        "nl": "Onbekende gebruikersnaam of verkeerd wachtwoord.",
        "en": "Unknown username or wrong password.",
    },
    "auth.error.wrong_wait": {
        "nl": "Onbekende gebruikersnaam of verkeerd wachtwoord. Na herhaalde fouten moet je "
        "wachten: probeer het over {seconds} seconden opnieuw.",
        "en": "Unknown username or wrong password. After repeated mistakes you have to wait: try "
        "again in {seconds} seconds.",
    },
    "auth.error.wait": {
        "nl": "Te vaak een verkeerd wachtwoord vanaf deze computer. Wacht nog {seconds} seconden "
        "en probeer het dan opnieuw.",
        "en": "Too many wrong passwords from this computer. Wait {seconds} more seconds, then try "
        "again.",
    },
    "auth.denied.gone": {
        "nl": "Het account {name} bestaat niet meer. Er is niets veranderd.",
        "en": "The account {name} no longer exists. Nothing was changed.",
    },
    "auth.denied.blocked": {
        "nl": "Het account {name} is geblokkeerd. Er is niets veranderd.",
        "en": "The account {name} is blocked. Nothing was changed.",
    },
    "auth.denied.login": {
        "nl": "Log in om dit te doen ({action}). Er is niets veranderd.",
        "en": "Log in to do this ({action}). Nothing was changed.",
    },
    "auth.denied.role": {
        "nl": "{name} ({role}) mag dit niet: {action}. Er is niets veranderd.",
        "en": "{name} ({role}) may not do this: {action}. Nothing was changed.",
    },
    "auth.action.view_personal": {"nl": "persoonsgegevens inzien", "en": "see personal data"},
    "auth.action.view_internal": {"nl": "interne notities inzien", "en": "see internal notes"},
    "auth.action.reserve": {"nl": "kavels in optie geven en vrijgeven",
                            "en": "reserve and release plots"},
    "auth.action.change_stage": {"nl": "de fase van een initiatief wijzigen",
                                 "en": "change an initiative's stage"},
    "auth.action.edit_plot": {"nl": "kavels bewerken", "en": "edit plots"},
    "auth.action.edit_initiative": {"nl": "initiatieven bewerken", "en": "edit initiatives"},
    "auth.action.register_initiative": {"nl": "een initiatief registreren",
                                        "en": "register an initiative"},
    "auth.action.import_plots": {"nl": "kavels importeren", "en": "import plots"},
    "auth.action.manage_accounts": {"nl": "accounts beheren", "en": "manage accounts"},
    "auth.action.backup": {"nl": "back-ups maken en terugzetten",
                           "en": "make and restore backups"},
    "app.session_blocked": {
        "nl": "U bent uitgelogd: uw account is geblokkeerd of bestaat niet meer.",
        "en": "You have been logged out: your account is blocked or no longer exists.",
    },
    "app.session_ended": {
        "nl": "Je bent uitgelogd: het wachtwoord van je account is gewijzigd, het account is "
        "geblokkeerd geweest of je rol heeft minder rechten gekregen. Log opnieuw in.",
        "en": "You have been logged out: your account's password was changed, the account was "
        "blocked, or your role lost rights. Please log in again.",
    },
    "auth.denied.session_ended": {
        "nl": "De sessie van {name} is beëindigd (nieuw wachtwoord, geblokkeerd of minder "
        "rechten); log opnieuw in. Er is niets veranderd.",
        "en": "The session of {name} has ended (new password, blocked or fewer rights); log in "
        "again. Nothing was changed.",
    },
    "app.role_changed": {
        "nl": "Uw rol is gewijzigd in {role}; wat u mag, is daarop aangepast.",
        "en": "Your role was changed to {role}; what you may do has changed with it.",
    },
    "auth.error.blocked": {
        "nl": "Dit account is geblokkeerd. Vraag de beheerder om het te deblokkeren.",
        "en": "This account is blocked. Ask the administrator to unblock it.",
    },
    "auth.error.password_short": {
        "nl": "Het wachtwoord moet minstens {n} tekens lang zijn; dit heeft er {length}.",
        "en": "The password must be at least {n} characters long; this one has {length}.",
    },
    "auth.error.password_username": {
        "nl": "Het wachtwoord mag de gebruikersnaam niet bevatten.",
        "en": "The password may not contain the username.",
    },
    "auth.error.password_common": {
        "nl": "Dit wachtwoord staat op de lijsten van veelgebruikte wachtwoorden die wie "
        "inbreekt als eerste probeert. Kies een ander.",
        "en": "This password is on the lists of common passwords that attackers try first. "
        "Choose another one.",
    },
    "auth.error.password_weak": {
        "nl": "Dit wachtwoord is te makkelijk te raden: {reason}. Maak het langer, bijvoorbeeld "
        "met een paar woorden die niet bij elkaar horen.",
        "en": "This password is too easy to guess: {reason}. Make it longer, for example with a "
        "few words that do not belong together.",
    },
    "auth.password_reason.common": {
        "nl": "het bestaat vooral uit een veelgebruikt wachtwoord",
        "en": "it is mostly a common password",
    },
    "auth.password_reason.local": {
        "nl": "het bestaat vooral uit de naam van het dashboard, de gemeente of een rol",
        "en": "it is mostly the name of the dashboard, the municipality or a role",
    },
    "auth.password_reason.words": {
        "nl": "het bestaat vooral uit een bekend woord of een naam",
        "en": "it is mostly a well-known word or name",
    },
    "auth.password_reason.keyboard": {
        "nl": "het volgt vooral de toetsen van het toetsenbord (zoals qwerty)",
        "en": "it mostly follows the keys of the keyboard (like qwerty)",
    },
    "auth.password_reason.repeat": {
        "nl": "het herhaalt vooral tekens of woorden (zoals aaa of abcabc)",
        "en": "it mostly repeats characters or words (like aaa or abcabc)",
    },
    "auth.password_reason.sequence": {
        "nl": "het is vooral een reeks (zoals abcd of 1234)",
        "en": "it is mostly a sequence (like abcd or 1234)",
    },
    "auth.password_reason.date": {
        "nl": "het bestaat vooral uit een datum of jaartal",
        "en": "it is mostly a date or a year",
    },
    "auth.password_reason.short": {
        "nl": "er zitten te weinig verschillende tekens of woorden in",
        "en": "it has too few different characters or words",
    },
    "auth.password_rule": {
        "nl": "Minstens {n} tekens, zonder je gebruikersnaam en niet makkelijk te raden: een zin "
        "of een paar losse woorden werkt goed.",
        "en": "At least {n} characters, without the username and not easy to guess: a sentence "
        "or a few unrelated words work well.",
    },
    "auth.error.password_spaces": {
        "nl": "Het wachtwoord mag niet met een spatie beginnen of eindigen.",
        "en": "The password may not start or end with a space.",
    },
    "auth.error.passwords_differ": {
        "nl": "De twee wachtwoorden verschillen.",
        "en": "The two passwords differ.",
    },
    "auth.error.username": {
        "nl": "Ongeldige gebruikersnaam '{name}': gebruik 2 tot 64 kleine letters, cijfers en . _ @"
        " -.",
        "en": "Invalid username '{name}': use 2 to 64 lower-case letters, digits and . _ @ -.",
    },
    "auth.error.role": {
        "nl": "Onbekende rol '{role}'; kies uit {roles}.",
        "en": "Unknown role '{role}'; choose from {roles}.",
    },
    "auth.error.exists": {
        "nl": "Het account {name} bestaat al.",
        "en": "The account {name} exists already.",
    },
    "auth.error.unknown_user": {
        "nl": "Er is geen account {name}.",
        "en": "There is no account {name}.",
    },
    "auth.error.old_password": {
        "nl": "Het huidige wachtwoord klopt niet.",
        "en": "The current password is wrong.",
    },
    "auth.error.last_admin": {
        "nl": "Dit is de laatste actieve beheerder; maak eerst een andere beheerder aan.",
        "en": "This is the last active administrator; create another administrator first.",
    },
    "admin.title": {"nl": "Beheer", "en": "Administration"},
    "admin.login_first": {
        "nl": "Log in (links in de zijbalk) om gegevens te beheren. Zonder inloggen zie je op de "
        "andere pagina's alles behalve persoonsgegevens.",
        "en": "Log in (in the sidebar) to manage data. Without logging in, the other pages show "
        "everything except personal data.",
    },
    "admin.view_only": {
        "nl": "Je rol mag gegevens bekijken, niet wijzigen. Wijzigingen doen de brooker en de "
        "beheerder.",
        "en": "Your role may view data, not change it. The broker and the administrator make "
        "changes.",
    },
    "admin.tab.plots": {"nl": "Kavels bewerken", "en": "Edit plots"},
    "admin.tab.initiatives": {"nl": "Initiatieven bewerken", "en": "Edit initiatives"},
    "admin.tab.import": {"nl": "Kavels importeren", "en": "Import plots"},
    "admin.tab.users": {"nl": "Accounts", "en": "Accounts"},
    "admin.tab.backup": {"nl": "Back-up en export", "en": "Backup and export"},
    "admin.tab.audit": {"nl": "Wijzigingslog", "en": "Change log"},
    "admin.tab.account": {"nl": "Mijn account", "en": "My account"},
    "admin.role_rights.beleidsmedewerker": {
        "nl": "Een beleidsmedewerker bekijkt kaart, kavels, initiatieven en wijkcijfers, zonder "
        "persoonsgegevens van initiatiefnemers (die zijn voor rapportage niet nodig).",
        "en": "A policy officer views the map, plots, initiatives and neighbourhood figures, "
        "without initiators' personal data (reporting does not need it).",
    },
    "admin.role_rights.brooker": {
        "nl": "Een brooker ziet ook de contactgegevens van initiatiefnemers en bewerkt kavels en "
        "initiatieven.",
        "en": "A broker also sees initiators' contact details and edits plots and initiatives.",
    },
    "admin.role_rights.beheerder": {
        "nl": "Een beheerder doet alles wat de brooker doet, en importeert kavels, beheert accounts"
        " en maakt back-ups.",
        "en": "An administrator does everything a broker does, and imports plots, manages accounts "
        "and makes backups.",
    },
    "admin.import_title": {"nl": "Kavels importeren", "en": "Import plots"},
    "admin.import_intro": {
        "nl": "GeoPackage, GeoJSON, gezipte Shapefile of CSV met een WKT-kolom. Elke kavel wordt "
        "gecontroleerd; bij één afgekeurde kavel wordt niets geïmporteerd. Controleer eerst, "
        "importeer daarna.",
        "en": "GeoPackage, GeoJSON, zipped Shapefile or CSV with a WKT column. Every plot is "
        "checked; if one plot is rejected nothing is imported. Check first, then import.",
    },
    "admin.import_file": {"nl": "Bestand", "en": "File"},
    "admin.import_crs": {
        "nl": "Coördinaatsysteem (EPSG), alleen als het bestand het niet vermeldt",
        "en": "Coordinate system (EPSG), only if the file does not declare it",
    },
    "admin.import_crs_help": {
        "nl": "28992 = RD New, 4326 = WGS84 (lengte/breedte)",
        "en": "28992 = RD New, 4326 = WGS84 (longitude/latitude)",
    },
    "admin.import_layer": {"nl": "Laag (bij meerdere lagen)", "en": "Layer (if there are several)"},
    "admin.import_encoding": {
        "nl": "Tekstcodering (als niet UTF-8)",
        "en": "Text encoding (if not UTF-8)",
    },
    "admin.import_encoding_help": {
        "nl": "Bijv. cp1252 voor oude Windows-bestanden",
        "en": "E.g. cp1252 for old Windows files",
    },
    "admin.import_repair": {
        "nl": "Ongeldige geometrieën herstellen",
        "en": "Repair invalid geometries",
    },
    "admin.import_check": {"nl": "Alleen controleren", "en": "Check only"},
    "admin.import_run": {"nl": "Importeren", "en": "Import"},
    "admin.import_busy": {
        "nl": "Bezig met controleren en importeren…",
        "en": "Checking and importing…",
    },
    "admin.users_title": {"nl": "Accounts", "en": "Accounts"},
    "admin.users_new": {"nl": "Nieuw account", "en": "New account"},
    "admin.users_create": {"nl": "Account aanmaken", "en": "Create account"},
    "admin.users_created": {"nl": "Account {name} aangemaakt.", "en": "Account {name} created."},
    "admin.users_change": {"nl": "Account wijzigen", "en": "Change an account"},
    "admin.users_role": {"nl": "Rol", "en": "Role"},
    "admin.users_keep": {"nl": "niet wijzigen", "en": "keep"},
    "admin.users_active": {"nl": "Toegang", "en": "Access"},
    "admin.users_active_true": {"nl": "actief", "en": "active"},
    "admin.users_active_false": {"nl": "geblokkeerd", "en": "blocked"},
    "admin.users_new_password": {
        "nl": "Nieuw wachtwoord (leeg = niet wijzigen)",
        "en": "New password (empty = keep)",
    },
    "admin.users_apply": {"nl": "Wijzigen", "en": "Apply"},
    "admin.users_changed": {"nl": "Account {name} gewijzigd.", "en": "Account {name} changed."},
    "admin.users_col.username": {"nl": "Gebruikersnaam", "en": "Username"},
    "admin.users_col.role": {"nl": "Rol", "en": "Role"},
    "admin.users_col.active": {"nl": "Actief", "en": "Active"},
    "admin.users_col.created_at": {"nl": "Aangemaakt", "en": "Created"},
    "admin.users_col.failed_attempts": {"nl": "Foute pogingen", "en": "Failed attempts"},
    "admin.users_col.failed_clients": {"nl": "Vanaf adressen", "en": "From addresses"},
    "admin.users_col.last_failed_at": {"nl": "Laatste foute poging", "en": "Last failed attempt"},
    "admin.account_title": {"nl": "Mijn account", "en": "My account"},
    "admin.account_role": {
        "nl": "Je bent ingelogd als {user}, met de rol {role}.",
        "en": "You are logged in as {user}, with the role {role}.",
    },
    "admin.account_old": {"nl": "Huidig wachtwoord", "en": "Current password"},
    "admin.account_new": {"nl": "Nieuw wachtwoord", "en": "New password"},
    "admin.account_change": {"nl": "Wachtwoord wijzigen", "en": "Change password"},
    "admin.account_changed": {
        "nl": "Je wachtwoord is gewijzigd. Je andere sessies (andere tabbladen of computers) "
        "zijn uitgelogd.",
        "en": "Your password has been changed. Your other sessions (other tabs or computers) "
        "have been logged out.",
    },
    "admin.backup_title": {"nl": "Back-up en export", "en": "Backup and export"},
    "admin.backup_intro": {
        "nl": "Een back-up is een volledige kopie van de database (met persoonsgegevens en "
        "accounts): bewaar hem veilig. De GeoPackage bevat elke tabel als laag; de openbare "
        "versie zonder persoonsgegevens.",
        "en": "A backup is a complete copy of the database (with personal data and accounts): keep "
        "it safe. The GeoPackage holds every table as a layer; the public version has no "
        "personal data.",
    },
    "admin.backup_make": {"nl": "Back-up maken", "en": "Make a backup"},
    "admin.export_full": {"nl": "GeoPackage (volledig)", "en": "GeoPackage (full)"},
    "admin.export_public": {"nl": "GeoPackage (openbaar)", "en": "GeoPackage (public)"},
    "admin.backup_download": {"nl": "Download {name}", "en": "Download {name}"},
    "admin.backup_restore_note": {
        "nl": "Terugzetten gaat via de opdrachtregel terwijl het dashboard gestopt is: python -m "
        "gebrookerbos restore BESTAND (de huidige database blijft als veiligheidskopie "
        "bewaard).",
        "en": "Restoring is done on the command line while the dashboard is stopped: python -m "
        "gebrookerbos restore FILE (the current database is kept as a safety copy).",
    },
    "admin.audit_title": {
        "nl": "Wijzigingslog: wie wat wanneer veranderde",
        "en": "Change log: who changed what, when",
    },
    "admin.audit_empty": {"nl": "Nog geen wijzigingen.", "en": "No changes yet."},
    "admin.audit_col.audit_id": {"nl": "Nr.", "en": "No."},
    "admin.audit_col.changed_at": {"nl": "Wanneer", "en": "When"},
    "admin.audit_col.username": {"nl": "Wie", "en": "Who"},
    "admin.audit_col.table_name": {"nl": "Tabel", "en": "Table"},
    "admin.audit_col.record_id": {"nl": "Record", "en": "Record"},
    "admin.audit_col.action": {"nl": "Actie", "en": "Action"},
    "admin.audit_col.changes": {"nl": "Wijzigingen", "en": "Changes"},
    "edit.plots_title": {"nl": "Kavel bewerken", "en": "Edit a plot"},
    "edit.initiatives_title": {"nl": "Initiatief bewerken", "en": "Edit an initiative"},
    "edit.new_initiative": {"nl": "Nieuw initiatief aanmelden", "en": "Register a new initiative"},
    "edit.new_initiative_note": {
        "nl": "Toelichting (hoe kwam het idee binnen?)",
        "en": "Note (how did the idea come in?)",
    },
    "edit.new_initiative_button": {"nl": "Aanmelden als idee", "en": "Register as an idea"},
    "edit.new_initiative_done": {
        "nl": "{id} is aangemeld als idee.",
        "en": "{id} has been registered as an idea.",
    },
    "edit.error.note_required": {
        "nl": "Schrijf een korte toelichting.",
        "en": "Write a short note.",
    },
    "edit.search": {"nl": "Zoeken", "en": "Search"},
    "edit.search_plot_hint": {"nl": "kavelnummer of naam", "en": "plot id or name"},
    "edit.search_initiative_hint": {"nl": "nummer of titel", "en": "id or title"},
    "edit.choose_plot": {"nl": "Kavel", "en": "Plot"},
    "edit.choose_initiative": {"nl": "Initiatief", "en": "Initiative"},
    "edit.first_200": {
        "nl": "Alleen de eerste 200 treffers; zoek nauwkeuriger.",
        "en": "Only the first 200 matches; search more precisely.",
    },
    "edit.save": {"nl": "Opslaan", "en": "Save"},
    "edit.saved": {
        "nl": "{id} opgeslagen ({n} velden gewijzigd).",
        "en": "{id} saved ({n} fields changed).",
    },
    "edit.nothing_changed": {
        "nl": "{id}: er was niets gewijzigd.",
        "en": "{id}: nothing was changed.",
    },
    "edit.not_allowed": {
        "nl": "Alleen de brooker en de beheerder mogen wijzigen.",
        "en": "Only the broker and the administrator may make changes.",
    },
    "edit.not_found": {"nl": "{id} bestaat niet (meer).", "en": "{id} does not exist (any more)."},
    "edit.version": {
        "nl": "Versie {version}, laatst gewijzigd door {who}",
        "en": "Version {version}, last changed by {who}",
    },
    "edit.personal_data": {
        "nl": "Persoonsgegevens (nooit openbaar)",
        "en": "Personal data (never public)",
    },
    "edit.needs": {"nl": "Wensen voor een kavel", "en": "Wishes for a plot"},
    "edit.need_wijken_help": {
        "nl": "CBS-codes van wijken of buurten, gescheiden door komma's, bijv. WK091721, BU09171001",
        "en": "CBS codes of wijken or buurten, separated by commas, e.g. WK091721, BU09171001",
    },
    "edit.stage_title": {"nl": "Fase", "en": "Stage"},
    "edit.stage_current": {"nl": "huidig", "en": "current"},
    "edit.stage_date": {"nl": "Datum van de fasewijziging", "en": "Date of the stage change"},
    "edit.stage_note": {
        "nl": "Toelichting bij de fasewijziging (verplicht bij een nieuwe fase)",
        "en": "Note on the stage change (required for a new stage)",
    },
    "edit.stage_reason": {
        "nl": "Reden (bij een stap terug of herstart)",
        "en": "Reason (for a step back or a restart)",
    },
    "edit.stage_reason_help": {
        "nl": "Een stap terug of een herstart na stoppen mag alleen met een reden.",
        "en": "A step back or a restart after stopping needs a reason.",
    },
    "edit.stage_refused": {
        "nl": "De fasewijziging is geweigerd; er is niets opgeslagen. {reason}",
        "en": "The stage change was refused; nothing was saved. {reason}",
    },
    "edit.plot_event_note": {
        "nl": "Beschikbaarheid gewijzigd in het beheerformulier.",
        "en": "Availability changed in the admin form.",
    },
    "edit.conflict.changed": {
        "nl": "{id} is intussen door {who} gewijzigd (gewijzigde velden: {n}); er is niets "
        "opgeslagen. Jouw "
        "invoer is bewaard: vergelijk hieronder en pas je wijzigingen opnieuw toe op de "
        "nieuwste versie.",
        "en": "{id} was changed by {who} in the meantime (fields changed: {n}); nothing was "
        "saved. Your "
        "input is kept: compare below and reapply your changes to the latest version.",
    },
    "edit.conflict.deleted": {
        "nl": "{id} is intussen verwijderd; er is niets opgeslagen.",
        "en": "{id} was deleted in the meantime; nothing was saved.",
    },
    "edit.conflict.field": {"nl": "Veld", "en": "Field"},
    "edit.conflict.before": {"nl": "Toen je begon", "en": "When you started"},
    "edit.conflict.theirs": {"nl": "Nu (door de ander)", "en": "Now (by the other person)"},
    "edit.conflict.mine": {"nl": "Jouw invoer", "en": "Your input"},
    "edit.conflict.clashes": {
        "nl": "Jullie hebben allebei gewijzigd: {fields}. Bij opnieuw toepassen wint jouw invoer "
        "voor deze velden; controleer het formulier voor je opslaat.",
        "en": "You both changed: {fields}. Reapplying makes your input win for these fields; check "
        "the form before you save.",
    },
    "edit.conflict.reapply": {
        "nl": "Mijn wijzigingen toepassen op de nieuwste versie",
        "en": "Apply my changes to the latest version",
    },
    "edit.conflict.discard": {"nl": "Mijn wijzigingen weggooien", "en": "Discard my changes"},
    "edit.error.required": {"nl": "verplicht", "en": "required"},
    "edit.error.choice": {
        "nl": "'{value}' is geen geldige keuze ({choices})",
        "en": "'{value}' is not a valid choice ({choices})",
    },
    "edit.error.date": {"nl": "'{value}' is geen datum", "en": "'{value}' is not a date"},
    "edit.error.number": {
        "nl": "'{value}' is geen (geheel) getal",
        "en": "'{value}' is not a (whole) number",
    },
    "edit.error.range": {
        "nl": "moet tussen {lo} en {hi} liggen",
        "en": "must lie between {lo} and {hi}",
    },
    "edit.error.too_long": {
        "nl": "te lang (hoogstens {n} tekens)",
        "en": "too long (at most {n} characters)",
    },
    "edit.error.email": {
        "nl": "'{value}' is geen e-mailadres",
        "en": "'{value}' is not an e-mail address",
    },
    "edit.error.phone": {
        "nl": "'{value}' is geen telefoonnummer",
        "en": "'{value}' is not a phone number",
    },
    "edit.error.order": {"nl": "ligt vóór {other}", "en": "lies before {other}"},
    "edit.error.codes": {
        "nl": "onbekende wijk- of buurtcodes: {codes}",
        "en": "unknown wijk or buurt codes: {codes}",
    },
    "edit.error.availability_held": {
        "nl": "volgt de fase van het initiatief '{initiative}'; wijzig de fase van dat initiatief "
        "in plaats van de beschikbaarheid",
        "en": "follows the stage of the initiative '{initiative}'; change that initiative's stage "
        "instead of the availability",
    },
    "edit.availability_follows": {
        "nl": "Volgt de fase van het initiatief '{initiative}'.",
        "en": "Follows the stage of the initiative '{initiative}'.",
    },
    "edit.error.availability_no_holder": {
        "nl": "kan zonder initiatief alleen 'beschikbaar' of 'niet beschikbaar' zijn; een kavel "
        "komt in optie of in gebruik via een initiatief (pagina Kavels)",
        "en": "can only be 'available' or 'unavailable' without an initiative; a plot becomes "
        "reserved or in use through an initiative (page Kavels)",
    },
    "edit.initiative.title": {"nl": "Titel", "en": "Title"},
    "edit.initiative.public_summary": {"nl": "Openbare samenvatting", "en": "Public summary"},
    "edit.initiative.theme": {"nl": "Thema", "en": "Theme"},
    "edit.initiative.stage": {"nl": "Fase", "en": "Stage"},
    "edit.initiative.progress": {"nl": "Voortgang (%)", "en": "Progress (%)"},
    "edit.initiative.initiator_group": {
        "nl": "Initiatiefnemers (groep)",
        "en": "Initiators (group)",
    },
    "edit.initiative.contact_name": {"nl": "Contactpersoon", "en": "Contact person"},
    "edit.initiative.contact_email": {"nl": "E-mail", "en": "E-mail"},
    "edit.initiative.contact_phone": {"nl": "Telefoon", "en": "Phone"},
    "edit.initiative.account_manager": {"nl": "Accountmanager", "en": "Account manager"},
    "edit.initiative.partners": {"nl": "Partners", "en": "Partners"},
    "edit.initiative.start_date": {"nl": "Startdatum", "en": "Start date"},
    "edit.initiative.expected_date": {"nl": "Verwachte realisatie", "en": "Expected realisation"},
    "edit.initiative.next_action": {"nl": "Volgende actie", "en": "Next action"},
    "edit.initiative.next_action_due": {"nl": "Volgende actie uiterlijk", "en": "Next action due"},
    "edit.initiative.need_min_area_m2": {
        "nl": "Minimale oppervlakte (m²)",
        "en": "Minimum area (m²)",
    },
    "edit.initiative.need_max_area_m2": {
        "nl": "Maximale oppervlakte (m²)",
        "en": "Maximum area (m²)",
    },
    "edit.initiative.need_wijken": {"nl": "Gewenste wijken/buurten", "en": "Wanted wijken/buurten"},
    "edit.initiative.need_water": {"nl": "Water nodig", "en": "Needs water"},
    "edit.initiative.need_electricity": {"nl": "Stroom nodig", "en": "Needs electricity"},
    "edit.initiative.need_car_access": {
        "nl": "Bereikbaar met auto nodig",
        "en": "Needs car access",
    },
    "edit.initiative.need_clean_soil": {"nl": "Schone bodem nodig", "en": "Needs clean soil"},
    "edit.initiative.need_start": {"nl": "Gewenste start", "en": "Wanted start"},
    "edit.initiative.need_duration_months": {
        "nl": "Gewenste duur (maanden)",
        "en": "Wanted duration (months)",
    },
    # --- data management: import ------------------------------------------------
    "import.feature": {"nl": "Object {n}", "en": "Feature {n}"},
    "import.imported": {
        "nl": "{n} kavels geïmporteerd uit {file} (coördinaatsysteem {crs}).",
        "en": "Imported {n} plots from {file} (coordinate system {crs}).",
    },
    "import.would_import": {
        "nl": "Proefimport: alle {n} kavels uit {file} zijn in orde (coördinaatsysteem {crs}). "
        "Er is niets veranderd.",
        "en": "Dry run: all {n} plots in {file} are fine (coordinate system {crs}). "
        "Nothing was changed.",
    },
    "import.refused": {
        "nl": "Import van {file} geweigerd: {rejected} van de {total} objecten afgekeurd. "
        "Er is niets veranderd.",
        "en": "Import of {file} refused: {rejected} of {total} features rejected. "
        "Nothing was changed.",
    },
    "import.first_problems": {
        "nl": "De eerste {n} van {total} problemen:",
        "en": "The first {n} of {total} problems:",
    },
    "import.mapped": {"nl": "Herkende kolommen: {columns}", "en": "Recognised columns: {columns}"},
    "import.unknown_columns": {
        "nl": "Onbekende kolommen (niet geïmporteerd): {columns}",
        "en": "Unknown columns (not imported): {columns}",
    },
    "import.ignored_columns": {
        "nl": "Kolommen die de database zelf berekent (genegeerd): {columns}",
        "en": "Columns the database derives itself (ignored): {columns}",
    },
    "import.warning": {
        "nl": "Let op: {n} x {what}; bijvoorbeeld {example}",
        "en": "Note: {n} x {what}; for example {example}",
    },
    "import.kind.missing": {"nl": "bestand niet gevonden", "en": "file not found"},
    "import.problem.missing": {
        "nl": "Het bestand {detail} bestaat niet.", "en": "The file {detail} does not exist.",
    },
    "import.kind.format": {"nl": "bestandstype niet ondersteund", "en": "unsupported file type"},
    "import.problem.format": {
        "nl": "Bestandstype {detail} wordt niet ondersteund. Gebruik GeoPackage (.gpkg), "
        "GeoJSON (.geojson), een gezipte Shapefile (.zip) of CSV met een WKT-kolom (.csv).",
        "en": "File type {detail} is not supported. Use GeoPackage (.gpkg), GeoJSON "
        "(.geojson), a zipped Shapefile (.zip) or CSV with a WKT column (.csv).",
    },
    "import.kind.file": {"nl": "bestand onleesbaar", "en": "unreadable file"},
    "import.problem.file": {
        "nl": "Het bestand is geen leesbaar geobestand (beschadigd, afgebroken of een ander "
        "formaat): {detail}",
        "en": "The file is not a readable geodata file (damaged, truncated or another "
        "format): {detail}",
    },
    "import.kind.unreadable": {"nl": "bestand onleesbaar", "en": "unreadable file"},
    "import.problem.unreadable": {
        "nl": "Het bestand is geen leesbaar geobestand (beschadigd, afgebroken of een ander "
        "formaat).",
        "en": "The file is not a readable geodata file (damaged, truncated or another "
        "format).",
    },
    "import.kind.no_geometry_layer": {"nl": "geen geometrie", "en": "no geometry"},
    "import.problem.no_geometry_layer": {
        "nl": "De laag in het bestand heeft geen geometrie (alleen een tabel met gegevens): "
        "kavels hebben een vorm nodig. Kies een laag met vlakken, of lever een GeoPackage, "
        "GeoJSON, Shapefile of CSV met geometrie.",
        "en": "The layer in the file has no geometry (only a table of data): plots need a "
        "shape. Choose a layer with polygons, or deliver a GeoPackage, GeoJSON, Shapefile or "
        "CSV with geometry.",
    },
    "import.kind.encoding_file": {"nl": "tekstcodering onbekend", "en": "unknown text encoding"},
    "import.problem.encoding_file": {
        "nl": "De tekst in het bestand is geen UTF-8 en het bestand zegt niet welke codering "
        "het wel is ({detail}). Sla het op als UTF-8, voeg bij een Shapefile een .cpg-bestand "
        "toe (bijv. met 'CP1252'), of geef de codering op (--encoding cp1252).",
        "en": "The text in the file is not UTF-8 and the file does not declare its encoding "
        "({detail}). Save it as UTF-8, add a .cpg file to a Shapefile (e.g. containing "
        "'CP1252'), or give the encoding (--encoding cp1252).",
    },
    "import.kind.no_shapefile": {"nl": "geen Shapefile in zip", "en": "no Shapefile in zip"},
    "import.problem.no_shapefile": {
        "nl": "De zip bevat geen Shapefile (.shp met .shx, .dbf en .prj).",
        "en": "The zip holds no Shapefile (.shp with .shx, .dbf and .prj).",
    },
    "import.kind.no_wkt_column": {"nl": "geen WKT-kolom", "en": "no WKT column"},
    "import.problem.no_wkt_column": {
        "nl": "De CSV heeft geen geometriekolom: noem de kolom met WKT 'wkt', 'geometry' of "
        "'geom'. Gevonden kolommen: {detail}",
        "en": "The CSV has no geometry column: name the WKT column 'wkt', 'geometry' or "
        "'geom'. Columns found: {detail}",
    },
    "import.kind.layer": {"nl": "laag niet gevonden", "en": "layer not found"},
    "import.problem.layer": {
        "nl": "Laag niet gevonden: {detail}", "en": "Layer not found: {detail}",
    },
    "import.kind.layers": {"nl": "meerdere lagen", "en": "several layers"},
    "import.problem.layers": {
        "nl": "Het bestand heeft meerdere lagen; kies er een met --layer: {detail}",
        "en": "The file has several layers; choose one with --layer: {detail}",
    },
    "import.kind.no_features": {"nl": "geen objecten", "en": "no features"},
    "import.problem.no_features": {
        "nl": "Het bestand bevat geen objecten.", "en": "The file holds no features.",
    },
    "import.kind.no_plot_id_column": {"nl": "kolom plot_id ontbreekt", "en": "no plot_id column"},
    "import.problem.no_plot_id_column": {
        "nl": "Verplichte kolom ontbreekt: plot_id (of kavelnummer). Gevonden kolommen: {detail}",
        "en": "Required column missing: plot_id (or kavelnummer). Columns found: {detail}",
    },
    "import.kind.missing_plot_id": {"nl": "kavelnummer leeg", "en": "plot id empty"},
    "import.problem.missing_plot_id": {
        "nl": "het kavelnummer (plot_id) is leeg; het is verplicht.",
        "en": "the plot id (plot_id) is empty; it is required.",
    },
    "import.kind.duplicate_in_file": {
        "nl": "kavelnummer dubbel in bestand", "en": "plot id twice in the file",
    },
    "import.problem.duplicate_in_file": {
        "nl": "kavelnummer {detail} komt meer dan eens voor in het bestand.",
        "en": "plot id {detail} occurs more than once in the file.",
    },
    "import.kind.duplicate_existing": {
        "nl": "kavelnummer bestaat al", "en": "plot id exists already",
    },
    "import.problem.duplicate_existing": {
        "nl": "kavel {detail} bestaat al in de database.",
        "en": "plot {detail} already exists in the database.",
    },
    "import.kind.invalid_value": {"nl": "ongeldige waarde", "en": "invalid value"},
    "import.problem.invalid_value": {
        "nl": "ongeldige waarde: {detail}", "en": "invalid value: {detail}",
    },
    "import.kind.availability_held": {"nl": "beschikbaarheid zonder initiatief",
                                      "en": "availability without an initiative"},
    "import.problem.availability_held": {
        "nl": "een nieuwe kavel kan alleen 'beschikbaar' of 'niet beschikbaar' zijn ({detail}); "
        "in optie of in gebruik komt hij via een initiatief.",
        "en": "a new plot can only be 'available' or 'unavailable' ({detail}); it becomes "
        "reserved or in use through an initiative.",
    },
    "import.kind.dates_order": {"nl": "datums omgedraaid", "en": "dates reversed"},
    "import.problem.dates_order": {
        "nl": "beschikbaar tot ligt vóór beschikbaar vanaf.",
        "en": "available until lies before available from.",
    },
    "import.kind.encoding": {"nl": "tekst verminkt (codering)", "en": "text garbled (encoding)"},
    "import.problem.encoding": {
        "nl": "de tekst lijkt verminkt door een verkeerde tekstcodering: {detail}. "
        "Sla het bestand op als UTF-8 of geef de codering op.",
        "en": "the text looks garbled by a wrong text encoding: {detail}. "
        "Save the file as UTF-8 or declare its encoding.",
    },
    "import.kind.unreadable_wkt": {"nl": "WKT onleesbaar", "en": "unreadable WKT"},
    "import.problem.unreadable_wkt": {
        "nl": "de geometrie (WKT) is onleesbaar.", "en": "the geometry (WKT) cannot be read.",
    },
    "import.kind.no_geometry": {"nl": "geen geometrie", "en": "no geometry"},
    "import.problem.no_geometry": {
        "nl": "het object heeft geen geometrie.", "en": "the feature has no geometry.",
    },
    "import.kind.empty_geometry": {"nl": "lege geometrie", "en": "empty geometry"},
    "import.problem.empty_geometry": {
        "nl": "de geometrie is leeg.", "en": "the geometry is empty.",
    },
    "import.kind.geometry_type": {"nl": "verkeerd geometrietype", "en": "wrong geometry type"},
    "import.problem.geometry_type": {
        "nl": "geometrietype {detail}; alleen vlakken (Polygon, MultiPolygon) zijn toegestaan.",
        "en": "geometry type {detail}; only polygons (Polygon, MultiPolygon) are allowed.",
    },
    "import.kind.crs_unknown": {"nl": "coördinaatsysteem onbekend", "en": "unknown CRS"},
    "import.problem.crs_unknown": {
        "nl": "Onbekend coördinaatsysteem: {detail}. Gebruik bijv. 28992 (RD New) of 4326 "
        "(WGS84).",
        "en": "Unknown coordinate system: {detail}. Use e.g. 28992 (RD New) or 4326 (WGS84).",
    },
    "import.kind.no_crs": {"nl": "coördinaatsysteem ontbreekt", "en": "CRS missing"},
    "import.problem.no_crs": {
        "nl": "Het bestand zegt niet in welk coördinaatsysteem het staat. Geef het op met "
        "--crs (28992 voor RD New, 4326 voor WGS84). De coördinaten lijken op {detail}.",
        "en": "The file does not declare its coordinate system. Give it with --crs (28992 "
        "for RD New, 4326 for WGS84). The coordinates look like {detail}.",
    },
    "import.kind.crs_conflict": {"nl": "tegenstrijdig coördinaatsysteem", "en": "CRS conflict"},
    "import.problem.crs_conflict": {
        "nl": "Het bestand zegt zelf in welk coördinaatsysteem het staat, en dat verschilt van "
        "--crs (bestand / opgegeven: {detail}). Laat --crs weg of corrigeer het bestand.",
        "en": "The file declares its own coordinate system, which differs from --crs "
        "(file / given: {detail}). Leave out --crs or correct the file.",
    },
    "import.kind.crs_degrees": {
        "nl": "graden in een metrisch stelsel", "en": "degrees in a metric CRS",
    },
    "import.problem.crs_degrees": {
        "nl": "de coördinaten zien eruit als graden (WGS84), maar het bestand zegt {detail}. "
        "Corrigeer het coördinaatsysteem van het bestand.",
        "en": "the coordinates look like degrees (WGS84), but the file says {detail}. "
        "Correct the file's coordinate system.",
    },
    "import.kind.crs_metres": {
        "nl": "meters in een stelsel in graden", "en": "metres in a CRS in degrees",
    },
    "import.problem.crs_metres": {
        "nl": "de coördinaten zijn te groot voor graden, maar het bestand zegt {detail}. "
        "Staan ze in RD New (28992)? Corrigeer het coördinaatsysteem van het bestand.",
        "en": "the coordinates are too large for degrees, but the file says {detail}. "
        "Are they in RD New (28992)? Correct the file's coordinate system.",
    },
    "import.kind.crs_transform": {"nl": "omrekenen mislukt", "en": "reprojection failed"},
    "import.problem.crs_transform": {
        "nl": "de coördinaten zijn niet om te rekenen naar RD New vanuit {detail}.",
        "en": "the coordinates cannot be reprojected to RD New from {detail}.",
    },
    "import.kind.invalid_geometry": {"nl": "ongeldige geometrie", "en": "invalid geometry"},
    "import.problem.invalid_geometry": {
        "nl": "ongeldige geometrie ({detail}). Herstel het bestand, of laat het programma "
        "herstellen met --repair.",
        "en": "invalid geometry ({detail}). Fix the file, or let the program repair it "
        "with --repair.",
    },
    "import.kind.repair_failed": {"nl": "herstel mislukt", "en": "repair failed"},
    "import.problem.repair_failed": {
        "nl": "de geometrie is ongeldig en na herstel blijft er geen vlak over.",
        "en": "the geometry is invalid and no polygon is left after repair.",
    },
    "import.kind.too_small": {"nl": "oppervlakte te klein", "en": "area too small"},
    "import.problem.too_small": {
        "nl": "de oppervlakte is {detail} m²; een kavel moet minstens 1 m² zijn.",
        "en": "the area is {detail} m²; a plot must be at least 1 m².",
    },
    "import.kind.not_initialised": {"nl": "database niet ingericht", "en": "database not set up"},
    "import.problem.not_initialised": {
        "nl": "De gemeentegrens ontbreekt in de database; richt hem eerst in "
        "(python -m gebrookerbos init --no-demo).",
        "en": "The municipality boundary is missing from the database; set it up first "
        "(python -m gebrookerbos init --no-demo).",
    },
    "import.kind.outside_municipality": {
        "nl": "buiten de gemeente Heerlen", "en": "outside the municipality of Heerlen",
    },
    "import.problem.outside_municipality": {
        "nl": "de kavel ligt (deels) buiten de gemeente Heerlen (tot {detail} km van de grens).",
        "en": "the plot lies (partly) outside the municipality of Heerlen (up to {detail} km "
        "from the boundary).",
    },
    "import.kind.database": {"nl": "databasefout", "en": "database error"},
    "import.problem.database": {
        "nl": "De database weigerde de import; er is niets veranderd: {detail}",
        "en": "The database refused the import; nothing was changed: {detail}",
    },
    "import.kind.name_defaulted": {"nl": "naam ontbreekt", "en": "name missing"},
    "import.problem.name_defaulted": {
        "nl": "geen naam; het kavelnummer {detail} wordt de naam.",
        "en": "no name; the plot id {detail} becomes the name.",
    },
    "import.kind.axes_swapped": {
        "nl": "x en y verwisseld (gecorrigeerd)", "en": "x and y swapped (corrected)",
    },
    "import.problem.axes_swapped": {
        "nl": "x en y (lengte- en breedtegraad) waren verwisseld; gecorrigeerd.",
        "en": "x and y (longitude and latitude) were swapped; corrected.",
    },
    "import.kind.repaired": {"nl": "geometrie hersteld", "en": "geometry repaired"},
    "import.problem.repaired": {
        "nl": "de ongeldige geometrie is hersteld (--repair).",
        "en": "the invalid geometry was repaired (--repair).",
    },
    # --- faults and limits: file checks before an import, restore refusals ---------
    "import.refused_file": {
        "nl": "Import van {file} geweigerd: {reason} Er is niets veranderd.",
        "en": "Import of {file} refused: {reason} Nothing was changed.",
    },
    "admin.import_limits": {
        "nl": "Hooguit {mb} MB per bestand; een zip mag uitgepakt hooguit {unzipped} MB zijn.",
        "en": "At most {mb} MB per file; a zip may unpack to at most {unzipped} MB.",
    },
    "import.kind.too_large": {"nl": "bestand te groot", "en": "file too large"},
    "import.problem.too_large": {
        "nl": "Het bestand is {d0} MB; het maximum is {d1} MB. Er is niets ingelezen. Splits "
        "het bestand (bijvoorbeeld per wijk) en importeer de delen na elkaar.",
        "en": "The file is {d0} MB; the limit is {d1} MB. Nothing was read. Split the file "
        "(for example by wijk) and import the parts one after the other.",
    },
    "import.kind.disguised": {
        "nl": "bestand is niet wat de naam zegt", "en": "file is not what its name says",
    },
    "import.problem.disguised": {
        "nl": "Het bestand heet {d0}, maar is geen {d1}: het is {d2}. Er is niets ingelezen. "
        "Kies het juiste bestand, of exporteer de kavels als GeoPackage (.gpkg), GeoJSON "
        "(.geojson), gezipte Shapefile (.zip) of CSV met een WKT-kolom (.csv).",
        "en": "The file is called {d0} but is not {d1}: it is {d2}. Nothing was read. Choose "
        "the right file, or export the plots as GeoPackage (.gpkg), GeoJSON (.geojson), "
        "zipped Shapefile (.zip) or CSV with a WKT column (.csv).",
    },
    "import.format_name.gpkg": {"nl": "GeoPackage", "en": "a GeoPackage"},
    "import.format_name.zip": {"nl": "zip-archief", "en": "a zip archive"},
    "import.format_name.shp": {"nl": "Shapefile", "en": "a Shapefile"},
    "import.format_name.geojson": {"nl": "GeoJSON", "en": "GeoJSON"},
    "import.format_name.json": {"nl": "GeoJSON", "en": "GeoJSON"},
    "import.format_name.csv": {"nl": "CSV-tekstbestand", "en": "a CSV text file"},
    "import.looks_like.sqlite": {
        "nl": "een SQLite-database (zoals een GeoPackage)",
        "en": "a SQLite database (such as a GeoPackage)",
    },
    "import.looks_like.zip": {"nl": "een zip-archief", "en": "a zip archive"},
    "import.looks_like.program": {
        "nl": "een programma (Windows of Linux)", "en": "a program (Windows or Linux)",
    },
    "import.looks_like.pdf": {"nl": "een PDF-document", "en": "a PDF document"},
    "import.looks_like.image": {"nl": "een afbeelding", "en": "an image"},
    "import.looks_like.gzip": {"nl": "een gzip-archief", "en": "a gzip archive"},
    "import.looks_like.archive": {
        "nl": "een ander soort archief (7z, rar)", "en": "another kind of archive (7z, rar)",
    },
    "import.looks_like.office": {"nl": "een Office-document", "en": "an Office document"},
    "import.looks_like.shapefile": {
        "nl": "een losse Shapefile (.shp)", "en": "a bare Shapefile (.shp)",
    },
    "import.looks_like.duckdb": {
        "nl": "een DuckDB-database (zoals een back-up)",
        "en": "a DuckDB database (such as a backup)",
    },
    "import.looks_like.binary": {
        "nl": "binaire gegevens van onbekende soort", "en": "binary data of an unknown kind",
    },
    "import.looks_like.json": {"nl": "JSON-tekst", "en": "JSON text"},
    "import.looks_like.text": {"nl": "tekst", "en": "text"},
    "import.kind.zip_members": {
        "nl": "te veel bestanden in de zip", "en": "too many files in the zip",
    },
    "import.problem.zip_members": {
        "nl": "De zip bevat {d0} bestanden; een gezipte Shapefile heeft er hooguit {d1}. Er is "
        "niets uitgepakt. Zip alleen de bestanden van de Shapefile (.shp, .shx, .dbf, .prj, "
        ".cpg).",
        "en": "The zip holds {d0} files; a zipped Shapefile has at most {d1}. Nothing was "
        "unpacked. Zip only the files of the Shapefile (.shp, .shx, .dbf, .prj, .cpg).",
    },
    "import.kind.zip_too_large": {
        "nl": "zip uitgepakt te groot", "en": "zip too large when unpacked",
    },
    "import.problem.zip_too_large": {
        "nl": "Uitgepakt zou de inhoud van de zip {d0} MB zijn; het maximum is {d1} MB. Er is "
        "niets uitgepakt. Splits de Shapefile (bijvoorbeeld per wijk).",
        "en": "Unpacked, the contents of the zip would be {d0} MB; the limit is {d1} MB. "
        "Nothing was unpacked. Split the Shapefile (for example by wijk).",
    },
    "import.kind.zip_ratio": {"nl": "verdachte zip (zipbom)", "en": "suspicious zip (zip bomb)"},
    "import.problem.zip_ratio": {
        "nl": "{d0} in de zip zou uitgepakt {d1} keer zo groot worden als ingepakt (toegestaan: "
        "{d2} keer), zoals bij een zipbom. Er is niets uitgepakt.",
        "en": "{d0} in the zip would unpack to {d1} times its packed size (allowed: {d2} "
        "times), as in a zip bomb. Nothing was unpacked.",
    },
    "import.kind.zip_nested": {"nl": "archief in de zip", "en": "archive inside the zip"},
    "import.problem.zip_nested": {
        "nl": "De zip bevat een ander archief ({d0}). Er is niets uitgepakt. Pak dat eerst uit "
        "en zip alleen de bestanden van de Shapefile.",
        "en": "The zip holds another archive ({d0}). Nothing was unpacked. Unpack that one "
        "first and zip only the files of the Shapefile.",
    },
    "backup.error.exists": {
        "nl": "{path} bestaat al; er is niets geschreven. Kies een andere naam of gebruik "
        "--force om het te overschrijven.",
        "en": "{path} exists already; nothing was written. Choose another name or use --force "
        "to overwrite it.",
    },
    "backup.error.database_name": {
        "nl": "Onverwachte databasenaam {name}; er is niets geschreven.",
        "en": "Unexpected database name {name}; nothing was written.",
    },
    "backup.error.unsafe_path": {
        "nl": "Onveilig tijdelijk pad {path}; er is niets geschreven.",
        "en": "Unsafe temporary path {path}; nothing was written.",
    },
    "backup.error.failed": {
        "nl": "De back-up is mislukt; er is niets geschreven: {error}",
        "en": "The backup failed; nothing was written: {error}",
    },
    "backup.error.failed_restore": {
        "en": "The restore failed; the database is as it was: {error}",
        "nl": "Het terugzetten is mislukt; de database is zoals hij was: {error}",
    },
    "backup.error.missing": {
        "nl": "{path} bestaat niet. Er is niets veranderd.",
        "en": "{path} does not exist. Nothing was changed.",
    },
    "backup.error.empty": {
        "nl": "{path} is leeg (0 bytes), geen back-up van Gebrookerbos. Er is niets veranderd.",
        "en": "{path} is empty (0 bytes), not a Gebrookerbos backup. Nothing was changed.",
    },
    "backup.error.not_duckdb": {
        "nl": "{path} is geen back-up van Gebrookerbos: het is {looks}, geen DuckDB-"
        "databasebestand. Er is niets veranderd.",
        "en": "{path} is not a Gebrookerbos backup: it is {looks}, not a DuckDB database file. "
        "Nothing was changed.",
    },
    "backup.error.damaged": {
        "nl": "{path} is een DuckDB-bestand, maar is beschadigd of onvolledig (bijvoorbeeld een "
        "afgebroken kopie of download) en is niet te lezen: {error}. Er is niets veranderd. "
        "Neem een andere back-up.",
        "en": "{path} is a DuckDB file but is damaged or incomplete (for example a copy or "
        "download that broke off) and cannot be read: {error}. Nothing was changed. Use "
        "another backup.",
    },
    "backup.error.foreign": {
        "nl": "{path} is geen back-up van Gebrookerbos: tabellen ontbreken ({tables}). Er is "
        "niets veranderd.",
        "en": "{path} is not a Gebrookerbos backup: tables missing ({tables}). Nothing was "
        "changed.",
    },
    "backup.error.columns": {
        "nl": "{path} is geen back-up die deze versie kan terugzetten: de kolommen van "
        "{tables} kloppen niet met het schema van het dashboard. Er is niets veranderd.",
        "en": "{path} is not a backup this version can restore: the columns of {tables} do "
        "not match the dashboard's schema. Nothing was changed.",
    },
    "backup.error.version": {
        "nl": "{path} heeft schemaversie {version}; deze versie van het dashboard leest de "
        "versies 1 tot en met {latest}. Zet de back-up terug met een nieuwere versie. Er is "
        "niets veranderd.",
        "en": "{path} has schema version {version}; this version of the dashboard reads "
        "versions 1 to {latest}. Restore it with a newer version. Nothing was changed.",
    },
    "backup.error.migration": {
        "nl": "{path} kon niet naar het schema van deze versie worden bijgewerkt: {error}. Er "
        "is niets veranderd.",
        "en": "{path} could not be brought up to this version's schema: {error}. Nothing was "
        "changed.",
    },
    "backup.error.itself": {
        "nl": "De back-up is de database zelf; er is niets veranderd.",
        "en": "The backup is the database itself; nothing was changed.",
    },
    "backup.error.write_failed": {
        "nl": "De teruggezette database kon niet naast {path} worden geschreven (is de schijf "
        "vol?): {error}. Er is niets veranderd.",
        "en": "The restored database could not be written next to {path} (is the disk "
        "full?): {error}. Nothing was changed.",
    },
    # --- the address (URL) of a page: values that could not be used --------------
    "url.notice_intro": {
        "nl": "Niet alles in dit adres kon worden gebruikt. De rest van het adres is "
        "toegepast; voor het volgende geldt de standaardweergave:",
        "en": "Not everything in this address could be used. The rest of the address has "
        "been applied; the following show the default view:",
    },
    "url.problem_type": {
        "nl": "‘{name}’ is geen geldige waarde en is genegeerd.",
        "en": "‘{name}’ is not a valid value and has been ignored.",
    },
    "url.problem_range": {
        "nl": "‘{name}’ valt buiten {low} tot {high} en is genegeerd.",
        "en": "‘{name}’ is outside {low} to {high} and has been ignored.",
    },
    "url.problem_clamped": {
        "nl": "‘{name}’ valt buiten {low} tot {high}; {used} wordt gebruikt.",
        "en": "‘{name}’ is outside {low} to {high}; {used} is used.",
    },
    "url.problem_code": {
        "nl": "‘{name}’ bevat een onbekende code; die is genegeerd.",
        "en": "‘{name}’ holds an unknown code, which has been ignored.",
    },
    "url.problem_length": {
        "nl": "‘{name}’ is te lang of heeft te veel waarden en is genegeerd.",
        "en": "‘{name}’ is too long or has too many values and has been ignored.",
    },
    "url.problem_repeated": {
        "nl": "‘{name}’ staat meer dan eens in het adres en is genegeerd.",
        "en": "‘{name}’ appears more than once in the address and has been ignored.",
    },
    "url.problem_empty": {
        "nl": "‘{name}’ is leeg en is genegeerd.",
        "en": "‘{name}’ is empty and has been ignored.",
    },
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



# --- numbers and dates ------------------------------------------------------------------


def format_number(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A whole number with the thousands separator of the language (12.345 / 12,345)."""
    text = f"{value:,.0f}"
    return text.replace(",", ".") if lang == "nl" else text


def format_area(m2: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """An area in whole square metres: ``1.234 m²`` (nl), ``1,234 m²`` (en)."""
    return f"{format_number(m2, lang)} m²"


def format_date(value: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date as ``31-12-2026`` (nl) or ``2026-12-31`` (en); "–" when there is none."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return "–"
    try:
        return pd.Timestamp(value).strftime("%d-%m-%Y" if lang == "nl" else "%Y-%m-%d")
    except (TypeError, ValueError):
        return "–"

def missing_translations() -> list[tuple[str, str]]:
    """(key, language) pairs that have no text; empty when the table is complete."""
    return [
        (key, lang)
        for key, entry in TEXT.items()
        for lang in LANGUAGES
        if not entry.get(lang, "").strip()
    ]
