-- When a run ended (finishRun): null while it runs, and for runs that ended before this was kept.
ALTER TABLE runs ADD COLUMN ended_at TEXT;
