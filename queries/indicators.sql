-- Neighbourhood indicators (page Wijken): CBS figures and programme figures per area.
-- Assembly into indicators happens in gebrookerbos.domain.indicators (pure pandas).

-- name: indicator_areas
-- Every CBS area (gemeente, wijken, buurten) with its level, name and wijk, in code order.
SELECT n.code, n.level, n.name, n.wijk_code, w.name AS wijk_name
FROM neighbourhoods n
LEFT JOIN neighbourhoods w ON w.code = n.wijk_code AND w.level = 'wijk'
ORDER BY CASE n.level WHEN 'gemeente' THEN 0 WHEN 'wijk' THEN 1 ELSE 2 END, n.code;

-- name: indicator_cbs_figures
-- The CBS figures of the listed variables for every area and year (value NULL = unknown).
SELECT region_code AS code, year, variable, value, source
FROM neighbourhood_figures
WHERE list_contains($variables::VARCHAR[], variable)
ORDER BY region_code, year, variable;

-- name: indicator_programme_figures
-- Per buurt, wijk and gemeente: number of plots, m2 available (vacant and free to use) and
-- m2 in use, from the plots' own buurt (plots.buurt_code) and that buurt's wijk.
-- Areas without plots get 0: the programme's own register is complete, unlike CBS figures.
WITH located AS (
    SELECT p.plot_id, p.area_m2, p.availability, b.code AS buurt_code, b.wijk_code,
           b.gemeente_code
    FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code AND b.level = 'buurt'
)
SELECT n.code,
       count(l.plot_id) AS plot_count,
       coalesce(sum(l.area_m2) FILTER (WHERE l.availability = 'available'), 0) AS m2_available,
       coalesce(sum(l.area_m2) FILTER (WHERE l.availability = 'in_use'), 0) AS m2_in_use
FROM neighbourhoods n
LEFT JOIN located l
  ON (n.level = 'buurt' AND l.buurt_code = n.code)
  OR (n.level = 'wijk' AND l.wijk_code = n.code)
  OR (n.level = 'gemeente' AND l.gemeente_code = n.code)
GROUP BY n.code
ORDER BY n.code;

-- name: indicator_initiative_stages
-- Per area and stage: the number of distinct initiatives with at least one plot in the area
-- (an initiative on plots in two buurten counts once in each buurt and once in the wijk).
WITH located AS (
    SELECT DISTINCT ip.initiative_id, i.stage, b.code AS buurt_code, b.wijk_code,
           b.gemeente_code
    FROM initiative_plots ip
    JOIN initiatives i USING (initiative_id)
    JOIN plots p USING (plot_id)
    JOIN neighbourhoods b ON b.code = p.buurt_code AND b.level = 'buurt'
)
SELECT n.code, l.stage, count(DISTINCT l.initiative_id) AS initiatives
FROM neighbourhoods n
JOIN located l
  ON (n.level = 'buurt' AND l.buurt_code = n.code)
  OR (n.level = 'wijk' AND l.wijk_code = n.code)
  OR (n.level = 'gemeente' AND l.gemeente_code = n.code)
GROUP BY n.code, l.stage
ORDER BY n.code, l.stage;

-- name: initiatives_in_area_public
-- The initiatives with a plot in a wijk or buurt ($code), public columns only, with the
-- ids and buurten of their plots there.
SELECT i.initiative_id, i.title, i.public_summary, i.theme, i.stage, i.progress,
       i.start_date, i.expected_date,
       string_agg(DISTINCT p.plot_id, ', ' ORDER BY p.plot_id) AS plot_ids,
       string_agg(DISTINCT b.name, ', ' ORDER BY b.name) AS buurt_names
FROM initiatives i
JOIN initiative_plots ip USING (initiative_id)
JOIN plots p USING (plot_id)
JOIN neighbourhoods b ON b.code = p.buurt_code AND b.level = 'buurt'
WHERE b.code = $code OR b.wijk_code = $code
GROUP BY ALL
ORDER BY i.title;

-- name: initiatives_in_area_personal
-- Personal data of the initiators of the initiatives in a wijk or buurt ($code).
-- For logged-in users only (ui.can_see_personal_data()); never for the public.
SELECT DISTINCT i.initiative_id, i.initiator_group, i.contact_name, i.contact_email,
       i.contact_phone, i.account_manager
FROM initiatives i
JOIN initiative_plots ip USING (initiative_id)
JOIN plots p USING (plot_id)
JOIN neighbourhoods b ON b.code = p.buurt_code AND b.level = 'buurt'
WHERE b.code = $code OR b.wijk_code = $code
ORDER BY i.initiative_id;
