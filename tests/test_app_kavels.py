"""The page Kavels in-process (AppTest) on a private copy of the demo database."""

from __future__ import annotations

from gebrookerbos import db
from gebrookerbos.services import edits, reservations
from tests.actors import BROKER_3, COMMAND_LINE, session_user

ON_BOTH_STORES = True  # the page on the DuckDB file and on PostgreSQL

PAGE = "pages/kavels.py"
BROKER = session_user("brooker")


def _open(app, params: dict | None = None, user: dict | None = None):
    app.switch_page(PAGE)
    app.query_params.update(params or {})
    if user:
        app.session_state["user"] = user
    at = app.run()
    assert not at.exception, at.exception
    return at


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [str(x.value) for x in at.info] + [t.value for t in at.title]
    parts += [s.value for s in at.subheader] + [str(x.value) for x in at.success]
    parts += [str(x.value) for x in at.error] + [e.label for e in at.expander]
    return "\n".join(parts)


def results(at):
    return next(d.value for d in at.dataframe if "Voorzieningen" in d.value.columns)


def personal(con) -> list[str]:
    values = set()
    for row in con.execute("SELECT initiator_group, contact_name, contact_email, contact_phone, "
                           "account_manager FROM initiatives").fetchall():
        values.update(v for v in row if v)
    return sorted(values)


def free_plot(con) -> str:
    return con.execute(
        "SELECT plot_id FROM plots p WHERE availability = 'available' AND NOT EXISTS ("
        " SELECT 1 FROM initiative_plots ip JOIN initiatives i USING (initiative_id)"
        " WHERE ip.plot_id = p.plot_id AND i.stage <> 'stopped') ORDER BY area_m2 DESC LIMIT 1"
    ).fetchone()[0]


def test_the_page_lists_every_plot_for_the_public(app, con):
    at = _open(app)
    assert at.title[0].value == "Kavels: zoeken, matchen en in optie geven"
    total = db.fetch_value(con, "plot_count")
    assert f"{total} van {total} kavels" in _texts(at)
    assert len(results(at)) == total
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["CSV (WKT in RD New)", "GeoJSON (WGS84)", "GeoPackage (RD New)"]
    assert f"Precies de {total} kavels hierboven" in _texts(at)


def test_a_change_made_elsewhere_shows_at_the_next_rerun(app, con):
    """Another dashboard process, or a command, changes the shared store: this process's
    sessions see it at their next rerun, not after the caches expire."""
    at = _open(app)
    plot = free_plot(con)
    assert plot in set(results(at)["Kavelnummer"])
    row = edits.plot_for_edit(con, plot, actor=COMMAND_LINE)
    values = {s.name: row[s.name] for s in edits.PLOT_FIELDS}
    edits.update_plot(con, plot, dict(values, name="Elders hernoemd"),
                      expected_version=row["version"], actor=BROKER_3)
    at = app.run()
    assert not at.exception
    shown = results(at)
    assert "Elders hernoemd" in set(shown["Naam"])


def test_filters_on_owner_soil_and_facilities(app, con):
    at = _open(app)
    at.sidebar.multiselect(key="soil").set_value(["clean"])
    at.sidebar.multiselect(key="facility").set_value(["water"]).run()
    expected = [r[0] for r in con.execute(
        "SELECT plot_id FROM plots WHERE soil = 'clean' AND has_water ORDER BY 1").fetchall()]
    assert list(results(at)["Kavelnummer"]) == expected
    assert set(results(at)["Bodem"]) == {"Schoon"}


def test_matching_a_stored_initiative_scores_and_explains(app, con):
    ini, title, lo, hi = con.execute(
        "SELECT initiative_id, title, need_min_area_m2, need_max_area_m2 FROM initiatives "
        "WHERE stage = 'exploring' AND need_min_area_m2 IS NOT NULL ORDER BY 1 LIMIT 1"
    ).fetchone()
    at = _open(app)
    at.toggle(key="match").set_value(True).run()
    at.selectbox(key="initiative").set_value(ini).run()
    assert not at.exception
    assert at.number_input(key="need_area_min").value == round(lo)
    table = results(at)
    assert {"Nr.", "Score", "Waarom deze kavel", "Beste match"} <= set(table.columns)
    assert list(table["Score"]) == sorted(table["Score"], reverse=True)
    assert (table["Beste match"] != "").sum() == min(5, len(table))
    # area is hard by default: every plot listed is within the stored range (plain SQL)
    areas = dict(con.execute("SELECT plot_id, area_m2 FROM plots").fetchall())
    assert all(lo <= areas[p] <= hi for p in table["Kavelnummer"])
    assert all(w.startswith("Voldoet aan") or w.startswith("Mist")
               for w in table["Waarom deze kavel"])
    assert "Dikke zwarte stippellijn: de" in _texts(at)


def test_public_sees_no_pipeline_no_reserve_and_no_personal_data(app, con):
    plot_id = free_plot(con)
    at = _open(app, {"plot": plot_id})
    assert "Log in als brooker om kavels in optie te geven" in _texts(at)
    assert not [b for b in at.button if b.key == "reserve_button"]
    at.radio(key="view").set_value("pipeline").run()
    text = _texts(at)
    assert "De pipeline is alleen voor ingelogde medewerkers" in text
    assert [v for v in personal(con) if v in text] == []


def test_broker_reserves_and_releases_a_plot(app, con):
    plot_id = free_plot(con)
    ini, title = con.execute("SELECT initiative_id, title FROM initiatives WHERE stage = "
                             "'exploring' ORDER BY 1 LIMIT 1").fetchone()
    at = _open(app, {"plot": plot_id}, user=BROKER)
    at.selectbox(key="reserve_for").set_value(ini)
    at.text_input(key="reserve_note").set_value("Bezichtiging")
    at.button(key="reserve_button").click().run()
    assert not at.exception
    assert f"{plot_id} staat nu in optie voor {ini} – {title}." in _texts(at)
    assert con.execute("SELECT availability FROM plots WHERE plot_id = $p",
                       {"p": plot_id}).fetchone()[0] == "reserved"
    event = con.execute("SELECT initiative_id, by_whom, note FROM plot_events WHERE plot_id = $p "
                        "ORDER BY event_id DESC LIMIT 1", {"p": plot_id}).fetchone()
    assert event == (ini, "bea", "Bezichtiging")
    assert f"In optie voor of in gebruik door: {ini} – {title}" in _texts(at)
    at.button(key=f"release_{ini}").click().run()
    assert f"{plot_id} is weer beschikbaar." in _texts(at)
    assert con.execute("SELECT availability FROM plots WHERE plot_id = $p",
                       {"p": plot_id}).fetchone()[0] == "available"


def test_second_broker_is_refused_and_nothing_changes(app, con):
    """The form was opened while the plot was free; meanwhile it went to another
    initiative. Pressing the button gives a clear message and changes nothing."""
    plot_id = free_plot(con)
    (first, first_title), (second, _) = con.execute(
        "SELECT initiative_id, title FROM initiatives WHERE stage IN ('idea', 'exploring') "
        "ORDER BY 1 LIMIT 2").fetchall()
    at = _open(app, {"plot": plot_id}, user=BROKER)
    reservations.reserve(con, plot_id, first, actor=BROKER_3)  # the other broker was faster
    before = con.execute("SELECT * FROM plot_events ORDER BY ALL").fetchall()
    links = con.execute("SELECT * FROM initiative_plots ORDER BY ALL").fetchall()
    at.selectbox(key="reserve_for").set_value(second)
    at.button(key="reserve_button").click().run()
    assert not at.exception
    errors = [str(e.value) for e in at.error]
    assert errors and "niets veranderd" in errors[0]
    assert con.execute("SELECT * FROM plot_events ORDER BY ALL").fetchall() == before
    assert con.execute("SELECT * FROM initiative_plots ORDER BY ALL").fetchall() == links


def test_pipeline_for_a_broker(app, con):
    at = _open(app, {"view": "pipeline"}, user=BROKER)
    text = _texts(at)
    overdue = con.execute("SELECT count(*) FROM initiatives WHERE next_action_due < current_date "
                          "AND stage NOT IN ('realised', 'stopped')").fetchone()[0]
    assert overdue > 0
    assert f"{overdue} initiatieven met een te late actie" in text
    assert text.count(":material/warning: **Te laat:") == overdue
    # a column per stage with its count
    for stage, label in [("idea", "Idee"), ("exploring", "Verkenning"), ("plan", "Plan")]:
        n = con.execute("SELECT count(*) FROM initiatives WHERE stage = $s",
                        {"s": stage}).fetchone()[0]
        assert f"**{label} ({n})**" in text
    manager = con.execute("SELECT account_manager FROM initiatives WHERE account_manager IS NOT "
                          "NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    assert manager in text  # logged in: the account managers are shown
    at.selectbox(key="manager").set_value(manager).run()
    mine = con.execute("SELECT count(*) FROM initiatives WHERE account_manager = $m",
                       {"m": manager}).fetchone()[0]
    assert f"{mine} initiatieven" in _texts(at)
    ending = con.execute(
        "SELECT count(*) FROM initiative_plots ip JOIN initiatives i USING (initiative_id) "
        "WHERE i.stage <> 'stopped' AND ip.agreement_end BETWEEN current_date AND "
        "current_date + INTERVAL 24 MONTH").fetchone()[0]
    at.number_input(key="ending_months").set_value(24).run()
    table = next(d.value for d in at.dataframe if "Dagen te gaan" in d.value.columns)
    assert len(table) == ending


def test_english(app, con):
    at = _open(app, {"lang": "en"})
    assert at.title[0].value == "Plots: find, match and reserve"
    table = next(d.value for d in at.dataframe if "Facilities" in d.value.columns)
    assert {"Plot id", "Availability", "Soil"} <= set(table.columns)
    total = db.fetch_value(con, "plot_count")
    assert f"{total} of {total} plots" in _texts(at)
