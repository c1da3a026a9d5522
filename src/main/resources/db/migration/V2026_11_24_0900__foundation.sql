-- Organisations: top-level accounts and (later) their sub-organisations, one level deep.
CREATE TABLE organization (
    id               uuid PRIMARY KEY,
    account_number   char(8)      NOT NULL UNIQUE,
    name             varchar(200) NOT NULL,
    legal_name       varchar(200),
    address          varchar(500),
    billing_address  varchar(500),
    shipping_address varchar(500),
    status           varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'ACTIVE')),
    parent_id        uuid REFERENCES organization (id),
    created_at       timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX organization_parent_ix ON organization (parent_id);

-- Console users, API users and the platform operator (the only row without an organisation).
CREATE TABLE app_user (
    id                  uuid PRIMARY KEY,
    organization_id     uuid REFERENCES organization (id),
    role                varchar(16)  NOT NULL,
    first_name          varchar(100) NOT NULL,
    last_name           varchar(100) NOT NULL,
    email               varchar(254),
    client_id           varchar(80),
    country_code        varchar(5),
    mobile_number       varchar(20),
    description         varchar(500),
    dashboards          varchar(200) NOT NULL DEFAULT '',
    status              varchar(16)  NOT NULL CHECK (status IN ('INVITED', 'ACTIVE', 'INACTIVE')),
    password_hash       varchar(255),
    credentials_version integer      NOT NULL DEFAULT 0,
    created_at          timestamptz  NOT NULL DEFAULT now(),
    last_sign_in_at     timestamptz,
    CHECK ((role = 'OPERATOR') = (organization_id IS NULL)),
    CHECK ((role = 'API_USER') = (client_id IS NOT NULL)),
    CHECK (role = 'API_USER' OR email IS NOT NULL)
);
-- E-mail is unique across the installation, case-insensitively; '+' aliases stay distinct addresses.
CREATE UNIQUE INDEX app_user_email_uk ON app_user (lower(email));
CREATE UNIQUE INDEX app_user_client_id_uk ON app_user (client_id);
CREATE INDEX app_user_organization_ix ON app_user (organization_id, last_name, first_name);

-- Single-use links (activation, password reset); only the SHA-256 of the token is stored.
CREATE TABLE user_link_token (
    token_hash      bytea PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    organization_id uuid,
    purpose         varchar(16) NOT NULL CHECK (purpose IN ('ACTIVATION', 'RESET')),
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_link_token_user_ix ON user_link_token (user_id, purpose);

-- Bearer tokens of the Management API; only the SHA-256 of the token is stored.
CREATE TABLE access_token (
    token_hash      bytea PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    organization_id uuid,
    credentials_version integer NOT NULL,
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX access_token_user_ix ON access_token (user_id);

-- Failed sign-ins per account and per address: slows and then locks repeated guessing.
CREATE TABLE login_throttle (
    throttle_key  varchar(300) PRIMARY KEY,
    failures      integer     NOT NULL,
    window_start  timestamptz NOT NULL,
    locked_until  timestamptz
);

-- Transactional outbox for e-mail: written in the same transaction as the change it announces.
CREATE TABLE mail_outbox (
    id              bigserial PRIMARY KEY,
    organization_id uuid,
    recipient       varchar(254)  NOT NULL,
    subject         varchar(300)  NOT NULL,
    body            text          NOT NULL,
    link            varchar(1000),
    created_at      timestamptz   NOT NULL DEFAULT now(),
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    last_error      varchar(1000)
);
CREATE INDEX mail_outbox_pending_ix ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Append-only audit log. The triggers below make it so for every client, the console included.
CREATE TABLE audit_event (
    id                bigserial PRIMARY KEY,
    occurred_at       timestamptz  NOT NULL DEFAULT now(),
    organization_id   uuid,
    actor_id          uuid,
    actor_label       varchar(300),
    on_behalf_of_id   uuid,
    on_behalf_of_label varchar(300),
    action            varchar(64)  NOT NULL,
    target_type       varchar(32),
    target_id         varchar(64),
    target_label      varchar(300),
    source_address    varchar(64),
    outcome           varchar(16)  NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE', 'DENIED')),
    detail            varchar(1000)
);
CREATE INDEX audit_event_org_time_ix ON audit_event (organization_id, occurred_at DESC);
CREATE INDEX audit_event_time_ix ON audit_event (occurred_at DESC);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- Spring Session JDBC: sessions shared by every instance.
CREATE TABLE spring_session (
    primary_id            char(36) NOT NULL,
    session_id            char(36) NOT NULL,
    creation_time         bigint   NOT NULL,
    last_access_time      bigint   NOT NULL,
    max_inactive_interval int      NOT NULL,
    expiry_time           bigint   NOT NULL,
    principal_name        varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);
CREATE TABLE spring_session_attributes (
    session_primary_id char(36)     NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
