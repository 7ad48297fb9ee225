-- Holding and availability (gebrookerbos.services.holding): who holds a plot, what its
-- availability must be (views plot_holders and plot_holding, migration 002), and the one
-- way a plot's availability changes: the staged changes in the registered relation
-- `availability_changes` (plot_id, from_availability, to_availability, initiative_id).

-- name: holders_of_plot
-- The initiatives that hold a plot (by the one definition), first by id.
SELECT initiative_id, title, stage, held_as, agreement_start, agreement_end
FROM plot_holders WHERE plot_id = $plot_id ORDER BY initiative_id;

-- name: holding_of_plots
-- For the given plots: their availability now, the holder and the availability it implies.
SELECT plot_id, availability, holder_id, holder_title, holders, implied_availability
FROM plot_holding WHERE list_contains($plot_ids::VARCHAR[], plot_id)
ORDER BY plot_id;

-- name: plots_of_initiative_holding
-- The plots linked to an initiative: who else holds them, whether this initiative holds
-- them (at its stage now) and the latest plot event.
SELECT p.plot_id, p.name, p.availability,
       (SELECT max(pe.event_date) FROM plot_events pe WHERE pe.plot_id = p.plot_id)
           AS last_event_date,
       (SELECT min(h.title) FROM plot_holders h
        WHERE h.plot_id = p.plot_id AND h.initiative_id <> $initiative_id) AS other_holder,
       EXISTS (SELECT 1 FROM plot_holders h
               WHERE h.plot_id = p.plot_id AND h.initiative_id = $initiative_id) AS held_by_this
FROM initiative_plots ip JOIN plots p USING (plot_id)
WHERE ip.initiative_id = $initiative_id
ORDER BY p.plot_id;

-- name: plots_out_of_step
-- Plots whose stored availability differs from what their holders imply (should be none).
SELECT plot_id, availability, implied_availability, holder_id
FROM plot_holding WHERE availability <> implied_availability ORDER BY plot_id;

-- name: apply_availability_changes
-- Set the staged availabilities of existing plots, only where the plot still has the
-- availability the change started from; bumps the version when $bump_version.
UPDATE plots
SET availability = c.to_availability,
    version = plots.version + CASE WHEN $bump_version::BOOLEAN THEN 1 ELSE 0 END,
    updated_at = now()::TIMESTAMP, updated_by = $by_whom
FROM availability_changes c
WHERE plots.plot_id = c.plot_id AND c.from_availability IS NOT NULL
  AND plots.availability = c.from_availability;

-- name: insert_availability_events
-- One plot event per staged change: the plot's history (and the initiative's, if any).
INSERT INTO plot_events (plot_id, event_date, from_availability, to_availability,
                         initiative_id, by_whom, note)
SELECT plot_id, $event_date, from_availability, to_availability, initiative_id, $by_whom, note
FROM availability_changes
ORDER BY plot_id;

-- name: insert_availability_audit
-- One audit entry per staged change (its JSON prepared with the change).
INSERT INTO audit_log (changed_at, username, table_name, record_id, action, changes)
SELECT now()::TIMESTAMP, $by_whom, 'plots', plot_id, $action, changes
FROM availability_changes
ORDER BY plot_id;
