-- The Initiatieven page (gebrookerbos.domain.initiatives): the list, one initiative's public
-- fields, and (separately, for logged-in roles only) the personal data.

-- name: initiative_overview_list
-- Initiatives matching the filters, public columns only, with the wijken they are in (of
-- their plots; without plots, of the wijken/buurten they asked for), number and area of
-- plots. Empty lists and NULLs mean "no filter". $account_manager filters but is not
-- returned (the page passes it only for logged-in roles).
WITH plot_wijk AS (
    SELECT ip.initiative_id, b.wijk_code
    FROM initiative_plots ip JOIN plots p USING (plot_id)
    JOIN neighbourhoods b ON b.code = p.buurt_code
),
asked AS (
    SELECT initiative_id, trim(unnest(string_split(need_wijken, ','))) AS code
    FROM initiatives WHERE need_wijken IS NOT NULL AND need_wijken <> ''
),
asked_wijk AS (
    SELECT a.initiative_id, CASE WHEN n.level = 'wijk' THEN n.code ELSE n.wijk_code END AS wijk_code
    FROM asked a JOIN neighbourhoods n ON n.code = a.code
    WHERE a.initiative_id NOT IN (SELECT initiative_id FROM plot_wijk)
),
ini_wijk AS (
    SELECT DISTINCT initiative_id, wijk_code FROM plot_wijk
    UNION SELECT DISTINCT initiative_id, wijk_code FROM asked_wijk
),
wijk_names AS (
    SELECT iw.initiative_id, string_agg(w.name, ', ' ORDER BY w.name) AS wijken,
           list(iw.wijk_code) AS wijk_codes
    FROM ini_wijk iw JOIN neighbourhoods w ON w.code = iw.wijk_code
    GROUP BY iw.initiative_id
),
plot_totals AS (
    SELECT ip.initiative_id, count(*) AS plots, sum(p.area_m2) AS area_m2
    FROM initiative_plots ip JOIN plots p USING (plot_id)
    GROUP BY ip.initiative_id
)
SELECT i.initiative_id, i.title, i.stage, i.theme, i.progress, i.start_date, i.expected_date,
       coalesce(wn.wijken, '') AS wijken, coalesce(pt.plots, 0) AS plots,
       coalesce(pt.area_m2, 0) AS area_m2
FROM initiatives i
LEFT JOIN wijk_names wn USING (initiative_id)
LEFT JOIN plot_totals pt USING (initiative_id)
WHERE (len($stages::VARCHAR[]) = 0 OR list_contains($stages::VARCHAR[], i.stage))
  AND (len($themes::VARCHAR[]) = 0 OR list_contains($themes::VARCHAR[], i.theme))
  AND ($wijk::VARCHAR IS NULL OR list_contains(coalesce(wn.wijk_codes, []), $wijk))
  AND ($account_manager::VARCHAR IS NULL OR i.account_manager = $account_manager)
ORDER BY i.initiative_id;

-- name: initiative_overview_detail
-- One initiative's public fields (no personal data, no internal planning).
SELECT initiative_id, title, public_summary, theme, stage, progress, progress_explicit,
       start_date, expected_date, version
FROM initiatives WHERE initiative_id = $initiative_id;

-- name: initiative_overview_detail_internal
-- INTERNAL: the same with the partners and the next action and its due date (staff only).
SELECT initiative_id, title, public_summary, theme, stage, progress, progress_explicit,
       partners, start_date, expected_date, next_action, next_action_due, version
FROM initiatives WHERE initiative_id = $initiative_id;

-- name: initiative_overview_personal
-- PERSONAL DATA of one initiative: only for logged-in roles.
SELECT initiator_group, contact_name, contact_email, contact_phone, account_manager
FROM initiatives WHERE initiative_id = $initiative_id;

-- name: initiative_overview_account_managers_of
-- PERSONAL DATA: the account manager of every initiative (for the logged-in list).
SELECT initiative_id, account_manager FROM initiatives ORDER BY initiative_id;

-- name: initiative_overview_account_managers
-- PERSONAL DATA: the distinct account managers (for the logged-in filter).
SELECT DISTINCT account_manager FROM initiatives
WHERE account_manager IS NOT NULL AND account_manager <> ''
ORDER BY account_manager;

-- name: initiative_overview_plot_ids
-- The ids of the plots linked to one initiative.
SELECT plot_id FROM initiative_plots WHERE initiative_id = $initiative_id ORDER BY plot_id;
