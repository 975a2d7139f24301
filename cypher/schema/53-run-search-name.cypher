// Schema: run-search-name, created when missing: a text index serves CONTAINS and STARTS WITH.
CREATE TEXT INDEX run_search_name IF NOT EXISTS FOR (r:Run) ON (r.searchName)
