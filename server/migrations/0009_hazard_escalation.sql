-- Overdue escalation of hazards (issue 4): the last escalation step sent for each hazard, so the job
-- (which may run in several server processes; rows are claimed with FOR UPDATE SKIP LOCKED) sends
-- every step once, catches up after a pause, and starts again after a new deadline.
-- Append-only.

ALTER TABLE hazard ADD COLUMN escalation_level smallint NOT NULL DEFAULT 0;
ALTER TABLE hazard ADD COLUMN escalated_at timestamptz;
CREATE INDEX hazard_overdue_idx ON hazard (deadline) WHERE status IN ('pending', 'rectifying');
