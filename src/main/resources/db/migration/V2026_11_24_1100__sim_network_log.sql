-- What the network simulator was asked to do, in order: the shipped Network implementation's memory.
CREATE TABLE network_request (
    id              bigserial PRIMARY KEY,
    organization_id uuid         NOT NULL,
    iccid           varchar(20)  NOT NULL,
    action          varchar(32)  NOT NULL,
    payload         varchar(1000),
    answer          varchar(200) NOT NULL,
    requested_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX network_request_org_iccid_ix ON network_request (organization_id, iccid, id);
