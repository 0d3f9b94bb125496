-- Emergency resources, part 3 (issue 3): shelters (应急避难场所, 紧急/固定/中心 per GB 51143-2015)
-- with live occupancy. occupancy is changed only together with a shelter_log row (check-in,
-- check-out, open, close), so the history always explains the current figure. Occupancy may exceed
-- capacity only through an explicit, audited override (the log row carries override = true).
-- Append-only.

CREATE TABLE shelter (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('emergency','fixed','central')),
  space           text NOT NULL DEFAULT 'outdoor' CHECK (space IN ('indoor','outdoor','mixed')),
  region_code     varchar(12) NOT NULL REFERENCES region(code),
  org_id          uuid REFERENCES org(id),
  address         text,
  location        geometry(Point, 4326),
  area_m2         numeric(12,1) CHECK (area_m2 >= 0),
  capacity        integer NOT NULL CHECK (capacity >= 0),
  facilities      text[] NOT NULL DEFAULT '{}',
  manager_name    text,
  manager_phone   text,
  manager_user_id uuid REFERENCES app_user(id),
  status          text NOT NULL DEFAULT 'closed' CHECK (status IN ('open','closed')),
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  occupancy       integer NOT NULL DEFAULT 0 CHECK (occupancy >= 0),
  note            text,
  is_demo         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shelter_region_idx ON shelter (region_code);
CREATE INDEX shelter_org_idx ON shelter (org_id);
CREATE INDEX shelter_geog_gist ON shelter USING gist ((location::geography));

CREATE TABLE shelter_log (
  id              bigserial PRIMARY KEY,
  shelter_id      uuid NOT NULL REFERENCES shelter(id),
  kind            text NOT NULL CHECK (kind IN ('open','close','check_in','check_out')),
  count           integer NOT NULL DEFAULT 0 CHECK (count >= 0),
  occupancy_after integer NOT NULL CHECK (occupancy_after >= 0),
  capacity        integer NOT NULL,
  override        boolean NOT NULL DEFAULT false,
  reason          text,
  actor_id        uuid REFERENCES app_user(id),
  actor_name      text,
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shelter_log_shelter_idx ON shelter_log (shelter_id, at DESC);
