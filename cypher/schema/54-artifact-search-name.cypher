// Schema: artifact-search-name, created when missing: a text index serves CONTAINS and STARTS WITH.
CREATE TEXT INDEX artifact_search_name IF NOT EXISTS FOR (a:Artifact) ON (a.searchName)
