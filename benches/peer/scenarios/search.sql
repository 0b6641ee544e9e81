-- Scenario 3, the raw SQL floor (pgbench, prepared): the page and the
-- number of matches in one statement. `:name` is the folded search text.
-- The matches are read once through the trigram index (a materialized
-- CTE); with `count(*) OVER ()` instead, the planner walks the whole
-- name-order index (65–105 ms a search instead of 7).
WITH matches AS MATERIALIZED (
  SELECT id, full_name, region_code, name_sort_key
  FROM volunteer
  WHERE search_name LIKE '%' || :name || '%' AND status = 'ACTIVE'
)
SELECT id, full_name, region_code, (SELECT count(*) FROM matches) AS total
FROM matches
ORDER BY name_sort_key, id
LIMIT 20;
