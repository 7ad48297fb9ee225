-- Which initiative holds which plot: the one definition of holding, used by every query
-- and service that needs it (reservations, stage changes, edits, imports, matching, the
-- availability window, exports, the public screen).
--
-- An initiative holds the plots it is linked to (initiative_plots) while its stage is one of
-- exploring, plan or approved (the plot is then `reserved`) or in_progress or realised (the
-- plot is `in_use`). At `idea` and `stopped` it holds nothing; its links stay as history.
-- The end date of a user agreement does not end the hold by itself: the plot stays in use
-- until the broker releases it or the initiative stops (the pipeline shows agreements that
-- have ended); the availability window uses the end date to say when a plot becomes free.
CREATE OR REPLACE VIEW plot_holders AS
SELECT ip.plot_id, ip.initiative_id, i.title, i.stage, ip.agreement_start, ip.agreement_end,
       CASE WHEN i.stage IN ('in_progress', 'realised') THEN 'in_use' ELSE 'reserved' END
           AS held_as
FROM initiative_plots ip JOIN initiatives i USING (initiative_id)
WHERE i.stage IN ('exploring', 'plan', 'approved', 'in_progress', 'realised');

-- Every plot with what its holders imply: the holder (the first by id; the services never
-- let two initiatives hold one plot), how many hold it, the last agreement end, and the
-- availability the plot must have: the holder's `held_as`; without a holder `available`
-- or `unavailable` as set by hand (a plot left `reserved` or `in_use` becomes `available`).
CREATE OR REPLACE VIEW plot_holding AS
WITH per_plot AS (
    SELECT plot_id,
           min(initiative_id) AS holder_id,
           arg_min(title, initiative_id) AS holder_title,
           arg_min(stage, initiative_id) AS holder_stage,
           arg_min(held_as, initiative_id) AS held_as,
           count(*) AS holders,
           count(*) FILTER (WHERE agreement_end IS NULL) AS open_ended,
           max(agreement_end) AS held_until
    FROM plot_holders
    GROUP BY plot_id
)
SELECT p.plot_id, p.availability, h.holder_id, h.holder_title, h.holder_stage, h.held_as,
       coalesce(h.holders, 0) AS holders, coalesce(h.open_ended, 0) AS open_ended,
       h.held_until,
       CASE WHEN h.held_as IS NOT NULL THEN h.held_as
            WHEN p.availability IN ('reserved', 'in_use') THEN 'available'
            ELSE p.availability END AS implied_availability
FROM plots p LEFT JOIN per_plot h USING (plot_id);

-- The initiative a plot is shown with (map, search, exports, the screen): its holder; without
-- one the newest initiative linked to it that has not stopped (an idea), else the newest
-- stopped one (history). One row per linked plot.
CREATE OR REPLACE VIEW plot_initiative AS
SELECT ip.plot_id,
       arg_max(i.initiative_id,
               (h.initiative_id IS NOT NULL, i.stage <> 'stopped', i.start_date)) AS initiative_id
FROM initiative_plots ip
JOIN initiatives i USING (initiative_id)
LEFT JOIN plot_holders h ON h.plot_id = ip.plot_id AND h.initiative_id = ip.initiative_id
GROUP BY ip.plot_id;
