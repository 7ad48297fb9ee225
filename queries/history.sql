-- The history (gebrookerbos.domain.history): the state of plots and initiatives at a date, and the
-- events of one initiative. "At a date" means at the END of that day: of several events on
-- one day the one with the highest event_id wins.

-- name: plot_state_at
-- Every plot that was in the programme on $on_date (it has a plot event on or before it)
-- with its availability then, the initiative on it then (a non-stopped one first, then the
-- one that started last; only initiatives that existed then), that initiative's stage and
-- theme, and its progress then (the stage's progress from $stage_codes/$stage_progress; the
-- current explicit progress only while it is still in its current stage).
WITH plot_state AS (
    SELECT plot_id, arg_max(to_availability, (event_date, event_id)) AS availability
    FROM plot_events WHERE event_date <= $on_date
    GROUP BY plot_id
),
stage_state AS (
    SELECT initiative_id, arg_max(to_stage, (event_date, event_id)) AS stage,
           min(event_date) AS started
    FROM stage_events WHERE event_date <= $on_date
    GROUP BY initiative_id
),
changed_later AS (
    SELECT DISTINCT initiative_id FROM stage_events WHERE event_date > $on_date
),
holder AS (
    SELECT ip.plot_id,
           arg_max(ip.initiative_id, (ss.stage <> 'stopped', ss.started, ip.initiative_id))
               AS initiative_id
    FROM initiative_plots ip JOIN stage_state ss USING (initiative_id)
    GROUP BY ip.plot_id
)
SELECT ps.plot_id, ps.availability, h.initiative_id, i.title AS initiative_title,
       ss.stage, i.theme,
       CASE WHEN ss.stage IS NULL THEN NULL
            WHEN ss.stage = i.stage AND i.progress_explicit AND cl.initiative_id IS NULL
                THEN i.progress
            ELSE ($stage_progress::INTEGER[])[list_position($stage_codes::VARCHAR[], ss.stage)]
       END AS progress
FROM plot_state ps
LEFT JOIN holder h USING (plot_id)
LEFT JOIN stage_state ss ON ss.initiative_id = h.initiative_id
LEFT JOIN initiatives i ON i.initiative_id = h.initiative_id
LEFT JOIN changed_later cl ON cl.initiative_id = h.initiative_id
ORDER BY ps.plot_id;

-- name: history_initiative_stages_at
-- Every initiative that existed on $on_date (a stage event on or before it) and its stage then.
SELECT initiative_id, arg_max(to_stage, (event_date, event_id)) AS stage,
       min(event_date) AS started
FROM stage_events WHERE event_date <= $on_date
GROUP BY initiative_id
ORDER BY initiative_id;

-- name: history_plots_without_events
-- How many plots have no plot event at all (their past is unknown).
SELECT count(*) FROM plots p
WHERE NOT EXISTS (SELECT 1 FROM plot_events pe WHERE pe.plot_id = p.plot_id);

-- name: history_stage_events
-- The stage events of one initiative in the order they happened: public columns (not who
-- made the change, not the staff note).
SELECT event_id, event_date, from_stage, to_stage
FROM stage_events WHERE initiative_id = $initiative_id
ORDER BY event_date, event_id;

-- name: history_stage_events_internal
-- INTERNAL: the same with who made each change and the staff note (staff only).
SELECT event_id, event_date, from_stage, to_stage, by_whom, note
FROM stage_events WHERE initiative_id = $initiative_id
ORDER BY event_date, event_id;

-- name: history_plot_events
-- The availability events of the initiative's plots caused by it (reservations, taking
-- into use, releases), in the order they happened, with the plot's name; public columns.
SELECT pe.event_id, pe.event_date, pe.plot_id, p.name AS plot_name,
       pe.from_availability, pe.to_availability
FROM plot_events pe JOIN plots p USING (plot_id)
WHERE pe.initiative_id = $initiative_id
ORDER BY pe.event_date, pe.event_id;

-- name: history_plot_events_internal
-- INTERNAL: the same with who made each change and the staff note (staff only).
SELECT pe.event_id, pe.event_date, pe.plot_id, p.name AS plot_name,
       pe.from_availability, pe.to_availability, pe.by_whom, pe.note
FROM plot_events pe JOIN plots p USING (plot_id)
WHERE pe.initiative_id = $initiative_id
ORDER BY pe.event_date, pe.event_id;
