-- Reserving a plot (in optie) for an initiative and releasing it (gebrookerbos.services.reservations).

-- name: plot_for_reservation
-- The fields of one plot that a reservation checks and changes.
SELECT plot_id, name, availability, version FROM plots WHERE plot_id = $plot_id;

-- name: initiative_for_reservation
-- The public fields of one initiative that a reservation checks.
SELECT initiative_id, title, stage FROM initiatives WHERE initiative_id = $initiative_id;

-- name: reservation_link
-- The link between one initiative and one plot, if any.
SELECT initiative_id, plot_id, agreement_start, agreement_end
FROM initiative_plots WHERE initiative_id = $initiative_id AND plot_id = $plot_id;

-- name: insert_reservation_link
-- Link a plot to the initiative it is reserved for (no user agreement yet).
INSERT INTO initiative_plots (initiative_id, plot_id) VALUES ($initiative_id, $plot_id);

-- name: delete_reservation_link
-- Remove the link of a released reservation (the audit log keeps the old row).
DELETE FROM initiative_plots WHERE initiative_id = $initiative_id AND plot_id = $plot_id;

-- name: plot_history
-- The availability events of one plot, newest first: public columns (initiative titles; not
-- who made the change, not the staff note).
SELECT e.event_id, e.event_date, e.from_availability, e.to_availability,
       e.initiative_id, i.title AS initiative_title
FROM plot_events e LEFT JOIN initiatives i USING (initiative_id)
WHERE e.plot_id = $plot_id
ORDER BY e.event_date DESC, e.event_id DESC;

-- name: plot_history_internal
-- INTERNAL: the same with who made each change and the staff note (staff only).
SELECT e.event_id, e.event_date, e.from_availability, e.to_availability,
       e.initiative_id, i.title AS initiative_title, e.by_whom, e.note
FROM plot_events e LEFT JOIN initiatives i USING (initiative_id)
WHERE e.plot_id = $plot_id
ORDER BY e.event_date DESC, e.event_id DESC;

-- name: initiative_plot_events
-- The plot events in an initiative's history (reservations, releases), newest first;
-- public columns.
SELECT e.event_id, e.event_date, e.plot_id, p.name AS plot_name, e.from_availability,
       e.to_availability
FROM plot_events e LEFT JOIN plots p USING (plot_id)
WHERE e.initiative_id = $initiative_id
ORDER BY e.event_date DESC, e.event_id DESC;

-- name: initiative_plot_events_internal
-- INTERNAL: the same with who made each change and the staff note (staff only).
SELECT e.event_id, e.event_date, e.plot_id, p.name AS plot_name, e.from_availability,
       e.to_availability, e.by_whom, e.note
FROM plot_events e LEFT JOIN plots p USING (plot_id)
WHERE e.initiative_id = $initiative_id
ORDER BY e.event_date DESC, e.event_id DESC;
