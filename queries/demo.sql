-- The fictional demo data (gebrookerbos.services.demo): clearing the tables and inserting the
-- registered staging DataFrames. Staging columns are text (NULL for empty) and are cast here.

-- name: delete_plot_events
-- Remove all plot events (before loading the demo data).
DELETE FROM plot_events;

-- name: delete_stage_events
-- Remove all stage events (before loading the demo data).
DELETE FROM stage_events;

-- name: delete_initiative_plots
-- Remove all links between initiatives and plots (before loading the demo data).
DELETE FROM initiative_plots;

-- name: delete_initiatives
-- Remove all initiatives (before loading the demo data).
DELETE FROM initiatives;

-- name: delete_plot_places
-- Remove the plots' places on the map (before loading the demo data).
DELETE FROM plot_places;

-- name: delete_plots
-- Remove all plots (before loading the demo data).
DELETE FROM plots;

-- name: insert_demo_plots
-- Insert plots from `staging_demo_plots` (geometry as WKB in RD New); area from the geometry.
INSERT INTO plots (plot_id, name, location_description, geom, area_m2, owner_type, owner_name,
                   zoning, soil, has_water, has_electricity, has_car_access, availability,
                   available_from, available_until, notes)
SELECT plot_id, name, location_description,
       ST_GeomFromWKB(wkb), ST_Area(ST_GeomFromWKB(wkb)),
       owner_type, owner_name, zoning, soil,
       CAST(has_water AS BOOLEAN), CAST(has_electricity AS BOOLEAN),
       CAST(has_car_access AS BOOLEAN), availability,
       CAST(available_from AS DATE), CAST(available_until AS DATE), notes
FROM staging_demo_plots
ORDER BY plot_id;

-- name: insert_demo_initiatives
-- Insert initiatives from `staging_demo_initiatives`.
INSERT INTO initiatives (initiative_id, title, public_summary, theme, stage, progress,
                         progress_explicit, initiator_group, contact_name, contact_email,
                         contact_phone, account_manager, partners, start_date, expected_date,
                         next_action, next_action_due, need_min_area_m2, need_max_area_m2,
                         need_wijken, need_water, need_electricity, need_car_access,
                         need_clean_soil, need_start, need_duration_months, created_at)
SELECT initiative_id, title, public_summary, theme, stage, CAST(progress AS INTEGER),
       CAST(progress_explicit AS BOOLEAN), initiator_group, contact_name, contact_email,
       contact_phone, account_manager, partners,
       CAST(start_date AS DATE), CAST(expected_date AS DATE),
       next_action, CAST(next_action_due AS DATE),
       CAST(need_min_area_m2 AS DOUBLE), CAST(need_max_area_m2 AS DOUBLE), need_wijken,
       CAST(need_water AS BOOLEAN), CAST(need_electricity AS BOOLEAN),
       CAST(need_car_access AS BOOLEAN), CAST(need_clean_soil AS BOOLEAN),
       CAST(need_start AS DATE), CAST(need_duration_months AS INTEGER),
       CAST(CAST(start_date AS DATE) AS TIMESTAMP)
FROM staging_demo_initiatives
ORDER BY initiative_id;

-- name: insert_demo_initiative_plots
-- Insert the links between initiatives and plots from `staging_demo_initiative_plots`.
INSERT INTO initiative_plots (initiative_id, plot_id, agreement_start, agreement_end)
SELECT initiative_id, plot_id, CAST(agreement_start AS DATE), CAST(agreement_end AS DATE)
FROM staging_demo_initiative_plots
ORDER BY initiative_id, plot_id;

-- name: insert_demo_stage_events
-- Insert stage events from `staging_demo_stage_events`, numbered in date order.
INSERT INTO stage_events (initiative_id, event_date, from_stage, to_stage, by_whom, note)
SELECT initiative_id, CAST(event_date AS DATE), from_stage, to_stage, by_whom, note
FROM staging_demo_stage_events
ORDER BY CAST(event_date AS DATE), initiative_id;

-- name: insert_demo_plot_events
-- Insert plot availability events from `staging_demo_plot_events`, numbered in date order.
INSERT INTO plot_events (plot_id, event_date, from_availability, to_availability,
                         initiative_id, by_whom, note)
SELECT plot_id, CAST(event_date AS DATE), from_availability, to_availability,
       initiative_id, by_whom, note
FROM staging_demo_plot_events
ORDER BY CAST(event_date AS DATE), plot_id;
