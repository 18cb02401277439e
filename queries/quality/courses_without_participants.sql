-- name: courses_without_participants
-- returns: courses that ended by the as-of date with no participant recorded (the participants file not uploaded yet), latest first, at most $limit rows: id, kind, title, organiser, start_date, end_date, place_code, total (rows before the limit)
-- param: $as_of DATE courses ending after it are not expected to have participants yet
-- param: $limit INTEGER most rows returned
SELECT *, count(*) OVER () AS total
FROM quality_empty_courses
WHERE end_date <= $as_of
ORDER BY end_date DESC, id
LIMIT $limit
