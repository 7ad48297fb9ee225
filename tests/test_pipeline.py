"""The pipeline: cards per stage, overdue actions, filters, and agreements that end soon."""

from __future__ import annotations

from datetime import date

from gebrookerbos.domain import Stage, pipeline
from tests.actors import BROKER

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

TODAY = date(2026, 11, 28)


def test_every_initiative_is_a_card_in_its_stage_column(ro_con):
    cards = pipeline.cards(pipeline.pipeline_initiatives(ro_con, actor=BROKER), TODAY)
    per_stage = dict(ro_con.execute(
        "SELECT stage, count(*) FROM initiatives GROUP BY stage").fetchall())
    board = pipeline.board(cards)
    assert list(board) == [*pipeline.BOARD_STAGES]
    assert {str(s): len(c) for s, c in board.items() if c} == per_stage


def test_overdue_is_a_past_due_date_of_an_unfinished_initiative(ro_con):
    cards = {c.initiative_id: c for c in
             pipeline.cards(pipeline.pipeline_initiatives(ro_con, actor=BROKER), TODAY)}
    expected = dict(ro_con.execute(
        "SELECT initiative_id, date_diff('day', next_action_due, $t) FROM initiatives "
        "WHERE next_action_due < $t AND stage NOT IN ('realised', 'stopped')",
        {"t": TODAY}).fetchall())
    assert expected, "the demo data has overdue actions"
    assert {i: c.days_overdue for i, c in cards.items() if c.overdue} == expected
    # within a column, overdue cards come first
    for column in pipeline.board(list(cards.values())).values():
        flags = [c.overdue for c in column]
        assert flags == sorted(flags, reverse=True)


def test_overdue_by_hand():
    import pandas as pd

    frame = pd.DataFrame([
        {"initiative_id": "A", "title": "A", "stage": "plan", "account_manager": "X",
         "next_action": "bellen", "next_action_due": date(2026, 11, 27), "need_wijken": None,
         "plot_wijken": ["WK091711"]},
        {"initiative_id": "B", "title": "B", "stage": "plan", "account_manager": None,
         "next_action": None, "next_action_due": date(2026, 11, 28),
         "need_wijken": "BU09171402,WK091720", "plot_wijken": []},
        {"initiative_id": "C", "title": "C", "stage": "realised", "account_manager": "X",
         "next_action": "evalueren", "next_action_due": date(2020, 1, 1), "need_wijken": None,
         "plot_wijken": None},
    ])
    a, b, c = pipeline.cards(frame, TODAY)
    assert (a.overdue, a.days_overdue) == (True, 1)
    assert not b.overdue  # due today is not overdue yet
    assert not c.overdue  # realised: nothing left to do
    assert b.wijken == {"WK091714", "WK091720"}
    assert pipeline.filter_cards([a, b, c], account_manager="X") == [a, c]
    assert pipeline.filter_cards([a, b, c], wijk="WK091714") == [b]
    assert pipeline.account_managers([a, b, c]) == ["X"]


def test_filters_by_account_manager_and_wijk_match_sql(ro_con):
    cards = pipeline.cards(pipeline.pipeline_initiatives(ro_con, actor=BROKER), TODAY)
    manager = ro_con.execute(
        "SELECT account_manager FROM initiatives WHERE account_manager IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    mine = {c.initiative_id for c in pipeline.filter_cards(cards, account_manager=manager)}
    assert mine == {r[0] for r in ro_con.execute(
        "SELECT initiative_id FROM initiatives WHERE account_manager = $m", {"m": manager})
        .fetchall()}
    wijk = ro_con.execute("SELECT wijk_code FROM neighbourhoods b JOIN plots p "
                          "ON p.buurt_code = b.code GROUP BY 1 ORDER BY count(*) DESC "
                          "LIMIT 1").fetchone()[0]
    about = {c.initiative_id for c in pipeline.filter_cards(cards, wijk=wijk)}
    expected = {r[0] for r in ro_con.execute(
        "SELECT DISTINCT i.initiative_id FROM initiatives i "
        "LEFT JOIN initiative_plots ip USING (initiative_id) LEFT JOIN plots p USING (plot_id) "
        "LEFT JOIN neighbourhoods b ON b.code = p.buurt_code "
        "WHERE b.wijk_code = $w OR list_contains(string_split(i.need_wijken, ','), $w) "
        "OR list_has_any(list_transform(string_split(i.need_wijken, ','), "
        "c -> 'WK' || c[3:8]), [$w])", {"w": wijk}).fetchall()}
    assert about == expected and about


def test_agreements_ending_within_months(ro_con):
    ending = pipeline.agreements_ending(ro_con, 12, TODAY)
    expected = ro_con.execute(
        "SELECT ip.plot_id, ip.agreement_end FROM initiative_plots ip JOIN initiatives i "
        "USING (initiative_id) WHERE i.stage <> 'stopped' AND ip.agreement_end >= $t "
        "AND ip.agreement_end <= DATE '2027-11-28' ORDER BY 2, 1", {"t": TODAY}).fetchall()
    assert len(expected) > 0
    assert list(zip(ending["plot_id"], [d.date() for d in ending["agreement_end"]],
                    strict=True)) == expected
    assert list(ending["days_left"]) == [(d - TODAY).days for _, d in expected]
    assert "contact_name" not in ending.columns and "account_manager" not in ending.columns
    # a shorter period lists fewer (or as many) plots
    assert len(pipeline.agreements_ending(ro_con, 3, TODAY)) <= len(ending)


def test_wijk_of_codes():
    assert pipeline.wijk_of("BU09171101") == "WK091711"
    assert pipeline.wijk_of("WK091720") == "WK091720"
    assert pipeline.wijk_of("GM0917") is None
    assert Stage.STOPPED in pipeline.BOARD_STAGES
