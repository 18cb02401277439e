-- name: comments_latest
-- returns: for each target, period and part of a plan, the latest version written for the as-of date or an earlier one: target_id, period_id, part, body, author, created_at, as_of (the date it was written for), version
-- param: $plan_id VARCHAR the plan
-- param: $as_of DATE the as-of date being looked at
SELECT target_id, period_id, part, body, author, created_at, as_of, version
FROM target_comments
WHERE plan_id = $plan_id AND as_of <= $as_of
QUALIFY row_number() OVER (PARTITION BY target_id, period_id, part ORDER BY version DESC) = 1
ORDER BY target_id, period_id, part
