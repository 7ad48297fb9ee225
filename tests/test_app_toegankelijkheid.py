"""The accessibility statement: a page in both languages, in the form Dutch municipalities
publish it, reached from the footer of every page."""

from __future__ import annotations

import pytest

PAGE = "pages/toegankelijkheid.py"


def _text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", ["Toegankelijkheidsverklaring", "WCAG 2.1 niveau\nAA", "Status: voldoet gedeeltelijk",
            "## Onderzoek", "## Bekende afwijkingen", "## Een probleem melden",
            "Nationale ombudsman", "axe-core"]),
    ("en", ["Accessibility statement", "WCAG 2.1 level AA", "Status: partially compliant",
            "## Evaluation", "## Known issues", "## Reporting a problem",
            "Nationale ombudsman", "axe-core"]),
])
def test_the_statement_has_the_parts_of_a_dutch_accessibility_statement(app, lang, expected):
    app.query_params["lang"] = lang
    at = app.switch_page(PAGE).run()
    assert not at.exception
    text = _text(at)
    for part in expected:
        assert part in text, part
    assert text.index(expected[3]) < text.index(expected[4]) < text.index(expected[5])


def test_every_page_links_to_the_statement_in_its_footer(app):
    for page in ("pages/kaart.py", "pages/wijken.py", "pages/beheer.py"):
        at = app.switch_page(page).run()
        links = [el for el in at.get("page_link")]
        assert any("toegankelijkheid" in el.proto.page for el in links), page
        assert any(el.proto.label == "Toegankelijkheid" for el in links), page
