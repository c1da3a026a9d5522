-- A transfer's range file, read and checked by its upload job: kept (the ranges and their counts) for the preview it
-- confirms, then released once the transfer is done or after a day.
CREATE TABLE sim_transfer_file (
    id                   uuid PRIMARY KEY,
    organization_id      uuid        NOT NULL,
    from_organization_id uuid        NOT NULL,
    to_organization_id   uuid        NOT NULL,
    ranges               text        NOT NULL,
    counts               text        NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sim_transfer_file_created_ix ON sim_transfer_file (created_at);
