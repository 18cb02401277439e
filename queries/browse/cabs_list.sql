-- name: cabs_list
-- returns: conformity-assessment bodies accredited by the as-of date: id, name, accreditation_standard, accredited_on, accreditation_expires_on, place_code, valid (accreditation valid on the as-of date)
-- param: $as_of DATE nothing after this day is counted
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
SELECT
    id, name, accreditation_standard, accredited_on, accreditation_expires_on, place_code,
    coalesce(accreditation_expires_on, DATE '9999-12-31') >= $as_of AS valid
FROM cabs
WHERE accredited_on <= $as_of
  AND in_plan($plan, place_code)
ORDER BY accredited_on, id
