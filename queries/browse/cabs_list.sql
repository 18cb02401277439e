-- name: cabs_list
-- returns: conformity-assessment bodies accredited by the as-of date: id, name, accreditation_standard, accredited_on, accreditation_expires_on, place_code, valid (accreditation valid on the as-of date)
-- param: $as_of DATE nothing after this day is counted
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
SELECT
    id, name, accreditation_standard, accredited_on, accreditation_expires_on, place_code,
    certificate_valid_on(accredited_on, accreditation_expires_on, NULL, $as_of) AS valid  -- a body has no withdrawal date
FROM cabs
WHERE accredited_on <= $as_of
  AND in_plan($plan, place_code)
ORDER BY accredited_on, id
