-- Dual prevention, part 3 (issue 4): check templates per industry and check records (自查、监督检查、
-- 网格员巡查、专家检查), each failed item convertible into a hazard in one step; and public reports
-- (群众举报) triaged into a hazard or dismissed, looked up by the reporter with a receipt code.
-- Append-only.

-- A checklist: items with their legal basis. industry_codes are GB/T 4754 codes; a template applies to
-- an enterprise when a code matches (equal, or one numeric code a prefix of the other), or when
-- for_hazchem and the enterprise is flagged 危险化学品企业, or when it names no industry at all (通用).
CREATE TABLE check_template (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name            text NOT NULL UNIQUE,
  description     text,
  industry_codes  text[] NOT NULL DEFAULT '{}',
  for_hazchem     boolean NOT NULL DEFAULT false,
  -- [{ no, content, basis, grade?: general|major, category? }]
  items           jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
  is_demo         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX check_template_industry_idx ON check_template USING gin (industry_codes);

-- One check of one enterprise. The template's items are copied into results (with the answer), so
-- later edits of the template never change a record. kind follows the checker's role.
CREATE TABLE check_record (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES org(id),
  template_id      uuid NOT NULL REFERENCES check_template(id),
  template_name    text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('self_check','inspection','grid','expert')),
  checked_by       uuid REFERENCES app_user(id),
  checked_by_name  text NOT NULL,
  checker_org_id   uuid REFERENCES org(id),
  participants     text,
  checked_at       timestamptz NOT NULL,
  -- [{ no, content, basis, grade?, category?, result: pass|fail|na, note, hazardId? }]
  results          jsonb NOT NULL CHECK (jsonb_typeof(results) = 'array'),
  pass_count       integer NOT NULL CHECK (pass_count >= 0),
  fail_count       integer NOT NULL CHECK (fail_count >= 0),
  na_count         integer NOT NULL CHECK (na_count >= 0),
  summary          text,
  location         geometry(Point, 4326),
  is_demo          boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX check_record_org_idx ON check_record (org_id, checked_at);
CREATE INDEX check_record_checked_at_idx ON check_record (checked_at);
CREATE INDEX check_record_template_idx ON check_record (template_id);

-- Public reports (举报). No account: the reporter keeps the receipt code. The client address is kept
-- only as a keyed hash (HMAC-SHA256) for the per-address limits and is cleared after 48 hours.
-- region_code is the township the reporter chose, else the region whose boundary contains the point,
-- else the county (root).
CREATE TABLE public_report (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  receipt_code     text NOT NULL UNIQUE CHECK (receipt_code ~ '^[2-9A-HJKMNP-Z]{10}$'),
  description      text NOT NULL,
  description_hash char(64) NOT NULL,
  location_text    text,
  location         geometry(Point, 4326),
  region_code      varchar(12) NOT NULL REFERENCES region(code),
  contact_name     text,
  contact_phone    text,
  ip_hash          char(64),
  status           text NOT NULL DEFAULT 'new' CHECK (status IN ('new','triaged','dismissed')),
  hazard_id        uuid REFERENCES hazard(id),
  dismiss_reason   text,
  handled_by       uuid REFERENCES app_user(id),
  handled_by_name  text,
  handled_at       timestamptz,
  is_demo          boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'triaged' OR hazard_id IS NOT NULL),
  CHECK (status <> 'dismissed' OR dismiss_reason IS NOT NULL)
);
CREATE INDEX public_report_region_idx ON public_report (region_code, created_at);
CREATE INDEX public_report_status_idx ON public_report (status);
CREATE INDEX public_report_created_idx ON public_report (created_at);
CREATE INDEX public_report_ip_idx ON public_report (ip_hash, created_at) WHERE ip_hash IS NOT NULL;
CREATE INDEX public_report_hazard_idx ON public_report (hazard_id);

-- Per-installation key for the client-address hash when no REPORT_IP_SECRET is configured.
CREATE TABLE public_report_key (
  id      boolean PRIMARY KEY DEFAULT true CHECK (id),
  secret  text NOT NULL
);
INSERT INTO public_report_key (secret) VALUES (replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
