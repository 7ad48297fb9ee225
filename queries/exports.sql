-- Exports of plots (gebrookerbos.present.exports): public columns only, never personal data.

-- name: export_plots
-- The plots in $plot_ids with public columns and their geometry as WKB in RD New
-- (EPSG:28992). owner_name is left out: a private owner's name is personal data.

SELECT p.plot_id, p.name, p.location_description, p.buurt_code, b.name AS buurt_name,
       b.wijk_code, w.name AS wijk_name, round(p.area_m2, 1) AS area_m2, p.owner_type,
       p.zoning, p.soil, p.has_water, p.has_electricity, p.has_car_access, p.availability,
       p.available_from, p.available_until,
       i.initiative_id, i.title AS initiative_title, i.stage, i.theme,
       ST_AsWKB(p.geom) AS wkb
FROM plots p
LEFT JOIN neighbourhoods b ON b.code = p.buurt_code
LEFT JOIN neighbourhoods w ON w.code = b.wijk_code
LEFT JOIN plot_initiative ci ON ci.plot_id = p.plot_id
LEFT JOIN initiatives i ON i.initiative_id = ci.initiative_id
WHERE list_contains($plot_ids::VARCHAR[], p.plot_id)
ORDER BY p.plot_id;

-- name: neighbourhood_exists
-- Whether a CBS code exists at the given level (wijk or buurt), to check CLI filters.
SELECT count(*) > 0 FROM neighbourhoods WHERE code = $code AND level = $level;
