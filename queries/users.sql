-- Accounts (gebrookerbos.services.accounts): login, sessions, account management; the
-- failed attempts are in login_throttle.sql.
-- Password hashes are read only by `user_for_login`; no other query returns them.

-- name: user_for_login
-- One account with its password hash and its session generation (a browser session
-- ends when the generation differs from the one it logged in with).
SELECT username, role, password_hash, active, session_generation
FROM users WHERE username = $username;

-- name: user_exists
-- 1 when the account exists (active or not).
SELECT count(*) FROM users WHERE username = $username;

-- name: insert_user
-- Create an account (the password hash comes from auth.hash_password).
INSERT INTO users (username, role, password_hash, created_at, active, session_generation)
VALUES ($username, $role, $password_hash, now()::TIMESTAMP, true, 0);

-- name: set_user_password
-- Replace an account's password hash.
UPDATE users SET password_hash = $password_hash WHERE username = $username;

-- name: end_user_sessions
-- End every browser session of the account (new password, blocked, fewer rights).
UPDATE users SET session_generation = session_generation + 1 WHERE username = $username;

-- name: set_user_role
-- Change an account's role.
UPDATE users SET role = $role WHERE username = $username;

-- name: set_user_active
-- Block (false) or unblock (true) an account.
UPDATE users SET active = $active WHERE username = $username;

-- name: list_users
-- All accounts without their password hashes, for the Beheer page: the wrong passwords of
-- the last $forget_after_s seconds (from every client), from how many clients, the latest.
SELECT u.username, u.role, u.active, u.created_at,
       coalesce(f.failures, 0)::INTEGER AS failed_attempts,
       coalesce(f.clients, 0)::INTEGER AS failed_clients, f.last_failed_at
FROM users u
LEFT JOIN (
    SELECT username, sum(failures) AS failures, count(*) AS clients,
           max(last_failed_at) AS last_failed_at
    FROM login_failures
    WHERE last_failed_at > now()::TIMESTAMP - to_seconds($forget_after_s)
    GROUP BY username
) f USING (username)
ORDER BY u.username;

-- name: count_active_admins
-- How many active beheerder accounts exist (the last one may not be removed).
SELECT count(*) FROM users WHERE role = 'beheerder' AND active;
