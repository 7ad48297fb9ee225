"""The map page (Kaart) in-process with AppTest, on a real demo database."""

from __future__ import annotations

from gebrookerbos import db, ui

PERSONAL = ("contact_name", "contact_email", "contact_phone", "initiator_group")


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [str(x.value) for x in at.info] + [t.value for t in at.title]
    parts += [s.value for s in at.subheader]
    return "\n".join(parts)


def test_map_page_is_the_landing_page(app, con):
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Kaart van open ruimtes"
    total = db.fetch_value(con, "plot_count")
    assert f"{total} van {total} kavels getoond" in _texts(at)
    table = at.dataframe[0].value
    assert len(table) == total
    assert "Kavelnummer" in table.columns
    # the fictional data is labelled, and the attribution is in the footer
    assert "Fictieve demodata" in _texts(at)
    assert "Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024" in _texts(at)


def test_filters_narrow_the_plots_and_the_count(app, con):
    at = app.run()
    at.sidebar.multiselect(key="f_availability").set_value(["available"]).run()
    assert not at.exception
    expected = con.execute("SELECT count(*) FROM plots WHERE availability = 'available'").fetchone()[0]
    total = db.fetch_value(con, "plot_count")
    assert 0 < expected < total
    assert f"{expected} van {total} kavels getoond" in _texts(at)
    assert set(at.dataframe[0].value["Beschikbaarheid"]) == {"Beschikbaar"}


def test_wijk_filter_limits_buurten_and_plots(app, con):
    at = app.run()
    wijk = con.execute(
        "SELECT b.wijk_code FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code "
        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    at.sidebar.selectbox(key="f_wijk").set_value(wijk).run()
    expected = con.execute(
        "SELECT count(*) FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code "
        "WHERE b.wijk_code = $w", {"w": wijk}
    ).fetchone()[0]
    assert len(at.dataframe[0].value) == expected
    buurt_options = at.sidebar.selectbox(key="f_buurt").options
    assert len(buurt_options) - 1 == con.execute(
        "SELECT count(*) FROM neighbourhoods WHERE wijk_code = $w AND level = 'buurt'", {"w": wijk}
    ).fetchone()[0]


def test_choosing_a_plot_shows_details_and_its_initiatives(app, con):
    plot_id, name, title = con.execute(
        "SELECT p.plot_id, p.name, i.title FROM plots p "
        "JOIN initiative_plots ip USING (plot_id) JOIN initiatives i USING (initiative_id) "
        "WHERE i.stage = 'realised' ORDER BY p.plot_id LIMIT 1"
    ).fetchone()
    at = app.run()
    at.selectbox(key="plot_picker").set_value(plot_id).run()
    assert not at.exception
    texts = _texts(at)
    assert name in texts and title in texts
    assert "Gerealiseerd" in texts
    # the public sees no personal data of initiators
    personal = con.execute(
        "SELECT contact_name, contact_email, contact_phone FROM initiatives "
        "JOIN initiative_plots USING (initiative_id) WHERE plot_id = $p", {"p": plot_id}
    ).fetchall()
    for row in personal:
        for value in row:
            if value:
                assert value not in texts


def test_english_is_available(app):
    at = app.run()
    at.sidebar.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Map of open spaces"
    assert "plots shown" in _texts(at)
    assert "Plot id" in at.dataframe[0].value.columns


def test_no_filter_match_says_so(app):
    at = app.run()
    at.sidebar.slider(key="f_area").set_value((0, 50)).run()
    assert "Geen kavels voldoen aan deze filters." in _texts(at)


def test_the_map_at_a_past_date_says_so_and_labels_todays_details(app, con):
    from datetime import date

    plot_id = con.execute(
        "SELECT plot_id FROM plot_events GROUP BY plot_id HAVING min(event_date) < DATE '2018-01-01' "
        "ORDER BY plot_id LIMIT 1").fetchone()[0]
    existing = con.execute(
        "SELECT count(DISTINCT plot_id) FROM plot_events WHERE event_date <= DATE '2018-01-01'"
    ).fetchone()[0]
    at = app.run()
    at.slider(key=ui.MAP_DATE).set_value(date(2018, 1, 1)).run()
    assert not at.exception
    texts = _texts(at)
    assert "Stand op 1 januari 2018" in texts
    total = db.fetch_value(con, "plot_count")
    assert f"{existing} van {total} kavels getoond" in texts  # plots not yet there are left out
    at.selectbox(key="plot_picker").set_value(plot_id).run()
    assert "deze details zijn van vandaag" in _texts(at)
