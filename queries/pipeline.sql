-- The broker's pipeline (page Kavels, view Pipeline): for logged-in users only.

-- name: pipeline_initiatives
-- Every initiative with its stage, account manager (personal data: logged-in users only),
-- next action and due date, and the wijken it is about (its plots' wijken and the wijken
-- or buurten of its needs).
SELECT i.initiative_id, i.title, i.stage, i.theme, i.account_manager, i.next_action,
       i.next_action_due, i.need_wijken,
       list_sort(list_distinct(list(b.wijk_code) FILTER (WHERE b.wijk_code IS NOT NULL)))
           AS plot_wijken
FROM initiatives i
LEFT JOIN initiative_plots ip USING (initiative_id)
LEFT JOIN plots p USING (plot_id)
LEFT JOIN neighbourhoods b ON b.code = p.buurt_code
GROUP BY ALL
ORDER BY i.next_action_due NULLS LAST, i.title;

-- name: agreements_ending
-- Plots whose user agreement with a non-stopped initiative ends between $today and $until
-- ("loopt af"), soonest first; public columns only.
SELECT p.plot_id, p.name AS plot_name, w.name AS wijk_name, i.initiative_id,
       i.title AS initiative_title, i.stage, ip.agreement_start, ip.agreement_end
FROM initiative_plots ip
JOIN initiatives i USING (initiative_id)
JOIN plots p USING (plot_id)
LEFT JOIN neighbourhoods b ON b.code = p.buurt_code
LEFT JOIN neighbourhoods w ON w.code = b.wijk_code
WHERE i.stage <> 'stopped' AND ip.agreement_end BETWEEN $today AND $until
ORDER BY ip.agreement_end, p.plot_id;
