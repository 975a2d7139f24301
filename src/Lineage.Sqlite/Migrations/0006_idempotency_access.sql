-- The roles an idempotent answer was computed with: a retry is shown the answer again only with
-- the same roles. Answers kept before this column have none, and are not shown again.
ALTER TABLE idempotency_keys ADD COLUMN access BLOB;
