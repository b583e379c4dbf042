-- Rate-limit counters are rewritten on every API request and worthless after a crash (they
-- describe the last minute). UNLOGGED skips the write-ahead log, so a counter's commit does not
-- wait for a disk flush: the per-request write of shared limits on PostgreSQL becomes cheap.
-- After a crash PostgreSQL empties the table, which resets every limit once; that is the cost.
ALTER TABLE "rate_limits" SET UNLOGGED;
