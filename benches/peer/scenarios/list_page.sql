-- Scenario 2, the raw SQL floor (pgbench, prepared): the same rows in one
-- statement.
SELECT p.id AS participation_id, e.id, e.title, e.starts_at, r.code, r.name_en,
       pr.id AS project_id, pr.name AS project_name,
       p.status, v.id AS volunteer_id, v.full_name
FROM (SELECT * FROM event ORDER BY starts_at DESC, id DESC LIMIT 20) e
JOIN region r ON r.code = e.region_code
LEFT JOIN project pr ON pr.id = e.project_id
LEFT JOIN LATERAL (
  SELECT * FROM participation WHERE event_id = e.id ORDER BY id LIMIT 10
) p ON true
LEFT JOIN volunteer v ON v.id = p.volunteer_id
ORDER BY e.starts_at DESC, e.id DESC, p.id;
