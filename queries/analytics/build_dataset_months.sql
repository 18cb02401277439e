-- name: build_dataset_months
-- returns: records of every dataset (its upload name) per month of the record's own date and per place in both geographies: dataset, month (first day; NULL without a date), district_code, current_code (NULL without a place), records. Dates: enterprises founded_on, courses and participants the course's end_date, experts certified_on, certificates issued_on, support supported_on, pilots started_on, cabs accredited_on; places: the enterprise's, the course's (participants too: a training is reported per course), the body's, the expert's workplace; then place_code: the place key the plan filter reads (plan_places)
-- Counted per place first, so only a few thousand rows meet the place geography; participants
-- are counted per course before they meet the courses.
WITH firms AS (
    SELECT tax_code, place_code FROM enterprises
),
counted AS (
    SELECT 'enterprises' AS dataset, date_trunc('month', founded_on) AS month, place_code, count(*) AS n
    FROM enterprises GROUP BY ALL
    UNION ALL
    SELECT 'courses', date_trunc('month', end_date), place_code, count(*) FROM courses GROUP BY ALL
    UNION ALL
    SELECT 'participants', date_trunc('month', c.end_date), c.place_code, sum(p.n)
    FROM (SELECT course_id, count(*) AS n FROM participants GROUP BY course_id) AS p
    LEFT JOIN courses AS c ON c.id = p.course_id
    GROUP BY ALL
    UNION ALL
    SELECT 'experts', date_trunc('month', certified_on), place_code, count(*) FROM experts GROUP BY ALL
    UNION ALL
    SELECT 'certificates', date_trunc('month', c.issued_on), e.place_code, count(*)
    FROM certificates AS c LEFT JOIN firms AS e ON e.tax_code = c.tax_code
    GROUP BY ALL
    UNION ALL
    SELECT 'support', date_trunc('month', s.supported_on), e.place_code, count(*)
    FROM support_records AS s LEFT JOIN firms AS e ON e.tax_code = s.tax_code
    GROUP BY ALL
    UNION ALL
    SELECT 'pilots', date_trunc('month', m.started_on), e.place_code, count(*)
    FROM pilot_models AS m LEFT JOIN firms AS e ON e.tax_code = m.tax_code
    GROUP BY ALL
    UNION ALL
    SELECT 'cabs', date_trunc('month', accredited_on), place_code, count(*) FROM cabs GROUP BY ALL
)
SELECT
    d.dataset,
    CAST(d.month AS DATE) AS month,
    g.district_code,
    g.current_code,
    CAST(sum(d.n) AS BIGINT) AS records,
    d.place_code
FROM counted AS d
LEFT JOIN place_geography AS g ON g.code = d.place_code
GROUP BY ALL
