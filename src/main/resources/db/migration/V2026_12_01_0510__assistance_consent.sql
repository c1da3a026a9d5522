-- Remote assistance as each organisation wants it: with the customer's approval or not, how long, and whether the
-- assisting console user may change anything. No row: today's defaults (no approval, 30 minutes, full control).
CREATE TABLE assistance_policy (
    organization_id  uuid PRIMARY KEY REFERENCES organization (id) ON DELETE CASCADE,
    consent_required boolean NOT NULL DEFAULT false,
    minutes          integer NOT NULL DEFAULT 30 CHECK (minutes BETWEEN 5 AND 60),
    read_only        boolean NOT NULL DEFAULT false
);

-- A console user's request to assist a customer, which the customer approves or declines in the app.
CREATE TABLE assistance_request (
    id                 uuid PRIMARY KEY,
    organization_id    uuid         NOT NULL,
    customer_id        uuid         NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    requested_by       uuid         NOT NULL,
    requested_by_label varchar(300) NOT NULL,
    reason             varchar(200) NOT NULL,
    status             varchar(16)  NOT NULL
        CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED', 'EXPIRED', 'STARTED')),
    requested_at       timestamptz  NOT NULL,
    answered_at        timestamptz,
    started_at         timestamptz
);
CREATE INDEX assistance_request_customer_ix ON assistance_request (organization_id, customer_id, requested_at DESC);
CREATE INDEX assistance_request_open_ix ON assistance_request (requested_at) WHERE status IN ('PENDING', 'APPROVED');

ALTER TABLE customer_session ADD COLUMN read_only boolean NOT NULL DEFAULT false;

-- What the customer reads afterwards: the assistance entries about them and what was done on their behalf.
CREATE INDEX audit_event_assistance_ix ON audit_event (organization_id, target_id, occurred_at DESC)
    WHERE on_behalf_of_id IS NOT NULL OR action LIKE 'REMOTE\_ASSISTANCE\_%';
