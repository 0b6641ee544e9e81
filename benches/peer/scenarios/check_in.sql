-- Scenario 5, the raw SQL floor (pgbench, prepared, half the transactions):
-- a check-in as an UPDATE and the audit INSERT in one transaction, on a
-- random participation of the floor's own event (ids `:lo` to `:hi`).
\set id random(:lo, :hi)
BEGIN;
UPDATE participation
SET checked_in_at = now() - interval '20 minutes', checked_out_at = NULL,
    minutes = NULL, minutes_source = NULL, status = 'REGISTERED'
WHERE id = :id;
INSERT INTO audit_log (at, actor, action, entity, entity_id, summary)
VALUES (now(), 'benchmark', 'checkIn', 'participation', CAST(:id AS text), 'checked in');
END;
