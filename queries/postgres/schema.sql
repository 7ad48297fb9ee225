-- Gebrookerbos database schema on PostgreSQL with PostGIS: the tables of the current schema
-- version, in PostgreSQL's own dialect (run by gebrookerbos.db.postgres on an empty
-- database, in one transaction, together with its version in schema_meta).
--
-- The tables, columns, column order, defaults and checks are those of the embedded DuckDB
-- file (queries/schema.sql with queries/migrations/ applied), so that a backup of either
-- restores into the other. Geometries are PostGIS geometries in RD New (EPSG:28992) with a
-- spatial (GiST) index. The views and macros (queries/migrations/) are not stored here: the
-- query engine defines them on every connection from the same files, so each rule has one
-- definition for both stores. Later versions: queries/postgres/migrations/NNN_*.sql, the
-- same number as the DuckDB migration that makes the same change.

CREATE TABLE schema_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE neighbourhoods (
    code VARCHAR PRIMARY KEY,
    level VARCHAR NOT NULL CHECK (level IN ('gemeente', 'wijk', 'buurt')),
    name VARCHAR NOT NULL,
    wijk_code VARCHAR,
    gemeente_code VARCHAR NOT NULL,
    geom geometry(Geometry, 28992) NOT NULL,
    polygon_area_m2 DOUBLE PRECISION NOT NULL
);
CREATE INDEX neighbourhoods_geom_idx ON neighbourhoods USING gist (geom);

CREATE TABLE neighbourhood_figures (
    region_code VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    variable VARCHAR NOT NULL,
    value DOUBLE PRECISION,
    source VARCHAR NOT NULL,
    PRIMARY KEY (region_code, year, variable)
);

CREATE TABLE plots (
    plot_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    location_description VARCHAR,
    buurt_code VARCHAR,
    geom geometry(Geometry, 28992) NOT NULL,
    area_m2 DOUBLE PRECISION NOT NULL,
    owner_type VARCHAR NOT NULL DEFAULT 'municipality'
        CHECK (owner_type IN ('municipality', 'housing_corporation', 'private')),
    owner_name VARCHAR,
    zoning VARCHAR,
    soil VARCHAR NOT NULL DEFAULT 'unknown'
        CHECK (soil IN ('clean', 'suspect', 'contaminated', 'unknown')),
    has_water BOOLEAN NOT NULL DEFAULT false,
    has_electricity BOOLEAN NOT NULL DEFAULT false,
    has_car_access BOOLEAN NOT NULL DEFAULT false,
    availability VARCHAR NOT NULL DEFAULT 'available'
        CHECK (availability IN ('available', 'reserved', 'in_use', 'unavailable')),
    available_from DATE,
    available_until DATE,
    notes VARCHAR,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP,
    updated_by VARCHAR
);
CREATE INDEX plots_geom_idx ON plots USING gist (geom);
CREATE INDEX plots_buurt_idx ON plots (buurt_code);

CREATE TABLE initiatives (
    initiative_id VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    public_summary VARCHAR,
    theme VARCHAR NOT NULL CHECK (theme IN ('nature', 'recreation', 'urban_farming')),
    stage VARCHAR NOT NULL
        CHECK (stage IN ('idea', 'exploring', 'plan', 'approved', 'in_progress', 'realised', 'stopped')),
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    progress_explicit BOOLEAN NOT NULL DEFAULT false,
    initiator_group VARCHAR,
    contact_name VARCHAR,
    contact_email VARCHAR,
    contact_phone VARCHAR,
    account_manager VARCHAR,
    partners VARCHAR,
    start_date DATE,
    expected_date DATE,
    next_action VARCHAR,
    next_action_due DATE,
    need_min_area_m2 DOUBLE PRECISION,
    need_max_area_m2 DOUBLE PRECISION,
    need_wijken VARCHAR,
    need_water BOOLEAN NOT NULL DEFAULT false,
    need_electricity BOOLEAN NOT NULL DEFAULT false,
    need_car_access BOOLEAN NOT NULL DEFAULT false,
    need_clean_soil BOOLEAN NOT NULL DEFAULT false,
    need_start DATE,
    need_duration_months INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    updated_by VARCHAR
);

CREATE TABLE initiative_plots (
    initiative_id VARCHAR NOT NULL,
    plot_id VARCHAR NOT NULL,
    agreement_start DATE,
    agreement_end DATE,
    PRIMARY KEY (initiative_id, plot_id)
);
CREATE INDEX initiative_plots_plot_idx ON initiative_plots (plot_id);

CREATE SEQUENCE stage_event_seq START 1;
CREATE TABLE stage_events (
    event_id BIGINT PRIMARY KEY DEFAULT nextval('stage_event_seq'),
    initiative_id VARCHAR NOT NULL,
    event_date DATE NOT NULL,
    from_stage VARCHAR,
    to_stage VARCHAR NOT NULL,
    by_whom VARCHAR,
    note VARCHAR
);

CREATE SEQUENCE plot_event_seq START 1;
CREATE TABLE plot_events (
    event_id BIGINT PRIMARY KEY DEFAULT nextval('plot_event_seq'),
    plot_id VARCHAR NOT NULL,
    event_date DATE NOT NULL,
    from_availability VARCHAR,
    to_availability VARCHAR NOT NULL,
    initiative_id VARCHAR,
    by_whom VARCHAR,
    note VARCHAR
);

CREATE TABLE users (
    username VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL CHECK (role IN ('beleidsmedewerker', 'brooker', 'beheerder')),
    password_hash VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    active BOOLEAN NOT NULL DEFAULT true,
    session_generation INTEGER NOT NULL DEFAULT 0
);

CREATE SEQUENCE audit_seq START 1;
CREATE TABLE audit_log (
    audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
    changed_at TIMESTAMP NOT NULL,
    username VARCHAR,
    table_name VARCHAR NOT NULL,
    record_id VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    changes VARCHAR
);

CREATE TABLE plot_places (
    plot_id  VARCHAR PRIMARY KEY,
    lon      DOUBLE PRECISION NOT NULL,
    lat      DOUBLE PRECISION NOT NULL,
    west     DOUBLE PRECISION NOT NULL,
    south    DOUBLE PRECISION NOT NULL,
    east     DOUBLE PRECISION NOT NULL,
    north    DOUBLE PRECISION NOT NULL,
    vertices INTEGER NOT NULL
);

CREATE TABLE login_failures (
    username       VARCHAR NOT NULL,
    client         VARCHAR NOT NULL,
    failures       INTEGER NOT NULL,
    last_failed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (username, client)
);

CREATE TABLE login_attempts (
    scope           VARCHAR PRIMARY KEY,
    attempts        BIGINT NOT NULL,
    last_attempt_at TIMESTAMP NOT NULL
);
