-- Customers of an organisation's white-label app, their locations and devices, and their app sessions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE customer (
    id                  uuid PRIMARY KEY,
    organization_id     uuid         NOT NULL REFERENCES organization (id),
    first_name          varchar(100) NOT NULL,
    last_name           varchar(100) NOT NULL,
    email               varchar(254) NOT NULL,
    country_code        varchar(5),
    phone               varchar(20),
    status              varchar(16)  NOT NULL DEFAULT 'ENABLED' CHECK (status IN ('ENABLED', 'DISABLED')),
    password_hash       varchar(200),
    credentials_version integer      NOT NULL DEFAULT 0,
    created_at          timestamptz  NOT NULL DEFAULT now(),
    -- what the lookup searches: each field on a line of its own, so a match never spans two fields
    search_text         text GENERATED ALWAYS AS (lower(first_name) || E'\n' || lower(last_name) || E'\n'
                            || lower(email) || E'\n' || coalesce(country_code, '') || coalesce(phone, '') || E'\n'
                            || coalesce(phone, '')) STORED
);
CREATE UNIQUE INDEX customer_email_uk ON customer (organization_id, lower(email));
CREATE INDEX customer_search_ix ON customer USING gin (search_text gin_trgm_ops);
CREATE INDEX customer_name_ix ON customer (organization_id, lower(last_name), lower(first_name), id);

CREATE TABLE customer_location (
    id              uuid PRIMARY KEY,
    organization_id uuid         NOT NULL,
    customer_id     uuid         NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    name            varchar(100) NOT NULL,
    address         varchar(300)
);
CREATE UNIQUE INDEX customer_location_name_uk ON customer_location (customer_id, lower(name));

-- A device is known by its serial number, unique within the organisation.
CREATE TABLE device (
    organization_id uuid         NOT NULL,
    customer_id     uuid         NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    location_id     uuid REFERENCES customer_location (id) ON DELETE SET NULL,
    name            varchar(100) NOT NULL,
    serial_number   varchar(64)  NOT NULL,
    model           varchar(100),
    iccid           varchar(20),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, serial_number)
);
CREATE UNIQUE INDEX device_iccid_uk ON device (organization_id, iccid) WHERE iccid IS NOT NULL;
CREATE INDEX device_customer_ix ON device (organization_id, customer_id);

-- A customer's signed-in app sessions (browser cookie) and mobile tokens, stored as SHA-256 of the token. A session
-- opened by remote assistance names the console user and the stated reason, and lasts 30 minutes.
CREATE TABLE customer_session (
    token_hash          bytea PRIMARY KEY,
    organization_id     uuid         NOT NULL,
    customer_id         uuid         NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    credentials_version integer      NOT NULL,
    kind                varchar(16)  NOT NULL CHECK (kind IN ('APP', 'MOBILE', 'ASSIST')),
    assisted_by         uuid,
    assisted_by_label   varchar(300),
    reason              varchar(200),
    created_at          timestamptz  NOT NULL DEFAULT now(),
    expires_at          timestamptz  NOT NULL
);
CREATE INDEX customer_session_customer_ix ON customer_session (organization_id, customer_id);

-- Single-use links mailed to a new customer to set a password in the app.
CREATE TABLE customer_link (
    token_hash      bytea PRIMARY KEY,
    organization_id uuid        NOT NULL,
    customer_id     uuid        NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz
);

-- The validation report of a refused device upload, downloadable as CSV for an hour.
CREATE TABLE upload_report (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL,
    content         text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- A device upload started in the console runs in the background; its page follows it here.
CREATE TABLE upload_job (
    id              uuid PRIMARY KEY,
    organization_id uuid         NOT NULL,
    customer_id     uuid         NOT NULL,
    customer_label  varchar(300) NOT NULL,
    status          varchar(16)  NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'REFUSED', 'FAILED')),
    rows_read       bigint       NOT NULL DEFAULT 0,
    written         bigint       NOT NULL DEFAULT 0,
    problems        integer      NOT NULL DEFAULT 0,
    report_id       uuid,
    started_at      timestamptz  NOT NULL DEFAULT now(),
    finished_at     timestamptz
);
