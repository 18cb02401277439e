-- name: dataset_gaps
-- returns: the months a place usually reporting a dataset has no record of it: dataset, month, geography (former districts before the first day of the current communes in the places catalogue, current communes from it), area_code. Checked: the $checked complete months before the as-of month; a place usually reports when it has records in at least $usual of the $lookback months before the month checked, counted in that month's geography. Records without a place are not checked
-- param: $as_of DATE the as-of date (its own month is not complete, so not checked)
-- param: $checked INTEGER how many complete months before the as-of month are checked
-- param: $lookback INTEGER months before a checked month that show whether a place usually reports
-- param: $usual INTEGER months with records, among those, that make a place a usual reporter
-- param: $plan VARCHAR a plan id: only places in its territory (plan_places; empty: every place)
WITH reform AS (
    SELECT coalesce(min(valid_from), DATE '9999-12-31') AS day FROM places WHERE level = 'commune'
),
checked AS (
    SELECT CAST(m AS DATE) AS month
    FROM range(CAST(date_trunc('month', $as_of) AS DATE) - to_months($checked),
               CAST(date_trunc('month', $as_of) AS DATE), INTERVAL 1 MONTH) AS r(m)
),
recent AS (  -- only the months the check looks at: a few thousand rows at any scale
    SELECT dataset, month, district_code, current_code
    FROM quality_dataset_months
    WHERE month >= CAST(date_trunc('month', $as_of) AS DATE) - to_months($checked + $lookback)
      AND month < CAST(date_trunc('month', $as_of) AS DATE)
      AND in_plan($plan, place_code)
),
placed AS (
    SELECT
        q.dataset,
        c.month,
        CASE WHEN c.month < rf.day THEN 'district' ELSE 'current' END AS geography,
        CASE WHEN c.month < rf.day THEN q.district_code ELSE q.current_code END AS area_code,
        q.month AS record_month
    FROM checked AS c
    CROSS JOIN reform AS rf
    JOIN recent AS q
      ON q.month >= c.month - to_months($lookback) AND q.month <= c.month
),
history AS (
    SELECT
        dataset, month, geography, area_code,
        count(DISTINCT record_month) FILTER (WHERE record_month < month) AS months_reported,
        count(*) FILTER (WHERE record_month = month) AS rows_in_month
    FROM placed
    WHERE area_code IS NOT NULL
    GROUP BY ALL
)
SELECT dataset, month, geography, area_code
FROM history
WHERE months_reported >= $usual AND rows_in_month = 0
ORDER BY dataset, month, area_code
