-- Matching on the page Kavels: the initiatives' needs and the options of the search.
-- The candidate plots come from the query filtered_plots (plots.sql).

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
