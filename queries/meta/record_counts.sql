-- name: record_counts
-- returns: one row: enterprises, courses, participants, experts, certificates, support_records, pilot_models, cabs (row counts of each data table)
SELECT
    (SELECT count(*) FROM enterprises) AS enterprises,
    (SELECT count(*) FROM courses) AS courses,
    (SELECT count(*) FROM participants) AS participants,
    (SELECT count(*) FROM experts) AS experts,
    (SELECT count(*) FROM certificates) AS certificates,
    (SELECT count(*) FROM support_records) AS support_records,
    (SELECT count(*) FROM pilot_models) AS pilot_models,
    (SELECT count(*) FROM cabs) AS cabs
