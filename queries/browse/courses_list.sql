-- name: courses_list
-- returns: courses that ended in the window, newest first, with their participation (participants of matching enterprises when filters are set): id, kind, title, organiser, start_date, end_date, place_code, participants, managers, total (rows before the limit)
-- param: $kind VARCHAR course kind, NULL for any
-- param: $year INTEGER year the course ended, NULL for any
-- param: $date_from DATE first course end day counted
-- param: $date_to DATE last course end day counted
-- param: $limit INTEGER most rows returned
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH kept AS (
    SELECT * FROM filtered_enterprises($sectors, $places, $sizes, $ownerships, $geography)
),
seats AS (
    SELECT p.course_id, p.role
    FROM participants AS p
    LEFT JOIN kept AS k ON k.tax_code = p.tax_code
    WHERE no_enterprise_filter($sectors, $places, $sizes, $ownerships) OR k.tax_code IS NOT NULL
),
per_course AS (
    SELECT
        c.id, c.kind, c.title, c.organiser, c.start_date, c.end_date, c.place_code,
        count(s.course_id)::INTEGER AS participants,
        count(s.course_id) FILTER (WHERE c.kind = 'in_depth' AND s.role IN ('leader', 'manager'))::INTEGER AS managers
    FROM courses AS c
    LEFT JOIN seats AS s ON s.course_id = c.id
    WHERE c.end_date BETWEEN $date_from AND $date_to
      AND ($kind IS NULL OR c.kind = $kind)
      AND ($year IS NULL OR year(c.end_date) = $year)
      AND in_plan($plan, c.place_code)  -- a course held in the plan's territory
    GROUP BY ALL
)
SELECT *, count(*) OVER () AS total
FROM per_course
ORDER BY end_date DESC, id
LIMIT $limit
