-- Platform foundation: regions, organisations, users, sessions, API tokens, audit log,
-- dictionaries, attachments, notifications, settings.
-- Append-only: never edit this file once landed; add a new numbered migration instead.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE system_setting (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Administrative regions: county -> township/park -> village/community.
-- code: 12-digit statistical code (统计用区划代码); gb_code: 6-digit GB/T 2260 code for counties and above.
-- path: '/'-joined codes from the root, used for subtree scope ("path LIKE prefix || '%'").
CREATE TABLE region (
  code            varchar(12) PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
  gb_code         varchar(6) CHECK (gb_code ~ '^[0-9]{6}$'),
  name            text NOT NULL,
  level           text NOT NULL CHECK (level IN ('province','prefecture','county','township','village')),
  kind            text NOT NULL,
  parent_code     varchar(12) REFERENCES region(code),
  path            text NOT NULL,
  centre          geometry(Point, 4326),
  boundary        geometry(MultiPolygon, 4326),
  boundary_approx boolean NOT NULL DEFAULT true,
  code_official   boolean NOT NULL DEFAULT true,
  population      integer CHECK (population >= 0),
  area_km2        numeric(12,2),
  sort            integer NOT NULL DEFAULT 0,
  is_demo         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX region_parent_idx ON region (parent_code);
CREATE INDEX region_path_idx ON region (path text_pattern_ops);
CREATE INDEX region_centre_gist ON region USING gist (centre);
CREATE INDEX region_boundary_gist ON region USING gist (boundary);

-- Dictionaries: event types (GB/T 35561), industries (GB/T 4754), material categories (GB/T 38565), ...
CREATE TABLE dict_item (
  dict        text NOT NULL,
  code        text NOT NULL,
  name        text NOT NULL,
  name_en     text,
  parent_code text,
  level       integer NOT NULL DEFAULT 1,
  sort        integer NOT NULL DEFAULT 0,
  note        text,
  PRIMARY KEY (dict, code)
);
CREATE INDEX dict_item_parent_idx ON dict_item (dict, parent_code);

CREATE TABLE org (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name           text NOT NULL,
  short_name     text,
  type           text NOT NULL CHECK (type IN ('bureau','department','township_office','park','enterprise','rescue_team','social_org')),
  region_code    varchar(12) NOT NULL REFERENCES region(code),
  parent_id      uuid REFERENCES org(id),
  industry_codes text[] NOT NULL DEFAULT '{}',
  credit_code    varchar(18) UNIQUE,
  contact_name   text,
  contact_phone  text,
  address        text,
  location       geometry(Point, 4326),
  note           text,
  is_demo        boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_region_idx ON org (region_code);
CREATE INDEX org_type_idx ON org (type);
CREATE INDEX org_industry_idx ON org USING gin (industry_codes);
CREATE INDEX org_location_gist ON org USING gist (location);

CREATE TABLE app_user (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username            text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,32}$'),
  display_name        text NOT NULL,
  password_hash       text,
  roles               text[] NOT NULL CHECK (cardinality(roles) > 0),
  region_code         varchar(12) NOT NULL REFERENCES region(code),
  industries          text[] NOT NULL DEFAULT '{}',
  org_id              uuid REFERENCES org(id),
  phone               text,
  email               text,
  locale              text NOT NULL DEFAULT 'zh-CN',
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
  failed_attempts     integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  last_login_at       timestamptz,
  password_changed_at timestamptz,
  is_demo             boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_region_idx ON app_user (region_code);
CREATE INDEX app_user_org_idx ON app_user (org_id);

-- Sessions: id is sha256(hex) of the cookie token; the token itself is never stored.
CREATE TABLE user_session (
  id           text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  ip           text,
  user_agent   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- API tokens for systems and devices: each has its own roles and scope; stored as sha256 hash.
CREATE TABLE api_token (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  prefix        text NOT NULL,
  roles         text[] NOT NULL CHECK (cardinality(roles) > 0),
  region_code   varchar(12) NOT NULL REFERENCES region(code),
  industries    text[] NOT NULL DEFAULT '{}',
  org_id        uuid REFERENCES org(id),
  created_by    uuid REFERENCES app_user(id),
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Append-only, hash-chained audit log. seq is assigned under an advisory lock (no gaps);
-- hash = sha256(prev_hash || canonical JSON of the row). Triggers refuse UPDATE/DELETE/TRUNCATE;
-- `yingji audit verify` recomputes the chain and detects any edited or deleted row.
CREATE TABLE audit_log (
  seq         bigint PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_id    uuid,
  actor_name  text NOT NULL,
  action      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text,
  region_code varchar(12),
  org_id      uuid,
  summary     text,
  before      jsonb,
  after       jsonb,
  request_id  text,
  ip          text,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_region_idx ON audit_log (region_code);

CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_immutable();

-- Attachments: content-addressed files under DATA_DIR/attachments; scope copied from the owner.
CREATE TABLE attachment (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sha256      char(64) NOT NULL,
  size_bytes  bigint NOT NULL CHECK (size_bytes > 0),
  mime_type   text NOT NULL,
  filename    text NOT NULL,
  owner_type  text NOT NULL,
  owner_id    text NOT NULL,
  region_code varchar(12) REFERENCES region(code),
  org_id      uuid REFERENCES org(id),
  created_by  uuid REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachment_owner_idx ON attachment (owner_type, owner_id);

CREATE TABLE notification (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  title      text NOT NULL,
  body       text,
  link       text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at    timestamptz
);
CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC);
