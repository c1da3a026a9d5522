-- SIM groups ("thing groups") of an organisation, and the groups each Group user may manage.
CREATE TABLE sim_group (
    id              uuid PRIMARY KEY,
    organization_id uuid         NOT NULL REFERENCES organization (id),
    name            varchar(100) NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sim_group_name_uk ON sim_group (organization_id, lower(name));

CREATE TABLE user_sim_group (
    organization_id uuid NOT NULL,
    user_id         uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    group_id        uuid NOT NULL REFERENCES sim_group (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, group_id)
);

-- SIM cards, owned by one organisation. ICCIDs of one length compare as numbers when compared as text.
CREATE TABLE sim_card (
    id               uuid PRIMARY KEY,
    organization_id  uuid        NOT NULL REFERENCES organization (id),
    iccid            varchar(20) NOT NULL,
    imsi             varchar(15) NOT NULL,
    msisdn           varchar(15) NOT NULL,
    imei             varchar(16),
    imei_lock        boolean     NOT NULL DEFAULT false,
    label            varchar(100),
    state            varchar(16) NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'DEACTIVATED', 'SUSPENDED')),
    monthly_limit_mb integer,
    data_used_mb     bigint      NOT NULL DEFAULT 0,
    group_id         uuid REFERENCES sim_group (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sim_card_iccid_uk ON sim_card (iccid);
CREATE INDEX sim_card_org_iccid_ix ON sim_card (organization_id, length(iccid), iccid);
CREATE INDEX sim_card_org_group_ix ON sim_card (organization_id, group_id);
