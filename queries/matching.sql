-- The broker's plot search (page Kavels) and the candidates for matching.
-- Who holds a plot comes from the view plot_holding (the one definition of holding); a
-- holder's user agreement end date says when the plot becomes free.

-- name: search_plots
-- Plots matching the broker's filters, with their current initiative (public columns),
-- who holds them (holders, open-ended ones, latest agreement end) and WGS84 GeoJSON.
-- Empty lists, NULLs and false mean "no filter". Availability window: free at $free_from
-- until at least $free_until (see gebrookerbos.domain.plot_search.PlotSearch).
SELECT p.plot_id, p.name, p.location_description, p.area_m2, p.availability,
       p.owner_type, p.zoning, p.soil, p.has_water, p.has_electricity, p.has_car_access,
       p.available_from, p.available_until, p.version,
       p.buurt_code, b.name AS buurt_name, b.wijk_code, w.name AS wijk_name,
       i.initiative_id, i.title AS initiative_title, i.stage, i.theme, i.progress,
       h.holders AS active_links, h.open_ended, h.held_until,
       ST_AsGeoJSON(ST_Transform(p.geom, 'EPSG:28992', 'EPSG:4326', always_xy := true)) AS geojson
FROM plots p
LEFT JOIN neighbourhoods b ON b.code = p.buurt_code
LEFT JOIN neighbourhoods w ON w.code = b.wijk_code
LEFT JOIN plot_initiative ci ON ci.plot_id = p.plot_id
LEFT JOIN initiatives i ON i.initiative_id = ci.initiative_id
JOIN plot_holding h ON h.plot_id = p.plot_id
WHERE ($wijk::VARCHAR IS NULL OR b.wijk_code = $wijk)
  AND ($buurt::VARCHAR IS NULL OR p.buurt_code = $buurt)
  AND ($min_area::DOUBLE IS NULL OR p.area_m2 >= $min_area)
  AND ($max_area::DOUBLE IS NULL OR p.area_m2 <= $max_area)
  AND (len($owner_types::VARCHAR[]) = 0 OR list_contains($owner_types::VARCHAR[], p.owner_type))
  AND (len($zonings::VARCHAR[]) = 0 OR list_contains($zonings::VARCHAR[], p.zoning))
  AND (len($soils::VARCHAR[]) = 0 OR list_contains($soils::VARCHAR[], p.soil))
  AND (len($availabilities::VARCHAR[]) = 0
       OR list_contains($availabilities::VARCHAR[], p.availability))
  AND (NOT $water::BOOLEAN OR p.has_water)
  AND (NOT $electricity::BOOLEAN OR p.has_electricity)
  AND (NOT $car_access::BOOLEAN OR p.has_car_access)
  AND ($free_from::DATE IS NULL OR (
        p.availability <> 'unavailable'
        AND (CASE WHEN h.holders > 0
                  THEN h.open_ended = 0 AND h.held_until < $free_from
                  ELSE p.availability = 'available' END)
        AND (p.available_from IS NULL OR p.available_from <= $free_from)
        AND (p.available_until IS NULL OR p.available_until >= $free_until::DATE)))
ORDER BY p.plot_id;

-- name: initiatives_with_needs
-- Initiatives that are not stopped, with their stored needs (public columns only).
SELECT initiative_id, title, theme, stage,
       need_min_area_m2, need_max_area_m2, need_wijken, need_water, need_electricity,
       need_car_access, need_clean_soil, need_start, need_duration_months
FROM initiatives
WHERE stage <> 'stopped'
ORDER BY title;

-- name: zoning_values
-- The zonings that occur in the plots (for the filter).
SELECT DISTINCT zoning FROM plots WHERE zoning IS NOT NULL ORDER BY zoning;
