-- name: table_fingerprint
-- returns: one row, one column fingerprint: the table's row count and an order-independent sum of its row hashes ("count:sum"); any INSERT, UPDATE or DELETE, by any means, changes it
-- param: $table_name VARCHAR a table or view the analytics tables are built from (nscl.analytics.BASE_TABLES), bound, never spliced
SELECT count(*) || ':' || coalesce(sum(hash(t)), 0) AS fingerprint FROM query_table($table_name) AS t
