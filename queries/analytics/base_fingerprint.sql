-- name: base_fingerprint
-- returns: one row, one column fingerprint: the row count and an order-independent sum of row hashes of every table the analytics tables are built from; any INSERT, UPDATE or DELETE, by any means, changes it
SELECT concat_ws(',',
    (SELECT count(*) || ':' || coalesce(sum(hash(s)), 0) FROM support_records AS s),
    (SELECT count(*) || ':' || coalesce(sum(hash(c)), 0) FROM certificates AS c),
    (SELECT count(*) || ':' || coalesce(sum(hash(p)), 0) FROM participants AS p),
    (SELECT count(*) || ':' || coalesce(sum(hash(k)), 0) FROM courses AS k),
    (SELECT count(*) || ':' || coalesce(sum(hash(e)), 0) FROM enterprises AS e),
    (SELECT count(*) || ':' || coalesce(sum(hash(g)), 0) FROM place_geography AS g),
    (SELECT count(*) || ':' || coalesce(sum(hash(m)), 0) FROM pilot_models AS m)) AS fingerprint
