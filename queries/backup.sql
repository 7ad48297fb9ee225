-- Backups, restores and the whole-database GeoPackage export (gebrookerbos.services.backup).

-- name: schema_columns
-- Every column of the open database's tables with its type, in order (what a restore
-- compares with this version's schema).
SELECT table_name, column_name, data_type FROM information_schema.columns
WHERE table_catalog = current_database() AND table_schema = 'main'
ORDER BY table_name, ordinal_position;

-- name: backup_tables
-- The tables of the open database, in name order (what a backup and an export hold).
SELECT table_name FROM information_schema.tables
WHERE table_catalog = current_database() AND table_schema = 'main'
  AND table_type = 'BASE TABLE'
ORDER BY table_name;

-- name: backup_geometry_columns
-- The geometry columns of the open database's tables (exported as EPSG:28992 layers).
SELECT table_name, column_name FROM information_schema.columns
WHERE table_catalog = current_database() AND table_schema = 'main'
  AND data_type LIKE 'GEOMETRY%'
ORDER BY table_name, ordinal_position;

-- name: backup_table_rows
-- All rows of one table; $table_name comes from `backup_tables` (the catalog itself).
SELECT * FROM query_table($table_name);

-- name: backup_current_database
-- The name of the open database (the source of COPY FROM DATABASE).
SELECT current_database();

-- name: backup_attach
-- Attach the new, empty backup file. Not run with parameters: backup.py puts in a path it
-- generated itself and checked against a strict pattern (ATTACH takes no bound values).
ATTACH '{path}' AS gebrookerbos_backup;

-- name: backup_copy
-- Copy every table, sequence (with its current value) and constraint into the backup;
-- {source} is the open database's own name, checked against the identifier pattern.
COPY FROM DATABASE "{source}" TO gebrookerbos_backup;

-- name: backup_detach
-- Close the backup file.
DETACH gebrookerbos_backup;

-- name: restore_attach
-- Attach a copy of the backup to restore, read-only. Not run with parameters: backup.py puts
-- in a path it generated itself and checked against a strict pattern.
ATTACH '{path}' AS gebrookerbos_restore (READ_ONLY);

-- name: restore_copy
-- Rebuild the backup in the fresh file: every row of every table is read (a damaged block
-- fails), indexes and constraints are made anew; {target} is the fresh file's own name,
-- checked against the identifier pattern.
COPY FROM DATABASE gebrookerbos_restore TO "{target}";

-- name: restore_detach
-- Close the backup being restored.
DETACH gebrookerbos_restore;

-- name: checkpoint_database
-- Write everything from the write-ahead log into the database file.
CHECKPOINT;

-- name: backup_meta
-- All schema_meta entries (version, dataset, when a backup was made).
SELECT key, value FROM schema_meta ORDER BY key;

-- name: backup_counts
-- How many plots and initiatives a database holds (shown before a restore).
SELECT (SELECT count(*) FROM plots), (SELECT count(*) FROM initiatives);
