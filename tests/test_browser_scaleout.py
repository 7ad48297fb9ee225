"""Two dashboard processes behind HAProxy on one PostgreSQL store (deploy/try-locally.sh),
in a real browser: each editor's browser is held to its own process by the load
balancer's cookie; an edit saved through one process is seen by a session on the other at
its next rerun, and the other editor, who opened the same plot before, gets the conflict
message with their input kept."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess

import pytest

from tests import ROOT
from tests.conftest import Offline, log_in, wait_until_idle
from tests.dm_helpers import cli

ADMIN_PASSWORD = "een lang wachtwoord voor de proef"
PLOT = "KV-0004"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def scaled_out():
    """deploy/try-locally.sh running: (load balancer URL, the store's URL)."""
    missing = [tool for tool in ("haproxy",) if shutil.which(tool) is None]
    if missing:
        message = "HAProxy is needed for this test (apt-get install haproxy)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port = _free_port()
    env = {**os.environ, "GB_PORT": str(port), "GB_ADMIN_PASSWORD": ADMIN_PASSWORD,
           "GB_DASHBOARD_PORTS": f"{_free_port()} {_free_port()}", "PYTHON": "python"}
    proc = subprocess.Popen(["bash", str(ROOT / "deploy" / "try-locally.sh")], env=env,
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    lines = []
    for line in proc.stdout:  # (each line as it comes; the script says READY when all is up)
        lines.append(line)
        if line.startswith("READY"):
            break
    else:
        proc.wait(30)
        pytest.fail("deploy/try-locally.sh did not start:\n" + "".join(lines))
    store = re.search(r"store (postgresql://\S+)\)", line).group(1)
    added = cli("add-user", "bea", "--role", "brooker", "--db", store,
                stdin=ADMIN_PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    yield f"http://127.0.0.1:{port}", store
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(60)


def _page_on(browser, url: str, server: str):
    """A browser page whose every request the load balancer sends to ``server``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    context.add_cookies([{"name": "GBSRV", "value": server, "url": url}])
    offline = Offline()
    context.route("**/*", offline.handle)
    page = context.new_page()
    page.offline = offline
    return page


def _edit_form(page, url: str, user: str) -> None:
    page.goto(url + "/beheer")
    page.locator('[data-testid="stMain"]').wait_for(timeout=60_000)
    log_in(page, user, ADMIN_PASSWORD)
    page.get_by_role("heading", name="Kavel bewerken").wait_for(timeout=60_000)
    page.get_by_label("Zoeken").first.fill(PLOT)
    page.get_by_label("Zoeken").first.press("Enter")
    wait_until_idle(page)
    page.get_by_label("Kavel", exact=True).click()
    page.get_by_role("option", name=PLOT, exact=False).click()
    page.get_by_label("Naam", exact=True).wait_for()
    wait_until_idle(page)


def test_an_edit_through_one_process_is_seen_on_the_other_and_a_clash_loses_nothing(
        browser, scaled_out):
    url, _store = scaled_out
    first = _page_on(browser, url, "dashboard1")
    second = _page_on(browser, url, "dashboard2")
    # both editors open the same plot, each on their own process
    _edit_form(first, url, "bea")
    _edit_form(second, url, "beheerder")
    for page, server in ((first, "dashboard1"), (second, "dashboard2")):
        cookies = {c["name"]: c["value"] for c in page.context.cookies()}
        assert cookies["GBSRV"] == server  # the load balancer kept each on its process
    old_name = second.get_by_label("Naam", exact=True).input_value()

    first.get_by_label("Naam", exact=True).fill("Tuin van het eerste proces")
    first.get_by_role("button", name="Opslaan").click()
    first.get_by_text(f"{PLOT} opgeslagen").wait_for(timeout=60_000)

    # the second editor still has the old version in the form: saving is refused, in words
    second.get_by_label("Naam", exact=True).fill("Tuin van het tweede proces")
    second.get_by_role("button", name="Opslaan").click()
    second.get_by_text(f"{PLOT} is intussen door bea gewijzigd").wait_for(timeout=60_000)
    assert "er is niets opgeslagen" in second.get_by_text(
        f"{PLOT} is intussen door bea gewijzigd").first.text_content()
    # their input is kept, next to what the other one saved
    for text in ("Tuin van het tweede proces", "Tuin van het eerste proces"):
        # (the comparison table: a canvas whose accessible cells hold the text)
        second.locator("[role=gridcell]", has_text=text).first.wait_for(state="attached")
    second.get_by_role("button", name="Mijn wijzigingen toepassen op de nieuwste versie").click()
    # the form again, on the latest version, with their input in it (the picker kept the
    # plot, although the other editor renamed it)
    second.get_by_label("Naam", exact=True).wait_for(timeout=60_000)
    assert second.get_by_label("Naam", exact=True).input_value() == "Tuin van het tweede proces"
    second.get_by_role("button", name="Opslaan").click()
    second.get_by_text(f"{PLOT} opgeslagen").wait_for(timeout=60_000)

    # a session on the first process sees the second one's edit at its next rerun
    first.goto(url + f"/kavels?plot={PLOT}")
    first.get_by_text("Tuin van het tweede proces").first.wait_for(timeout=60_000)
    assert old_name not in ("Tuin van het tweede proces", "")
    for page in (first, second):
        assert page.offline.blocked_except_tiles() == []
        page.context.close()
