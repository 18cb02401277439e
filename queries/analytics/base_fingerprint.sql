-- name: base_fingerprint
-- returns: one row, one column fingerprint: row counts of the tables the analytics tables are built from, and the newest upload; equal fingerprints mean the analytics tables are current
SELECT concat_ws(',',
    (SELECT count(*) FROM support_records), (SELECT count(*) FROM certificates),
    (SELECT count(*) FROM participants), (SELECT count(*) FROM courses),
    (SELECT count(*) FROM enterprises), (SELECT coalesce(max(id), 0) FROM uploads),
    (SELECT count(*) FROM uploads WHERE status = 'undone')) AS fingerprint
