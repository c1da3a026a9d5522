-- Migrations may rewrite large tables: they run without the statement timeout of ordinary requests. SET LOCAL lasts
-- only as long as the migration's own transaction, so the pooled connection keeps its limit afterwards.
SET LOCAL statement_timeout = 0;
