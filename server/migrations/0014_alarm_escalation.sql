-- Monitoring and alarms (issue 5), part 3: escalation of unacknowledged alarms.
-- escalation_step = the last step of the ladder already notified (0 = the owning unit, notified at
-- the raise). The job (modules/monitoring/jobs.ts) sends the steps due and stores the new step in
-- the same transaction, rows claimed with FOR UPDATE SKIP LOCKED. Append-only.

ALTER TABLE alarm ADD COLUMN escalation_step integer;
UPDATE alarm SET escalation_step = 0;
CREATE INDEX alarm_unacknowledged_idx ON alarm (raised_at) WHERE status = 'raised';
