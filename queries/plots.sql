-- name: assign_plot_buurten
-- Derive every plot's buurt spatially: the buurt with the largest overlap
-- (a plot on a boundary belongs to the buurt that holds most of it).
UPDATE plots SET buurt_code = best.code
FROM (
    SELECT plot_id, arg_max(n.code, ST_Area(ST_Intersection(p.geom, n.geom))) AS code
    FROM plots p JOIN neighbourhoods n
      ON n.level = 'buurt' AND ST_Intersects(p.geom, n.geom)
    GROUP BY plot_id
) AS best
WHERE plots.plot_id = best.plot_id;

-- name: plot_count
-- The number of plots in the database.
SELECT count(*) FROM plots;

-- name: filtered_plots
-- Plots matching the filters of the map and the broker's search, with their buurt and wijk,
-- the initiative they are shown with and who holds them, by plot id; no geometry (that is
-- the costly part at 100,000 plots: plot_filter.filtered_plots adds it by id when asked, the
-- map draws it itself). The filter and the availability window (free at $free_from until at
-- least $free_until) are the macros filtered_plot_rows and plot_is_free
-- (migrations/003_plot_filter_macros.sql), which the matching query uses too.
SELECT * FROM filtered_plot_rows(
    wijk := $wijk::VARCHAR, buurt := $buurt::VARCHAR,
    min_area := $min_area::DOUBLE, max_area := $max_area::DOUBLE,
    availabilities := $availabilities::VARCHAR[], stages := $stages::VARCHAR[],
    themes := $themes::VARCHAR[], owner_types := $owner_types::VARCHAR[],
    zonings := $zonings::VARCHAR[], soils := $soils::VARCHAR[],
    water := $water::BOOLEAN, electricity := $electricity::BOOLEAN,
    car_access := $car_access::BOOLEAN,
    free_from := $free_from::DATE, free_until := $free_until::DATE)
ORDER BY plot_id;

-- name: plot_detail
-- One plot with its buurt and wijk names (no geometry): public columns only (no owner's
-- name, no staff notes, no editor).
SELECT p.plot_id, p.name, p.location_description, p.area_m2, p.availability,
       p.owner_type, p.zoning, p.soil, p.has_water, p.has_electricity,
       p.has_car_access, p.available_from, p.available_until, p.version,
       p.buurt_code, b.name AS buurt_name, b.wijk_code, w.name AS wijk_name
FROM plots p
LEFT JOIN neighbourhoods b ON b.code = p.buurt_code
LEFT JOIN neighbourhoods w ON w.code = b.wijk_code
WHERE p.plot_id = $plot_id;

-- name: plot_detail_internal
-- INTERNAL: the same with the owner's name, the staff notes and who edited it last (staff).
SELECT p.plot_id, p.name, p.location_description, p.area_m2, p.availability,
       p.owner_type, p.owner_name, p.zoning, p.soil, p.has_water, p.has_electricity,
       p.has_car_access, p.available_from, p.available_until, p.notes, p.version,
       p.updated_by, p.buurt_code, b.name AS buurt_name, b.wijk_code, w.name AS wijk_name
FROM plots p
LEFT JOIN neighbourhoods b ON b.code = p.buurt_code
LEFT JOIN neighbourhoods w ON w.code = b.wijk_code
WHERE p.plot_id = $plot_id;

-- name: initiatives_on_plot
-- The initiatives that use or used a plot, newest first; public columns only.
SELECT i.initiative_id, i.title, i.public_summary, i.theme, i.stage, i.progress,
       i.start_date, i.expected_date, ip.agreement_start, ip.agreement_end
FROM initiative_plots ip JOIN initiatives i USING (initiative_id)
WHERE ip.plot_id = $plot_id
ORDER BY (i.stage <> 'stopped') DESC, i.start_date DESC NULLS LAST;

-- name: plot_area_range
-- Smallest and largest plot area in m2 (for the area filter).
SELECT min(area_m2), max(area_m2) FROM plots;

-- name: plot_geojson_wgs84
-- The geometry of the plots $ids as GeoJSON in WGS84 (full precision), by plot id.
SELECT plot_id,
       ST_AsGeoJSON(ST_Transform(geom, 'EPSG:28992', 'EPSG:4326', always_xy := true)) AS geojson
FROM plots
WHERE plot_id IN (SELECT unnest($ids::VARCHAR[]));

-- ---------------------------------------------------------------------------------------
-- The map at scale: what the browser gets is built here, per plot id.
-- Coordinates for the map are rounded to 6 decimals (about 10 cm): every vertex is kept.
-- ---------------------------------------------------------------------------------------

-- name: record_plot_places
-- Give the plots written just now their place on the map (migration 004: plot_places).
INSERT INTO plot_places SELECT * FROM missing_plot_places();

-- name: map_plot_index
-- Every plot's place for the map (WGS84): its dot, its bounding box and its vertex count;
-- a plot written without one (by hand, in SQL) gets it derived here.
SELECT * FROM plot_places
UNION ALL
SELECT * FROM missing_plot_places();

-- name: map_plot_index_of
-- The same for the plots $ids.
SELECT * FROM plot_places WHERE plot_id IN (SELECT unnest($ids::VARCHAR[]))
UNION ALL
SELECT * FROM missing_plot_places() WHERE plot_id IN (SELECT unnest($ids::VARCHAR[]));

-- name: map_plot_geometries
-- The full outline of the plots $ids as GeoJSON in WGS84, coordinates to 6 decimals.
SELECT plot_id,
       ST_AsGeoJSON(ST_ReducePrecision(
           ST_Transform(geom, 'EPSG:28992', 'EPSG:4326', always_xy := true), 0.000001
       )) AS geojson
FROM plots
WHERE plot_id IN (SELECT unnest($ids::VARCHAR[]));

-- name: map_plot_outline
-- One plot's outline (GeoJSON, WGS84, 6 decimals) and a point inside it: the selection.
SELECT ST_AsGeoJSON(ST_ReducePrecision(wgs, 0.000001)) AS geojson,
       ST_X(pt) AS lon, ST_Y(pt) AS lat
FROM (
    SELECT ST_Transform(geom, 'EPSG:28992', 'EPSG:4326', always_xy := true) AS wgs,
           ST_Transform(ST_PointOnSurface(geom), 'EPSG:28992', 'EPSG:4326',
                        always_xy := true) AS pt
    FROM plots WHERE plot_id = $plot_id
);
