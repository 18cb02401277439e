-- The whole country's places before and after the 1/7/2025 reform (data/catalogues/places.csv,
-- built by data/catalogues/build_places.py): links say whether the old unit was split, place keys
-- follow the official codes, and the geography view maps each commune to a former district.

ALTER TABLE place_links ADD COLUMN partial BOOLEAN DEFAULT false;

-- Keys stored before this migration: the new Quảng Trị was '44-QT' and former Quảng Bình '44'
-- (now '44-old', the official code 44 being the new Quảng Trị's); Quảng Bình's districts were
-- numbered by hand, and all but Đồng Hới (450) differently from the official list.
CREATE TEMP TABLE place_key_changes (before VARCHAR PRIMARY KEY, after VARCHAR NOT NULL);
INSERT INTO place_key_changes VALUES
    ('44', '44-old'), ('44-QT', '44'),
    ('452', '458'), ('453', '452'), ('454', '453'), ('455', '454'),
    ('456', '455'), ('457', '456'), ('458', '457');

UPDATE enterprises SET place_code = c.after FROM place_key_changes AS c WHERE enterprises.place_code = c.before;
UPDATE courses SET place_code = c.after FROM place_key_changes AS c WHERE courses.place_code = c.before;
UPDATE cabs SET place_code = c.after FROM place_key_changes AS c WHERE cabs.place_code = c.before;
UPDATE enterprises_history SET place_code = c.after FROM place_key_changes AS c WHERE enterprises_history.place_code = c.before;
UPDATE courses_history SET place_code = c.after FROM place_key_changes AS c WHERE courses_history.place_code = c.before;
UPDATE cabs_history SET place_code = c.after FROM place_key_changes AS c WHERE cabs_history.place_code = c.before;
DROP TABLE place_key_changes;

-- Every place in two geographies:
--   district_code: the former district. An old commune: its district; a new commune: the former
--   district of its seat (the old commune whose code it took), else the least of the former
--   districts linked to it (a special zone made of an island district without communes).
--   current_code: the current commune. An old district or commune maps forward only when it has
--   exactly one successor; otherwise it stays under its own code (shown as "huyện cũ").
CREATE OR REPLACE VIEW place_geography AS
WITH successors AS (
    SELECT old_code, count(*) AS n, min(new_code) AS only_successor
    FROM place_links
    GROUP BY old_code
),
linked_district AS (
    SELECT l.new_code, min(l.old_code) AS district_code
    FROM place_links AS l
    JOIN places AS old ON old.code = l.old_code AND old.level = 'district'
    GROUP BY l.new_code
),
seat_district AS (
    SELECT p.code, min(seat.parent_code) AS district_code
    FROM places AS p
    JOIN places AS seat ON seat.gso_code = p.gso_code AND seat.code <> p.code
        AND seat.level = 'commune' AND seat.valid_to IS NOT NULL
    WHERE p.level = 'commune' AND p.valid_to IS NULL
    GROUP BY p.code
)
SELECT
    p.code,
    p.level,
    CASE
        WHEN p.level = 'district' THEN p.code
        WHEN p.level = 'commune' AND p.valid_to IS NOT NULL AND p.parent_code IS NOT NULL THEN p.parent_code
        WHEN p.level = 'commune' THEN coalesce(sd.district_code, ld.district_code)
    END AS district_code,
    CASE
        WHEN p.level IN ('district', 'commune') AND s.n = 1 THEN s.only_successor
        ELSE p.code
    END AS current_code
FROM places AS p
LEFT JOIN seat_district AS sd ON sd.code = p.code
LEFT JOIN linked_district AS ld ON ld.new_code = p.code
LEFT JOIN successors AS s ON s.old_code = p.code;
