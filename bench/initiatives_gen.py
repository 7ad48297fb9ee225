"""Generated initiatives with their histories, on a database of (generated) plots.

:func:`add_initiatives` adds ``n`` fictional initiatives to a database that has plots but no
initiatives yet (as ``bench.common.build_database`` makes it), the way the programme would
have produced them since 2014:

- every initiative has a theme, a title and summary from the demo's templates (named after
  the buurt of its plot), a stage spread over the stages as in the demo data
  (``demo.STAGE_COUNTS``; stopped ones stopped from an earlier stage as ``demo.STOPPED_FROM``),
  start and expected dates, a next action, stored needs for matching and fictional contact
  data (the demo's invented names, example.org addresses, the unissued 06-0 range);
- its stage history: one stage event per stage it went through (idea, exploring, ...,
  its current stage), dated with the demo's stays per stage (``demo.STAY_DAYS``);
- from exploring on (most of them) one plot, some from approved on two or three, each plot
  linked to one initiative only, with a user agreement from the approval date;
- the plots' availability follows the initiatives' stages through the one writer,
  :func:`gebrookerbos.services.holding.change_availability` (plot event and audit entry per
  change, by ``COMMAND_LINE``): reserved from exploring, in use from in_progress, available
  again when stopped, replayed in time order and recorded at the end of each month.

Before the replay the plots' first events (written by the import, dated the day of the
import) are dated back to ``demo.PORTFOLIO_START``: the plots were on the list before the
first initiative, so the map at a past date and the programme charts see a consistent
history. Afterwards the holding invariant holds (a plot's availability is what its holders
imply; checked with ``holding.settle`` and ``holding.out_of_step``).

Everything is drawn at once with numpy (fixed seed) and written with one SQL statement per
table; only the availability replay is one writer call per month.
"""

from __future__ import annotations

import time
import unicodedata
from datetime import date

import numpy as np
import pandas as pd

from gebrookerbos import db
from gebrookerbos.domain import STAGE_ORDER, STAGE_PROGRESS, Stage, Theme
from gebrookerbos.domain.auth import COMMAND_LINE
from gebrookerbos.services import demo, holding

SEED = 917
IDEA, EXPLORING, APPROVED, IN_PROGRESS = (STAGE_ORDER.index(s) for s in (
    Stage.IDEA, Stage.EXPLORING, Stage.APPROVED, Stage.IN_PROGRESS))
STOPPED = len(STAGE_ORDER)  # stage code of "stopped" (after the forward path)
STAGES = [*STAGE_ORDER, Stage.STOPPED]  # stage codes 0..6
HS = np.datetime64(demo.HISTORY_START, "D")


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def _round50(values: np.ndarray) -> np.ndarray:
    return np.maximum(50, 50 * np.round(values / 50)).astype(int)


def _first_of_month(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[M]").astype("datetime64[D]")


def _month_end(days: np.ndarray) -> np.ndarray:
    return (days.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1


def _dates(days: np.ndarray) -> pd.Series:
    """datetime64[D] (NaT = none) as a column of dates."""
    return pd.Series(pd.to_datetime(days)).dt.date.astype(object).where(~np.isnat(days), None)


def add_initiatives(con, n: int, *, seed: int = SEED, today: date | None = None) -> dict:
    """Add ``n`` initiatives with stage histories, plot links, agreements and the plots'
    availability history (see the module docstring); returns counts and timings.

    The database must have plots and no initiatives. Deterministic for a given ``seed``,
    database and ``today``.
    """
    t_start = time.perf_counter()
    today = today or date.today()
    now = np.datetime64(today, "D")
    if con.execute("SELECT count(*) FROM initiatives").fetchone()[0]:
        raise ValueError("the database has initiatives already")
    plots = con.execute("""
        SELECT p.plot_id, p.area_m2, p.availability, coalesce(b.name, 'Heerlen') AS buurt,
               coalesce(b.wijk_code, '') AS wijk
        FROM plots p LEFT JOIN neighbourhoods b ON b.code = p.buurt_code AND b.level = 'buurt'
        ORDER BY p.plot_id""").df()
    rng = np.random.default_rng(seed)

    # --- stages and their dates ---------------------------------------------------------
    stage_names = list(demo.STAGE_COUNTS)
    weights = np.array(list(demo.STAGE_COUNTS.values()), float)
    stage = np.array([STAGES.index(s) for s in stage_names])[
        rng.choice(len(stage_names), n, p=weights / weights.sum())]
    stopped = stage == STOPPED
    stopped_from = np.array([STAGE_ORDER.index(s) for s in demo.STOPPED_FROM])
    last_forward = np.where(stopped, rng.choice(stopped_from, n), np.minimum(stage, STOPPED - 1))
    length = last_forward + 1 + stopped  # stages in the path
    theme_names = list(demo.THEME_COUNTS)
    theme_w = np.array(list(demo.THEME_COUNTS.values()), float)
    theme = rng.choice(len(theme_names), n, p=theme_w / theme_w.sum())

    # the date of the last stage event, in a window by stage (as the demo data has them)
    lo = np.full(n, now - 400)
    hi = np.full(n, now - 7)
    lo[stage == STAGE_ORDER.index(Stage.REALISED)] = np.datetime64("2015-06-01")
    hi[stage == STAGE_ORDER.index(Stage.REALISED)] = now - 30
    lo[stage == IDEA], hi[stage == IDEA] = now - 520, now - 3
    lo[stopped], hi[stopped] = np.datetime64("2015-01-01"), now - 10
    span = (hi - lo).astype(int)
    last = lo + (rng.random(n) * (span + 1)).astype(int)
    # days in each stage before the next step (idea .. in_progress)
    stay_range = np.array([demo.STAY_DAYS[s] for s in STAGE_ORDER[:-1]])
    stays = rng.integers(stay_range[:, 0], stay_range[:, 1] + 1, size=(n, len(stay_range)))
    stays = stays * (np.arange(len(stay_range))[None, :] < (length - 1)[:, None])
    total = stays.sum(axis=1)
    room = (last - HS).astype(int)
    late = total > room  # a long path that would start before 2014: end it later
    last[late] = np.minimum(hi[late], HS + total[late] + rng.integers(0, 91, late.sum()))
    room = (last - HS).astype(int)
    squeeze = total > room
    if squeeze.any():
        factor = room[squeeze] / total[squeeze]
        stays[squeeze] = np.where(stays[squeeze] > 0,
                                  np.maximum(1, (stays[squeeze] * factor[:, None]).astype(int)), 0)
        total = stays.sum(axis=1)
    start = last - total
    offsets = np.concatenate([np.zeros((n, 1), int), np.cumsum(stays, axis=1)], axis=1)

    # long form: one row per stage an initiative went through
    ini_ix = np.repeat(np.arange(n), length)
    pos = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    row_stage = np.where(pos <= last_forward[ini_ix], pos, STOPPED)
    entered = start[ini_ix] + np.where(row_stage == STOPPED, total[ini_ix],
                                       offsets[ini_ix, np.minimum(pos, offsets.shape[1] - 1)])

    def entered_at(code: int) -> np.ndarray:
        """The date each initiative entered stage ``code`` (NaT if never)."""
        out = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        hit = row_stage == code
        out[ini_ix[hit]] = entered[hit]
        return out

    # --- plots ----------------------------------------------------------------------------
    reached_exploring = last_forward >= EXPLORING
    wants = np.where(stage == EXPLORING, rng.random(n) < 0.9,
                     np.where(stopped & (last_forward == EXPLORING), rng.random(n) < 0.5, True))
    holds = reached_exploring & wants
    n_plots = np.where(holds, 1, 0)
    more = holds & (last_forward >= APPROVED) & (rng.random(n) < 0.2)
    n_plots[more] = rng.integers(2, 4, more.sum())
    free = np.flatnonzero(plots["availability"].to_numpy() == "available")
    if n_plots.sum() > len(free):
        raise ValueError(f"{n_plots.sum()} plots needed, {len(free)} available")
    picked = rng.choice(free, n_plots.sum(), replace=False)
    link_ini = np.repeat(np.arange(n), n_plots)
    first_plot = np.full(n, -1)
    first_plot[link_ini[::-1]] = picked[::-1]  # the first linked plot of each initiative
    anchor = np.where(first_plot >= 0, first_plot, rng.integers(0, len(plots), n))
    area = plots["area_m2"].to_numpy()
    need_area = np.where(first_plot >= 0,
                         np.bincount(link_ini, weights=area[picked], minlength=n), area[anchor])

    approved_on = entered_at(APPROVED)
    stop_on = entered_at(STOPPED)
    agreement_end = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    signed = ~np.isnat(approved_on)
    agreement_end[signed & stopped] = stop_on[signed & stopped]
    running = signed & ~stopped
    pick = rng.random(n)
    term = approved_on + 365 * rng.choice([3, 5, 10], n)
    renewed = now + rng.integers(400, 2201, n)
    agreement_end[running] = np.where(term <= now + 400, renewed, term)[running]
    agreement_end[running & (pick < 0.35)] = np.datetime64("NaT")  # open-ended
    expiring = running & (pick > 0.95)  # ends within a year
    agreement_end[expiring] = (now + rng.integers(20, 356, n))[expiring]

    # --- the initiatives' records ---------------------------------------------------------
    by_theme = {t: [tp for tp in demo.TEMPLATES if tp.theme == t] for t in Theme}
    # the buurt name as used in everyday speech (as the demo names its initiatives)
    buurt = np.array([demo.SHORT_NAMES.get(b, b.removesuffix(" en omgeving"))
                      for b in plots["buurt"].to_numpy()[anchor]], dtype=object)
    wijk = plots["wijk"].to_numpy()[anchor]
    first_names = rng.choice(demo.FIRST_NAMES, n)
    last_names = rng.choice(demo.LAST_NAMES, n)
    template_pick = rng.random(n)
    manager = np.where((stage != IDEA) | (rng.random(n) < 0.4),
                       rng.choice(demo.ACCOUNT_MANAGERS, n), None)
    records, titles = [], []
    for i in range(n):
        th = Theme(theme_names[theme[i]])
        templates = by_theme[th]
        tpl = templates[int(template_pick[i] * len(templates))]
        stream = demo.STREAMS.get(wijk[i]) or buurt[i]
        titles.append(tpl.title.format(buurt=buurt[i], stream=stream))
        partners = list(rng.choice(demo.PARTNERS[th], rng.integers(0, 4), replace=False))
        records.append({
            "public_summary": tpl.summary.format(buurt=buurt[i], stream=stream),
            "theme": th.value,
            "partners": ", ".join(partners) or None,
            "need_water": tpl.water, "need_electricity": tpl.electricity,
            "need_car_access": tpl.car, "need_clean_soil": tpl.clean_soil,
        })
    frame = pd.DataFrame(records)
    title = pd.Series(titles)
    number = title.groupby(title).cumcount() + 1  # "Buurtmoestuin Schandelen 2", ...
    frame["title"] = title.where(number == 1, title + " " + number.astype(str))
    frame.insert(0, "initiative_id", [f"INI-{i:05d}" for i in range(1, n + 1)])
    frame["stage"] = [STAGES[s].value for s in stage]
    frame["progress"] = [STAGE_PROGRESS[STAGES[s]] for s in stage]
    frame["initiator_group"] = [f"Bewonersgroep {b}" for b in buurt]
    frame["contact_name"] = [f"{a} {b}" for a, b in zip(first_names, last_names, strict=True)]
    frame["contact_email"] = [
        f"{_ascii(a)}.{_ascii(b)}{i}@{demo.EMAIL_DOMAINS[i % 2]}"
        for i, (a, b) in enumerate(zip(first_names, last_names, strict=True))]
    frame["contact_phone"] = [f"06-0{x:07d}" for x in rng.integers(0, 10_000_000, n)]
    frame["account_manager"] = manager
    frame["start_date"] = _dates(start)
    remaining = np.maximum(STOPPED - 1 - stage, 0)
    expected = _first_of_month(now + rng.integers(60, 131, n) * np.maximum(remaining, 1))
    expected = np.where(stage == STAGE_ORDER.index(Stage.REALISED), last, expected)
    expected[stopped] = np.datetime64("NaT")
    frame["expected_date"] = _dates(expected)
    actions = [demo.NEXT_ACTIONS.get(STAGES[s]) for s in stage]
    has_action = np.array([a is not None for a in actions]) & (
        (stage != STAGE_ORDER.index(Stage.REALISED)) | (rng.random(n) < 0.3))
    action_pick = rng.random(n)
    frame["next_action"] = [a[int(p * len(a))] if h else None
                            for a, p, h in zip(actions, action_pick, has_action, strict=True)]
    due = np.maximum(now + rng.integers(-75, 81, n), last + 7)
    due[~has_action] = np.datetime64("NaT")
    frame["next_action_due"] = _dates(due)
    frame["need_min_area_m2"] = _round50(need_area * rng.uniform(0.5, 0.9, n)).astype(float)
    frame["need_max_area_m2"] = _round50(need_area * rng.uniform(1.2, 2.0, n)).astype(float)
    frame["need_wijken"] = [w or None for w in wijk]
    early = (stage == IDEA) | (stage == EXPLORING)
    second = start + stays[:, 0]  # the date it entered its second stage
    frame["need_start"] = _dates(_first_of_month(np.where(
        early, now + rng.integers(30, 271, n), second + 31)))
    months = rng.choice([12, 24, 36, 60, 120, 0], n)  # 0: no duration given
    frame["need_duration_months"] = pd.array([m or None for m in months.tolist()], dtype="Int64")
    frame["created_at"] = pd.to_datetime(start)
    frame["updated_at"] = pd.to_datetime(last)
    frame["updated_by"] = COMMAND_LINE.name

    ids = frame["initiative_id"].to_numpy()
    ini_title = frame["title"].to_numpy()
    links = pd.DataFrame({
        "initiative_id": ids[link_ini],
        "plot_id": plots["plot_id"].to_numpy()[picked],
        "agreement_start": _dates(approved_on[link_ini]),
        "agreement_end": _dates(agreement_end[link_ini]),
    })
    notes = {code: demo.STAGE_NOTES[s] for code, s in enumerate(STAGES)}
    events = pd.DataFrame({
        "initiative_id": ids[ini_ix],
        "event_date": _dates(entered),
        "from_stage": [STAGES[s].value if p > 0 else None
                       for s, p in zip(np.r_[0, row_stage[:-1]], pos, strict=True)],
        "to_stage": [STAGES[s].value for s in row_stage],
        "by_whom": COMMAND_LINE.name,
        "note": [notes[s][k % len(notes[s])] for k, s in enumerate(row_stage)],
        "day": entered, "pos": pos,
    })
    t_draw = time.perf_counter() - t_start

    # --- the plots' availability over time: (date, step, from, to) per linked plot ---------
    steps = []
    for code, source, target, note in (
            (EXPLORING, "available", "reserved", "In optie voor {}."),
            (IN_PROGRESS, "reserved", "in_use", "In gebruik genomen door {}.")):
        on = entered_at(code)[link_ini]
        hit = ~np.isnat(on)
        steps.append(pd.DataFrame({"link": np.flatnonzero(hit), "day": on[hit], "step": code,
                                   "from": source, "to": target, "note": note}))
    on = stop_on[link_ini]
    hit = ~np.isnat(on)
    was = np.where(~np.isnat(entered_at(IN_PROGRESS)[link_ini]), "in_use", "reserved")
    steps.append(pd.DataFrame({"link": np.flatnonzero(hit), "day": on[hit], "step": STOPPED,
                               "from": was[hit], "to": "available",
                               "note": "Vrijgekomen: {} is gestopt."}))
    moves = pd.concat(steps, ignore_index=True)
    moves["on"] = np.minimum(_month_end(moves["day"].to_numpy().astype("datetime64[D]")), now)
    moves = moves.sort_values(["on", "link", "step"], kind="stable")
    moves["round"] = moves.groupby(["on", "link"]).cumcount()  # two steps in one month
    action = {EXPLORING: "reserve", IN_PROGRESS: "availability_by_stage",
              STOPPED: "availability_by_stage"}
    link_plot = links["plot_id"].to_numpy()

    t0 = time.perf_counter()
    calls = 0
    with db.transaction(con):
        con.register("gen_initiatives", frame)
        con.register("gen_links", links)
        con.register("gen_events", events)
        try:
            columns = ", ".join(c for c in frame.columns)
            con.execute(f"INSERT INTO initiatives ({columns}) SELECT {columns} FROM gen_initiatives")
            con.execute("INSERT INTO initiative_plots SELECT * FROM gen_links")
            con.execute("""
                INSERT INTO stage_events (initiative_id, event_date, from_stage, to_stage,
                                          by_whom, note)
                SELECT initiative_id, event_date, from_stage, to_stage, by_whom, note
                FROM gen_events ORDER BY day, initiative_id, pos""")
        finally:
            for name in ("gen_initiatives", "gen_links", "gen_events"):
                con.unregister(name)
        # the plots were on the list before the first initiative (see the module docstring)
        con.execute("UPDATE plot_events SET event_date = $start "
                    "WHERE from_availability IS NULL AND event_date > $start",
                    {"start": demo.PORTFOLIO_START})
        for (on, _, step), group in moves.groupby(["on", "round", "step"], sort=True):
            holding.change_availability(con, [
                holding.AvailabilityChange(
                    link_plot[k], source, target, ids[link_ini[k]],
                    note.format(ini_title[link_ini[k]]))
                for k, source, target, note in zip(group["link"], group["from"], group["to"],
                                                   group["note"], strict=True)
            ], by=COMMAND_LINE.name, on_date=pd.Timestamp(on).date(), action=action[step])
            calls += 1
        left = holding.settle(con, link_plot, by=COMMAND_LINE.name, on_date=today,
                              action="availability_by_stage")
    t_write = time.perf_counter() - t0
    if left or not holding.out_of_step(con).empty:
        raise RuntimeError(f"generated availability out of step: {len(left)} plots")
    return {
        "initiatives": n, "stage_events": len(events), "initiative_plots": len(links),
        "plot_events": len(moves), "writer_calls": calls,
        "stages": {str(k): int(v) for k, v in frame["stage"].value_counts().sort_index().items()},
        "draw_s": round(t_draw, 2), "write_s": round(t_write, 2),
        "total_s": round(time.perf_counter() - t_start, 2),
    }
