-- name: get_meta
-- A value from schema_meta (e.g. schema_version, dataset).
SELECT value FROM schema_meta WHERE key = $key;

-- name: set_meta
-- Set a value in schema_meta.
INSERT INTO schema_meta (key, value) VALUES ($key, $value)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;

-- name: data_version
-- A fingerprint of everything the pages show: it changes with every write, by this
-- process or another one on the same store (an edit, a reservation, a stage change, an
-- import, an account, a restore). Each rerun compares it with the last one it saw.
SELECT (SELECT coalesce(max(audit_id), 0) FROM audit_log),
       (SELECT coalesce(max(event_id), 0) FROM plot_events),
       (SELECT coalesce(max(event_id), 0) FROM stage_events),
       (SELECT count(*) FROM plots), (SELECT coalesce(sum(version), 0) FROM plots),
       (SELECT count(*) FROM initiatives), (SELECT coalesce(sum(version), 0) FROM initiatives),
       (SELECT count(*) FROM initiative_plots), (SELECT count(*) FROM users),
       (SELECT string_agg(key || '=' || value, ';' ORDER BY key) FROM schema_meta);
