-- Each organisation's customer app: its own address (a short name), name, colour and logo. An organisation without a
-- row uses its account number as the address, its own name and the default colour. Chosen short names start with a
-- letter, so they can never be taken for an account number.
CREATE TABLE customer_app (
    organization_id uuid PRIMARY KEY REFERENCES organization (id) ON DELETE CASCADE,
    slug            varchar(40) UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]*[a-z0-9]$'),
    name            varchar(60),
    color           char(7) CHECK (color ~ '^#[0-9a-f]{6}$'),
    logo            bytea,
    logo_type       varchar(20) CHECK (logo_type IN ('image/png', 'image/jpeg')),
    logo_updated_at timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((logo IS NULL) = (logo_type IS NULL))
);
