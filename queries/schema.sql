-- Gebrookerbos database schema, version 1.
--
-- Geometries are stored in RD New (EPSG:28992, metres); areas are computed from
-- them in m2. Web maps reproject to WGS84 on the way out.
-- Later versions live in queries/migrations/NNN_*.sql and are applied in order by
-- gebrookerbos.db.ensure_schema, which records the version in schema_meta.

CREATE TABLE IF NOT EXISTS schema_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- CBS areas: the municipality, its wijken and its buurten (level gemeente/wijk/buurt).
CREATE TABLE IF NOT EXISTS neighbourhoods (
    code VARCHAR PRIMARY KEY,            -- GM0917, WK0917xx, BU0917xxxx
    level VARCHAR NOT NULL CHECK (level IN ('gemeente', 'wijk', 'buurt')),
    name VARCHAR NOT NULL,
    wijk_code VARCHAR,                   -- for buurten
    gemeente_code VARCHAR NOT NULL,
    geom GEOMETRY NOT NULL,              -- EPSG:28992, generalised CBS boundary
    polygon_area_m2 DOUBLE NOT NULL      -- of the generalised polygon; not for densities
);

-- CBS figures in long form: one row per area, year and variable. NULL = unknown.
CREATE TABLE IF NOT EXISTS neighbourhood_figures (
    region_code VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    variable VARCHAR NOT NULL,
    value DOUBLE,
    source VARCHAR NOT NULL,
    PRIMARY KEY (region_code, year, variable)
);

CREATE TABLE IF NOT EXISTS plots (
    plot_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    location_description VARCHAR,
    buurt_code VARCHAR,                  -- derived spatially (largest overlap)
    geom GEOMETRY NOT NULL,              -- EPSG:28992
    area_m2 DOUBLE NOT NULL,             -- ST_Area of geom
    owner_type VARCHAR NOT NULL DEFAULT 'municipality'
        CHECK (owner_type IN ('municipality', 'housing_corporation', 'private')),
    owner_name VARCHAR,
    zoning VARCHAR,                      -- groen, wonen, maatschappelijk, bedrijven, ...
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
    version INTEGER NOT NULL DEFAULT 1,  -- optimistic locking
    updated_at TIMESTAMP,
    updated_by VARCHAR
);

CREATE TABLE IF NOT EXISTS initiatives (
    initiative_id VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    public_summary VARCHAR,
    theme VARCHAR NOT NULL CHECK (theme IN ('nature', 'recreation', 'urban_farming')),
    stage VARCHAR NOT NULL
        CHECK (stage IN ('idea', 'exploring', 'plan', 'approved', 'in_progress', 'realised', 'stopped')),
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    progress_explicit BOOLEAN NOT NULL DEFAULT false,
    -- personal data: never shown to the public
    initiator_group VARCHAR,
    contact_name VARCHAR,
    contact_email VARCHAR,
    contact_phone VARCHAR,
    -- the municipal side
    account_manager VARCHAR,
    partners VARCHAR,
    start_date DATE,
    expected_date DATE,                  -- expected realisation
    next_action VARCHAR,
    next_action_due DATE,
    -- needs, for matching plots (all optional)
    need_min_area_m2 DOUBLE,
    need_max_area_m2 DOUBLE,
    need_wijken VARCHAR,                 -- comma-separated CBS codes (wijk or buurt)
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

-- Which plots an initiative uses, with the user agreement (gebruiksovereenkomst).
CREATE TABLE IF NOT EXISTS initiative_plots (
    initiative_id VARCHAR NOT NULL,
    plot_id VARCHAR NOT NULL,
    agreement_start DATE,
    agreement_end DATE,
    PRIMARY KEY (initiative_id, plot_id)
);

CREATE SEQUENCE IF NOT EXISTS stage_event_seq START 1;

-- Every change of stage: the programme's memory.
CREATE TABLE IF NOT EXISTS stage_events (
    event_id BIGINT PRIMARY KEY DEFAULT nextval('stage_event_seq'),
    initiative_id VARCHAR NOT NULL,
    event_date DATE NOT NULL,
    from_stage VARCHAR,                  -- NULL for the first event
    to_stage VARCHAR NOT NULL,
    by_whom VARCHAR,
    note VARCHAR
);

CREATE SEQUENCE IF NOT EXISTS plot_event_seq START 1;

-- Every change of a plot's availability (reservation, release, taken in use, ...).
CREATE TABLE IF NOT EXISTS plot_events (
    event_id BIGINT PRIMARY KEY DEFAULT nextval('plot_event_seq'),
    plot_id VARCHAR NOT NULL,
    event_date DATE NOT NULL,
    from_availability VARCHAR,
    to_availability VARCHAR NOT NULL,
    initiative_id VARCHAR,
    by_whom VARCHAR,
    note VARCHAR
);

CREATE TABLE IF NOT EXISTS users (
    username VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL CHECK (role IN ('beleidsmedewerker', 'brooker', 'beheerder')),
    password_hash VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    last_failed_at TIMESTAMP,
    active BOOLEAN NOT NULL DEFAULT true
);

CREATE SEQUENCE IF NOT EXISTS audit_seq START 1;

-- Who changed what, when.
CREATE TABLE IF NOT EXISTS audit_log (
    audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
    changed_at TIMESTAMP NOT NULL,
    username VARCHAR,
    table_name VARCHAR NOT NULL,
    record_id VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    changes VARCHAR                      -- JSON: {field: [old, new]}
);

INSERT INTO schema_meta VALUES ('schema_version', '1') ON CONFLICT DO NOTHING;
