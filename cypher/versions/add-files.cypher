// Records a version's files.
// @param versionId
// @param files
MERGE (q:Sequence {name: 'VersionFile'})
WITH q, coalesce(q.value, 0) AS base
SET q.value = base + size($files)
WITH base
UNWIND range(0, size($files) - 1) AS i
CREATE (:VersionFile {id: base + i + 1, versionId: $versionId, path: $files[i].path, digest: $files[i].digest, size: $files[i].size})
