-- Citus refuses ON DELETE SET NULL on a foreign key that holds the distribution column: a deleted group's SIMs are
-- ungrouped by the statement that deletes the group instead.
ALTER TABLE sim_card DROP CONSTRAINT sim_card_group_id_fkey;
ALTER TABLE sim_card ADD CONSTRAINT sim_card_group_id_fkey FOREIGN KEY (organization_id, group_id)
    REFERENCES sim_group (organization_id, id);
