-- Every console upload (devices, SIM stock, a transfer's range file) runs as a job of one kind; its page shows the
-- phase and a progress bar from the counts below, written while the job runs.
ALTER TABLE upload_job RENAME COLUMN customer_id TO subject_id;
ALTER TABLE upload_job RENAME COLUMN customer_label TO subject_label;
ALTER TABLE upload_job ALTER COLUMN subject_id DROP NOT NULL;
ALTER TABLE upload_job ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'DEVICES'
    CHECK (kind IN ('DEVICES', 'STOCK', 'TRANSFER'));
ALTER TABLE upload_job ADD COLUMN phase varchar(16) NOT NULL DEFAULT 'READING'
    CHECK (phase IN ('READING', 'CHECKING', 'WRITING', 'DONE', 'REFUSED', 'FAILED'));
ALTER TABLE upload_job ADD COLUMN file_name varchar(255) NOT NULL DEFAULT '';
ALTER TABLE upload_job ADD COLUMN file_size bigint NOT NULL DEFAULT 0;
ALTER TABLE upload_job ADD COLUMN bytes_read bigint NOT NULL DEFAULT 0;
ALTER TABLE upload_job ADD COLUMN to_write bigint NOT NULL DEFAULT 0;
ALTER TABLE upload_job ADD COLUMN summary varchar(500);
-- what the job's page offers once done (a transfer's preview to confirm: the kept range file's id)
ALTER TABLE upload_job ADD COLUMN result_id uuid;
UPDATE upload_job SET phase = status WHERE status <> 'RUNNING';
CREATE INDEX upload_job_recent_ix ON upload_job (organization_id, kind, started_at DESC);
