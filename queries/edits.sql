-- Editing plots and initiatives in forms (gebrookerbos.services.edits), with optimistic locking:
-- an UPDATE only succeeds when the record still has the version the user started from.

-- name: edit_plot_row
-- The editable fields of one plot with its version (no geometry).
SELECT plot_id, name, location_description, owner_type, owner_name, zoning, soil,
       has_water, has_electricity, has_car_access, availability, available_from,
       available_until, notes, version, updated_at, updated_by
FROM plots WHERE plot_id = $plot_id;

-- name: update_plot_fields
-- Save a plot's fields when its version is still $expected_version; bumps the version.
-- The availability is not among them: it changes through gebrookerbos.services.holding.
UPDATE plots
SET name = $plot_name, location_description = $location_description, owner_type = $owner_type,
    owner_name = $owner_name, zoning = $zoning, soil = $soil, has_water = $has_water,
    has_electricity = $has_electricity, has_car_access = $has_car_access,
    available_from = $available_from,
    available_until = $available_until, notes = $notes,
    version = version + 1, updated_at = now()::TIMESTAMP, updated_by = $username
WHERE plot_id = $plot_id AND version = $expected_version;

-- name: edit_initiative_row
-- The editable fields of one initiative (personal data included: editors only) and its version.
SELECT initiative_id, title, public_summary, theme, stage, progress, progress_explicit,
       initiator_group, contact_name, contact_email, contact_phone, account_manager, partners,
       start_date, expected_date, next_action, next_action_due,
       need_min_area_m2, need_max_area_m2, need_wijken, need_water, need_electricity,
       need_car_access, need_clean_soil, need_start, need_duration_months,
       version, updated_at, updated_by
FROM initiatives WHERE initiative_id = $initiative_id;

-- name: update_initiative_fields
-- Save an initiative's fields (not its stage) when its version is still $expected_version.
UPDATE initiatives
SET title = $title, public_summary = $public_summary, theme = $theme,
    progress = $progress, progress_explicit = $progress_explicit,
    initiator_group = $initiator_group, contact_name = $contact_name,
    contact_email = $contact_email, contact_phone = $contact_phone,
    account_manager = $account_manager, partners = $partners,
    start_date = $start_date, expected_date = $expected_date,
    next_action = $next_action, next_action_due = $next_action_due,
    need_min_area_m2 = $need_min_area_m2, need_max_area_m2 = $need_max_area_m2,
    need_wijken = $need_wijken, need_water = $need_water,
    need_electricity = $need_electricity, need_car_access = $need_car_access,
    need_clean_soil = $need_clean_soil, need_start = $need_start,
    need_duration_months = $need_duration_months,
    version = version + 1, updated_at = now()::TIMESTAMP, updated_by = $username
WHERE initiative_id = $initiative_id AND version = $expected_version;

-- name: neighbourhood_codes_among
-- Which of the given codes are CBS wijken or buurten (to check an initiative's wishes).
SELECT code FROM neighbourhoods
WHERE level IN ('wijk', 'buurt') AND list_contains($codes::VARCHAR[], code);

-- name: plots_matching
-- Plots whose id or name contains $text (case-insensitive), for choosing one to edit.
SELECT plot_id, name FROM plots
WHERE contains(lower(plot_id), lower($text)) OR contains(lower(name), lower($text))
ORDER BY plot_id LIMIT $limit;

-- name: initiatives_matching
-- Initiatives whose id or title contains $text (case-insensitive), for choosing one to edit.
SELECT initiative_id, title FROM initiatives
WHERE contains(lower(initiative_id), lower($text)) OR contains(lower(title), lower($text))
ORDER BY initiative_id LIMIT $limit;

-- name: next_initiative_number
-- The number for a new initiative id INI-NNN: one more than the highest in use.
SELECT coalesce(max(TRY_CAST(regexp_extract(initiative_id, '^INI-(\d+)$', 1) AS INTEGER)), 0) + 1
FROM initiatives;

-- name: insert_new_initiative
-- Register a new initiative at stage idea (its first stage event is written separately).
INSERT INTO initiatives (
    initiative_id, title, public_summary, theme, stage, progress, progress_explicit,
    initiator_group, contact_name, contact_email, contact_phone, account_manager, partners,
    start_date, expected_date, next_action, next_action_due,
    need_min_area_m2, need_max_area_m2, need_wijken, need_water, need_electricity,
    need_car_access, need_clean_soil, need_start, need_duration_months,
    version, created_at, updated_at, updated_by)
VALUES (
    $initiative_id, $title, $public_summary, $theme, 'idea', $progress, false,
    $initiator_group, $contact_name, $contact_email, $contact_phone, $account_manager, $partners,
    $start_date, $expected_date, $next_action, $next_action_due,
    $need_min_area_m2, $need_max_area_m2, $need_wijken, $need_water, $need_electricity,
    $need_car_access, $need_clean_soil, $need_start, $need_duration_months,
    1, now()::TIMESTAMP, now()::TIMESTAMP, $username);
