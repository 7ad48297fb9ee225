"""WCAG 2.1 A and AA, measured with axe-core in a real browser: every page and state, in
Dutch and in English, the main document and every frame in it (maps, components).

A Dutch municipality must meet WCAG 2.1 AA (EN 301 549). axe-core finds what a machine
can find (contrast, names, roles, languages, titles); what it cannot (the keyboard, the
reading order) has its own tests. Here a state passes when axe reports nothing serious or
critical; the findings of lesser impact are printed for the accessibility statement.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from gebrookerbos import i18n
from tests.a11y import audit, blocking
from tests.actors import ADMIN, BROKER, PASSWORD

from .conftest import open_as, settle, wait_until_idle

pytestmark = pytest.mark.browser

LANGS = ("nl", "en")


def _with_lang(path: str, lang: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def _tab(name_key: str):
    def act(page, lang):
        page.get_by_role("tab", name=i18n.t(name_key, lang)).first.click()
        settle(page)
    return act


def _pick(label_key: str, *option_numbers: int):
    """Choose options (by position in the open list) in a select box or multiselect, as a
    user would: open it, click the option, close the list."""
    def act(page, lang):
        field = page.get_by_label(i18n.t(label_key, lang), exact=True).first
        for n in option_numbers:
            for attempt in range(3):  # (a list redrawn by a run as it opened: open it again)
                wait_until_idle(page, quiet_ms=300)
                field.click()
                if not page.get_by_role("option").first.is_visible():
                    field.press("ArrowDown")  # a field that had the focus opens its list so
                try:
                    page.get_by_role("option").nth(n).click(timeout=10_000)
                    break
                except PlaywrightTimeout:
                    page.keyboard.press("Escape")
                    if attempt == 2:
                        raise
            page.keyboard.press("Escape")
            settle(page)
    return act


# name: (address, account, what the user does there, a text that shows the state is on
# screen: a literal, or an i18n key)
STATES = {
    "kaart": ("/", None, None, "map.title"),
    "kavels-zoeken": ("/kavels", None, None, "kavels.title"),
    "kavels-een-kavel": ("/kavels?plot=KV-0019", None, None, "KV-0019"),
    "kavels-matchen": ("/kavels?match=true&initiative=INI-040", None, None, "match.title"),
    "kavels-pipeline": ("/kavels?view=pipeline", BROKER, None, "pipeline.next_action"),
    "initiatieven-lijst": ("/initiatieven", None, None, "initiatives.title"),
    "initiatieven-een-initiatief": ("/initiatieven?initiatief=INI-038", None, None, "INI-038"),
    "initiatieven-een-initiatief-ingelogd": ("/initiatieven?initiatief=INI-038", BROKER, None,
                                             "INI-038"),
    "initiatieven-programma": ("/initiatieven", None, _tab("programme.tab"),
                               "programme.chart_stages"),
    "wijken-kaart": ("/wijken", None, None, "wijken.title"),
    "wijken-een-wijk": ("/wijken", None, _pick("wijken.drill_pick", 1), "wijken.trends"),
    # (a multiselect lists "select all" first: 1, 1 are the first two areas)
    "wijken-vergelijking": ("/wijken", None, _pick("wijken.compare_pick", 1, 1),
                            "wijken.compare_indicator"),
    "scherm": ("/scherm?interval=60", None, None, "css=.gb-topbar"),
    "beheer-uitgelogd": ("/beheer", None, None, "admin.title"),
    "toegankelijkheid": ("/toegankelijkheid", None, None, "WCAG 2.1"),
}
ADMIN_TABS = ("plots", "initiatives", "import", "users", "backup", "audit", "account")


def _report(findings) -> str:
    return "\n".join(str(f) for f in findings)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("state", list(STATES))
def test_no_serious_or_critical_axe_finding(page, app_server, state, lang):
    path, account, act, proof = STATES[state]
    open_as(page, app_server.url + _with_lang(path, lang),
            account.username if account else None, PASSWORD, lang)
    if act:
        act(page, lang)
    if proof.startswith("css="):
        page.locator(proof[4:]).first.wait_for(timeout=30_000)
    else:
        text = i18n.t(proof, lang) if proof in i18n.TEXT else proof
        page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
    assert page.evaluate("document.documentElement.lang") == lang
    findings = audit(page)
    print(f"{state} ({lang}):\n{_report(findings) or 'no findings'}")
    assert blocking(findings) == [], _report(blocking(findings))


@pytest.mark.parametrize("lang", LANGS)
def test_every_admin_tab_has_no_serious_or_critical_axe_finding(page, app_server, lang):
    open_as(page, app_server.url + _with_lang("/beheer", lang), ADMIN.username, PASSWORD, lang)
    problems = []
    for name in ADMIN_TABS:
        _tab(f"admin.tab.{name}")(page, lang)
        findings = audit(page)
        print(f"beheer {name} ({lang}):\n{_report(findings) or 'no findings'}")
        problems += [f"{name}: {f}" for f in blocking(findings)]
    assert problems == [], "\n".join(problems)


PAGE_TITLES = {"/": "nav.map", "/kavels": "nav.plots", "/initiatieven": "nav.initiatives",
               "/wijken": "nav.neighbourhoods", "/scherm": "nav.screen", "/beheer": "nav.admin",
               "/toegankelijkheid": "nav.accessibility"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_says_its_name_and_language_to_the_browser(page, app_server, lang):
    for path, key in PAGE_TITLES.items():
        page.goto(app_server.url + _with_lang(path, lang))
        expected = f"{i18n.t(key, lang)} · {i18n.t('app.title', lang)}"
        page.wait_for_function("t => document.title === t", arg=expected, timeout=60_000)
        page.wait_for_function("l => document.documentElement.lang === l", arg=lang,
                               timeout=30_000)
