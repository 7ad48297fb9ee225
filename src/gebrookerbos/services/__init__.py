"""Writing operations: each takes the acting user, checks the permission, runs in one
transaction and writes the audit log."""
