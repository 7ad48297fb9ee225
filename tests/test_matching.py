"""Matching plots to needs, on a real database with plots whose attributes we know."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from gebrookerbos import db, i18n
from gebrookerbos.domain import matching, plot_filter
from gebrookerbos.domain.matching import Need, Needs
from gebrookerbos.domain.plot_filter import PlotFilter

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

TODAY = date(2026, 11, 28)
START = date(2027, 3, 1)


def _big_buurten(con, n: int = 2) -> list[tuple[str, str, float, float]]:
    """(buurt, wijk, x, y) of large buurten in different wijken, with an inside point."""
    rows = con.execute(
        "SELECT code, wijk_code, ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) "
        "FROM neighbourhoods WHERE level = 'buurt' ORDER BY polygon_area_m2 DESC"
    ).fetchall()
    picked, wijken = [], set()
    for row in rows:
        if row[1] not in wijken:
            picked.append(row)
            wijken.add(row[1])
        if len(picked) == n:
            return picked
    raise AssertionError("not enough wijken")


class Builder:
    """Puts plots and initiatives with known attributes into an emptied database."""

    def __init__(self, con):
        self.con = con
        for table in ("plot_events", "stage_events", "initiative_plots", "initiatives", "plots"):
            con.execute(f"DELETE FROM {table}")
        self.places = _big_buurten(con)
        self.n = 0

    def plot(self, plot_id: str, *, area: float, place: int = 0, soil: str = "clean",
             water: bool = False, electricity: bool = False, car: bool = False,
             availability: str = "available", zoning: str = "groen",
             available_from: date | None = None, available_until: date | None = None) -> None:
        _, _, x0, y0 = self.places[place]
        side = area ** 0.5
        x, y = x0 + (self.n % 4) * 3 - 6, y0 + (self.n // 4) * 3 - 6  # tiny offsets: stay put
        self.n += 1
        wkt = (f"POLYGON(({x} {y}, {x + side} {y}, {x + side} {y + side}, {x} {y + side}, "
               f"{x} {y}))")
        self.con.execute(
            "INSERT INTO plots (plot_id, name, geom, area_m2, soil, has_water, has_electricity, "
            "has_car_access, availability, zoning, available_from, available_until) VALUES "
            "($id, $id, ST_GeomFromText($wkt), ST_Area(ST_GeomFromText($wkt)), $soil, $w, $e, "
            "$c, $a, $z, $f, $u)",
            {"id": plot_id, "wkt": wkt, "soil": soil, "w": water, "e": electricity, "c": car,
             "a": availability, "z": zoning, "f": available_from, "u": available_until},
        )

    def holder(self, initiative_id: str, plot_id: str, stage: str,
               agreement_end: date | None = None) -> None:
        self.con.execute(
            "INSERT INTO initiatives (initiative_id, title, theme, stage) "
            "SELECT $i, $i, 'nature', $s WHERE NOT EXISTS "
            "(SELECT 1 FROM initiatives WHERE initiative_id = $i)",
            {"i": initiative_id, "s": stage},
        )
        self.con.execute(
            "INSERT INTO initiative_plots (initiative_id, plot_id, agreement_end) "
            "VALUES ($i, $p, $e)", {"i": initiative_id, "p": plot_id, "e": agreement_end},
        )

    def done(self):
        db.execute(self.con, "assign_plot_buurten")
        return plot_filter.filtered_plots(self.con, PlotFilter(), geometry=False)


@pytest.fixture()
def known(con):
    """Plots around one initiative's needs: area 1000-2000 m2, clean soil, free from
    START for 24 months (hard by default); in wijk 0, water and electricity (soft)."""
    b = Builder(con)
    b.plot("P-ALL", area=1500, water=True, electricity=True)
    b.plot("P-NO-POWER", area=1500, water=True)  # misses a soft need
    b.plot("P-ELSEWHERE", area=1500, water=True, electricity=True, place=1)  # soft: wijk
    b.plot("P-SMALL", area=500, water=True, electricity=True)  # hard: area
    b.plot("P-DIRTY", area=1500, water=True, electricity=True, soil="suspect")  # hard: soil
    b.plot("P-UNSURE", area=1500, water=True, electricity=True, soil="unknown")  # hard: soil
    b.plot("P-HELD", area=1500, water=True, electricity=True, availability="reserved")
    b.holder("I-OPEN", "P-HELD", "plan")  # held without an end date: never free
    b.plot("P-ENDING", area=1500, water=True, electricity=True, availability="in_use")
    b.holder("I-ENDING", "P-ENDING", "realised", agreement_end=date(2027, 1, 31))
    b.plot("P-SHORT", area=1500, water=True, electricity=True,
           available_until=date(2028, 1, 1))  # not free for 24 months
    b.plot("P-LATE", area=1500, water=True, electricity=True,
           available_from=date(2027, 6, 1))  # only free after the start
    b.plot("P-GONE", area=1500, water=True, electricity=True, availability="unavailable")
    candidates = b.done()
    wijk = b.places[0][1]
    needs = Needs(min_area=1000, max_area=2000, wijken=(wijk,), water=True, electricity=True,
                  clean_soil=True, start=START, duration_months=24)
    return con, candidates, needs


def _match(con, needs, hard=matching.DEFAULT_HARD, flt: PlotFilter | None = None):
    return matching.match_plots(con, flt or PlotFilter(), needs, hard)


def _why(result, needs, lang="nl") -> dict[str, str]:
    return dict(zip(result["plot_id"], matching.explanations(result, needs, lang), strict=True))


def test_full_match_ranks_above_soft_miss_and_hard_misses_are_absent(known):
    con, _, needs = known
    result = _match(con, needs)
    ids = list(result["plot_id"])
    # by hand: every plot that meets area, soil and the window, best first
    assert set(ids) == {"P-ALL", "P-NO-POWER", "P-ELSEWHERE", "P-ENDING"}
    assert ids.index("P-ALL") < ids.index("P-NO-POWER")
    assert ids.index("P-ALL") < ids.index("P-ELSEWHERE")
    scores = dict(zip(result["plot_id"], result["score"], strict=True))
    assert scores["P-ALL"] == 100 and scores["P-ENDING"] == 100
    # stated weights: area 25, window 20, soil 15, wijken 15, water 8, electricity 5 = 88
    assert scores["P-NO-POWER"] == round(100 * (88 - 5) / 88)  # 94
    assert scores["P-ELSEWHERE"] == round(100 * (88 - 15) / 88)  # 83
    assert list(result["rank"]) == list(range(1, len(result) + 1))
    # equal scores in plot id order
    assert ids[:2] == ["P-ALL", "P-ENDING"]


def test_the_rows_are_the_search_rows_with_a_column_per_need(known):
    con, candidates, needs = known
    result = _match(con, needs, hard=[])
    assert list(result.columns[: len(candidates.columns)]) == list(candidates.columns)
    assert {f"meets_{n.value}" for n in Need} <= set(result.columns)
    row = result.set_index("plot_id").loc["P-NO-POWER"]
    assert not row["meets_electricity"]
    assert all(row[f"meets_{n.value}"] for n in needs.stated() if n != Need.ELECTRICITY)
    # needs that are not stated: no answer at all
    assert result["meets_car_access"].isna().all() and result["meets_theme"].isna().all()


def test_explanation_names_what_is_met_and_what_is_missed(known):
    con, _, needs = known
    result = _match(con, needs)
    why = _why(result, needs)
    meets, misses = why["P-NO-POWER"].split("Mist:")
    assert meets.startswith("Voldoet aan: oppervlakte 1.500 m² past (gevraagd 1.000 m² tot")
    assert "geen stroom" in misses
    assert "water aanwezig" in meets and "schone bodem" in meets
    assert "vrij vanaf 01-03-2027 voor 24 maanden" in meets
    assert "Mist" not in why["P-ALL"]
    assert "ligt niet in een gewenste wijk" in why["P-ELSEWHERE"]
    english = _why(result, needs, "en")
    assert english["P-NO-POWER"].endswith("Misses: no electricity.")
    assert "Meets: area 1.500 m² fits" in english["P-NO-POWER"]  # m² as on the map
    assert "not in a preferred district" in english["P-ELSEWHERE"]


def test_a_plot_with_suspect_or_unknown_soil_misses_clean_soil(known):
    con, _, needs = known
    assert not {"P-DIRTY", "P-UNSURE"} & set(_match(con, needs)["plot_id"])
    lenient = _match(con, needs, hard=[])
    why = _why(lenient, needs)
    assert "Mist: bodem niet schoon (Verdacht)." in why["P-DIRTY"]
    assert "bodem niet schoon (Onbekend)" in why["P-UNSURE"]
    assert "soil not clean (Suspect)" in _why(lenient, needs, "en")["P-DIRTY"]


@pytest.mark.parametrize(("need", "dropped"), [
    (Need.AREA, {"P-SMALL"}),
    (Need.CLEAN_SOIL, {"P-DIRTY", "P-UNSURE"}),
    (Need.WINDOW, {"P-HELD", "P-SHORT", "P-LATE", "P-GONE"}),
    (Need.WIJKEN, {"P-ELSEWHERE"}),
    (Need.ELECTRICITY, {"P-NO-POWER"}),
    (Need.WATER, set()),
    (Need.THEME, set()),  # not stated: a hard need that is not asked drops nothing
])
def test_a_hard_need_drops_exactly_the_plots_that_miss_it(known, need, dropped):
    con, candidates, needs = known
    kept = set(_match(con, needs, hard=[need])["plot_id"])
    assert set(candidates["plot_id"]) - kept == dropped


def test_broker_decides_what_is_hard(known):
    con, candidates, needs = known
    strict = _match(con, needs, hard=[*matching.DEFAULT_HARD, Need.ELECTRICITY])
    assert "P-NO-POWER" not in set(strict["plot_id"])
    lenient = _match(con, needs, hard=[])
    # nothing is hard: every plot is listed, hard misses only lower the score
    assert set(lenient["plot_id"]) == set(candidates["plot_id"])
    assert "oppervlakte 500 m² is te klein" in _why(lenient, needs)["P-SMALL"]
    scores = dict(zip(lenient["plot_id"], lenient["score"], strict=True))
    assert scores["P-SMALL"] < scores["P-ALL"]
    assert list(lenient["score"]) == sorted(lenient["score"], reverse=True)


def test_hard_needs_come_on_top_of_the_search_filter(known):
    con, _, needs = known
    result = _match(con, needs, hard=[], flt=PlotFilter(electricity=True, soils=("clean",)))
    assert "P-NO-POWER" not in set(result["plot_id"]) and "P-DIRTY" not in set(result["plot_id"])
    assert "P-SMALL" in set(result["plot_id"])


def test_unstated_needs_do_not_count(known):
    con, candidates, _ = known
    result = _match(con, Needs(water=True), hard=[Need.WATER, Need.ELECTRICITY])
    # electricity is hard but not asked: P-NO-POWER stays and scores full
    assert set(result["plot_id"]) == set(candidates["plot_id"])
    assert set(result["score"]) == {100}
    assert set(_why(result, Needs(water=True)).values()) == {"Voldoet aan: water aanwezig."}


def test_window_need_on_known_plots(known):
    con, _, _ = known

    def free(start, months):
        found = _match(con, Needs(start=start, duration_months=months), hard=[])
        return set(found.loc[found["meets_window"].astype(bool), "plot_id"])

    assert free(START, 24) == {"P-ALL", "P-NO-POWER", "P-ELSEWHERE", "P-SMALL", "P-DIRTY",
                               "P-UNSURE", "P-ENDING"}
    # the agreement of P-ENDING ends on 31 January 2027: not free on that day, free after
    assert "P-ENDING" not in free(date(2027, 1, 31), 0)
    assert "P-ENDING" in free(date(2027, 2, 1), 0)
    # P-SHORT is free until 1 January 2028: for 10 months from START, not for 24
    assert "P-SHORT" in free(START, 10) and "P-SHORT" not in free(START, 24)
    assert "P-LATE" in free(date(2027, 6, 1), 12)
    why = _why(_match(con, Needs(start=date(2027, 2, 1)), hard=[]), Needs(start=date(2027, 2, 1)))
    assert why["P-ENDING"] == "Voldoet aan: vrij op 01-02-2027."
    assert why["P-HELD"] == "Mist: niet vrij op 01-02-2027."


def test_no_needs_means_every_plot_scores_100(known):
    con, candidates, _ = known
    result = _match(con, Needs())
    assert len(result) == len(candidates) and set(result["score"]) == {100}
    assert list(result["plot_id"]) == sorted(result["plot_id"])  # all tied: by plot id
    assert set(matching.explanations(result, Needs(), "nl")) == {i18n.t("match.no_needs", "nl")}


def test_theme_need_checks_the_zoning(con):
    b = Builder(con)
    b.plot("P-FACTORY", area=100, zoning="bedrijven")
    b.plot("P-FARM", area=100, zoning="agrarisch")
    b.done()
    needs = Needs(theme="urban_farming")
    result = _match(con, needs, hard=[])
    met = dict(zip(result["plot_id"], result["meets_theme"], strict=True))
    assert met == {"P-FACTORY": False, "P-FARM": True}
    why = _why(result, needs)
    assert why["P-FACTORY"] == "Mist: bestemming bedrijven past niet bij thema Stadslandbouw."
    assert why["P-FARM"] == "Voldoet aan: bestemming agrarisch past bij thema Stadslandbouw."
    assert list(_match(con, needs, hard=[Need.THEME])["plot_id"]) == ["P-FARM"]


def test_needs_from_a_stored_initiative(ro_con):
    frame = db.fetch_df(ro_con, "initiatives_with_needs")
    assert "stopped" not in set(frame["stage"])
    raw = ro_con.execute(
        "SELECT initiative_id, need_min_area_m2, need_wijken, need_clean_soil, need_start, "
        "need_duration_months, theme FROM initiatives WHERE need_wijken LIKE '%,%' "
        "AND stage <> 'stopped' ORDER BY initiative_id LIMIT 1"
    ).fetchone()
    row = frame.set_index("initiative_id").loc[raw[0]].to_dict()
    needs = Needs.from_initiative(row)
    assert needs.min_area == raw[1]
    assert needs.wijken == tuple(raw[2].split(","))
    assert needs.clean_soil == raw[3] and needs.start == raw[4] and needs.theme == raw[6]
    assert needs.duration_months == raw[5]


def _window_cases(con) -> list[tuple[date, int]]:
    """Start dates on, just before and just after agreement ends and availability dates of
    the demo data (where the window rule turns), and first days of months, each with a
    duration from none to ten years: a fixed random sample of 40."""
    days = {d for (d,) in con.execute(
        "SELECT agreement_end FROM initiative_plots WHERE agreement_end IS NOT NULL "
        "UNION SELECT available_from FROM plots WHERE available_from IS NOT NULL "
        "UNION SELECT available_until FROM plots WHERE available_until IS NOT NULL").fetchall()}
    starts = sorted({d + timedelta(days=k) for d in days for k in (-1, 0, 1)}
                    | {date(y, m, 1) for y in range(2026, 2033) for m in (1, 7)})
    rng = random.Random(17)
    return [(start, rng.choice([0, 1, 6, 12, 24, 36, 120])) for start in rng.sample(starts, 40)]


def test_the_window_need_agrees_with_the_search_window_filter(ro_con):
    cases = _window_cases(ro_con)
    for start, months in cases:
        window = PlotFilter(free_from=start, free_months=months)
        filtered = list(plot_filter.filtered_plots(ro_con, window, geometry=False)["plot_id"])
        needs = Needs(start=start, duration_months=months)
        everything = matching.match_plots(ro_con, PlotFilter(), needs, hard=[])
        meets = sorted(everything.loc[everything["meets_window"].astype(bool), "plot_id"])
        assert meets == filtered, (start, months)
        hard = matching.match_plots(ro_con, PlotFilter(), needs, hard=[Need.WINDOW])
        assert sorted(hard["plot_id"]) == filtered, (start, months)
    # later dates free plots whose agreements end in between
    soon = plot_filter.filtered_plots(ro_con, PlotFilter(free_from=date(2026, 12, 1)))
    later = plot_filter.filtered_plots(ro_con, PlotFilter(free_from=date(2031, 12, 1)))
    assert set(later.loc[later["availability"] != "available", "plot_id"]) - set(soon["plot_id"])


def test_best_matches_are_the_top_five(known):
    con, _, needs = known
    result = _match(con, needs, hard=[])
    best = matching.best_matches(result)
    assert len(best) == 5
    top = sorted(zip(result["score"], result["plot_id"], strict=True),
                 key=lambda t: (-t[0], t[1]))[:5]
    assert best == [p for _, p in top]
    assert matching.best_matches(result.sample(frac=1, random_state=3)) == best
