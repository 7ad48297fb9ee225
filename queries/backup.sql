-- Backups, restores and the whole-database GeoPackage export (gebrookerbos.services.backup).
-- "The open database's tables" are the app's base tables in the current schema: 'main' of
-- the DuckDB file, 'public' of a PostgreSQL store, where PostGIS's spatial_ref_sys and its
-- catalog views (which the postgres extension lists as tables) are not the app's.

-- name: schema_columns
-- Every column of the open database's tables with its type, in order (what a restore
-- compares with this version's schema).
SELECT c.table_name, c.column_name, c.data_type
FROM information_schema.columns c
JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
WHERE c.table_catalog = current_database() AND c.table_schema = current_schema()
  AND t.table_type = 'BASE TABLE'
  AND c.table_name NOT IN ('spatial_ref_sys', 'geometry_columns', 'geography_columns')
ORDER BY c.table_name, c.ordinal_position;

-- name: backup_tables
-- The tables of the open database, in name order (what a backup and an export hold).
SELECT table_name FROM information_schema.tables
WHERE table_catalog = current_database() AND table_schema = current_schema()
  AND table_type = 'BASE TABLE'
  AND table_name NOT IN ('spatial_ref_sys', 'geometry_columns', 'geography_columns')
ORDER BY table_name;

-- name: backup_geometry_columns
-- The geometry columns of the open database's tables (exported as EPSG:28992 layers).
SELECT c.table_name, c.column_name
FROM information_schema.columns c
JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
WHERE c.table_catalog = current_database() AND c.table_schema = current_schema()
  AND t.table_type = 'BASE TABLE' AND c.data_type LIKE 'GEOMETRY%'
ORDER BY c.table_name, c.ordinal_position;

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
