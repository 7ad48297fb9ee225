-- name: insert_audit
-- Record one change: who, when, which record, what (changes as JSON {field: [old, new]}).
INSERT INTO audit_log (changed_at, username, table_name, record_id, action, changes)
VALUES (now()::TIMESTAMP, $username, $table_name, $record_id, $action, $changes);

-- name: audit_for_record
-- The audit trail of one record, newest first.
SELECT audit_id, changed_at, username, action, changes
FROM audit_log WHERE table_name = $table_name AND record_id = $record_id
ORDER BY audit_id DESC;

-- name: recent_audit
-- The latest changes across all records.
SELECT audit_id, changed_at, username, table_name, record_id, action, changes
FROM audit_log ORDER BY audit_id DESC LIMIT $limit;
