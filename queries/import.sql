-- Importing plots (gebrookerbos.services.importer): checks against the database and the insert of
-- the validated, registered staging DataFrame `staging_import_plots` (geometry as WKB in RD New).

-- name: municipality_geometry_wkb
-- The municipality's boundary (EPSG:28992) as WKB, to check that imported plots lie inside it.
SELECT ST_AsWKB(geom) FROM neighbourhoods WHERE level = 'gemeente' AND code = $code;

-- name: existing_plot_ids_in_staging
-- The plot ids of the registered staging table `staging_import_ids` that already exist.
SELECT s.plot_id FROM staging_import_ids s JOIN plots p USING (plot_id) ORDER BY s.plot_id;

-- name: insert_imported_plots
-- Insert the validated plots of `staging_import_plots`; area in m2 from the RD New geometry.
INSERT INTO plots (plot_id, name, location_description, geom, area_m2, owner_type, owner_name,
                   zoning, soil, has_water, has_electricity, has_car_access, availability,
                   available_from, available_until, notes, version, updated_at, updated_by)
SELECT plot_id, name, location_description,
       ST_GeomFromWKB(wkb), ST_Area(ST_GeomFromWKB(wkb)),
       owner_type, owner_name, zoning, soil, has_water, has_electricity, has_car_access,
       availability, available_from, available_until, notes,
       1, now()::TIMESTAMP, $username
FROM staging_import_plots;
