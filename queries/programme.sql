-- The programme over time (gebrookerbos.domain.programme): figures at a list of dates, from the
-- event history. Each event is valid from its date until the next event of the same
-- initiative or plot; of several events on one day the last (highest event_id) wins.

-- name: programme_stages_over_time
-- For each date in $days: how many initiatives were in each stage at the end of that day.
WITH days AS (
    SELECT unnest($days::DATE[]) AS day
),
periods AS (
    SELECT initiative_id, to_stage AS stage, event_date AS valid_from,
           lead(event_date) OVER (PARTITION BY initiative_id ORDER BY event_date, event_id)
               AS valid_until
    FROM stage_events
)
SELECT d.day, p.stage, count(*) AS initiatives
FROM days d
JOIN periods p ON p.valid_from <= d.day AND (p.valid_until IS NULL OR p.valid_until > d.day)
GROUP BY d.day, p.stage
ORDER BY d.day, p.stage;

-- name: programme_land_in_use_over_time
-- For each date in $days: the area (m2) and number of plots in use at the end of that day.
WITH days AS (
    SELECT unnest($days::DATE[]) AS day
),
periods AS (
    SELECT plot_id, to_availability AS availability, event_date AS valid_from,
           lead(event_date) OVER (PARTITION BY plot_id ORDER BY event_date, event_id)
               AS valid_until
    FROM plot_events
),
in_use AS (
    SELECT d.day, p.plot_id
    FROM days d
    JOIN periods p ON p.availability = 'in_use' AND p.valid_from <= d.day
         AND (p.valid_until IS NULL OR p.valid_until > d.day)
)
SELECT d.day, coalesce(sum(pl.area_m2), 0) AS area_m2, count(pl.plot_id) AS plots
FROM days d
LEFT JOIN in_use u ON u.day = d.day
LEFT JOIN plots pl ON pl.plot_id = u.plot_id
GROUP BY d.day
ORDER BY d.day;

-- name: programme_realised_stopped_per_year
-- Per year and stage (realised, stopped): how many initiatives reached it that year
-- (an initiative counts once per year and stage).
SELECT year(event_date) AS year, to_stage AS stage, count(DISTINCT initiative_id) AS initiatives
FROM stage_events
WHERE to_stage IN ('realised', 'stopped')
GROUP BY ALL
ORDER BY year, stage;
