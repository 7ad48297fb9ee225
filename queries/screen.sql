-- The public screen (page Scherm): PUBLIC columns only. None of these queries may ever
-- select initiator_group, contact_name, contact_email, contact_phone or account_manager
-- (tests/test_screen.py checks this text and the result columns).
--
-- $wijk is a CBS wijk code (WK0917xx) or NULL for all of Heerlen.
-- An initiative belongs to the wijken of its plots; an initiative without a plot belongs to
-- the wijken it asks for (need_wijken: wijk codes, or buurt codes BU0917xxyy of wijk WK0917xx).
-- "Running" (lopend) = stage idea, exploring, plan, approved or in_progress.
-- "m2 handed back" = the area of the distinct plots that are in use (availability in_use) by an
-- initiative that is being built or realised (stage in_progress or realised).

-- name: screen_headline_figures
-- The headline figures for one wijk or all of Heerlen: initiatives realised, initiatives
-- running, plots and m2 handed back, plots available now and their area.
WITH scoped_plots AS (
    SELECT p.plot_id, p.area_m2, p.availability
    FROM plots p LEFT JOIN neighbourhoods b ON b.code = p.buurt_code
    WHERE $wijk::VARCHAR IS NULL OR b.wijk_code = $wijk
),
initiative_wijken AS (
    SELECT ip.initiative_id, b.wijk_code
    FROM initiative_plots ip
    JOIN plots p USING (plot_id)
    LEFT JOIN neighbourhoods b ON b.code = p.buurt_code
    UNION
    SELECT initiative_id, 'WK' || substr(trim(code), 3, 6) AS wijk_code
    FROM (SELECT initiative_id, unnest(string_split(need_wijken, ',')) AS code
          FROM initiatives
          WHERE initiative_id NOT IN (SELECT initiative_id FROM initiative_plots))
    WHERE trim(code) <> ''
),
scoped_initiatives AS (
    SELECT i.initiative_id, i.stage
    FROM initiatives i
    WHERE $wijk::VARCHAR IS NULL
       OR i.initiative_id IN (SELECT initiative_id FROM initiative_wijken WHERE wijk_code = $wijk)
),
handed_back AS (
    SELECT DISTINCT sp.plot_id, sp.area_m2
    FROM scoped_plots sp
    JOIN initiative_plots ip USING (plot_id)
    JOIN initiatives i USING (initiative_id)
    WHERE sp.availability = 'in_use' AND i.stage IN ('in_progress', 'realised')
)
SELECT
    (SELECT count(*) FROM scoped_initiatives WHERE stage = 'realised') AS realised,
    (SELECT count(*) FROM scoped_initiatives
      WHERE stage IN ('idea', 'exploring', 'plan', 'approved', 'in_progress')) AS running,
    (SELECT count(*) FROM handed_back) AS plots_handed_back,
    (SELECT coalesce(sum(area_m2), 0) FROM handed_back) AS area_handed_back_m2,
    (SELECT count(*) FROM scoped_plots WHERE availability = 'available') AS plots_available,
    (SELECT coalesce(sum(area_m2), 0) FROM scoped_plots
      WHERE availability = 'available') AS area_available_m2;

-- name: screen_initiatives
-- The initiatives that are not stopped and have a plot in the wijk (or anywhere), one row
-- each with their public fields, their plots in scope, total plot area, buurt and wijk
-- names and the WGS84 bounding box of those plots; in initiative_id order.
WITH scoped AS (
    SELECT ip.initiative_id, p.plot_id, p.name AS plot_name, p.area_m2,
           b.name AS buurt_name, w.name AS wijk_name,
           ST_Transform(p.geom, 'EPSG:28992', 'EPSG:4326', always_xy := true) AS g
    FROM initiative_plots ip
    JOIN plots p USING (plot_id)
    LEFT JOIN neighbourhoods b ON b.code = p.buurt_code
    LEFT JOIN neighbourhoods w ON w.code = b.wijk_code
    WHERE $wijk::VARCHAR IS NULL OR b.wijk_code = $wijk
),
grouped AS (
    SELECT initiative_id,
           list(plot_id ORDER BY plot_id) AS plot_ids,
           list(plot_name ORDER BY plot_id) AS plot_names,
           sum(area_m2) AS area_m2,
           list(DISTINCT buurt_name) FILTER (WHERE buurt_name IS NOT NULL) AS buurt_names,
           list(DISTINCT wijk_name) FILTER (WHERE wijk_name IS NOT NULL) AS wijk_names,
           min(ST_XMin(g)) AS min_lon, min(ST_YMin(g)) AS min_lat,
           max(ST_XMax(g)) AS max_lon, max(ST_YMax(g)) AS max_lat
    FROM scoped GROUP BY initiative_id
)
SELECT i.initiative_id, i.title, i.public_summary, i.theme, i.stage, i.progress,
       g.plot_ids, g.plot_names, g.area_m2, g.buurt_names, g.wijk_names,
       g.min_lon, g.min_lat, g.max_lon, g.max_lat
FROM initiatives i JOIN grouped g USING (initiative_id)
WHERE i.stage <> 'stopped'
ORDER BY i.initiative_id;

-- name: screen_map_plots
-- The plots of the wijk (or all of Heerlen) for the screen's map and the "still available"
-- list: public plot fields and the stage of the initiative a plot is shown with (view
-- plot_initiative), no geometry (the map draws it by id, gebrookerbos.maps.layers);
-- available plots first, then by area.
SELECT p.plot_id, p.name, p.availability, p.area_m2, p.available_from,
       p.has_water, p.has_electricity, p.has_car_access,
       b.name AS buurt_name, w.name AS wijk_name, i.stage
FROM plots p
LEFT JOIN neighbourhoods b ON b.code = p.buurt_code
LEFT JOIN neighbourhoods w ON w.code = b.wijk_code
LEFT JOIN plot_initiative ci ON ci.plot_id = p.plot_id
LEFT JOIN initiatives i ON i.initiative_id = ci.initiative_id
WHERE $wijk::VARCHAR IS NULL OR b.wijk_code = $wijk
ORDER BY (p.availability = 'available') DESC, p.area_m2 DESC, p.plot_id;

-- name: screen_neighbourhood_overview
-- Per wijk of Heerlen (or per buurt of the chosen wijk): inhabitants (latest CBS figure),
-- plots, plots available now, initiatives running and realised on plots there, and the m2
-- handed back there; in code order.
WITH areas AS (
    SELECT code, name FROM neighbourhoods
    WHERE ($wijk::VARCHAR IS NULL AND level = 'wijk')
       OR ($wijk::VARCHAR IS NOT NULL AND level = 'buurt' AND wijk_code = $wijk)
),
located_plots AS (
    SELECT p.plot_id, p.area_m2, p.availability,
           CASE WHEN $wijk::VARCHAR IS NULL THEN b.wijk_code ELSE b.code END AS area_code
    FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code
),
initiatives_there AS (
    SELECT DISTINCT lp.area_code, i.initiative_id, i.stage
    FROM located_plots lp
    JOIN initiative_plots ip USING (plot_id)
    JOIN initiatives i USING (initiative_id)
),
handed_back AS (
    SELECT DISTINCT lp.area_code, lp.plot_id, lp.area_m2
    FROM located_plots lp
    JOIN initiative_plots ip USING (plot_id)
    JOIN initiatives i USING (initiative_id)
    WHERE lp.availability = 'in_use' AND i.stage IN ('in_progress', 'realised')
),
inhabitants AS (
    SELECT region_code, arg_max(value, year) AS inhabitants
    FROM neighbourhood_figures
    WHERE variable = 'Bevolking_Aantal_inwoners' AND value IS NOT NULL
    GROUP BY region_code
)
SELECT a.code, a.name, inh.inhabitants,
       (SELECT count(*) FROM located_plots lp WHERE lp.area_code = a.code) AS plots,
       (SELECT count(*) FROM located_plots lp
         WHERE lp.area_code = a.code AND lp.availability = 'available') AS plots_available,
       (SELECT count(*) FROM initiatives_there it WHERE it.area_code = a.code
         AND it.stage IN ('idea', 'exploring', 'plan', 'approved', 'in_progress')) AS running,
       (SELECT count(*) FROM initiatives_there it
         WHERE it.area_code = a.code AND it.stage = 'realised') AS realised,
       (SELECT coalesce(sum(hb.area_m2), 0) FROM handed_back hb
         WHERE hb.area_code = a.code) AS area_handed_back_m2
FROM areas a LEFT JOIN inhabitants inh ON inh.region_code = a.code
ORDER BY a.code;

-- name: screen_ideas_without_place
-- How many running initiatives in scope have no plot yet (they still look for a place).
SELECT count(*)
FROM initiatives i
WHERE i.stage IN ('idea', 'exploring', 'plan', 'approved', 'in_progress')
  AND i.initiative_id NOT IN (SELECT initiative_id FROM initiative_plots)
  AND ($wijk::VARCHAR IS NULL OR list_contains(
        [('WK' || substr(trim(c), 3, 6)) FOR c IN string_split(coalesce(i.need_wijken, ''), ',')
         IF trim(c) <> ''], $wijk));

-- name: screen_plots_near
-- The plots that touch a WGS84 box ($min_lon, $min_lat, $max_lon, $max_lat), for the map
-- around one initiative; same columns as screen_map_plots.
SELECT p.plot_id, p.name, p.availability, p.area_m2, p.available_from,
       p.has_water, p.has_electricity, p.has_car_access,
       b.name AS buurt_name, w.name AS wijk_name, i.stage
FROM plots p
LEFT JOIN neighbourhoods b ON b.code = p.buurt_code
LEFT JOIN neighbourhoods w ON w.code = b.wijk_code
LEFT JOIN plot_initiative ci ON ci.plot_id = p.plot_id
LEFT JOIN initiatives i ON i.initiative_id = ci.initiative_id
WHERE ST_Intersects(p.geom, ST_Transform(
        ST_MakeEnvelope($min_lon, $min_lat, $max_lon, $max_lat),
        'EPSG:4326', 'EPSG:28992', always_xy := true))
ORDER BY p.area_m2 DESC, p.plot_id;
