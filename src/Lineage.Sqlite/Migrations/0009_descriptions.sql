-- What a run is for and what a version holds, in their authors' words.
ALTER TABLE runs ADD COLUMN description TEXT;
ALTER TABLE artifact_versions ADD COLUMN description TEXT;
