-- Accounts (gebrookerbos.domain.auth): login, failed attempts, account management.
-- Password hashes are read only by `user_for_login`; no other query returns them.

-- name: user_for_login
-- One account with its password hash, failed attempts and seconds since the last one.
SELECT username, role, password_hash, failed_attempts, active,
       date_diff('millisecond', last_failed_at, now()::TIMESTAMP) / 1000.0 AS since_failed
FROM users WHERE username = $username;

-- name: user_exists
-- 1 when the account exists (active or not).
SELECT count(*) FROM users WHERE username = $username;

-- name: insert_user
-- Create an account (the password hash comes from auth.hash_password).
INSERT INTO users (username, role, password_hash, created_at, failed_attempts, active)
VALUES ($username, $role, $password_hash, now()::TIMESTAMP, 0, true);

-- name: set_user_password
-- Replace an account's password hash and clear its failed attempts.
UPDATE users SET password_hash = $password_hash, failed_attempts = 0, last_failed_at = NULL
WHERE username = $username;

-- name: set_user_role
-- Change an account's role.
UPDATE users SET role = $role WHERE username = $username;

-- name: set_user_active
-- Block (false) or unblock (true) an account; unblocking clears the failed attempts.
UPDATE users SET active = $active,
    failed_attempts = CASE WHEN $active THEN 0 ELSE failed_attempts END
WHERE username = $username;

-- name: record_failed_login
-- Count one more wrong password for the account, now.
UPDATE users SET failed_attempts = failed_attempts + 1, last_failed_at = now()::TIMESTAMP
WHERE username = $username;

-- name: reset_failed_logins
-- A successful login clears the failed attempts.
UPDATE users SET failed_attempts = 0, last_failed_at = NULL WHERE username = $username;

-- name: list_users
-- All accounts without their password hashes, for the Beheer page.
SELECT username, role, active, created_at, failed_attempts, last_failed_at
FROM users ORDER BY username;

-- name: count_active_admins
-- How many active beheerder accounts exist (the last one may not be removed).
SELECT count(*) FROM users WHERE role = 'beheerder' AND active;
