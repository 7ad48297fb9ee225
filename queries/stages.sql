-- Changing an initiative's stage (gebrookerbos.services.stages): the initiative, its events, its plots.

-- name: stage_change_initiative
-- The fields a stage change reads and writes (no personal data).
SELECT initiative_id, title, stage, progress, progress_explicit, version
FROM initiatives WHERE initiative_id = $initiative_id;

-- name: stage_last_event_date
-- The date of the initiative's latest stage event (NULL when it has none).
SELECT max(event_date) FROM stage_events WHERE initiative_id = $initiative_id;

-- name: stage_insert_event
-- Record one change of stage: date, from, to, who and the note.
INSERT INTO stage_events (initiative_id, event_date, from_stage, to_stage, by_whom, note)
VALUES ($initiative_id, $event_date, $from_stage, $to_stage, $by_whom, $note);

-- name: stage_update_initiative
-- Set stage and progress, bump the version (optimistic lock on $version).
UPDATE initiatives
SET stage = $stage, progress = $progress, progress_explicit = $progress_explicit,
    version = version + 1, updated_at = now()::TIMESTAMP, updated_by = $by_whom
WHERE initiative_id = $initiative_id AND version = $version;

-- name: stage_plots_of_initiative
-- The initiative's plots with their availability, the date of their latest plot event and
-- another linked initiative that holds the plot now (stage in $holding_stages), if any.
SELECT p.plot_id, p.name, p.availability,
       (SELECT max(pe.event_date) FROM plot_events pe WHERE pe.plot_id = p.plot_id)
           AS last_event_date,
       (SELECT min(o.title) FROM initiative_plots op JOIN initiatives o USING (initiative_id)
        WHERE op.plot_id = p.plot_id AND o.initiative_id <> $initiative_id
          AND list_contains($holding_stages::VARCHAR[], o.stage)) AS other_holder
FROM initiative_plots ip JOIN plots p USING (plot_id)
WHERE ip.initiative_id = $initiative_id
ORDER BY p.plot_id;

-- name: stage_update_plot_availability
-- Set a plot's availability because its initiative changed stage; bumps the plot's version.
UPDATE plots
SET availability = $availability, version = version + 1,
    updated_at = now()::TIMESTAMP, updated_by = $by_whom
WHERE plot_id = $plot_id;

-- name: stage_insert_plot_event
-- Record one change of a plot's availability (with the initiative that caused it).
INSERT INTO plot_events (plot_id, event_date, from_availability, to_availability,
                         initiative_id, by_whom, note)
VALUES ($plot_id, $event_date, $from_availability, $to_availability,
        $initiative_id, $by_whom, $note);

-- name: stage_event_count
-- How many stage events the initiative has (0 = its creation was never recorded).
SELECT count(*) FROM stage_events WHERE initiative_id = $initiative_id;
