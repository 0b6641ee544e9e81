-- Scenario 5, the raw SQL floor (pgbench, prepared, the other half): a
-- check-out as an UPDATE and the audit INSERT in one transaction.
\set id random(:lo, :hi)
BEGIN;
UPDATE participation
SET checked_in_at = coalesce(checked_in_at, now() - interval '20 minutes'),
    checked_out_at = now(), minutes = 20, minutes_source = 'ATTENDANCE',
    status = 'ATTENDED'
WHERE id = :id;
INSERT INTO audit_log (at, actor, action, entity, entity_id, summary)
VALUES (now(), 'benchmark', 'checkOut', 'participation', CAST(:id AS text), 'checked out');
END;
