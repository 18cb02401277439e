-- name: certificates_per_year
-- returns: (reads analytics_certificates, kept current in every write transaction; tests/oracle holds the same query over the base tables) one row per calendar year from $from_year to the as-of year for one standard: year, valid (certificates valid on 31/12, or on the as-of date in its own year), valid_ytd (valid on the same day and month as the as-of date), issued (issued in the year up to the as-of date), issued_ytd (issued from 1/1 to the same day and month)
-- param: $standard VARCHAR standard code, e.g. 'ISO 9001'
-- param: $from_year INTEGER first year returned
-- param: $as_of DATE nothing after this day is counted
-- param: $sectors VARCHAR[] VSIC sections to keep (empty: all)
-- param: $places VARCHAR[] place codes in the chosen geography to keep (empty: all)
-- param: $sizes VARCHAR[] enterprise sizes to keep (empty: all)
-- param: $ownerships VARCHAR[] ownership groups to keep (empty: all)
-- param: $geography VARCHAR district (former districts) or current (current communes)
-- param: $plan VARCHAR a plan id: only records whose place lies in its territory count (plan_places; empty: every record)
WITH years AS (
    SELECT
        range::INTEGER AS year,
        least(make_date(range::INTEGER, 12, 31), $as_of) AS year_end,
        -- the same day of the year as the as-of date, for same-period comparisons
        least(make_date(range::INTEGER, 1, 1) + ($as_of - make_date(year($as_of), 1, 1))::INTEGER,
              make_date(range::INTEGER, 12, 31)) AS same_day
    FROM range($from_year, year($as_of) + 1)
),
certs AS (
    SELECT issued_on, expires_on, withdrawn_on
    FROM analytics_certificates
    WHERE standard = $standard
      AND issued_on <= $as_of
      AND passes_enterprise_filters($sectors, $places, $sizes, $ownerships, sector_code,
          area_of($geography, district_code, current_code), size, ownership)
      AND in_plan($plan, place_code)
)
SELECT
    y.year,
    count(c.issued_on) FILTER (
        WHERE certificate_valid_on(c.issued_on, c.expires_on, c.withdrawn_on, y.year_end)
    )::INTEGER AS valid,
    count(c.issued_on) FILTER (
        WHERE certificate_valid_on(c.issued_on, c.expires_on, c.withdrawn_on, y.same_day)
    )::INTEGER AS valid_ytd,
    count(c.issued_on) FILTER (WHERE year(c.issued_on) = y.year)::INTEGER AS issued,
    count(c.issued_on) FILTER (
        WHERE year(c.issued_on) = y.year AND c.issued_on <= y.same_day
    )::INTEGER AS issued_ytd
FROM years AS y
LEFT JOIN certs AS c ON c.issued_on <= y.year_end
GROUP BY y.year
ORDER BY y.year
