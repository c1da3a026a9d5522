-- The SIM list's ICCID, IMSI, MSISDN and label filters match any part of the value (LIKE '%…%'). Trigram indexes
-- let a selective filter find its SIMs without reading every SIM of the organisation (pg_trgm is installed by the
-- customers migration).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX sim_card_iccid_trgm_ix ON sim_card USING gin (iccid gin_trgm_ops);
CREATE INDEX sim_card_imsi_trgm_ix ON sim_card USING gin (imsi gin_trgm_ops);
CREATE INDEX sim_card_msisdn_trgm_ix ON sim_card USING gin (msisdn gin_trgm_ops);
CREATE INDEX sim_card_label_trgm_ix ON sim_card USING gin (label gin_trgm_ops);
