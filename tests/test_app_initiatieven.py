"""Page Initiatieven (and the map at a date) in-process with AppTest, on the demo database:
what the public sees, what logged-in roles see, the stage change form and the charts."""

from __future__ import annotations

from datetime import date

import pytest

from gebrookerbos import db
from gebrookerbos.domain import Stage, auth, history
from gebrookerbos.domain import initiatives as overview
from tests.actors import session_user

BROKER = session_user("brooker")
POLICY = session_user("beleidsmedewerker")


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [str(x.value) for x in at.info] + [t.value for t in at.title]
    parts += [s.value for s in at.subheader] + [str(e.value) for e in at.error]
    parts += [str(e.value) for e in at.success]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


def _open(app, user=None):
    at = app.run()
    if user is not None:
        at.session_state["user"] = user
    at.switch_page("pages/initiatieven.py").run()
    assert not at.exception, at.exception
    return at


def _personal_values(con) -> set[str]:
    rows = con.execute(
        "SELECT contact_name, contact_email, contact_phone, account_manager FROM initiatives"
    ).fetchall()
    return {v for row in rows for v in row if v}


def test_public_list_and_detail_without_personal_data(app, con):
    at = _open(app)
    assert at.title[0].value == "Initiatieven"
    total = con.execute("SELECT count(*) FROM initiatives").fetchone()[0]
    assert f"{total} initiatieven" in _texts(at)
    assert len(at.dataframe[0].value) == total
    assert "Accountmanager" not in at.dataframe[0].value.columns
    assert not [s for s in at.selectbox if s.key == "i_manager"]  # no account manager filter
    ini, title, summary, partners = con.execute(
        "SELECT initiative_id, title, public_summary, partners FROM initiatives "
        "WHERE stage = 'realised' ORDER BY initiative_id LIMIT 1").fetchone()
    at.selectbox(key="ini_picker").set_value(ini).run()
    assert not at.exception
    texts = _texts(at)
    assert title in texts and summary in texts
    assert partners not in texts  # internal: written by staff, not for the public
    assert "Gerealiseerd" in texts
    # the history list: stage changes and plot events, without who/notes for the public
    history_df = at.dataframe[1].value
    assert list(history_df.columns) == ["Datum", "Soort", "Wijziging"]
    n_events = con.execute(
        "SELECT (SELECT count(*) FROM stage_events WHERE initiative_id = $i) + "
        "(SELECT count(*) FROM plot_events WHERE initiative_id = $i)", {"i": ini}).fetchone()[0]
    assert len(history_df) == n_events
    assert "Kavel" in set(history_df["Soort"])
    # no personal data anywhere on the page, and no stage change form
    for value in _personal_values(con):
        assert value not in texts, value
    assert not [b for b in at.button if b.label == "Fase wijzigen"]


def test_filters_by_stage_theme_and_wijk(app, con):
    at = _open(app)
    at.multiselect(key="i_stage").set_value([Stage.REALISED, Stage.STOPPED]).run()
    expected = con.execute(
        "SELECT count(*) FROM initiatives WHERE stage IN ('realised', 'stopped')").fetchone()[0]
    assert len(at.dataframe[0].value) == expected
    at.multiselect(key="i_theme").set_value(["nature"]).run()
    expected = con.execute(
        "SELECT count(*) FROM initiatives WHERE stage IN ('realised', 'stopped') "
        "AND theme = 'nature'").fetchone()[0]
    assert f"{expected} initiatieven" in _texts(at)
    at.multiselect(key="i_stage").set_value([]).run()
    at.multiselect(key="i_theme").set_value([]).run()
    # wijk: computed another way, spatially (plot inside the wijk polygon), or for an
    # initiative without plots from the buurten/wijken it asked for (code prefix)
    wijk = "WK091711"
    expected = {r[0] for r in con.execute(
        "SELECT DISTINCT ip.initiative_id FROM initiative_plots ip JOIN plots p USING (plot_id) "
        "JOIN neighbourhoods w ON w.code = $w AND ST_Contains(w.geom, ST_PointOnSurface(p.geom)) "
        "UNION SELECT initiative_id FROM initiatives WHERE initiative_id NOT IN "
        "(SELECT initiative_id FROM initiative_plots) AND (need_wijken LIKE '%' || $w || '%' "
        "OR need_wijken LIKE '%BU' || substr($w, 3) || '%')", {"w": wijk}).fetchall()}
    assert expected
    at.selectbox(key="i_wijk").set_value(wijk).run()
    assert set(at.dataframe[0].value["Nummer"]) == expected


def test_logged_in_sees_personal_data_and_filters_by_account_manager(app, con):
    at = _open(app, BROKER)
    manager, n = con.execute(
        "SELECT account_manager, count(*) FROM initiatives WHERE account_manager IS NOT NULL "
        "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1").fetchone()
    assert "Accountmanager" in at.dataframe[0].value.columns
    at.selectbox(key="i_manager").set_value(manager).run()
    table = at.dataframe[0].value
    assert len(table) == n and set(table["Accountmanager"]) == {manager}
    ini, email, phone, partners = con.execute(
        "SELECT initiative_id, contact_email, contact_phone, partners FROM initiatives "
        "WHERE account_manager = $m AND partners IS NOT NULL ORDER BY initiative_id LIMIT 1",
        {"m": manager}).fetchone()
    at.selectbox(key="ini_picker").set_value(ini).run()
    texts = _texts(at)
    assert email in texts and phone in texts and partners in texts
    assert list(at.dataframe[1].value.columns) == ["Datum", "Soort", "Wijziging", "Door",
                                                   "Toelichting"]
    assert [b for b in at.button if b.label == "Fase wijzigen"]


def test_policy_officer_may_not_change_stages(app, con):
    at = _open(app, POLICY)
    at.selectbox(key="ini_picker").set_value(_idea(con)).run()
    assert not at.exception
    assert not [b for b in at.button if b.label == "Fase wijzigen"]
    # personal data follows the role rules of the login (auth), the same as on every page
    sees = auth.can_see_personal_data(POLICY["role"])
    assert ("Accountmanager" in at.dataframe[0].value.columns) == sees
    if not sees:
        texts = _texts(at)
        for value in _personal_values(con):
            assert value not in texts, value


def _idea(con) -> str:
    return con.execute("SELECT initiative_id FROM initiatives WHERE stage = 'idea' "
                       "ORDER BY initiative_id LIMIT 1").fetchone()[0]


def _submit(at):
    [button] = [b for b in at.button if b.label == "Fase wijzigen"]
    button.click().run()
    assert not at.exception, at.exception


def test_broker_changes_a_stage_and_a_refusal_changes_nothing(app, con):
    ini = _idea(con)
    at = _open(app, BROKER)
    at.selectbox(key="ini_picker").set_value(ini).run()
    before = con.execute("SELECT stage, version FROM initiatives WHERE initiative_id = $i",
                         {"i": ini}).fetchone()
    events_before = con.execute("SELECT count(*) FROM stage_events").fetchone()[0]
    # a skip is refused with a clear message
    at.selectbox(key="sf_stage").set_value(Stage.PLAN)
    at.text_area(key="sf_note").input("Plan klaar")
    _submit(at)
    assert "Niet gewijzigd" in _texts(at) and "slaat een fase over" in _texts(at)
    assert at.text_area(key="sf_note").value == "Plan klaar"  # the input is kept
    assert con.execute("SELECT stage, version FROM initiatives WHERE initiative_id = $i",
                       {"i": ini}).fetchone() == before
    assert con.execute("SELECT count(*) FROM stage_events").fetchone()[0] == events_before
    # the next stage is accepted
    at.selectbox(key="sf_stage").set_value(Stage.EXPLORING)
    at.text_area(key="sf_note").input("Verkenning gestart met de brooker")
    _submit(at)
    assert f"{ini}: fase gewijzigd van Idee naar Verkenning" in _texts(at)
    assert con.execute("SELECT stage, version FROM initiatives WHERE initiative_id = $i",
                       {"i": ini}).fetchone() == ("exploring", before[1] + 1)
    assert con.execute(
        "SELECT to_stage, by_whom, note, event_date FROM stage_events WHERE initiative_id = $i "
        "ORDER BY event_id DESC LIMIT 1", {"i": ini}).fetchone() == (
        "exploring", "bea", "Verkenning gestart met de brooker", date.today())
    # the page shows the new state, and an empty form whose first choice is the next stage
    assert "Verkenning" in _texts(at)
    assert at.text_area(key="sf_note").value == ""
    assert at.selectbox(key="sf_stage").value == Stage.PLAN


def test_a_stale_form_is_refused(app, con):
    ini = _idea(con)
    at = _open(app, BROKER)
    at.selectbox(key="ini_picker").set_value(ini).run()
    # someone else changes the initiative meanwhile
    con.execute("UPDATE initiatives SET version = version + 1 WHERE initiative_id = $i",
                {"i": ini})
    at.selectbox(key="sf_stage").set_value(Stage.EXPLORING)
    at.text_area(key="sf_note").input("x")
    _submit(at)
    assert "Iemand anders heeft" in _texts(at)
    assert con.execute("SELECT stage FROM initiatives WHERE initiative_id = $i",
                       {"i": ini}).fetchone()[0] == "idea"


def test_programme_charts_and_downloads(app, con):
    at = _open(app)
    charts = at.get("vega_lite_chart")
    assert len(charts) == 3
    downloads = at.get("download_button")
    assert len(downloads) == 6
    n = con.execute("SELECT count(*) FROM initiatives").fetchone()[0]
    realised = con.execute("SELECT count(DISTINCT initiative_id) FROM stage_events "
                           "WHERE to_stage = 'realised'").fetchone()[0]
    texts = _texts(at)
    assert f": {n} initiatieven (" in texts
    assert f"{realised} gerealiseerd" in texts


def test_english(app):
    app.session_state["lang"] = "en"
    at = app.switch_page("pages/initiatieven.py").run()
    assert not at.exception
    assert not at.exception
    assert at.title[0].value == "Initiatives"
    assert "Stage" in at.dataframe[0].value.columns


def test_overview_list_matches_plain_sql(ro_con):
    frame = overview.initiatives(ro_con)
    expected = dict(ro_con.execute(
        "SELECT i.initiative_id, coalesce(sum(p.area_m2), 0) FROM initiatives i "
        "LEFT JOIN initiative_plots ip USING (initiative_id) LEFT JOIN plots p USING (plot_id) "
        "GROUP BY 1").fetchall())
    assert dict(zip(frame["initiative_id"], frame["area_m2"], strict=True)) == pytest.approx(
        expected)
    assert not set(frame.columns) & {"contact_name", "contact_email", "contact_phone",
                                     "initiator_group", "account_manager"}


# --- the map at a date ---------------------------------------------------------------------


def _map_texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_map_at_a_past_date(app, con):
    at = app.run()
    assert "Stand van vandaag" in _map_texts(at)
    day = date(2018, 1, 1)
    at.slider(key="map_date").set_value(day).run()
    assert not at.exception
    assert "Stand op 1 januari 2018" in _map_texts(at)
    # plots in the programme then, by plain SQL on the events
    rows = con.execute(
        "SELECT plot_id, arg_max(to_availability, (event_date, event_id)) FROM plot_events "
        "WHERE event_date <= $d GROUP BY 1", {"d": day}).fetchall()
    total = db.fetch_value(con, "plot_count")
    assert 0 < len(rows) < total
    assert f"{len(rows)} van {total} kavels getoond" in _map_texts(at)
    table = at.dataframe[0].value
    then = dict(rows)
    labels = {"available": "Beschikbaar", "reserved": "In optie", "in_use": "In gebruik",
              "unavailable": "Niet beschikbaar"}
    assert dict(zip(table["Kavelnummer"], table["Beschikbaarheid"], strict=True)) == {
        p: labels[a] for p, a in then.items()}
    # a filter applies to the state at that date
    at.sidebar.multiselect(key="f_availability").set_value(["in_use"]).run()
    in_use = sum(1 for a in then.values() if a == "in_use")
    assert f"{in_use} van {total} kavels getoond" in _map_texts(at)


def test_play_starts_in_2014_and_today_returns(app):
    at = app.run()
    [play] = [b for b in at.button if b.key == "map_play"]
    play.click().run()
    assert not at.exception
    assert at.slider(key="map_date").value == history.HISTORY_START
    assert "Stand op 1 januari 2014" in _map_texts(at)
    assert [b for b in at.button if b.key == "map_play"][0].label == "Pauze"
    [back] = [b for b in at.button if b.key == "map_today"]
    back.click().run()
    assert at.slider(key="map_date").value == date.today()
    assert "Stand van vandaag" in _map_texts(at)


def test_a_plot_without_history_is_left_out_in_the_past(app, con):
    con.execute("INSERT INTO plots (plot_id, name, geom, area_m2) "
                "SELECT 'KV-9999', 'Zonder geschiedenis', geom, area_m2 FROM plots "
                "ORDER BY plot_id LIMIT 1")
    at = app.run()
    total = db.fetch_value(con, "plot_count")
    assert f"{total} van {total} kavels getoond" in _map_texts(at)  # today: shown
    at.slider(key="map_date").set_value(date(2025, 1, 1)).run()
    assert "KV-9999" not in set(at.dataframe[0].value["Kavelnummer"])
    assert "Kavels zonder geschiedenis (1) staan op eerdere datums niet op de kaart" in _map_texts(at)
