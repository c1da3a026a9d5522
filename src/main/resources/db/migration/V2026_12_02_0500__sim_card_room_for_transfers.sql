-- A SIM transfer gives every moved row a new version. When the new version does not fit on the old one's page,
-- PostgreSQL first writes a tuple-lock WAL record for the old row, looks for space elsewhere and logs the whole new
-- row; on the same page it logs only the changed middle of the row. Half-empty pages keep a moved SIM's new version
-- next to the old one: measured on 1,000,000 SIMs, the move's WAL fell from 580 - 612 MB (4.0 million records) to
-- 435 - 482 MB (3.0 million). Rows already stored keep their packing until they are next written; vacuum after a
-- transfer frees the room again for the next one.
ALTER TABLE sim_card SET (fillfactor = 50);
