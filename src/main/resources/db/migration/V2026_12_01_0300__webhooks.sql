-- Webhooks: an organisation's HTTPS endpoints, the events they receive, and a transactional outbox of deliveries.
CREATE TABLE webhook_endpoint (
    id               uuid PRIMARY KEY,
    organization_id  uuid          NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    url              varchar(2000) NOT NULL,
    description      varchar(200),
    event_types      text[]        NOT NULL,
    -- the signing secret, encrypted (AES-GCM) with the installation's key: it must be readable to sign
    secret           text          NOT NULL,
    enabled          boolean       NOT NULL DEFAULT true,
    disabled_reason  varchar(300),
    -- the first failed try since the last success; a day of failures disables the endpoint
    failing_since    timestamptz,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoint_org_ix ON webhook_endpoint (organization_id, created_at);

-- One event as it is sent (the body is signed as stored), written in the transaction of the change it announces.
CREATE TABLE webhook_event (
    id               varchar(40)   PRIMARY KEY,
    organization_id  uuid          NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    type             varchar(60)   NOT NULL,
    body             text          NOT NULL,
    created_at       timestamptz   NOT NULL DEFAULT now()
);

-- An event to send to one endpoint; the delivery workers of every instance claim due rows with SKIP LOCKED.
CREATE TABLE webhook_delivery (
    id               uuid PRIMARY KEY,
    organization_id  uuid          NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    endpoint_id      uuid          NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event_id         varchar(40)   NOT NULL REFERENCES webhook_event (id) ON DELETE CASCADE,
    status           varchar(12)   NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         integer       NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz   NOT NULL,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    delivered_at     timestamptz
);
CREATE INDEX webhook_delivery_due_ix ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_endpoint_ix ON webhook_delivery (endpoint_id, created_at);

-- Every try of a delivery: when, the HTTP status (null when no answer came), the start of the answer, how long.
CREATE TABLE webhook_attempt (
    id               bigserial PRIMARY KEY,
    organization_id  uuid          NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    delivery_id      uuid          NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    endpoint_id      uuid          NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    attempted_at     timestamptz   NOT NULL,
    http_status      integer,
    answer           varchar(500),
    duration_ms      integer       NOT NULL
);
CREATE INDEX webhook_attempt_endpoint_ix ON webhook_attempt (endpoint_id, attempted_at DESC);
CREATE INDEX webhook_attempt_delivery_ix ON webhook_attempt (delivery_id);
