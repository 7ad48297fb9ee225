"""Editing plots and initiatives: validation, optimistic locking (the concurrent-edit
conflict), the audit trail, and stage changes through the stage rules."""

from __future__ import annotations

import json
from datetime import date

import pytest

from gebrookerbos import config, db
from gebrookerbos.db import audit
from gebrookerbos.domain.auth import PermissionDenied
from gebrookerbos.services import edits, stages
from tests.actors import (
    BROKER,
    BROKER_2,
    BY_ROLE,
    COMMAND_LINE,
    POLICY_OFFICER,
    PUBLIC,
    session_user,
)
from tests.dm_helpers import snapshot

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

FREE_PLOT = "KV-0004"  # no initiative holds it
HELD_PLOT = "KV-0015"  # held by an initiative in stage 'plan'
IDEA = "INI-035"  # stage idea


def _plot_values(con, plot_id):
    row = edits.plot_for_edit(con, plot_id, actor=COMMAND_LINE)
    return row, {s.name: row[s.name] for s in edits.PLOT_FIELDS}


def test_saving_a_plot_bumps_the_version_and_is_audited(con):
    base, values = _plot_values(con, FREE_PLOT)
    values.update(name="Speelweide Kapelaan Brüllstraat", has_water=True, notes="  ")
    changes = edits.update_plot(con, FREE_PLOT, values, expected_version=base["version"],
                                actor=BROKER, base=base)
    assert changes["name"] == [base["name"], "Speelweide Kapelaan Brüllstraat"]
    assert changes["has_water"] == [bool(base["has_water"]), True]
    row = con.execute("SELECT name, has_water, version, updated_by FROM plots "
                      "WHERE plot_id = $p", {"p": FREE_PLOT}).fetchone()
    assert row == ("Speelweide Kapelaan Brüllstraat", True, base["version"] + 1, "bea")
    trail = audit.trail(con, "plots", FREE_PLOT)
    assert trail.iloc[0]["username"] == "bea" and trail.iloc[0]["action"] == "update"
    logged = json.loads(trail.iloc[0]["changes"])
    assert logged["name"] == [base["name"], "Speelweide Kapelaan Brüllstraat"]
    assert trail.iloc[0]["changed_at"] is not None


def test_a_changed_availability_becomes_a_plot_event(con):
    base, values = _plot_values(con, FREE_PLOT)
    assert base["availability"] != "unavailable"
    values["availability"] = "unavailable"
    edits.update_plot(con, FREE_PLOT, values, expected_version=base["version"],
                      actor=BROKER)
    event = con.execute(
        "SELECT from_availability, to_availability, by_whom FROM plot_events "
        "WHERE plot_id = $p ORDER BY event_id DESC LIMIT 1", {"p": FREE_PLOT}).fetchone()
    assert event == (base["availability"], "unavailable", "bea")


def test_availability_of_a_held_plot_follows_its_initiative(con):
    base, values = _plot_values(con, HELD_PLOT)
    values["availability"] = "available"
    before = snapshot(con)
    with pytest.raises(edits.EditError) as err:
        edits.update_plot(con, HELD_PLOT, values, expected_version=base["version"],
                          actor=BROKER)
    assert "change that initiative's stage" in err.value.message("en")
    assert snapshot(con) == before


@pytest.mark.parametrize("field,value,phrase", [
    ("name", "   ", "Name: required"),
    ("availability", "misschien", "is not a valid choice"),
    ("available_until", date(2000, 1, 1), "lies before Available from"),
    ("available_from", "gisteren", "is not a date"),
])
def test_invalid_plot_input_is_refused_and_changes_nothing(con, field, value, phrase):
    base, values = _plot_values(con, FREE_PLOT)
    values["available_from"] = date(2020, 1, 1)
    values[field] = value
    before = snapshot(con)
    with pytest.raises(edits.EditError) as err:
        edits.update_plot(con, FREE_PLOT, values, expected_version=base["version"],
                          actor=BROKER)
    assert phrase in err.value.message("en")
    assert snapshot(con) == before


def test_a_viewer_may_not_edit(con):
    base, values = _plot_values(con, FREE_PLOT)
    values["name"] = "Niet toegestaan"
    before = snapshot(con)
    for who in (POLICY_OFFICER, PUBLIC):
        with pytest.raises(PermissionDenied) as err:
            edits.update_plot(con, FREE_PLOT, values, expected_version=base["version"],
                              actor=who)
        assert "Nothing was changed" in err.value.message("en")
    assert snapshot(con) == before


def test_concurrent_edits_conflict_and_lose_nothing(con):
    """Two people load version 1; A saves; B's save is refused with what A changed."""
    base, values = _plot_values(con, FREE_PLOT)
    mine = dict(values, notes="B: hek is kapot")
    theirs = dict(values, name="A: nieuwe naam", notes="A: opgeruimd")
    edits.update_plot(con, FREE_PLOT, theirs, expected_version=base["version"],
                      actor=BROKER_2, base=base)
    after_a = snapshot(con)
    with pytest.raises(edits.EditConflict) as conflict:
        edits.update_plot(con, FREE_PLOT, mine, expected_version=base["version"],
                          actor=BROKER, base=base)
    c = conflict.value
    assert snapshot(con) == after_a  # B's save wrote nothing
    assert c.changed_by == "anna"
    assert c.theirs == {"name": [base["name"], "A: nieuwe naam"],
                        "notes": [base["notes"], "A: opgeruimd"]}
    assert c.mine == {"notes": [base["notes"], "B: hek is kapot"]}  # B's input is kept
    assert c.clashes == ["notes"]
    assert "anna" in c.message("en") and "nothing was saved" in c.message("en")
    # B reapplies their change to the latest version: both changes survive
    current = edits.plot_for_edit(con, FREE_PLOT, actor=COMMAND_LINE)
    reapplied = {**{s.name: current[s.name] for s in edits.PLOT_FIELDS},
                 **{k: v[1] for k, v in c.mine.items()}}
    edits.update_plot(con, FREE_PLOT, reapplied, expected_version=current["version"],
                      actor=BROKER, base=current)
    final = edits.plot_for_edit(con, FREE_PLOT, actor=COMMAND_LINE)
    assert (final["name"], final["notes"], final["version"]) == (
        "A: nieuwe naam", "B: hek is kapot", base["version"] + 2)
    who = [r[0] for r in con.execute(
        "SELECT username FROM audit_log WHERE record_id = $p ORDER BY audit_id",
        {"p": FREE_PLOT}).fetchall()]
    assert who == ["anna", "bea"]


def _initiative_values(con, initiative_id):
    row = edits.initiative_for_edit(con, initiative_id, actor=BROKER)
    return row, {s.name: row[s.name] for s in edits.INITIATIVE_FIELDS}


def test_editing_an_initiative_with_personal_data_and_needs(con):
    base, values = _initiative_values(con, IDEA)
    values.update(contact_email="nieuw@example.org", contact_phone="06-01234567",
                  need_wijken="wk091721, BU09171001", need_min_area_m2=100.0,
                  need_max_area_m2=900.0)
    changes = edits.update_initiative(con, IDEA, values, expected_version=base["version"],
                                      actor=BROKER)
    assert changes["contact_email"][1] == "nieuw@example.org"
    row = edits.initiative_for_edit(con, IDEA, actor=BROKER)
    assert row["need_wijken"] == "WK091721,BU09171001"
    assert row["version"] == base["version"] + 1 and row["stage"] == base["stage"]


@pytest.mark.parametrize("field,value,phrase", [
    ("contact_email", "geen-adres", "is not an e-mail address"),
    ("contact_phone", "bel me", "is not a phone number"),
    ("need_wijken", "WK091721,WK999999", "unknown wijk or buurt codes: WK999999"),
    ("need_max_area_m2", 10.0, "lies before Minimum area"),
    ("progress", 140, "must lie between 0 and 100"),
    ("theme", "voetbal", "is not a valid choice"),
])
def test_invalid_initiative_input_is_refused(con, field, value, phrase):
    base, values = _initiative_values(con, IDEA)
    values.update(need_min_area_m2=500.0, need_max_area_m2=900.0)
    values[field] = value
    before = snapshot(con)
    with pytest.raises(edits.EditError) as err:
        edits.update_initiative(con, IDEA, values, expected_version=base["version"],
                                actor=BROKER)
    assert phrase in err.value.message("en")
    assert snapshot(con) == before


def test_a_stage_change_goes_through_the_stage_rules(con):
    base, values = _initiative_values(con, IDEA)
    values["next_action"] = "Kennismaken met de buurt"
    changes = edits.update_initiative(
        con, IDEA, values, expected_version=base["version"], actor=BROKER,
        new_stage="exploring", stage_note="Plek gevonden",
    )
    assert changes["stage"] == ["idea", "exploring"]
    assert changes["next_action"][1] == "Kennismaken met de buurt"
    row = edits.initiative_for_edit(con, IDEA, actor=BROKER)
    assert row["stage"] == "exploring" and row["version"] == base["version"] + 2
    assert row["progress"] == 15  # from the stage, not the old form value
    event = con.execute(
        "SELECT from_stage, to_stage, by_whom, note FROM stage_events "
        "WHERE initiative_id = $i ORDER BY event_id DESC LIMIT 1", {"i": IDEA}).fetchone()
    assert event == ("idea", "exploring", "bea", "Plek gevonden")


def test_a_refused_stage_change_saves_nothing(con):
    base, values = _initiative_values(con, IDEA)
    values["next_action"] = "Dit mag niet opgeslagen worden"
    before = snapshot(con)
    with pytest.raises(stages.StageChangeError):  # skipping stages is not allowed
        edits.update_initiative(
            con, IDEA, values, expected_version=base["version"], actor=BROKER,
            new_stage="realised", stage_note="Sprong",
        )
    assert snapshot(con) == before


def test_a_stage_change_and_its_fields_are_one_change(con, monkeypatch):
    """If saving the fields fails after the stage change, the stage change is undone too."""
    base, values = _initiative_values(con, IDEA)
    values["next_action"] = "Kennismaken met de buurt"
    before = snapshot(con)
    real_record = audit.record

    def failing_record(con_, **kwargs):
        if kwargs.get("action") == "update":
            raise RuntimeError("disk full")
        return real_record(con_, **kwargs)

    monkeypatch.setattr(audit, "record", failing_record)
    with pytest.raises(RuntimeError, match="disk full"):
        edits.update_initiative(
            con, IDEA, values, expected_version=base["version"], actor=BROKER,
            new_stage="exploring", stage_note="Plek gevonden",
        )
    assert snapshot(con) == before


def test_a_stage_change_on_a_stale_version_is_a_conflict(con):
    base, values = _initiative_values(con, IDEA)
    other = dict(values, title="Andere titel")
    edits.update_initiative(con, IDEA, other, expected_version=base["version"],
                            actor=BROKER_2)
    after = snapshot(con)
    with pytest.raises(edits.EditConflict) as conflict:
        edits.update_initiative(con, IDEA, values, expected_version=base["version"],
                                actor=BROKER, base=base,
                                new_stage="exploring", stage_note="x")
    assert conflict.value.theirs["title"] == [base["title"], "Andere titel"]
    assert snapshot(con) == after


def test_search_for_records_to_edit(con):
    assert edits.plots_matching(con, "kv-0004") == [("KV-0004", edits.plot_for_edit(
        con, "KV-0004", actor=COMMAND_LINE)["name"])]
    assert len(edits.plots_matching(con, "", limit=5)) == 5
    found = edits.initiatives_matching(con, "ini-035")
    assert [r[0] for r in found] == ["INI-035"]


# --- the conflict in the app ------------------------------------------------------------------


def _as(at, role: str):
    """Log in as the staff member of ``role`` (a real account: the app re-reads it)."""
    at.session_state["user"] = session_user(role)
    return at


def test_conflict_in_the_form_keeps_the_input_and_reapplies_it(app, con):
    base = edits.plot_for_edit(con, FREE_PLOT, actor=COMMAND_LINE)
    con.close()
    at = _as(app, "brooker")
    at.switch_page("pages/beheer.py").run()
    at.selectbox(key="edit_plot_id").set_value(FREE_PLOT).run()
    prefix = f"plot_{FREE_PLOT}_v{base['version']}_"
    # meanwhile someone else saves the same plot (through the app's own connection)
    other = db.connect(config.db_path())
    try:
        row = edits.plot_for_edit(other, FREE_PLOT, actor=COMMAND_LINE)
        values = {s.name: row[s.name] for s in edits.PLOT_FIELDS}
        edits.update_plot(other, FREE_PLOT, dict(values, zoning="wonen"),
                          expected_version=row["version"], actor=BROKER_2)
    finally:
        other.close()
    at.text_area(key=prefix + "notes").input("Mijn opmerking, niet kwijtraken")
    at.button(key=f"plot_save_{FREE_PLOT}").click().run()
    assert not at.exception
    assert any("door anna gewijzigd" in e.value for e in at.error)
    table = at.dataframe[0].value
    assert set(table["Veld"]) == {"Bestemming", "Opmerkingen"}
    assert "Mijn opmerking, niet kwijtraken" in set(table["Jouw invoer"])
    assert "wonen" in set(table["Nu (door de ander)"])
    at.button(key=f"reapply_plot_{FREE_PLOT}").click().run()
    new_prefix = f"plot_{FREE_PLOT}_v{base['version'] + 1}_"
    assert at.text_area(key=new_prefix + "notes").value == "Mijn opmerking, niet kwijtraken"
    assert at.text_input(key=new_prefix + "zoning").value == "wonen"
    at.button(key=f"plot_save_{FREE_PLOT}").click().run()
    assert any("opgeslagen" in s.value for s in at.success)
    check = db.connect(config.db_path())
    try:
        final = edits.plot_for_edit(check, FREE_PLOT, actor=COMMAND_LINE)
    finally:
        check.close()
    assert (final["zoning"], final["notes"], final["updated_by"]) == (
        "wonen", "Mijn opmerking, niet kwijtraken", "bea")


def test_an_initiative_form_changes_the_stage(app, con):
    base = edits.initiative_for_edit(con, IDEA, actor=BROKER)
    con.close()
    at = _as(app, "brooker")
    at.switch_page("pages/beheer.py").run()
    at.selectbox(key="edit_initiative_id").set_value(IDEA).run()
    prefix = f"ini_{IDEA}_v{base['version']}_"
    at.selectbox(key=prefix + "stage").set_value("exploring")
    at.text_input(key=prefix + "stage_note").input("Kavel gevonden")
    at.button(key=f"initiative_save_{IDEA}").click().run()
    assert not at.exception
    assert any("opgeslagen" in s.value for s in at.success), [e.value for e in at.error]
    check = db.connect(config.db_path())
    try:
        stage = check.execute("SELECT stage FROM initiatives WHERE initiative_id = $i",
                              {"i": IDEA}).fetchone()[0]
    finally:
        check.close()
    assert stage == "exploring"


# --- registering a new initiative ------------------------------------------------------------


def test_a_new_initiative_starts_as_an_idea_with_its_history(con):
    highest = con.execute("SELECT max(initiative_id) FROM initiatives").fetchone()[0]
    new_id = edits.create_initiative(
        con, {"title": "Pluktuin Kapelaan Brüllstraat", "theme": "urban_farming",
              "public_summary": "Bewoners willen fruit en bessen telen.",
              "contact_email": "pluk@example.org"},
        actor=BROKER, note="Aangemeld op de buurtavond")
    assert new_id == f"INI-{int(highest.split('-')[1]) + 1:03d}"
    row = edits.initiative_for_edit(con, new_id, actor=BROKER)
    assert (row["title"], row["stage"], row["progress"], row["theme"]) == (
        "Pluktuin Kapelaan Brüllstraat", "idea", 5, "urban_farming")
    assert row["contact_email"] == "pluk@example.org" and row["start_date"] == date.today()
    events = con.execute(
        "SELECT from_stage, to_stage, by_whom, note, event_date FROM stage_events "
        "WHERE initiative_id = $i", {"i": new_id}).fetchall()
    assert events == [(None, "idea", "bea", "Aangemeld op de buurtavond", date.today())]
    trail = audit.trail(con, "initiatives", new_id)
    assert list(trail["action"]) == ["create"] and list(trail["username"]) == ["bea"]
    assert json.loads(trail["changes"][0])["title"] == [None, "Pluktuin Kapelaan Brüllstraat"]
    # the stage rules take it from here
    stages.change_stage(con, new_id, "exploring", actor=BROKER, note="Op zoek naar een plek")
    assert edits.initiative_for_edit(con, new_id, actor=BROKER)["stage"] == "exploring"


@pytest.mark.parametrize("values, role, note, phrase", [
    ({"title": "", "theme": "nature"}, "brooker", "n", "verplicht"),
    ({"title": "Bloemenweide", "theme": None}, "brooker", "n", "verplicht"),
    ({"title": "Bloemenweide", "theme": "nature", "contact_email": "geen-adres"}, "brooker",
     "n", "e-mail"),
    ({"title": "Bloemenweide", "theme": "nature", "need_wijken": "WK9999"}, "brooker", "n",
     "WK9999"),
    ({"title": "Bloemenweide", "theme": "nature"}, "brooker", "  ", "toelichting"),
    ({"title": "Bloemenweide", "theme": "nature"}, "beleidsmedewerker", "n", "mag dit niet"),
])
def test_a_bad_new_initiative_is_refused_and_changes_nothing(con, values, role, note, phrase):
    before = snapshot(con)
    error = edits.EditError if role == "brooker" else PermissionDenied
    with pytest.raises(error) as info:
        edits.create_initiative(con, values, actor=BY_ROLE[role], note=note)
    assert phrase.lower() in info.value.message("nl").lower()
    assert snapshot(con) == before


def test_the_broker_registers_an_idea_in_the_form(app, con):
    before = con.execute("SELECT count(*) FROM initiatives").fetchone()[0]
    con.close()
    at = _as(app, "brooker")
    at.switch_page("pages/beheer.py").run()
    at.text_input(key="new_ini_title").input("Speeltuin De Dem")
    at.selectbox(key="new_ini_theme").set_value("recreation")
    at.text_input(key="new_ini_note").input("Telefoontje van bewoners")
    [submit] = [b for b in at.button if b.label == "Aanmelden als idee"]
    submit.click().run()
    assert not at.exception
    assert any("aangemeld als idee" in s.value for s in at.success), [e.value for e in at.error]
    check = db.connect(config.db_path())
    try:
        row = check.execute("SELECT count(*), max_by(stage, initiative_id) FROM initiatives"
                            ).fetchone()
        title = check.execute("SELECT title FROM initiatives ORDER BY initiative_id DESC LIMIT 1"
                              ).fetchone()[0]
    finally:
        check.close()
    assert row == (before + 1, "idea") and title == "Speeltuin De Dem"


def test_the_plot_form_offers_only_what_the_holding_rule_allows(app, con):
    held_id, holder = con.execute(
        "SELECT plot_id, holder_title FROM plot_holding WHERE held_as = 'reserved' "
        "ORDER BY 1 LIMIT 1").fetchone()
    versions = dict(con.execute("SELECT plot_id, version FROM plots").fetchall())
    con.close()
    at = _as(app, "brooker")
    at.switch_page("pages/beheer.py").run()
    at.selectbox(key="edit_plot_id").set_value(FREE_PLOT).run()
    free = at.selectbox(key=f"plot_{FREE_PLOT}_v{versions[FREE_PLOT]}_availability")
    assert list(free.options) == ["Beschikbaar", "Niet beschikbaar"]
    at.selectbox(key="edit_plot_id").set_value(held_id).run()
    held = at.selectbox(key=f"plot_{held_id}_v{versions[held_id]}_availability")
    assert list(held.options) == ["In optie"]
    assert any(holder in c.value for c in at.caption)
