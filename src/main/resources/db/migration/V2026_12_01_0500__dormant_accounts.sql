-- Dormant accounts: each organisation sets after how many days without a sign-in its users are deactivated
-- (NULL: never). A user counts from the latest of last sign-in, activation and creation.
ALTER TABLE organization ADD COLUMN dormant_after_days integer DEFAULT 90
    CHECK (dormant_after_days IS NULL OR dormant_after_days BETWEEN 14 AND 3650);
ALTER TABLE app_user ADD COLUMN activated_at timestamptz;
-- when the coming deactivation was last announced; a warning older than the latest activity is void
ALTER TABLE app_user ADD COLUMN dormancy_warned_at timestamptz;
