-- name: comment_versions
-- returns: every version written for one target and period, newest first: part, version, as_of, author, created_at, body
-- param: $plan_id VARCHAR the plan
-- param: $target_id VARCHAR the target
-- param: $period_id VARCHAR the period the comment is attached to
SELECT part, version, as_of, author, created_at, body
FROM target_comments
WHERE plan_id = $plan_id AND target_id = $target_id AND period_id = $period_id
ORDER BY created_at DESC, version DESC, part
