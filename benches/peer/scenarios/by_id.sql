-- Scenario 1, the raw SQL floor (pgbench, prepared): the same rows in one
-- statement. `:lo` and `:hi` are the volunteers' id range.
\set id random(:lo, :hi)
SELECT p.id AS participation_id, v.id, v.full_name, v.birth_date,
       r.code, r.name_en, f.id AS family_id, f.name AS family_name,
       p.status, p.minutes, p.on_date, e.id AS event_id, e.title, e.starts_at
FROM volunteer v
JOIN region r ON r.code = v.region_code
LEFT JOIN family_member fm ON fm.volunteer_id = v.id
LEFT JOIN family f ON f.id = fm.family_id
LEFT JOIN LATERAL (
  SELECT * FROM participation WHERE volunteer_id = v.id ORDER BY id LIMIT 20
) p ON true
LEFT JOIN event e ON e.id = p.event_id
WHERE v.id = :id
ORDER BY p.id;
