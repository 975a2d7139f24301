-- Dashboards list a project's runs newest first, by job type or by state, and count them per
-- job type and state: each of these reads its index in order and stops after the page.
CREATE INDEX runs_by_created ON runs (project_id, created_at);
CREATE INDEX runs_by_job_type ON runs (project_id, job_type, created_at);
CREATE INDEX runs_by_state ON runs (project_id, state, created_at);
CREATE INDEX artifacts_by_type ON artifacts (project_id, type);
