-- Per-organisation counters (the next order number, …): taken with INSERT … ON CONFLICT DO UPDATE … RETURNING in
-- the transaction that uses the number, so parallel writers queue on the counter row and numbers stay gapless.
CREATE TABLE organization_counter (
    organization_id uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    name            varchar(32) NOT NULL,
    value           bigint      NOT NULL,
    PRIMARY KEY (organization_id, name)
);
INSERT INTO organization_counter (organization_id, name, value)
SELECT organization_id, 'order', max(number) FROM sim_order GROUP BY organization_id;

-- A device upload records the instance that runs it and a heartbeat that instance renews; a RUNNING upload whose
-- heartbeat is older than the limit was left by a stopped instance and is failed with the reason.
ALTER TABLE upload_job ADD COLUMN instance_id uuid;
ALTER TABLE upload_job ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE upload_job ADD COLUMN failure varchar(300);
CREATE INDEX upload_job_running_ix ON upload_job (heartbeat_at) WHERE status = 'RUNNING';
