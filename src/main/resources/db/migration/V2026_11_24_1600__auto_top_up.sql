-- Auto top-up: the megabytes the network adds by itself when a SIM reaches its monthly limit (empty: off).
ALTER TABLE sim_card ADD COLUMN auto_top_up_mb integer;
