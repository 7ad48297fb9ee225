"""Matching plots to needs, on a real database with plots whose attributes we know."""

from __future__ import annotations

from datetime import date

import pytest

from gebrookerbos import db, i18n
from gebrookerbos.domain import matching, plot_filter
from gebrookerbos.domain.matching import Need, Needs

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
            "VALUES ($i, $i, 'nature', $s) ON CONFLICT DO NOTHING",
            {"i": initiative_id, "s": stage},
        )
        self.con.execute(
            "INSERT INTO initiative_plots (initiative_id, plot_id, agreement_end) "
            "VALUES ($i, $p, $e)", {"i": initiative_id, "p": plot_id, "e": agreement_end},
        )

    def done(self):
        db.execute(self.con, "assign_plot_buurten")
        return plot_filter.filtered_plots(self.con, plot_filter.PlotFilter())


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
    return candidates, needs


def test_full_match_ranks_above_soft_miss_and_hard_misses_are_absent(known):
    candidates, needs = known
    result = matching.match_plots(candidates, needs, lang="nl", today=TODAY)
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


def test_explanation_names_what_is_met_and_what_is_missed(known):
    candidates, needs = known
    result = matching.match_plots(candidates, needs, lang="nl", today=TODAY).set_index("plot_id")
    text = result.loc["P-NO-POWER", "explanation"]
    meets, misses = text.split("Mist:")
    assert "geen stroom" in misses
    assert "water aanwezig" in meets and "schone bodem" in meets
    assert "Mist" not in result.loc["P-ALL", "explanation"]
    assert "ligt niet in een gewenste wijk" in result.loc["P-ELSEWHERE", "explanation"]
    english = matching.match_plots(candidates, needs, lang="en", today=TODAY).set_index("plot_id")
    assert "Misses: no electricity" in english.loc["P-NO-POWER", "explanation"]
    assert result.loc["P-NO-POWER", "missed"] == ["electricity"]


def test_broker_decides_what_is_hard(known):
    candidates, needs = known
    strict = matching.match_plots(candidates, needs, hard=[*matching.DEFAULT_HARD, Need.ELECTRICITY],
                                  today=TODAY)
    assert "P-NO-POWER" not in set(strict["plot_id"])
    lenient = matching.match_plots(candidates, needs, hard=[], today=TODAY).set_index("plot_id")
    # nothing is hard: every plot is listed, hard misses only lower the score
    assert set(lenient.index) == set(candidates["plot_id"])
    assert "oppervlakte 500 m² is te klein" in lenient.loc["P-SMALL", "explanation"]
    assert lenient.loc["P-SMALL", "score"] < lenient.loc["P-ALL", "score"]


def test_window_rule_on_known_plots(known):
    candidates, _ = known
    rows = {r["plot_id"]: r for r in candidates.to_dict("records")}
    free = {p for p, r in rows.items() if plot_filter.free_for(r, START, 24)}
    assert free == {"P-ALL", "P-NO-POWER", "P-ELSEWHERE", "P-SMALL", "P-DIRTY", "P-ENDING"}
    # the agreement of P-ENDING ends on 31 January 2027: not free on that day, free after
    assert not plot_filter.free_for(rows["P-ENDING"], date(2027, 1, 31), 0)
    assert plot_filter.free_for(rows["P-ENDING"], date(2027, 2, 1), 0)
    # P-SHORT is free for 12 months but not for 24
    assert plot_filter.free_for(rows["P-SHORT"], START, 10)
    assert not plot_filter.free_for(rows["P-SHORT"], START, 24)


def test_no_needs_means_every_plot_scores_100(known):
    candidates, _ = known
    result = matching.match_plots(candidates, Needs(), today=TODAY)
    assert len(result) == len(candidates) and set(result["score"]) == {100}
    assert set(result["explanation"]) == {i18n.t("match.no_needs", "nl")}


def test_theme_need_checks_the_zoning():
    plot = {"zoning": "bedrijven", "area_m2": 100.0}
    checks = matching.check_needs(plot, Needs(theme="urban_farming"), "nl")
    assert [c.met for c in checks] == [False]
    assert "bestemming bedrijven past niet bij thema Stadslandbouw" in checks[0].text
    assert matching.check_needs({**plot, "zoning": "agrarisch"},
                                Needs(theme="urban_farming"), "nl")[0].met


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


def test_sql_and_python_window_rules_agree_on_the_demo_data(ro_con):
    everything = plot_filter.filtered_plots(ro_con, plot_filter.PlotFilter())
    for start, months in [(date(2026, 12, 1), 0), (date(2027, 3, 1), 24),
                          (date(2028, 6, 1), 12), (date(2031, 6, 1), 120)]:
        sql = plot_filter.filtered_plots(
            ro_con, plot_filter.PlotFilter(free_from=start, free_months=months))
        python = [r["plot_id"] for r in everything.to_dict("records")
                  if plot_filter.free_for(r, start, months)]
        assert list(sql["plot_id"]) == python, (start, months)
    # later dates free plots whose agreements end in between
    soon = plot_filter.filtered_plots(ro_con, plot_filter.PlotFilter(free_from=date(2026, 12, 1)))
    later = plot_filter.filtered_plots(ro_con, plot_filter.PlotFilter(free_from=date(2031, 12, 1)))
    assert set(later.loc[later["availability"] != "available", "plot_id"]) - set(soon["plot_id"])


def test_best_matches_are_the_top_five(known):
    candidates, needs = known
    result = matching.match_plots(candidates, needs, hard=[], today=TODAY)
    best = matching.best_matches(result)
    assert len(best) == 5
    top = sorted(zip(result["score"], result["plot_id"], strict=True),
                 key=lambda t: (-t[0], t[1]))[:5]
    assert best == [p for _, p in top]
