"""Pickers hold ids, in a real browser: two initiatives with the same title are two
different choices, and what a broker reserves goes to the initiative in the address."""

from __future__ import annotations

import shutil

import pytest

from gebrookerbos import db
from tests.actors import BROKER, PASSWORD

from .conftest import AppServer, open_as, settle

pytestmark = pytest.mark.browser

PLOT, WANTED, NAMESAKE = "KV-0019", "INI-040", "INI-038"


@pytest.fixture()
def same_titles(tmp_path, demo_db_file):
    """A server on a copy of the demo data where INI-038 has INI-040's title."""
    path = tmp_path / "gebrookerbos.duckdb"
    shutil.copyfile(demo_db_file, path)
    con = db.connect(path)
    (title,) = con.execute("SELECT title FROM initiatives WHERE initiative_id = $i",
                           {"i": WANTED}).fetchone()
    con.execute("UPDATE initiatives SET title = $t WHERE initiative_id = $i",
                {"t": title, "i": NAMESAKE})
    assert con.execute("SELECT availability FROM plots WHERE plot_id = $p",
                       {"p": PLOT}).fetchone() == ("available",)
    con.close()
    server = AppServer(path)
    yield server, path, title
    server.stop()


def test_reserving_from_a_url_goes_to_that_initiative_when_two_share_its_title(
        page, same_titles):
    server, path, title = same_titles
    open_as(page, f"{server.url}/kavels?plot={PLOT}&initiative={WANTED}", BROKER.username,
            PASSWORD)
    picker = page.get_by_label("Voor initiatief", exact=True)
    picker.wait_for(timeout=60_000)
    assert picker.input_value() == f"{WANTED} – {title}"  # the id is in what the broker sees
    page.get_by_role("button", name="Zet in optie", exact=True).click()
    page.get_by_text(f"{PLOT} staat nu in optie voor {WANTED} – {title}.").wait_for(
        timeout=60_000)
    page.get_by_text(f"In optie voor of in gebruik door: {WANTED} – {title}").wait_for()
    settle(page)
    server.stop()  # (the file is the server's while it runs)
    con = db.connect(path, read_only=True)
    try:
        held = con.execute(
            "SELECT initiative_id FROM initiative_plots WHERE plot_id = $p ORDER BY 1",
            {"p": PLOT}).fetchall()
    finally:
        con.close()
    assert held == [(WANTED,)]
