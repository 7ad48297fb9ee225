-- Wrong passwords per account and client (gebrookerbos.services.login_throttle; the tables
-- come from migration 005). A login attempt counts itself as a failure before its password
-- is checked, in one transaction with the counts that decide whether it may try at all.

-- name: touch_login_scope
-- Count one attempt of a client ('client:<address>') or on a name ('account:<name>'); every
-- attempt writes these rows, so two at the same time conflict and one is retried.
INSERT INTO login_attempts (scope, attempts, last_attempt_at)
VALUES ($scope, 1, now()::TIMESTAMP)
ON CONFLICT (scope) DO UPDATE SET attempts = attempts + 1,
    last_attempt_at = excluded.last_attempt_at;

-- name: login_failure_counts
-- The failures of the last $forget_after_s seconds that decide a wait, each with the seconds
-- since the latest of them: of this name from this client, of this client on any name, and
-- of this name from any client.
SELECT
    coalesce(sum(failures) FILTER (WHERE username = $username AND client = $client), 0)
        AS pair_failures,
    date_diff('millisecond',
              max(last_failed_at) FILTER (WHERE username = $username AND client = $client),
              now()::TIMESTAMP) / 1000.0 AS pair_since,
    coalesce(sum(failures) FILTER (WHERE client = $client), 0) AS client_failures,
    date_diff('millisecond', max(last_failed_at) FILTER (WHERE client = $client),
              now()::TIMESTAMP) / 1000.0 AS client_since,
    coalesce(sum(failures) FILTER (WHERE username = $username), 0) AS account_failures,
    date_diff('millisecond', max(last_failed_at) FILTER (WHERE username = $username),
              now()::TIMESTAMP) / 1000.0 AS account_since
FROM login_failures
WHERE (username = $username OR client = $client)
  AND last_failed_at > now()::TIMESTAMP - to_seconds($forget_after_s);

-- name: record_login_failure
-- One more failure of this name from this client, now (an attempt counts itself here
-- before its password is checked).
INSERT INTO login_failures (username, client, failures, last_failed_at)
VALUES ($username, $client, 1, now()::TIMESTAMP)
ON CONFLICT (username, client) DO UPDATE SET failures = failures + 1,
    last_failed_at = excluded.last_failed_at;

-- name: clear_login_failures
-- A right password clears the failures of this name from this client (not those of
-- other clients: a guesser elsewhere still waits).
DELETE FROM login_failures WHERE username = $username AND client = $client;

-- name: forget_login_failures_of
-- A new password or an unblocked account starts without failures, from every client.
DELETE FROM login_failures WHERE username = $username;

-- name: forget_old_login_failures
-- Failures older than $forget_after_s seconds no longer count and are deleted.
DELETE FROM login_failures
WHERE last_failed_at <= now()::TIMESTAMP - to_seconds($forget_after_s);

-- name: forget_old_login_attempts
-- The attempt counters of clients and names not seen for $forget_after_s seconds.
DELETE FROM login_attempts
WHERE last_attempt_at <= now()::TIMESTAMP - to_seconds($forget_after_s);
