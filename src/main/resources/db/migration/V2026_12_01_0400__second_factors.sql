-- Passkeys: the tables of Spring Security's JDBC WebAuthn repositories, their binary columns as bytea.
-- A user entity's name is the console user's id, as the signed-in principal names it.
CREATE TABLE user_entities (
    id           varchar(1000) PRIMARY KEY,
    name         varchar(100)  NOT NULL,
    display_name varchar(200)
);
CREATE UNIQUE INDEX user_entities_name_uk ON user_entities (name);

CREATE TABLE user_credentials (
    credential_id                varchar(1000) PRIMARY KEY,
    user_entity_user_id          varchar(1000) NOT NULL REFERENCES user_entities (id) ON DELETE CASCADE,
    public_key                   bytea         NOT NULL,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       NOT NULL,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       NOT NULL,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) NOT NULL
);
CREATE INDEX user_credentials_user_ix ON user_credentials (user_entity_user_id);

-- An authenticator app: the secret encrypted with the configured key; confirmed once a first code was right.
-- last_step is the last accepted time step: a code is accepted only for a later step, on every instance.
CREATE TABLE totp_secret (
    user_id          uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    organization_id  uuid,
    secret_encrypted varchar(200) NOT NULL,
    confirmed_at     timestamptz,
    last_step        bigint       NOT NULL DEFAULT 0,
    created_at       timestamptz  NOT NULL DEFAULT now()
);

-- Single-use recovery codes, stored as SHA-256 of the code (they are random, 50 bits and more).
CREATE TABLE recovery_code (
    user_id         uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    organization_id uuid,
    code_hash       bytea       NOT NULL,
    used_at         timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- An organisation whose every console user must have a second factor.
CREATE TABLE second_factor_policy (
    organization_id uuid PRIMARY KEY REFERENCES organization (id) ON DELETE CASCADE,
    required        boolean     NOT NULL,
    changed_at      timestamptz NOT NULL DEFAULT now()
);

-- A deleted user's passkeys go with them (the entity names the user by id, as text: no foreign key can).
CREATE FUNCTION delete_user_entity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM user_entities WHERE name = OLD.id::text;
    RETURN OLD;
END $$;
CREATE TRIGGER app_user_passkeys_deleted AFTER DELETE ON app_user
    FOR EACH ROW EXECUTE FUNCTION delete_user_entity();
