-- name: place_successors
-- returns: old_code, new_code: the new communes each former district or commune of $codes went (wholly or partly) into, in code order
-- param: $codes VARCHAR[] keys of former districts and communes
SELECT l.old_code, l.new_code
FROM place_links AS l
JOIN places AS new ON new.code = l.new_code AND new.level = 'commune'
WHERE list_contains($codes, l.old_code)
ORDER BY l.old_code, l.new_code
