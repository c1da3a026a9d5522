-- The customer lookup reads one lower-cased text of the four fields, each ended by a unit separator (0x1f), which
-- typed text never holds (the lookup strips control characters), so a match never spans two fields. Testing a
-- row is then one LIKE on stored text instead of four lower() calls and LIKEs.
-- A fragment shared by many customers is counted and paged by walking the name order: the name index carries that
-- text and the names themselves, so the walk reads only the index (no table page per customer looked at). A rarer
-- fragment is gathered through one trigram index over the text, one posting list per trigram instead of one per field.
ALTER TABLE customer ADD COLUMN lookup_text text GENERATED ALWAYS AS (
    lower(first_name) || E'\x1f' || lower(last_name) || E'\x1f' || lower(email) || E'\x1f'
        || coalesce(phone, '') || E'\x1f') STORED;
DROP INDEX customer_first_name_trgm_ix;
DROP INDEX customer_last_name_trgm_ix;
DROP INDEX customer_email_trgm_ix;
DROP INDEX customer_phone_trgm_ix;
CREATE INDEX customer_lookup_trgm_ix ON customer USING gin (lookup_text gin_trgm_ops);
DROP INDEX customer_name_ix;
CREATE INDEX customer_name_ix ON customer (organization_id, lower(last_name), lower(first_name), id)
    INCLUDE (lookup_text, last_name, first_name);
