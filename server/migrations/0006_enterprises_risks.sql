-- Dual prevention, part 1 (issue 4): the enterprise registry (一企一档) as a profile of an org of type
-- 'enterprise', licences, major hazard sources graded by GB 18218-2018 (inputs kept, results stored on
-- every change) and risk points (一企一清单) assessed by LEC or LS with their inputs kept.
-- Append-only.

CREATE TABLE enterprise_profile (
  org_id               uuid PRIMARY KEY REFERENCES org(id),
  scale                text CHECK (scale IN ('large','medium','small','micro')),
  employees            integer CHECK (employees >= 0),
  legal_rep            text,
  legal_rep_phone      text,
  safety_manager       text,
  safety_manager_phone text,
  standard_level       smallint CHECK (standard_level IN (1, 2, 3)),
  hazchem              boolean NOT NULL DEFAULT false,
  regulator_org_ids    uuid[] NOT NULL DEFAULT '{}',
  updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enterprise_licence (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id      uuid NOT NULL REFERENCES org(id),
  kind        text NOT NULL CHECK (kind IN ('safety_production','hazchem_business','hazchem_use','hazchem_registration','mining','fireworks','other')),
  number      text NOT NULL,
  issuer      text,
  valid_from  date,
  valid_to    date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, kind, number),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX enterprise_licence_org_idx ON enterprise_licence (org_id);
CREATE INDEX enterprise_licence_valid_to_idx ON enterprise_licence (valid_to);

CREATE TABLE major_hazard_source (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id          uuid NOT NULL REFERENCES org(id),
  name            text NOT NULL,
  unit_type       text NOT NULL CHECK (unit_type IN ('storage','production')),
  exposed_people  integer NOT NULL CHECK (exposed_people >= 0),
  chemicals       jsonb NOT NULL,
  s               numeric(14,6) NOT NULL,
  alpha           numeric(4,2) NOT NULL,
  r               numeric(14,6) NOT NULL,
  grade           smallint CHECK (grade BETWEEN 1 AND 4),
  location        geometry(Point, 4326),
  note            text,
  is_demo         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);
CREATE INDEX major_hazard_source_org_idx ON major_hazard_source (org_id);

CREATE TABLE risk_point (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id              uuid NOT NULL REFERENCES org(id),
  name                text NOT NULL,
  position            text,
  hazard_factors      text[] NOT NULL DEFAULT '{}',
  accident_types      text[] NOT NULL DEFAULT '{}',
  method              text NOT NULL CHECK (method IN ('LEC','LS')),
  score_l             numeric(6,2) NOT NULL,
  score_e             numeric(6,2),
  score_c             numeric(6,2),
  score_s             numeric(6,2),
  score               numeric(10,3) NOT NULL,
  level               text NOT NULL CHECK (level IN ('major','large','general','low')),
  control_measures    text NOT NULL,
  responsible_level   text NOT NULL CHECK (responsible_level IN ('company','workshop','team','post')),
  responsible_person  text NOT NULL,
  review_date         date,
  point               geometry(Point, 4326),
  is_demo             boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);
CREATE INDEX risk_point_org_idx ON risk_point (org_id);
CREATE INDEX risk_point_level_idx ON risk_point (level);
