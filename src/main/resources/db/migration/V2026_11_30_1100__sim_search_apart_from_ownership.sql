-- A SIM transfer rewrites the owner of up to millions of SIM rows at once. Changing organization_id rules out
-- heap-only updates, so every index on sim_card gets a new entry per moved SIM; the four trigram indexes of the SIM
-- list's "any part of" filters (about 20 trigrams per value) made that four times the work of the rest of the move.
-- The searchable values therefore live in sim_search, keyed by ICCID, which a transfer never touches (unless it clears
-- a label), and the filters look their ICCIDs up there. sim_card stays the record; triggers keep the copy: on insert
-- per statement (the stock import inserts thousands at once), on update per changed row only (a WHEN clause, so a
-- transfer queues nothing for unlabelled SIMs), on delete per statement.
CREATE TABLE sim_search (
    iccid  varchar(20) PRIMARY KEY,
    imsi   varchar(15) NOT NULL,
    msisdn varchar(15) NOT NULL,
    label  varchar(100)
);
INSERT INTO sim_search (iccid, imsi, msisdn, label) SELECT iccid, imsi, msisdn, label FROM sim_card;
DROP INDEX sim_card_iccid_trgm_ix;
DROP INDEX sim_card_imsi_trgm_ix;
DROP INDEX sim_card_msisdn_trgm_ix;
DROP INDEX sim_card_label_trgm_ix;
CREATE INDEX sim_search_iccid_trgm_ix ON sim_search USING gin (iccid gin_trgm_ops);
CREATE INDEX sim_search_imsi_trgm_ix ON sim_search USING gin (imsi gin_trgm_ops);
CREATE INDEX sim_search_msisdn_trgm_ix ON sim_search USING gin (msisdn gin_trgm_ops);
CREATE INDEX sim_search_label_trgm_ix ON sim_search USING gin (label gin_trgm_ops);

CREATE FUNCTION sim_search_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sim_search (iccid, imsi, msisdn, label) SELECT iccid, imsi, msisdn, label FROM added;
    RETURN NULL;
END $$;
CREATE TRIGGER sim_search_added AFTER INSERT ON sim_card REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION sim_search_added();

CREATE FUNCTION sim_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sim_search SET iccid = NEW.iccid, imsi = NEW.imsi, msisdn = NEW.msisdn, label = NEW.label
    WHERE iccid = OLD.iccid;
    RETURN NULL;
END $$;
CREATE TRIGGER sim_search_changed AFTER UPDATE ON sim_card FOR EACH ROW
    WHEN (OLD.iccid IS DISTINCT FROM NEW.iccid OR OLD.imsi IS DISTINCT FROM NEW.imsi
        OR OLD.msisdn IS DISTINCT FROM NEW.msisdn OR OLD.label IS DISTINCT FROM NEW.label)
    EXECUTE FUNCTION sim_search_changed();

CREATE FUNCTION sim_search_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM sim_search s USING removed r WHERE s.iccid = r.iccid;
    RETURN NULL;
END $$;
CREATE TRIGGER sim_search_removed AFTER DELETE ON sim_card REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION sim_search_removed();
