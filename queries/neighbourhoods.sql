-- name: insert_neighbourhoods_from_staging
-- Insert CBS areas from the registered DataFrame `staging_neighbourhoods` (geometry as WKB in RD New).
INSERT INTO neighbourhoods (code, level, name, wijk_code, gemeente_code, geom, polygon_area_m2)
SELECT code, level, name, wijk_code, gemeente_code,
       ST_GeomFromWKB(wkb), ST_Area(ST_GeomFromWKB(wkb))
FROM staging_neighbourhoods;

-- name: insert_figures_from_staging
-- Insert CBS figures in long form from the registered DataFrame `staging_figures`.
INSERT INTO neighbourhood_figures (region_code, year, variable, value, source)
SELECT region_code, year, variable, value, source FROM staging_figures;

-- name: count_neighbourhoods
-- How many CBS areas of each level are loaded.
SELECT level, count(*) AS n FROM neighbourhoods GROUP BY level ORDER BY level;

-- name: wijken
-- All wijken with their code and name, in code order.
SELECT code, name FROM neighbourhoods WHERE level = 'wijk' ORDER BY code;

-- name: buurten
-- All buurten with their wijk, in code order.
SELECT code, name, wijk_code FROM neighbourhoods WHERE level = 'buurt' ORDER BY code;

-- name: neighbourhood_boundaries
-- Boundaries of one level (wijk or buurt) as GeoJSON in WGS84, for web maps.
SELECT code, name, wijk_code,
       ST_AsGeoJSON(ST_Transform(geom, 'EPSG:28992', 'EPSG:4326', always_xy := true)) AS geojson
FROM neighbourhoods WHERE level = $level ORDER BY code;

-- name: municipality_bounds_wgs84
-- The municipality's bounding box in WGS84 (lon/lat), to frame maps.
SELECT ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g)
FROM (SELECT ST_Transform(geom, 'EPSG:28992', 'EPSG:4326', always_xy := true) AS g
      FROM neighbourhoods WHERE level = 'gemeente');

-- name: figure_value
-- One CBS figure for one area and year (NULL when unknown or absent).
SELECT value FROM neighbourhood_figures
WHERE region_code = $region_code AND year = $year AND variable = $variable;

-- name: neighbourhood_count
-- How many CBS areas are loaded (0 in a file that was never initialised).
SELECT count(*) FROM neighbourhoods;
