-- The customer lookup is exact: every customer whose first name, last name, e-mail or phone contains the typed text.
-- One trigram index per field instead of one over the four together: a fragment's posting lists hold only the
-- field's own trigrams, and a digits-only fragment is looked up among phones (and e-mails) without the names.
DROP INDEX customer_search_ix;
ALTER TABLE customer DROP COLUMN search_text;
CREATE INDEX customer_first_name_trgm_ix ON customer USING gin (lower(first_name) gin_trgm_ops);
CREATE INDEX customer_last_name_trgm_ix ON customer USING gin (lower(last_name) gin_trgm_ops);
CREATE INDEX customer_email_trgm_ix ON customer USING gin (lower(email) gin_trgm_ops);
CREATE INDEX customer_phone_trgm_ix ON customer USING gin (phone gin_trgm_ops);
