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

-- name: matched_plots
-- The plots of filtered_plots (the same filter parameters, the same columns) with, for each
-- need of an initiative, whether the plot meets it: meets_area, meets_wijken, meets_water,
-- meets_electricity, meets_car_access, meets_clean_soil, meets_window, meets_theme (true or
-- false for the needs listed in $stated, NULL for the others). Plots that miss a need listed
-- in $hard are left out. In no order: matching.match_plots ranks them (sorting 100,000 rows
-- with all their columns here costs more than ranking them there). This is the one place that
-- says what meeting a need is:
-- * area: between $need_min_area and $need_max_area (either may be open);
-- * wijken: the plot's buurt or wijk is one of $need_wijken (CBS codes);
-- * water, electricity, car access: the plot has it;
-- * clean soil: the soil is 'clean' (suspect, contaminated or unknown soil misses it);
-- * window: free at $need_start until at least $need_until (macro plot_is_free, the same
--   rule as the search's window filter);
-- * theme: the plot's zoning is one of $theme_zonings (those that suit the theme).
WITH checked AS (
    SELECT f.*,
           CASE WHEN list_contains($stated::VARCHAR[], 'area') THEN
               ($need_min_area::DOUBLE IS NULL OR f.area_m2 >= $need_min_area::DOUBLE)
               AND ($need_max_area::DOUBLE IS NULL OR f.area_m2 <= $need_max_area::DOUBLE)
               END AS meets_area,
           CASE WHEN list_contains($stated::VARCHAR[], 'wijken') THEN
               coalesce(list_contains($need_wijken::VARCHAR[], f.buurt_code), false)
               OR coalesce(list_contains($need_wijken::VARCHAR[], f.wijk_code), false)
               END AS meets_wijken,
           CASE WHEN list_contains($stated::VARCHAR[], 'water') THEN f.has_water END
               AS meets_water,
           CASE WHEN list_contains($stated::VARCHAR[], 'electricity') THEN f.has_electricity END
               AS meets_electricity,
           CASE WHEN list_contains($stated::VARCHAR[], 'car_access') THEN f.has_car_access END
               AS meets_car_access,
           CASE WHEN list_contains($stated::VARCHAR[], 'clean_soil') THEN f.soil = 'clean' END
               AS meets_clean_soil,
           CASE WHEN list_contains($stated::VARCHAR[], 'window') THEN
               plot_is_free(f.availability, f.active_links, f.open_ended, f.held_until,
                            f.available_from, f.available_until,
                            $need_start::DATE, $need_until::DATE)
               END AS meets_window,
           CASE WHEN list_contains($stated::VARCHAR[], 'theme') THEN
               coalesce(list_contains($theme_zonings::VARCHAR[], f.zoning), false)
               END AS meets_theme
    FROM filtered_plot_rows(
        wijk := $wijk::VARCHAR, buurt := $buurt::VARCHAR,
        min_area := $min_area::DOUBLE, max_area := $max_area::DOUBLE,
        availabilities := $availabilities::VARCHAR[], stages := $stages::VARCHAR[],
        themes := $themes::VARCHAR[], owner_types := $owner_types::VARCHAR[],
        zonings := $zonings::VARCHAR[], soils := $soils::VARCHAR[],
        water := $water::BOOLEAN, electricity := $electricity::BOOLEAN,
        car_access := $car_access::BOOLEAN,
        free_from := $free_from::DATE, free_until := $free_until::DATE) f
)
SELECT * FROM checked
WHERE (meets_area IS NOT FALSE OR NOT list_contains($hard::VARCHAR[], 'area'))
  AND (meets_wijken IS NOT FALSE OR NOT list_contains($hard::VARCHAR[], 'wijken'))
  AND (meets_water IS NOT FALSE OR NOT list_contains($hard::VARCHAR[], 'water'))
  AND (meets_electricity IS NOT FALSE OR NOT list_contains($hard::VARCHAR[], 'electricity'))
  AND (meets_car_access IS NOT FALSE OR NOT list_contains($hard::VARCHAR[], 'car_access'))
  AND (meets_clean_soil IS NOT FALSE OR NOT list_contains($hard::VARCHAR[], 'clean_soil'))
  AND (meets_window IS NOT FALSE OR NOT list_contains($hard::VARCHAR[], 'window'))
  AND (meets_theme IS NOT FALSE OR NOT list_contains($hard::VARCHAR[], 'theme'));
