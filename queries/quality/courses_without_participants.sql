-- name: courses_without_participants
-- returns: courses that ended by the as-of date with no participant recorded (the participants file not uploaded yet): id, kind, title, organiser, start_date, end_date, place_code; latest first
-- param: $as_of DATE courses ending after it are not expected to have participants yet
SELECT k.id, k.kind, k.title, k.organiser, k.start_date, k.end_date, k.place_code
FROM courses AS k
WHERE k.end_date <= $as_of
  AND NOT EXISTS (SELECT 1 FROM participants AS p WHERE p.course_id = k.id)
ORDER BY k.end_date DESC, k.id
