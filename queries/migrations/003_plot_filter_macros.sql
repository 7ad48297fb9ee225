-- The filter on plots and the availability window as macros: written once, used by the
-- query filtered_plots (plots.sql: the map and the broker's search) and by the matching
-- query matched_plots (matching.sql), which checks an initiative's needs on the same rows.
-- A change to either macro is a new migration with CREATE OR REPLACE MACRO.

-- Availability window ("vrij vanaf datum D voor minstens N maanden"): whether a plot is free
-- at start_day until at least end_day (D + N months). A plot is free when
-- * it is not `unavailable`;
-- * the initiative(s) holding it (view plot_holding) all have a user agreement that ends
--   before start_day: a plot held without an end date is never free; a `reserved` or
--   `in_use` plot whose holder leaves before start_day counts as free (it becomes
--   available). A plot without a holder is free when it is `available`;
-- * available_from is empty or on/before start_day, and available_until is empty or
--   on/after end_day.
-- Always true or false (never NULL), so that it can be a column as well as a filter.
CREATE OR REPLACE MACRO plot_is_free(availability, holders, open_ended, held_until,
                                     available_from, available_until, start_day, end_day) AS
    coalesce(
        availability <> 'unavailable'
        AND (CASE WHEN holders > 0
                  THEN open_ended = 0 AND held_until < start_day
                  ELSE availability = 'available' END)
        AND (available_from IS NULL OR available_from <= start_day)
        AND (available_until IS NULL OR available_until >= end_day),
        false);

-- The plots matching the filters of the map and the broker's search (parameters as in
-- gebrookerbos.domain.plot_filter.PlotFilter.params; empty lists, NULLs and false mean "no
-- filter"; stage 'none' is a plot without an initiative), with their buurt and wijk, the
-- initiative they are shown with (view plot_initiative) and who holds them (view
-- plot_holding: holders, open-ended ones, latest agreement end); no geometry and no order.
-- Columns are always qualified: a macro parameter would hide a column of the same name.
CREATE OR REPLACE MACRO filtered_plot_rows(
    wijk := NULL, buurt := NULL, min_area := NULL, max_area := NULL,
    availabilities := [], stages := [], themes := [], owner_types := [], zonings := [],
    soils := [], water := false, electricity := false, car_access := false,
    free_from := NULL, free_until := NULL
) AS TABLE
SELECT p.plot_id, p.name, p.location_description, p.area_m2, p.availability,
       p.owner_type, p.zoning, p.soil, p.has_water, p.has_electricity, p.has_car_access,
       p.available_from, p.available_until, p.version,
       p.buurt_code, b.name AS buurt_name, b.wijk_code, w.name AS wijk_name,
       i.initiative_id, i.title AS initiative_title, i.stage, i.theme, i.progress,
       h.holders AS active_links, h.open_ended, h.held_until
FROM plots p
LEFT JOIN neighbourhoods b ON b.code = p.buurt_code
LEFT JOIN neighbourhoods w ON w.code = b.wijk_code
LEFT JOIN plot_initiative ci ON ci.plot_id = p.plot_id
LEFT JOIN initiatives i ON i.initiative_id = ci.initiative_id
JOIN plot_holding h ON h.plot_id = p.plot_id
WHERE (wijk IS NULL OR b.wijk_code = wijk)
  AND (buurt IS NULL OR p.buurt_code = buurt)
  AND (min_area IS NULL OR p.area_m2 >= min_area)
  AND (max_area IS NULL OR p.area_m2 <= max_area)
  AND (len(availabilities) = 0 OR list_contains(availabilities, p.availability))
  AND (len(stages) = 0 OR list_contains(stages, coalesce(i.stage, 'none')))
  AND (len(themes) = 0 OR list_contains(themes, i.theme))
  AND (len(owner_types) = 0 OR list_contains(owner_types, p.owner_type))
  AND (len(zonings) = 0 OR list_contains(zonings, p.zoning))
  AND (len(soils) = 0 OR list_contains(soils, p.soil))
  AND (NOT water OR p.has_water)
  AND (NOT electricity OR p.has_electricity)
  AND (NOT car_access OR p.has_car_access)
  AND (free_from IS NULL OR plot_is_free(p.availability, h.holders, h.open_ended, h.held_until,
                                         p.available_from, p.available_until,
                                         free_from, free_until));
