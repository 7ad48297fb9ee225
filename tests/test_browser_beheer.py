"""The Beheer page in a real browser: log in from the sidebar, edit a plot, see it in the
change log; and the command line refused (not the dashboard broken) while the app runs."""

from __future__ import annotations

import shutil
import urllib.request

import pytest

from tests.actors import PASSWORD
from tests.conftest import MAP_FRAME, AppServer, wait_until_idle
from tests.dm_helpers import cli, interior_points, rectangle, to_wgs84, write_geojson


@pytest.fixture(scope="module")
def beheer_server(tmp_path_factory, demo_db_file):
    path = tmp_path_factory.mktemp("beheer") / "gebrookerbos.duckdb"
    shutil.copyfile(demo_db_file, path)  # with the staff accounts of tests.actors
    server = AppServer(path)
    server.db_file = path
    yield server
    server.stop()


def _open(page, server):
    page.goto(server.url + "/")
    page.get_by_role("heading", name="Kaart van open ruimtes").wait_for(timeout=60_000)
    # the map reports its first state back (one more run); let that settle before typing,
    # as a person would
    page.locator(MAP_FRAME).wait_for(timeout=60_000)
    wait_until_idle(page)


def _idle(page) -> None:
    """Wait until the app has finished its current run (no 'Running...' indicator)."""
    wait_until_idle(page, quiet_ms=500)


def _login(page, username: str, password: str) -> None:
    _idle(page)
    field = page.get_by_label("Gebruikersnaam")
    if not field.is_visible():
        page.get_by_text("Inloggen", exact=True).first.click()  # open the login expander
    field.fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_label("Gebruikersnaam"))
    form.get_by_role("button", name="Inloggen").click()


def test_login_edit_and_change_log(page, beheer_server):
    _open(page, beheer_server)
    _login(page, "bea", "fout wachtwoord")
    page.get_by_text("Onbekende gebruikersnaam of verkeerd wachtwoord.").wait_for()
    _login(page, "bea", PASSWORD)
    page.get_by_text("Ingelogd als").wait_for(timeout=60_000)
    page.get_by_role("link", name="Beheer").click()
    page.get_by_role("heading", name="Kavel bewerken").wait_for()
    page.get_by_label("Zoeken").first.fill("KV-0004")
    page.get_by_label("Zoeken").first.press("Enter")
    wait_until_idle(page)
    page.get_by_label("Kavel", exact=True).click()
    page.get_by_role("option", name="KV-0004", exact=False).click()
    name = page.get_by_label("Naam", exact=True)
    name.wait_for()
    name.fill("Gemeenschapstuin Kapelaan Brüllstraat")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("KV-0004 opgeslagen").wait_for()
    page.get_by_role("tab", name="Wijzigingslog").click()
    # the data grid is a canvas; its accessible cells hold the text
    cell = page.locator("[role=gridcell]", has_text="Gemeenschapstuin Kapelaan Brüllstraat")
    cell.first.wait_for(state="attached")
    assert "name: Beekzone Geleenbeek" in cell.first.text_content()
    assert page.offline.blocked_except_tiles() == []


def test_a_policy_officer_sees_no_edit_forms(page, beheer_server):
    _open(page, beheer_server)
    _login(page, "piet", PASSWORD)
    page.get_by_text("Ingelogd als").wait_for(timeout=60_000)
    page.get_by_role("link", name="Beheer").click()
    page.get_by_text("Je rol mag gegevens bekijken, niet wijzigen").wait_for()
    assert page.get_by_role("tab", name="Kavels bewerken").count() == 0
    assert page.get_by_role("button", name="Opslaan").count() == 0


def test_the_cli_is_refused_while_the_dashboard_runs_and_the_dashboard_goes_on(
        page, beheer_server, tmp_path):
    _open(page, beheer_server)
    result = cli("backup", "--out", str(tmp_path / "b.duckdb"), "--db",
                 str(beheer_server.db_file))
    assert result.returncode == 2
    assert "in use by another process" in result.stderr and "Traceback" not in result.stderr
    with urllib.request.urlopen(f"{beheer_server.url}/_stcore/health", timeout=5) as r:
        assert r.status == 200
    page.reload()
    page.get_by_role("heading", name="Kaart van open ruimtes").wait_for(timeout=60_000)
    assert page.get_by_text("bezet").count() == 0


def test_an_administrator_checks_and_imports_a_file(page, beheer_server, ro_con, tmp_path):
    from playwright.sync_api import expect

    points = interior_points(ro_con, 2)
    path = write_geojson(tmp_path / "nieuwe_kavels.geojson", [
        ({"plot_id": f"WEB-{i}", "naam": f"Kapelaan Brüllstraat {i}"},
         to_wgs84(rectangle(x, y, 20, 30))) for i, (x, y) in enumerate(points)])
    _open(page, beheer_server)
    _login(page, "admin", PASSWORD)
    page.get_by_text("Ingelogd als").wait_for(timeout=60_000)
    page.get_by_role("link", name="Beheer").click()
    page.get_by_role("tab", name="Kavels importeren").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.locator('[data-testid="stFileChipName"]').first.wait_for(timeout=60_000)  # uploaded
    page.locator('[data-testid="stFileChipIconSpinner"]').first.wait_for(state="detached",
                                                                        timeout=60_000)
    wait_until_idle(page)
    page.get_by_role("button", name="Alleen controleren").click()
    page.get_by_text("Proefimport: alle 2 kavels uit nieuwe_kavels.geojson zijn in orde",
                     exact=False).first.wait_for(timeout=60_000)
    _idle(page)
    page.get_by_role("button", name="Importeren", exact=True).click()
    page.get_by_text("2 kavels geïmporteerd uit nieuwe_kavels.geojson",
                     exact=False).first.wait_for(timeout=60_000)
    # own data now: the demo label is gone, and the import tab stays open
    expect(page.get_by_text("Fictieve demodata")).to_have_count(0, timeout=30_000)
    _idle(page)
    page.get_by_role("button", name="Importeren", exact=True).click()  # the same file again
    page.get_by_text("Import van nieuwe_kavels.geojson geweigerd", exact=False).first.wait_for(
        timeout=60_000)
    page.get_by_text("kavel WEB-0 bestaat al in de database", exact=False).first.wait_for()
