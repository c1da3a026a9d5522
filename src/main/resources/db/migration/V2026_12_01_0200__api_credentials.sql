-- An API user's credential beyond its secret: the scopes it may be granted (null: every scope its role holds),
-- an optional expiry, the secret it replaced with the end of that secret's grace, and its last use.
CREATE TABLE api_credential (
    user_id                     uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    organization_id             uuid        NOT NULL,
    scopes                      text[],
    expires_at                  timestamptz,
    previous_secret_hash        text,
    previous_secret_valid_until timestamptz,
    last_used_at                timestamptz,
    last_used_address           varchar(100)
);
CREATE INDEX api_credential_organization_ix ON api_credential (organization_id);

-- The scopes granted to each bearer token (null for tokens issued before scopes: every scope of the role).
ALTER TABLE access_token ADD COLUMN scopes text[];
