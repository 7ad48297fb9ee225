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

-- name: stage_event_count
-- How many stage events the initiative has (0 = its creation was never recorded).
SELECT count(*) FROM stage_events WHERE initiative_id = $initiative_id;
