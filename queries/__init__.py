"""Package data ``gebrookerbos.db.sql``: named queries, schema.sql and migrations/ (see gebrookerbos.db)."""
