-- How many SIMs each organisation owns, so that the SIM list's total and the organisation lists' SIM counts do not
-- count a large inventory row by row on every request. Kept in the same transaction by the only two changes of a
-- SIM's owner: the stock import (adds) and the transfer (moves).
CREATE TABLE sim_count (
    organization_id uuid PRIMARY KEY,
    sims            bigint NOT NULL CHECK (sims >= 0)
);
INSERT INTO sim_count (organization_id, sims)
SELECT organization_id, count(*) FROM sim_card GROUP BY organization_id;
