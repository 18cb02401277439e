-- name: build_dataset_months
-- returns: records of every dataset (its upload name) per month of the record's own date and per place in both geographies: dataset, month (first day; NULL without a date), district_code, current_code (NULL without a place), records. Dates: enterprises founded_on, courses and participants the course's end_date, experts certified_on, certificates issued_on, support supported_on, pilots started_on, cabs accredited_on; places: the enterprise's, the course's (participants too: a training is reported per course), the body's; experts have none
WITH dated AS (
    SELECT 'enterprises' AS dataset, founded_on AS day, place_code FROM enterprises
    UNION ALL
    SELECT 'courses', end_date, place_code FROM courses
    UNION ALL
    SELECT 'participants', c.end_date, c.place_code
    FROM participants AS p
    LEFT JOIN courses AS c ON c.id = p.course_id
    UNION ALL
    SELECT 'experts', certified_on, NULL FROM experts
    UNION ALL
    SELECT 'certificates', c.issued_on, e.place_code
    FROM certificates AS c LEFT JOIN enterprises AS e ON e.tax_code = c.tax_code
    UNION ALL
    SELECT 'support', s.supported_on, e.place_code
    FROM support_records AS s LEFT JOIN enterprises AS e ON e.tax_code = s.tax_code
    UNION ALL
    SELECT 'pilots', m.started_on, e.place_code
    FROM pilot_models AS m LEFT JOIN enterprises AS e ON e.tax_code = m.tax_code
    UNION ALL
    SELECT 'cabs', accredited_on, place_code FROM cabs
)
SELECT
    d.dataset,
    CAST(date_trunc('month', d.day) AS DATE) AS month,
    g.district_code,
    g.current_code,
    CAST(count(*) AS BIGINT) AS records
FROM dated AS d
LEFT JOIN place_geography AS g ON g.code = d.place_code
GROUP BY ALL
