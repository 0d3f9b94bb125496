-- Emergency resources, part 1 (issue 3): rescue teams with members and status history, experts,
-- large equipment, and the team-specialty dictionary. Warehouses, stock and shelters follow in
-- later migrations. Append-only.

INSERT INTO dict_item (dict, code, name, name_en, parent_code, level, sort, note) VALUES
  ('team_specialty', 'S01', '综合救援', 'General rescue', NULL, 1, 1, NULL),
  ('team_specialty', 'S02', '水域救援', 'Water rescue', NULL, 1, 2, '洪水、内涝、溺水'),
  ('team_specialty', 'S03', '山岳救援', 'Mountain rescue', NULL, 1, 3, NULL),
  ('team_specialty', 'S04', '建筑物倒塌搜救', 'Collapsed-structure search and rescue', NULL, 1, 4, '地震、坍塌'),
  ('team_specialty', 'S05', '危险化学品救援', 'Hazardous-chemicals response', NULL, 1, 5, NULL),
  ('team_specialty', 'S06', '矿山救护', 'Mine rescue', NULL, 1, 6, '含尾矿库'),
  ('team_specialty', 'S07', '森林草原灭火', 'Forest and grassland firefighting', NULL, 1, 7, NULL),
  ('team_specialty', 'S08', '城市消防', 'Urban firefighting', NULL, 1, 8, NULL),
  ('team_specialty', 'S09', '医疗救护', 'Medical rescue', NULL, 1, 9, NULL),
  ('team_specialty', 'S10', '通信保障', 'Emergency communications', NULL, 1, 10, NULL),
  ('team_specialty', 'S11', '电力抢修', 'Power restoration', NULL, 1, 11, NULL),
  ('team_specialty', 'S12', '道路抢通', 'Road clearance', NULL, 1, 12, NULL),
  ('team_specialty', 'S13', '排涝抢险', 'Drainage and flood fighting', NULL, 1, 13, NULL),
  ('team_specialty', 'S14', '防疫洗消', 'Decontamination and epidemic control', NULL, 1, 14, NULL),
  ('team_specialty', 'S15', '风沙灾害救援', 'Sandstorm and wind disaster rescue', NULL, 1, 15, '吐鲁番地区大风、沙尘暴'),
  ('team_specialty', 'S16', '燃气抢修', 'Gas network repair', NULL, 1, 16, NULL),
  ('team_specialty', 'S99', '其他', 'Other', NULL, 1, 99, NULL);

CREATE TABLE team (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name              text NOT NULL,
  category          text NOT NULL CHECK (category IN ('comprehensive','professional','enterprise','social','volunteer')),
  specialties       text[] NOT NULL DEFAULT '{}',
  headcount         integer NOT NULL DEFAULT 0 CHECK (headcount >= 0),
  region_code       varchar(12) NOT NULL REFERENCES region(code),
  org_id            uuid REFERENCES org(id),
  leader_name       text,
  leader_phone      text,
  duty_phone        text,
  base_address      text,
  base              geometry(Point, 4326),
  status            text NOT NULL DEFAULT 'standby' CHECK (status IN ('standby','deployed','resting')),
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  note              text,
  is_demo           boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX team_region_idx ON team (region_code);
CREATE INDEX team_org_idx ON team (org_id);
CREATE INDEX team_specialties_idx ON team USING gin (specialties);
-- True (geodesic) nearest-neighbour search: KNN over the geography cast.
CREATE INDEX team_base_geog_gist ON team USING gist ((base::geography));

CREATE TABLE team_member (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id     uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
  name        text NOT NULL,
  position    text,
  phone       text,
  skills      text,
  is_demo     boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX team_member_team_idx ON team_member (team_id);

CREATE TABLE team_status_change (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id     uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
  from_status text NOT NULL,
  to_status   text NOT NULL,
  reason      text,
  changed_by  uuid REFERENCES app_user(id),
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX team_status_change_team_idx ON team_status_change (team_id, changed_at DESC);

CREATE TABLE expert (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL,
  fields       text[] NOT NULL DEFAULT '{}',
  title        text,
  employer     text,
  org_id       uuid REFERENCES org(id),
  phone        text,
  region_code  varchar(12) NOT NULL REFERENCES region(code),
  availability text NOT NULL DEFAULT 'available' CHECK (availability IN ('available','busy','unavailable')),
  location     geometry(Point, 4326),
  note         text,
  is_demo      boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX expert_region_idx ON expert (region_code);
CREATE INDEX expert_fields_idx ON expert USING gin (fields);

CREATE TABLE equipment (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  type          text NOT NULL,
  model         text,
  quantity      integer NOT NULL DEFAULT 1 CHECK (quantity >= 1),
  region_code   varchar(12) NOT NULL REFERENCES region(code),
  org_id        uuid REFERENCES org(id),
  location      geometry(Point, 4326),
  status        text NOT NULL DEFAULT 'available' CHECK (status IN ('available','in_use','maintenance')),
  contact_name  text,
  contact_phone text,
  note          text,
  is_demo       boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX equipment_region_idx ON equipment (region_code);
CREATE INDEX equipment_geog_gist ON equipment USING gist ((location::geography));
