-- Monitoring and alarms (issue 5), part 2: the 消警 closed loop on an alarm case.
-- raised → acknowledged → feedback (cause, measures, photos) → closed, with 退回 from feedback back to
-- acknowledged; the rules are modules/monitoring/rules.ts (alarmTransition). alarm_event is the
-- case's timeline: one row per transition with the actor and the role they acted in. Append-only.

ALTER TABLE alarm ADD COLUMN closed_by uuid REFERENCES app_user(id);
ALTER TABLE alarm ADD COLUMN confirmed_by uuid REFERENCES app_user(id);

CREATE TABLE alarm_event (
  id          bigserial PRIMARY KEY,
  alarm_id    uuid NOT NULL REFERENCES alarm(id),
  action      text NOT NULL CHECK (action IN ('raise', 'acknowledge', 'feedback', 'return', 'close')),
  from_status text,
  to_status   text NOT NULL,
  actor_id    uuid REFERENCES app_user(id),
  actor_name  text NOT NULL,
  actor_role  text,
  note        text,
  photo_ids   uuid[] NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alarm_event_alarm_idx ON alarm_event (alarm_id, at);
