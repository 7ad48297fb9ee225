-- Wrong passwords are counted per account AND per client (the address the browser connects
-- from), so that whoever guesses makes themselves wait, not the account's owner
-- (gebrookerbos.services.login_throttle). The count per account in `users` goes.
--
-- One row per name tried and client: `username` is the name as typed (normalised; names
-- that are no account count the same way, so that a wait does not tell which names exist;
-- '' for text that cannot be a username), `client` the client's address ('unknown' when the
-- server cannot tell). A right password deletes its row; rows older than a day are
-- forgotten. A login attempt counts itself here before its password is checked.
CREATE TABLE login_failures (
    username       VARCHAR NOT NULL,
    client         VARCHAR NOT NULL,
    failures       INTEGER NOT NULL,
    last_failed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (username, client)
);

-- One row per client ('client:<address>') and per name tried ('account:<name>') that every
-- login attempt updates while it counts itself: two attempts of one client or on one
-- account at the same time then conflict in DuckDB, and the second is retried after the
-- first is counted, so the counts that decide a wait are never read stale.
CREATE TABLE login_attempts (
    scope           VARCHAR PRIMARY KEY,
    attempts        BIGINT NOT NULL,
    last_attempt_at TIMESTAMP NOT NULL
);

-- Raised whenever an account's password changes, it is blocked or it loses rights: a
-- browser session remembers the value it logged in with and ends when it differs.
ALTER TABLE users ADD COLUMN session_generation INTEGER DEFAULT 0;
ALTER TABLE users ALTER COLUMN session_generation SET NOT NULL;
ALTER TABLE users DROP COLUMN failed_attempts;
ALTER TABLE users DROP COLUMN last_failed_at;
