-- name: get_meta
-- A value from schema_meta (e.g. schema_version, dataset).
SELECT value FROM schema_meta WHERE key = $key;

-- name: set_meta
-- Set a value in schema_meta.
INSERT INTO schema_meta (key, value) VALUES ($key, $value)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
