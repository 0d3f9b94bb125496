-- Dual prevention, part 2 (issue 4): hidden hazards (隐患) and their closed loop
-- 待整改 pending → 整改中 rectifying → 待验收 verifying → 已销号 closed (verification can send back).
-- The hazard row holds the current state; hazard_event is the timeline (every transition, with the
-- actor, the role under which they acted, a note and photo attachment ids). Append-only.

CREATE SEQUENCE hazard_code_seq;

CREATE TABLE hazard (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                text NOT NULL UNIQUE,
  org_id              uuid REFERENCES org(id),
  region_code         varchar(12) NOT NULL REFERENCES region(code),
  title               text NOT NULL,
  description         text NOT NULL,
  category            text NOT NULL CHECK (category IN ('equipment','operation','environment','management','other')),
  grade               text NOT NULL CHECK (grade IN ('general','major')),
  source              text NOT NULL CHECK (source IN ('self_check','inspection','public_report','sensor_alarm','other')),
  found_by            uuid REFERENCES app_user(id),
  found_by_name       text NOT NULL,
  found_at            timestamptz NOT NULL,
  location            geometry(Point, 4326),
  status              text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','rectifying','verifying','closed')),
  deadline            timestamptz,
  plan                jsonb,
  supervising_org_id  uuid REFERENCES org(id),
  supervision_deadline date,
  supervised_at       timestamptz,
  submitted_by        uuid REFERENCES app_user(id),
  submitted_at        timestamptz,
  closed_at           timestamptz,
  is_demo             boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hazard_org_idx ON hazard (org_id);
CREATE INDEX hazard_region_idx ON hazard (region_code);
CREATE INDEX hazard_status_deadline_idx ON hazard (status, deadline);
CREATE INDEX hazard_found_at_idx ON hazard (found_at);

CREATE TABLE hazard_event (
  id          bigserial PRIMARY KEY,
  hazard_id   uuid NOT NULL REFERENCES hazard(id),
  action      text NOT NULL CHECK (action IN ('report','assign','submit','verify_pass','verify_reject','supervise')),
  from_status text,
  to_status   text NOT NULL,
  actor_id    uuid REFERENCES app_user(id),
  actor_name  text NOT NULL,
  actor_role  text,
  note        text,
  photo_ids   uuid[] NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hazard_event_hazard_idx ON hazard_event (hazard_id, at);
