-- A SIM transfer rewrites the owner of up to millions of SIM rows at once; each index on sim_card and each foreign-key
-- check is paid per moved row. So: the ICCID is the key (no second, surrogate key), the group index holds grouped
-- SIMs only (a transfer ungroups what it moves, so moved rows never enter it), and the owner is kept consistent by
-- the use cases (a sub-organisation is deleted only once it owns no SIM, under the family lock) instead of a
-- per-row foreign-key check.
ALTER TABLE sim_card DROP CONSTRAINT sim_card_pkey;
ALTER TABLE sim_card DROP COLUMN id;
ALTER TABLE sim_card ADD CONSTRAINT sim_card_pkey PRIMARY KEY USING INDEX sim_card_iccid_uk;
ALTER TABLE sim_card DROP CONSTRAINT sim_card_organization_id_fkey;
DROP INDEX sim_card_org_group_ix;
CREATE INDEX sim_card_org_group_ix ON sim_card (organization_id, group_id) WHERE group_id IS NOT NULL;
