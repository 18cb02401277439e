-- name: dataset_months_by_place
-- returns: one dataset's records per month and place in the window, each month in its own geography (former districts before the first day of the current communes, current communes from it): month, geography, area_code (NULL: no place), records
-- param: $dataset VARCHAR the dataset (upload name)
-- param: $date_from DATE first day of the window
-- param: $date_to DATE last day of the window
-- param: $plan VARCHAR a plan id: only places in its territory (plan_places; empty: every place)
WITH reform AS (
    SELECT coalesce(min(valid_from), DATE '9999-12-31') AS day FROM places WHERE level = 'commune'
)
SELECT
    q.month,
    CASE WHEN q.month < rf.day THEN 'district' ELSE 'current' END AS geography,
    CASE WHEN q.month < rf.day THEN q.district_code ELSE q.current_code END AS area_code,
    CAST(sum(q.records) AS BIGINT) AS records
FROM quality_dataset_months AS q
CROSS JOIN reform AS rf
WHERE q.dataset = $dataset
  AND q.month >= CAST(date_trunc('month', $date_from) AS DATE)
  AND q.month <= $date_to
  AND in_plan($plan, q.place_code)
GROUP BY ALL
ORDER BY q.month, area_code
