"""The public screen (page Scherm) in-process with AppTest, on a real demo database."""

from __future__ import annotations

import html
import re

import pytest

from gebrookerbos import db
from gebrookerbos.domain import PERSONAL_COLUMNS
from gebrookerbos.domain.screen import ROUND
from tests.actors import session_user

SCREEN = "pages/scherm.py"


def _open(app, **params):
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(SCREEN)
    return app.run()


def _html(at) -> str:
    """Everything the screen put on the page: its HTML and the map frames' documents."""
    parts = [h.proto.body for h in at.html]
    parts += [f.proto.srcdoc for f in at.get("iframe")]
    return "\n".join(parts)


def _text(at) -> str:
    """The visible text of the slides (tags stripped) and the captions."""
    body = re.sub(r"<style>.*?</style>", " ", "\n".join(h.proto.body for h in at.html), flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(r"\s+", " ", text) + " ".join(c.value for c in at.main.caption)


def _slide_title(at) -> str:
    m = re.search(r'class="gb-slide-title">([^<]+)<', _html(at))
    return m.group(1) if m else ""


def _realised(con, wijk=None) -> int:
    if wijk is None:
        return con.execute("SELECT count(*) FROM initiatives WHERE stage = 'realised'").fetchone()[0]
    return con.execute(
        "SELECT count(DISTINCT i.initiative_id) FROM initiatives i "
        "JOIN initiative_plots USING (initiative_id) JOIN plots p USING (plot_id) "
        "JOIN neighbourhoods b ON b.code = p.buurt_code "
        "WHERE i.stage = 'realised' AND b.wijk_code = $w", {"w": wijk}).fetchone()[0]


def test_screen_opens_on_the_headline_figures(app, con):
    at = _open(app)
    assert not at.exception
    assert _slide_title(at) == "Zo staat het ervoor"
    text = _text(at)
    assert f"{_realised(con)} initiatieven gerealiseerd" in text
    # the attribution and the demo label are on the screen too
    assert "Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024" in text
    assert "Fictieve demodata" in text
    # no editing controls on the screen itself (the sidebar is hidden by its CSS): its one
    # control is the pause button
    assert [b.label for b in at.main.button] == ["Pauzeren"]
    assert len(at.main.text_input) == 0 and len(at.main.selectbox) == 0
    assert '[data-testid="stSidebar"]' in _html(at) and "display: none" in _html(at)


def test_slides_rotate_in_a_fixed_order(app, con):
    at = _open(app)
    titles = [_slide_title(at)]
    for _ in range(len(ROUND)):
        at.run()
        assert not at.exception
        titles.append(_slide_title(at))
    assert titles[0] != titles[1]
    assert titles == ["Zo staat het ervoor", "Initiatief in de buurt", "Per wijk",
                      "Initiatief in de buurt", "Nog beschikbaar", "Initiatief in de buurt",
                      "Doe mee", "Initiatief in de buurt", "Zo staat het ervoor"]


def _pause_button(at):
    return at.button(key="screen_pause")


def test_the_pause_button_holds_the_slide_until_pressed_again(app):
    at = _open(app)
    at.run()  # slide 2
    assert _slide_title(at) == "Initiatief in de buurt"
    _pause_button(at).click().run()
    assert not at.exception
    assert _pause_button(at).label == "Verder"
    # the timer bar stands still, and the slide stays whatever runs
    assert "animation: gbtimer" not in _html(at) and "gb-paused" in _html(at)
    for _ in range(3):
        at.run()
        assert _slide_title(at) == "Initiatief in de buurt"
    _pause_button(at).click().run()
    assert _pause_button(at).label == "Pauzeren"
    assert _slide_title(at) == "Initiatief in de buurt"  # resuming shows it its full time
    assert "animation: gbtimer" in _html(at)
    at.run()
    assert _slide_title(at) == "Per wijk"


def test_the_slide_indicator_is_one_named_picture(app):
    at = _open(app, lang="en")
    assert re.search(r'class="gb-dots" role="img" aria-label="Slide 1 of 8"', _html(at))
    at.run()
    assert 'aria-label="Slide 2 of 8"' in _html(at)
    assert [b.label for b in at.main.button] == ["Pause"]


def test_map_slides_show_one_initiative_after_another(app, con):
    first, second = [r[0] for r in con.execute(
        "SELECT DISTINCT i.title, i.initiative_id FROM initiatives i "
        "JOIN initiative_plots USING (initiative_id) WHERE i.stage <> 'stopped' "
        "ORDER BY i.initiative_id LIMIT 2").fetchall()]
    at = _open(app)
    at.run()  # slide 2: the map with the first initiative
    assert first in _text(at) and second not in _text(at)
    assert len(at.get("iframe")) == 1
    at.run()
    at.run()  # slide 4: the next initiative
    assert second in _text(at) and first not in _text(at)


def test_a_change_in_the_data_shows_without_a_reload(app, con):
    at = _open(app)
    before = _realised(con)
    assert f"{before} initiatieven gerealiseerd" in _text(at)
    con.execute("UPDATE initiatives SET stage = 'realised', progress = 100 "
                "WHERE initiative_id = (SELECT min(initiative_id) FROM initiatives "
                "WHERE stage = 'in_progress')")
    for _ in range(len(ROUND)):  # one round later the headline slide is back
        at.run()
    assert _slide_title(at) == "Zo staat het ervoor"
    assert f"{before + 1} initiatieven gerealiseerd" in _text(at)


def test_one_wijk(app, con):
    wijk, name = con.execute(
        "SELECT w.code, w.name FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code "
        "JOIN neighbourhoods w ON w.code = b.wijk_code GROUP BY ALL ORDER BY count(*) DESC "
        "LIMIT 1").fetchone()
    at = _open(app, wijk=wijk)
    assert not at.exception
    text = _text(at)
    assert name in text and "heel Heerlen" not in text
    assert f"{_realised(con, wijk)} initiatieven gerealiseerd" in text
    at.run()
    at.run()  # the overview lists the buurten of this wijk
    buurten = [r[0] for r in con.execute(
        "SELECT name FROM neighbourhoods WHERE wijk_code = $w AND level = 'buurt'",
        {"w": wijk}).fetchall()]
    assert f"Wat er gebeurt in de buurten van {name}" in _text(at)
    assert any(b in _text(at) for b in buurten)


def test_unknown_wijk_says_so_and_shows_all_of_heerlen(app, con):
    at = _open(app, wijk="WK091799")
    assert not at.exception
    text = _text(at)
    assert "‘wijk’ bevat een onbekende code; die is genegeerd." in text
    assert "WK091799" not in text and "heel Heerlen" in text
    assert f"{_realised(con)} initiatieven gerealiseerd" in text


@pytest.mark.parametrize(("given", "seconds", "message"), [
    ("5", 5, None), ("30", 30, None), ("1", 5, "‘interval’ valt buiten 5 tot 60; 5 wordt"),
    ("9999", 60, "‘interval’ valt buiten 5 tot 60; 60 wordt"),
    ("snel", 15, "‘interval’ is geen geldige waarde"), ("1e400", 15, "‘interval’ is geen"),
])
def test_interval(app, given, seconds, message):
    at = _open(app, interval=given)
    assert not at.exception
    # the timer bar under the top bar runs for exactly the interval
    assert f"animation: gbtimer0 {seconds}s linear" in _html(at)
    if message:
        assert message in _text(at) and f"'{given}'" not in _text(at)  # never repeated
    else:
        assert "class=\"gb-notice\"" not in _html(at)


def test_english(app, con):
    at = _open(app, lang="en")
    assert not at.exception
    text = _text(at)
    assert _slide_title(at) == "Where we stand"
    assert f"{_realised(con)} initiatives realised" in text
    assert "Fictional demo data" in text
    at.run()
    at.run()
    assert _slide_title(at) == "By neighbourhood"


def test_bad_language(app):
    at = _open(app, lang="fr")
    assert not at.exception
    assert "‘lang’ bevat een onbekende code; die is genegeerd." in _text(at)
    assert _slide_title(at) == "Zo staat het ervoor"


def test_embedded(app, con):
    at = _open(app, embed="true", interval="10")
    assert not at.exception
    assert f"{_realised(con)} initiatieven gerealiseerd" in _text(at)


def test_sign_up_slide_with_a_configured_url(app, monkeypatch):
    monkeypatch.setenv("GEBROOKERBOS_SIGNUP_URL", "https://example.org/doe-mee")
    at = _open(app)
    for _ in range(6):
        at.run()
    assert _slide_title(at) == "Doe mee"
    assert "Meld je idee aan" in _text(at)
    assert "https://example.org/doe-mee" in _text(at)
    assert 'src="data:image/svg+xml' in _html(at)


def test_no_personal_data_even_when_logged_in(app, con):
    values = {v for row in con.execute(
        f"SELECT {', '.join(PERSONAL_COLUMNS)} FROM initiatives").fetchall()
        for v in row if isinstance(v, str) and len(v) > 3}
    assert values
    app.session_state["user"] = session_user("brooker")
    at = _open(app)
    seen = []
    n_initiatives = len(db.fetch_df(con, "screen_initiatives", wijk=None))
    for _ in range(len(ROUND) * 2):
        seen.append(_html(at) + _text(at))
        at.run()
    assert not at.exception
    everything = "\n".join(seen)
    assert n_initiatives > 4 and everything.count("gb-card") >= 8
    assert [v for v in values if v in everything] == []
