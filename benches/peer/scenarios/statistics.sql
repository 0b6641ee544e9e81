-- Scenario 4, the raw SQL floor: the same figures in one pass over the
-- year's participations (one row per region, and the national row with
-- the region NULL). `:from` and `:to` are the year's first and last days.
SELECT e.region_code,
       sum(p.minutes) AS minutes,
       count(DISTINCT p.volunteer_id) AS active_volunteers
FROM participation p
JOIN event e ON e.id = p.event_id
WHERE p.status = 'ATTENDED'
  AND p.on_date BETWEEN CAST(:from AS date) AND CAST(:to AS date)
  AND e.status <> 'CANCELLED'
GROUP BY ROLLUP (e.region_code);
