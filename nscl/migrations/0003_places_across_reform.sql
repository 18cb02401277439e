-- Places across the 2025 reform: statistics-office codes, a mapping from old units to
-- new ones, a geography view and one definition of the shared filters.

ALTER TABLE places ADD COLUMN gso_code VARCHAR;
ALTER TABLE places DROP COLUMN successor_code;

CREATE TABLE place_links (
    old_code VARCHAR NOT NULL,
    new_code VARCHAR NOT NULL,
    PRIMARY KEY (old_code, new_code)
);

-- Every place in two geographies:
--   district_code: the former district (a commune maps back to the district of its seat);
--   current_code: the current commune (a former district maps forward only when it has
--   exactly one successor; otherwise it stays under its own code, shown as "huyện cũ").
CREATE VIEW place_geography AS
WITH successors AS (
    SELECT old_code, count(*) AS n, min(new_code) AS only_successor
    FROM place_links
    GROUP BY old_code
),
former_district AS (
    SELECT l.new_code, min(l.old_code) AS district_code
    FROM place_links AS l
    JOIN places AS old ON old.code = l.old_code AND old.level = 'district'
    GROUP BY l.new_code
)
SELECT
    p.code,
    p.level,
    CASE p.level WHEN 'district' THEN p.code WHEN 'commune' THEN f.district_code END AS district_code,
    CASE
        WHEN p.level = 'district' AND s.n = 1 THEN s.only_successor
        ELSE p.code
    END AS current_code
FROM places AS p
LEFT JOIN former_district AS f ON f.new_code = p.code
LEFT JOIN successors AS s ON s.old_code = p.code;

-- True when no enterprise filter is set (records without an enterprise then count too).
CREATE MACRO no_enterprise_filter(sectors, places, sizes, ownerships) AS
    len(sectors) = 0 AND len(places) = 0 AND len(sizes) = 0 AND len(ownerships) = 0;

-- Enterprises passing the shared filters, with their place in the chosen geography
-- ('district' = former districts, 'current' = current communes) as area_code.
CREATE MACRO filtered_enterprises(sectors, places, sizes, ownerships, geography) AS TABLE
SELECT
    e.tax_code,
    e.name,
    e.sector_code,
    e.place_code,
    e.size,
    e.ownership,
    CASE WHEN geography = 'current' THEN g.current_code ELSE g.district_code END AS area_code
FROM enterprises AS e
LEFT JOIN place_geography AS g ON g.code = e.place_code
WHERE (len(sectors) = 0 OR list_contains(sectors, e.sector_code))
  AND (len(sizes) = 0 OR list_contains(sizes, e.size))
  AND (len(ownerships) = 0 OR list_contains(ownerships, e.ownership))
  AND (len(places) = 0 OR list_contains(places,
        CASE WHEN geography = 'current' THEN g.current_code ELSE g.district_code END));

-- The value of a breakdown dimension for an enterprise.
CREATE MACRO enterprise_dimension(dimension, sector_code, area_code, size, ownership) AS
    CASE dimension
        WHEN 'sector' THEN sector_code
        WHEN 'place' THEN area_code
        WHEN 'size' THEN size
        WHEN 'ownership' THEN ownership
    END;
