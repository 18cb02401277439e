-- name: build_quality_duplicate_names
-- returns: the rows of quality_duplicate_names (read by queries/quality/duplicate_enterprise_names.sql): enterprises that a person would call one enterprise recorded twice (or a tax code typed wrong): the same name once case, diacritics (đ as d), punctuation, spacing and the legal form (Công ty TNHH, MTV, Cổ phần, DNTN, Hợp tác xã, Co., Ltd, JSC …) are set aside, in the same place (the same former district; a new commune counts in the former district it came from), under two or more tax codes: name_key, tax_code, name, sector_code, place_code, tax_codes (how many tax codes share the name there)
WITH folded AS (
    SELECT e.tax_code, e.name, e.sector_code, e.place_code,
           coalesce(g.district_code, e.place_code) AS area,
           trim(regexp_replace(strip_accents(replace(lower(e.name), 'đ', 'd')), '[^a-z0-9]+', ' ', 'g')) AS bare
    FROM enterprises AS e
    LEFT JOIN place_geography AS g ON g.code = e.place_code
),
-- The legal form, written before the name ("Công ty TNHH MTV …": up to three forms in a row) or
-- after it ("… Co., Ltd"), is not part of what tells two enterprises apart.
unformed AS (
    SELECT *, trim(regexp_replace(regexp_replace(bare,
                  '^((cong ty|cty|ctcp|ctytnhh|tnhh|trach nhiem huu han|mtv|mot thanh vien|hai thanh vien( tro len)?|'
                  || 'co phan|cp|doanh nghiep tu nhan|dntn|hop tac xa|htx|lien hiep hop tac xa)( |$))+', ''),
                  '( |^)(co ltd|company limited|ltd|jsc|joint stock company|corporation|corp|cooperative)$', '')) AS name_key
    FROM folded
),
shared AS (
    SELECT name_key, area, count(DISTINCT tax_code) AS tax_codes
    FROM unformed
    WHERE name_key <> ''
    GROUP BY name_key, area
    HAVING count(DISTINCT tax_code) >= 2
)
SELECT u.name_key, u.tax_code, u.name, u.sector_code, u.place_code, s.tax_codes
FROM unformed AS u
JOIN shared AS s USING (name_key, area)
