-- name: build_quality_empty_courses
-- returns: the rows of quality_empty_courses (read by queries/quality/courses_without_participants.sql): courses with no participant recorded: id, kind, title, organiser, start_date, end_date, place_code
SELECT k.id, k.kind, k.title, k.organiser, k.start_date, k.end_date, k.place_code
FROM courses AS k
WHERE NOT EXISTS (SELECT 1 FROM participants AS p WHERE p.course_id = k.id)
