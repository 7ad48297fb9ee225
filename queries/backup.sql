-- Backups, restores and the whole-database GeoPackage export (gebrookerbos.services.backup).
-- "The open database's tables" are the app's base tables in the current schema: 'main' of
-- the DuckDB file, 'public' of a PostgreSQL store, where PostGIS's spatial_ref_sys and its
-- catalog views (which the postgres extension lists as tables) are not the app's.
--
-- On a PostgreSQL store a backup is the same DuckDB file: this version's schema in a new
-- file, filled table by table from one snapshot of the store (one transaction), and a
-- restore fills the store from the checked, migrated copy of the file in one transaction.
-- {table} comes from `backup_tables` and {sequence} from the file's own catalog, both
-- checked against the identifier pattern (these statements take no bound names).

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


-- name: backup_clear_table
-- Empty one table of the new backup file (its schema comes with a first row or two).
DELETE FROM gebrookerbos_backup.main."{table}";

-- name: backup_store_table
-- Copy one of the store's tables into the backup file.
INSERT INTO gebrookerbos_backup.main."{table}" SELECT * FROM "{table}";

-- name: backup_sequences
-- The sequences of the backup file (the same names as the store's).
SELECT sequence_name FROM duckdb_sequences()
WHERE database_name = 'gebrookerbos_backup' ORDER BY sequence_name;

-- name: store_sequence_value
-- How far one of the store's sequences is (the last number handed out, or 0).
SELECT CASE WHEN is_called THEN last_value ELSE 0 END
FROM postgres_query('store', 'SELECT last_value, is_called FROM public.{sequence}');

-- name: backup_advance_sequence
-- Bring the backup file's sequence to the store's: hand out $n numbers.
SELECT count(nextval('gebrookerbos_backup.main.{sequence}')) FROM range($n);

-- name: restore_clear_table
-- Empty one of the store's tables (in the restore's transaction).
DELETE FROM "{table}";

-- name: restore_store_table
-- Fill one of the store's tables from the backup being restored.
INSERT INTO "{table}" SELECT * FROM gebrookerbos_restore.main."{table}";

-- name: restore_sequences
-- The sequences of the backup being restored, with the last number each handed out.
SELECT sequence_name, coalesce(last_value, 0) FROM duckdb_sequences()
WHERE database_name = 'gebrookerbos_restore' ORDER BY sequence_name;

-- name: restore_store_sequence
-- Set one of the store's sequences to the restored backup's: the next number follows it.
CALL postgres_execute('store', 'SELECT setval(''public.{sequence}'', {value}, {called})');
