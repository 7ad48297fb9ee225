"""No crash by URL: every query parameter of every page, given nonsense, gives a calm message
and the default for that parameter; the rest of the address still applies.

Each page is opened (AppTest, a fresh session each time) with every one of its parameters set
to each value of a table of bad values: dates far in the future or past, negative and huge
numbers, 10,000 characters, markup, unknown codes, repeated and empty parameters. The page
must show no exception and no traceback, still draw its main content, and never show the
value itself. ``test_browser_urls.py`` opens a couple of the worst addresses on a real server.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from gebrookerbos import db, i18n
from gebrookerbos.present import screen as screen_view
from gebrookerbos.present import url_state
from gebrookerbos.present.url_state import Kind, Notice, Param, Problem
from gebrookerbos.ui import kavels
from tests import ROOT

LONG = "x" * 10_000
MARKUP = "<script>alert(1)</script>[klik](https://example.org)![](https://example.org/a.png)"
BAD_VALUES = {
    "future": "9999-12-31",
    "past": "0001-01-01",
    "negative": "-1",
    "huge": "99999999999999999999999",
    "float overflow": "1e400",
    "long": LONG,
    "markup": MARKUP,
    "unknown code": "WK000000",
    "empty": "",
    "repeated": ["2027-01-01", "12"],
    "many": [f"c{i}" for i in range(url_state.MAX_VALUES + 1)],
}
TRACEBACK_WORDS = ("Traceback", 'File "', "Error")

PAGES = {  # page -> its parameters (every page has the frame's ?lang=)
    "pages/kaart.py": ["lang"],
    "pages/kavels.py": [p.name for p in kavels.PARAMS] + ["lang"],
    "pages/initiatieven.py": ["initiatief", "lang"],
    "pages/wijken.py": ["lang"],
    "pages/scherm.py": [p.name for p in screen_view.PARAMS],
    "pages/beheer.py": ["lang"],
}


@pytest.fixture(scope="module")
def url_db(demo_db_file, tmp_path_factory):
    """One copy of the demo database for the module: these tests only read."""
    path = tmp_path_factory.mktemp("urls") / "gebrookerbos.duckdb"
    shutil.copyfile(demo_db_file, path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GEBROOKERBOS_DB", str(path))
        mp.chdir(ROOT)
        yield path


def _open(page: str, params: dict):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page(page)
    at.query_params.update(params)
    return at.run()


def _all_text(at) -> str:
    """Everything the page put on screen as text: elements, markdown and HTML."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success", "text", "code", "exception"):
        parts += [str(getattr(e, "value", "")) for e in getattr(at, kind)]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(parts)


def _notices(at) -> str:
    return "\n".join(str(i.value) for i in at.info) + "\n".join(
        h.proto.body for h in at.get("html"))


def _main_content(page: str, at, con) -> None:
    """The page drew what it is for."""
    total = db.fetch_value(con, "plot_count")
    text = _all_text(at)
    if page == "pages/kaart.py":
        assert at.title[0].value == "Kaart van open ruimtes"
        assert f"{total} van {total} kavels getoond" in text
        assert at.dataframe
    elif page == "pages/kavels.py":
        assert at.title[0].value.startswith("Kavels")
        assert f"{total} van {total} kavels" in text
    elif page == "pages/initiatieven.py":
        assert at.title[0].value == "Initiatieven"
        n = con.execute("SELECT count(*) FROM initiatives").fetchone()[0]
        assert f"{n} initiatieven" in text
    elif page == "pages/wijken.py":
        assert at.title[0].value == "Wijken en buurten"
        assert "Alle wijken en buurten" in text
    elif page == "pages/scherm.py":
        assert 'class="gb-slide-title">Zo staat het ervoor<' in text
        assert "initiatieven gerealiseerd" in text
    elif page == "pages/beheer.py":
        assert at.title[0].value == "Beheer"
        assert "Log in (links in de zijbalk)" in text


def _no_crash(at) -> str:
    assert not at.exception, [e.value for e in at.exception]
    text = _all_text(at)
    for word in TRACEBACK_WORDS:
        assert word not in text
    return text


@pytest.mark.parametrize("value", list(BAD_VALUES.values()), ids=list(BAD_VALUES))
@pytest.mark.parametrize("page", list(PAGES))
def test_every_parameter_of_every_page_survives_nonsense(url_db, ro_con, page, value):
    names = PAGES[page]
    if value is BAD_VALUES["many"]:  # within Streamlit's 1,000 parameters: a list and one more
        lists = [p.name for p in kavels.PARAMS if p.kind == Kind.TEXTS]
        names = [*[n for n in names if n in lists][:1], names[0]]
    at = _open(page, dict.fromkeys(names, value))
    text = _no_crash(at)
    _main_content(page, at, ro_con)
    for shown in ([value] if isinstance(value, str) else value):
        if len(shown) > 8:  # never repeated on the page (a short value may occur anyway)
            assert shown not in text
    assert "<script>" not in text and "example.org" not in text
    # every parameter is named in the message; an empty ?view= or ?interval= is the
    # encoder's "cleared" (the default), and ?hard= its "none of them": nothing to say
    quiet = {"view", "sort", "ending_months", "hard", "interval"} if value == "" else set()
    notices = _notices(at)
    for name in names:
        if name not in quiet:
            assert f"‘{name}’" in notices, (name, notices[:500])


def test_more_parameters_than_streamlit_reads_open_the_default_view(url_db, ro_con):
    at = _open("pages/kavels.py", {"owner": [f"c{i}" for i in range(1_001)], "months": "24"})
    _no_crash(at)
    _main_content("pages/kavels.py", at, ro_con)  # Streamlit ignored the whole query string
    assert at.number_input(key="months").value is None


def test_the_reported_crash_is_a_message_now(url_db, ro_con):
    at = _open("pages/kavels.py", {"free_from": "9999-12-31", "months": "600"})
    _no_crash(at)
    _main_content("pages/kavels.py", at, ro_con)
    assert "‘free_from’ valt buiten 01-01-2000 tot 31-12-2100 en is genegeerd." in _notices(at)
    assert at.date_input(key="free_from").value is None  # the default
    assert at.number_input(key="months").value == 600  # the rest of the address applies


def test_the_rest_of_the_address_still_applies(url_db, ro_con):
    wijk = ro_con.execute("SELECT b.wijk_code FROM plots p JOIN neighbourhoods b ON "
                          "b.code = p.buurt_code GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
                          ).fetchone()[0]
    at = _open("pages/kavels.py", {"wijk": wijk, "availability": ["available", "gratis"],
                                   "area_min": "-5", "plot": LONG, "lang": "en"})
    _no_crash(at)
    assert at.selectbox(key="wijk").value == wijk
    assert at.multiselect(key="availability").value == ["available"]
    assert at.number_input(key="area_min").value is None
    assert at.title[0].value.startswith("Plots")  # ?lang=en applied
    notices = _notices(at)
    assert "‘availability’ holds an unknown code" in notices
    assert "‘area_min’ is outside 0 to 100,000,000" in notices
    assert "‘plot’ is too long" in notices
    # the bad values are gone from the address the page writes back
    assert "area_min" not in at.query_params and "plot" not in at.query_params
    assert at.query_params["wijk"] == wijk


def test_the_message_stays_on_the_page_and_goes_with_it(url_db, ro_con):
    at = _open("pages/kavels.py", {"months": "-3"})
    assert "‘months’" in _notices(at)
    at.run()  # a rerun of the same page (the map reporting its view, a click)
    assert "‘months’" in _notices(at)
    at.switch_page("pages/wijken.py").run()
    _no_crash(at)
    assert "‘months’" not in _notices(at)


def test_an_initiative_by_address_and_a_bad_one(url_db, ro_con):
    ini, title = ro_con.execute("SELECT initiative_id, title FROM initiatives ORDER BY 1 "
                                "LIMIT 1").fetchone()
    at = _open("pages/initiatieven.py", {"initiatief": ini})
    _no_crash(at)
    assert title in [s.value for s in at.subheader] and "‘initiatief’" not in _notices(at)
    at = _open("pages/initiatieven.py", {"initiatief": "INI-999", "lang": "en"})
    _no_crash(at)
    assert "‘initiatief’ holds an unknown code" in _notices(at)
    assert at.selectbox(key="ini_picker").value is None


def test_the_screen_applies_the_rest_of_its_address(url_db, ro_con):
    wijk, name = ro_con.execute("SELECT code, name FROM neighbourhoods WHERE level = 'wijk' "
                                "ORDER BY 1 LIMIT 1").fetchone()
    at = _open("pages/scherm.py", {"wijk": wijk.lower(), "interval": LONG, "lang": ["en", "nl"],
                                   "embed": "true"})
    text = _no_crash(at)
    assert name in text
    assert "animation: gbtimer0 15s linear" in text
    assert "‘interval’ is te lang" in text and "‘lang’ staat meer dan eens" in text
    assert not at.info  # the screen says it in its own top bar, not in a Streamlit box


# --- the one check, as a pure function -----------------------------------------------------


PARAMS = [Param("n", Kind.INT, high=600), Param("d", Kind.DATE), Param("b", Kind.BOOL, False),
          Param("t", Kind.TEXT), Param("l", Kind.TEXTS, []), Param("h", Kind.TEXTS, ["a"]),
          Param("c", Kind.INT, 15, low=5, high=60, clamp=True),
          Param("u", Kind.TEXT, normalise=str.upper), Param("v", Kind.TEXT, "search")]
CODES = {"t": {"a", "b"}, "l": {"a", "b"}, "h": {"a", "b"}, "u": {"WK1"}, "v": {"search"}}


@pytest.mark.parametrize(("query", "values", "notices"), [
    ({"n": "24"}, {"n": 24}, []),
    ({"n": "601"}, {}, [Notice("n", Problem.RANGE, 0, 600)]),
    ({"n": "-1"}, {}, [Notice("n", Problem.RANGE, 0, 600)]),
    ({"n": "1e400"}, {}, [Notice("n", Problem.TYPE)]),
    ({"n": "24.0"}, {}, [Notice("n", Problem.TYPE)]),
    ({"n": "9" * 30}, {}, [Notice("n", Problem.RANGE, 0, 600)]),
    ({"n": "9" * 10_000}, {}, [Notice("n", Problem.LENGTH)]),
    ({"n": ["1", "2"]}, {}, [Notice("n", Problem.REPEATED)]),
    ({"n": ""}, {}, [Notice("n", Problem.EMPTY)]),
    ({"d": "2027-03-01"}, {"d": date(2027, 3, 1)}, []),
    ({"d": "9999-12-31"}, {}, [Notice("d", Problem.RANGE, url_state.DATE_MIN,
                                      url_state.DATE_MAX)]),
    ({"d": "2027-02-31"}, {}, [Notice("d", Problem.TYPE)]),
    ({"d": "20270301"}, {}, [Notice("d", Problem.TYPE)]),
    ({"b": "ja"}, {"b": True}, []),
    ({"b": ""}, {}, [Notice("b", Problem.EMPTY)]),
    ({"t": "a"}, {"t": "a"}, []),
    ({"t": "z"}, {}, [Notice("t", Problem.CODE)]),
    ({"t": "a" * 65}, {}, [Notice("t", Problem.LENGTH)]),
    ({"l": ["a", "z", "a", ""]}, {"l": ["a"]},
     [Notice("l", Problem.CODE), Notice("l", Problem.EMPTY)]),
    ({"l": ["a"] * 201}, {}, [Notice("l", Problem.LENGTH)]),
    ({"l": ""}, {}, [Notice("l", Problem.EMPTY)]),
    ({"h": ""}, {"h": []}, []),  # the encoder's "none of them"
    ({"c": "3600"}, {"c": 60}, [Notice("c", Problem.CLAMPED, 5, 60, 60)]),
    ({"c": ""}, {"c": None}, []),  # the encoder's "cleared": the page's default
    ({"u": "wk1"}, {"u": "WK1"}, []),
    ({"v": ""}, {"v": None}, []),
    ({"elsewhere": LONG, "embed": "true"}, {}, []),  # not ours: ignored
])
def test_read_checks_each_kind(query, values, notices):
    found = url_state.read(query, PARAMS, CODES)
    assert found.values == values
    assert list(found.notices) == notices
    for notice in found.notices:
        for lang in i18n.LANGUAGES:
            assert f"‘{notice.name}’" in url_state.notice_text(notice, lang)


def test_an_unforeseen_error_shows_no_details(url_db, tmp_path):
    """The public app's setting: Streamlit's short notice only, no type, message or trace."""
    import tomllib

    from streamlit import config
    from streamlit.testing.v1 import AppTest

    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["client"]["showErrorDetails"] == config.ShowErrorDetailsConfigOptions.NONE
    assert settings["client"]["showErrorLinks"] is False
    script = tmp_path / "boom.py"
    script.write_text('raise ValueError("year 10009 is out of range")\n', encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=30).run()  # config read from ROOT
    shown = at.exception[0]
    assert shown.stack_trace == [] and shown.proto.type == ""
    assert "10009" not in shown.value and "ValueError" not in shown.value
