-- Ready for a distributed PostgreSQL (Citus), distributed by organization_id (docs/scaling.md). Each table says in its
-- comment whether it is distributed (one organisation's rows), a reference table (replicated to every node) or local
-- (coordinator only), and why; CitusReadySchemaTests reads those comments and the keys from the catalog.
-- On a distributed table every primary key and unique key includes organization_id, and every foreign key between two
-- of them includes it on both sides. Where a lookup by the old key alone remains (a row by its id, a session by its
-- token's hash), a plain index on the old key keeps it as fast as before.

-- The audit log's entries of the platform itself (the operator's own actions, failed sign-ins of unknown addresses)
-- are kept under the nil UUID: the platform's own key, so that every entry has one.
ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
UPDATE audit_event SET organization_id = '00000000-0000-0000-0000-000000000000' WHERE organization_id IS NULL;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;
ALTER TABLE audit_event ALTER COLUMN organization_id SET NOT NULL;
ALTER TABLE audit_event DROP CONSTRAINT IF EXISTS audit_event_pkey;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_pkey PRIMARY KEY (organization_id, id);

-- Foreign keys between distributed tables go first: their referenced keys change below.
ALTER TABLE user_sim_group DROP CONSTRAINT IF EXISTS user_sim_group_group_id_fkey;
ALTER TABLE sim_card DROP CONSTRAINT IF EXISTS sim_card_group_id_fkey;
ALTER TABLE customer_location DROP CONSTRAINT IF EXISTS customer_location_customer_id_fkey;
ALTER TABLE customer_session DROP CONSTRAINT IF EXISTS customer_session_customer_id_fkey;
ALTER TABLE customer_link DROP CONSTRAINT IF EXISTS customer_link_customer_id_fkey;
ALTER TABLE assistance_request DROP CONSTRAINT IF EXISTS assistance_request_customer_id_fkey;
ALTER TABLE webhook_delivery DROP CONSTRAINT IF EXISTS webhook_delivery_endpoint_id_fkey;
ALTER TABLE webhook_delivery DROP CONSTRAINT IF EXISTS webhook_delivery_event_id_fkey;
ALTER TABLE webhook_attempt DROP CONSTRAINT IF EXISTS webhook_attempt_delivery_id_fkey;
ALTER TABLE webhook_attempt DROP CONSTRAINT IF EXISTS webhook_attempt_endpoint_id_fkey;

-- Primary keys led by the organisation.
ALTER TABLE sim_group DROP CONSTRAINT sim_group_pkey;
ALTER TABLE sim_group ADD CONSTRAINT sim_group_pkey PRIMARY KEY (organization_id, id);
CREATE INDEX sim_group_id_ix ON sim_group (id);

ALTER TABLE user_sim_group DROP CONSTRAINT user_sim_group_pkey;
ALTER TABLE user_sim_group ADD CONSTRAINT user_sim_group_pkey PRIMARY KEY (organization_id, user_id, group_id);
CREATE INDEX user_sim_group_user_ix ON user_sim_group (user_id, group_id);

-- An ICCID stays unique across the installation through sim_search's primary key (a reference table, written in the
-- same statement as the SIM by its trigger); within sim_card it is unique per organisation.
ALTER TABLE sim_card DROP CONSTRAINT sim_card_pkey;
ALTER TABLE sim_card ADD CONSTRAINT sim_card_pkey PRIMARY KEY (organization_id, iccid);

ALTER TABLE network_request DROP CONSTRAINT network_request_pkey;
ALTER TABLE network_request ADD CONSTRAINT network_request_pkey PRIMARY KEY (organization_id, id);

ALTER TABLE sim_order DROP CONSTRAINT sim_order_pkey;
ALTER TABLE sim_order ADD CONSTRAINT sim_order_pkey PRIMARY KEY (organization_id, id);
CREATE INDEX sim_order_id_ix ON sim_order (id);

ALTER TABLE sim_transfer_file DROP CONSTRAINT sim_transfer_file_pkey;
ALTER TABLE sim_transfer_file ADD CONSTRAINT sim_transfer_file_pkey PRIMARY KEY (organization_id, id);
CREATE INDEX sim_transfer_file_id_ix ON sim_transfer_file (id);

ALTER TABLE customer DROP CONSTRAINT customer_pkey;
ALTER TABLE customer ADD CONSTRAINT customer_pkey PRIMARY KEY (organization_id, id);
CREATE INDEX customer_id_ix ON customer (id);

ALTER TABLE customer_location DROP CONSTRAINT customer_location_pkey;
ALTER TABLE customer_location ADD CONSTRAINT customer_location_pkey PRIMARY KEY (organization_id, id);
CREATE INDEX customer_location_id_ix ON customer_location (id);
DROP INDEX IF EXISTS customer_location_name_uk;
CREATE UNIQUE INDEX customer_location_name_uk ON customer_location (organization_id, customer_id, lower(name));
CREATE INDEX customer_location_customer_name_ix ON customer_location (customer_id, lower(name));

ALTER TABLE customer_session DROP CONSTRAINT customer_session_pkey;
ALTER TABLE customer_session ADD CONSTRAINT customer_session_pkey PRIMARY KEY (organization_id, token_hash);
CREATE INDEX customer_session_token_ix ON customer_session (token_hash);

ALTER TABLE customer_link DROP CONSTRAINT customer_link_pkey;
ALTER TABLE customer_link ADD CONSTRAINT customer_link_pkey PRIMARY KEY (organization_id, token_hash);
CREATE INDEX customer_link_token_ix ON customer_link (token_hash);

ALTER TABLE assistance_request DROP CONSTRAINT assistance_request_pkey;
ALTER TABLE assistance_request ADD CONSTRAINT assistance_request_pkey PRIMARY KEY (organization_id, id);
CREATE INDEX assistance_request_id_ix ON assistance_request (id);

ALTER TABLE upload_report DROP CONSTRAINT upload_report_pkey;
ALTER TABLE upload_report ADD CONSTRAINT upload_report_pkey PRIMARY KEY (organization_id, id);
CREATE INDEX upload_report_id_ix ON upload_report (id);

ALTER TABLE upload_job DROP CONSTRAINT upload_job_pkey;
ALTER TABLE upload_job ADD CONSTRAINT upload_job_pkey PRIMARY KEY (organization_id, id);
CREATE INDEX upload_job_id_ix ON upload_job (id);

ALTER TABLE webhook_endpoint DROP CONSTRAINT webhook_endpoint_pkey;
ALTER TABLE webhook_endpoint ADD CONSTRAINT webhook_endpoint_pkey PRIMARY KEY (organization_id, id);
CREATE INDEX webhook_endpoint_id_ix ON webhook_endpoint (id);

ALTER TABLE webhook_event DROP CONSTRAINT webhook_event_pkey;
ALTER TABLE webhook_event ADD CONSTRAINT webhook_event_pkey PRIMARY KEY (organization_id, id);
CREATE INDEX webhook_event_id_ix ON webhook_event (id);

ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_pkey;
ALTER TABLE webhook_delivery ADD CONSTRAINT webhook_delivery_pkey PRIMARY KEY (organization_id, id);
CREATE INDEX webhook_delivery_id_ix ON webhook_delivery (id);

ALTER TABLE webhook_attempt DROP CONSTRAINT webhook_attempt_pkey;
ALTER TABLE webhook_attempt ADD CONSTRAINT webhook_attempt_pkey PRIMARY KEY (organization_id, id);

-- The foreign keys again, each with the organisation on both sides: a row refers to its own organisation's rows only.
ALTER TABLE user_sim_group ADD CONSTRAINT user_sim_group_group_id_fkey FOREIGN KEY (organization_id, group_id)
    REFERENCES sim_group (organization_id, id) ON DELETE CASCADE;
-- deleting a group ungroups its SIMs and leaves their owner as it is
ALTER TABLE sim_card ADD CONSTRAINT sim_card_group_id_fkey FOREIGN KEY (organization_id, group_id)
    REFERENCES sim_group (organization_id, id) ON DELETE SET NULL (group_id);
ALTER TABLE customer_location ADD CONSTRAINT customer_location_customer_id_fkey FOREIGN KEY (organization_id, customer_id)
    REFERENCES customer (organization_id, id) ON DELETE CASCADE;
ALTER TABLE customer_session ADD CONSTRAINT customer_session_customer_id_fkey FOREIGN KEY (organization_id, customer_id)
    REFERENCES customer (organization_id, id) ON DELETE CASCADE;
ALTER TABLE customer_link ADD CONSTRAINT customer_link_customer_id_fkey FOREIGN KEY (organization_id, customer_id)
    REFERENCES customer (organization_id, id) ON DELETE CASCADE;
ALTER TABLE assistance_request ADD CONSTRAINT assistance_request_customer_id_fkey
    FOREIGN KEY (organization_id, customer_id) REFERENCES customer (organization_id, id) ON DELETE CASCADE;
ALTER TABLE webhook_delivery ADD CONSTRAINT webhook_delivery_endpoint_id_fkey FOREIGN KEY (organization_id, endpoint_id)
    REFERENCES webhook_endpoint (organization_id, id) ON DELETE CASCADE;
ALTER TABLE webhook_delivery ADD CONSTRAINT webhook_delivery_event_id_fkey FOREIGN KEY (organization_id, event_id)
    REFERENCES webhook_event (organization_id, id) ON DELETE CASCADE;
ALTER TABLE webhook_attempt ADD CONSTRAINT webhook_attempt_delivery_id_fkey FOREIGN KEY (organization_id, delivery_id)
    REFERENCES webhook_delivery (organization_id, id) ON DELETE CASCADE;
ALTER TABLE webhook_attempt ADD CONSTRAINT webhook_attempt_endpoint_id_fkey FOREIGN KEY (organization_id, endpoint_id)
    REFERENCES webhook_endpoint (organization_id, id) ON DELETE CASCADE;

-- Where each table goes once sharded. A new table needs its own line (CitusReadySchemaTests fails on one without).
COMMENT ON TABLE organization IS
    'citus: reference — the organisations themselves: small, read with nearly every request, the target of every organisation key';
COMMENT ON TABLE organization_counter IS
    'citus: distributed — an organisation''s own counters (order numbers)';
COMMENT ON TABLE app_user IS
    'citus: reference — staff identity: signed in by e-mail (or client id) before the organisation is known, e-mail addresses unique across the installation; holds the platform operator';
COMMENT ON TABLE user_link_token IS
    'citus: reference — activation and reset links, looked up by the token''s hash before the organisation is known';
COMMENT ON TABLE access_token IS
    'citus: reference — Management API tokens, looked up by the token''s hash on every request before the organisation is known';
COMMENT ON TABLE api_credential IS
    'citus: reference — staff identity: an API user''s credential, read at the token endpoint by client id before the organisation is known';
COMMENT ON TABLE totp_secret IS
    'citus: reference — staff identity: a console user''s authenticator app, read during sign-in (the operator has one too)';
COMMENT ON TABLE recovery_code IS
    'citus: reference — staff identity: a console user''s recovery codes, read during sign-in (the operator has them too)';
COMMENT ON TABLE user_entities IS
    'citus: reference — staff identity: passkey users (Spring Security''s schema), read during a passkey sign-in before the user is known';
COMMENT ON TABLE user_credentials IS
    'citus: reference — staff identity: passkeys by credential id (Spring Security''s schema), read during a passkey sign-in before the user is known';
COMMENT ON TABLE login_throttle IS
    'citus: local — sign-in throttling by account and address, before any organisation is known; infrastructure of the instances';
COMMENT ON TABLE mail_outbox IS
    'citus: local — the outbox every instance drains across organisations (SKIP LOCKED); holds mails to addresses without an account and the operator''s';
COMMENT ON TABLE spring_session IS
    'citus: local — Spring Session''s console sessions, infrastructure of the instances';
COMMENT ON TABLE spring_session_attributes IS
    'citus: local — Spring Session''s console sessions, infrastructure of the instances';
COMMENT ON TABLE flyway_schema_history IS
    'citus: local — Flyway''s record of the migrations';
COMMENT ON TABLE audit_event IS
    'citus: distributed — an organisation''s audit log; the platform''s own entries under the nil UUID';
COMMENT ON TABLE sim_group IS 'citus: distributed — an organisation''s SIM groups';
COMMENT ON TABLE user_sim_group IS 'citus: distributed — the SIM groups of an organisation''s Group users';
COMMENT ON TABLE sim_card IS
    'citus: distributed — an organisation''s SIMs; the ICCID is unique across the installation through sim_search';
COMMENT ON TABLE sim_search IS
    'citus: reference — the registry of every SIM by ICCID (a physical identity, unique across the installation) with its searchable values; a transfer never touches it';
COMMENT ON TABLE sim_count IS 'citus: distributed — how many SIMs an organisation owns';
COMMENT ON TABLE network_request IS 'citus: distributed — the network requests for an organisation''s SIMs';
COMMENT ON TABLE sim_order IS 'citus: distributed — an organisation''s SIM orders';
COMMENT ON TABLE sim_transfer_file IS 'citus: distributed — a transfer''s range file, kept for its preview';
COMMENT ON TABLE customer IS 'citus: distributed — an organisation''s customers';
COMMENT ON TABLE customer_location IS 'citus: distributed — the locations of an organisation''s customers';
COMMENT ON TABLE device IS 'citus: distributed — the devices of an organisation''s customers';
COMMENT ON TABLE customer_session IS
    'citus: distributed — customers'' app sessions; the lookup by the token''s hash alone asks every shard once sharded';
COMMENT ON TABLE customer_link IS
    'citus: distributed — customers'' password links; the lookup by the token''s hash alone asks every shard once sharded';
COMMENT ON TABLE customer_app IS
    'citus: reference — an organisation''s customer app (one small row each), looked up by its short name before the organisation is known; short names unique across the installation';
COMMENT ON TABLE assistance_policy IS 'citus: distributed — an organisation''s remote assistance settings';
COMMENT ON TABLE assistance_request IS 'citus: distributed — requests to assist an organisation''s customers';
COMMENT ON TABLE upload_report IS 'citus: distributed — an organisation''s refused uploads'' reports';
COMMENT ON TABLE upload_job IS 'citus: distributed — an organisation''s upload jobs';
COMMENT ON TABLE second_factor_policy IS 'citus: distributed — an organisation''s second-factor requirement';
COMMENT ON TABLE webhook_endpoint IS 'citus: distributed — an organisation''s webhook endpoints';
COMMENT ON TABLE webhook_event IS 'citus: distributed — an organisation''s webhook events';
COMMENT ON TABLE webhook_delivery IS 'citus: distributed — deliveries of an organisation''s webhook events';
COMMENT ON TABLE webhook_attempt IS 'citus: distributed — tries of an organisation''s webhook deliveries';
