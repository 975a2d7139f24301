// Schema: collection-search-name, created when missing: a text index serves CONTAINS and STARTS WITH.
CREATE TEXT INDEX collection_search_name IF NOT EXISTS FOR (c:Collection) ON (c.searchName)
