-- Monitoring and alarms (issue 5), part 1: sensors, readings, alarms.
-- A sensor belongs to a region and usually to an enterprise (and then maybe one of its major hazard
-- sources); its thresholds (any subset of 低低/低/高/高高) with deadband, minimum duration and offline
-- timeout drive the pure state machine of modules/monitoring/rules.ts, whose state is kept in
-- alarm_state and changed only under the sensor's row lock, so two server processes never raise
-- the same episode twice (alarm is also unique per sensor and episode).
-- Readings are range-partitioned by month on their timestamp; (sensor_id, ts) is the key, so a
-- device's retry or an MQTT redelivery of the same reading is a duplicate, never a second row.
-- Append-only.

CREATE TABLE sensor (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$'),
  name                text NOT NULL,
  type                text NOT NULL,
  unit                text NOT NULL,
  region_code         varchar(12) NOT NULL REFERENCES region(code),
  org_id              uuid REFERENCES org(id),
  major_hazard_id     uuid REFERENCES major_hazard_source(id),
  location            geometry(Point, 4326),
  device_token_hash   text NOT NULL,
  mqtt_client_id      text UNIQUE,
  low_low             double precision,
  low                 double precision,
  high                double precision,
  high_high           double precision,
  deadband            double precision NOT NULL DEFAULT 0,
  min_duration_sec    integer NOT NULL DEFAULT 0,
  offline_timeout_sec integer NOT NULL DEFAULT 900,
  enabled             boolean NOT NULL DEFAULT true,
  alarm_state         jsonb NOT NULL,
  is_demo             boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sensor_org_idx ON sensor (org_id);
CREATE INDEX sensor_region_idx ON sensor (region_code);
CREATE INDEX sensor_token_idx ON sensor (device_token_hash);

CREATE TABLE sensor_reading (
  sensor_id   uuid NOT NULL,
  ts          timestamptz NOT NULL,
  value       double precision NOT NULL,
  quality     text NOT NULL DEFAULT 'good' CHECK (quality IN ('good', 'bad')),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sensor_id, ts)
) PARTITION BY RANGE (ts);
-- Rows outside every monthly partition land here (never lost); the partition job keeps it empty
-- by creating months ahead.
CREATE TABLE sensor_reading_default PARTITION OF sensor_reading DEFAULT;

-- Creates the monthly partitions from the month of `from_ts` for `months` months (idempotent).
CREATE FUNCTION ensure_reading_partitions(from_ts timestamptz, months integer) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
  m date := date_trunc('month', from_ts AT TIME ZONE 'UTC')::date;
  made integer := 0;
  name text;
BEGIN
  FOR i IN 0 .. months - 1 LOOP
    name := 'sensor_reading_' || to_char(m + make_interval(months => i), 'YYYYMM');
    IF to_regclass(name) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF sensor_reading FOR VALUES FROM (%L) TO (%L)', name,
        (m + make_interval(months => i))::timestamp AT TIME ZONE 'UTC', (m + make_interval(months => i + 1))::timestamp AT TIME ZONE 'UTC');
      made := made + 1;
    END IF;
  END LOOP;
  RETURN made;
END $fn$;
SELECT ensure_reading_partitions(now() - interval '1 month', 4);

CREATE TABLE alarm (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sensor_id       uuid NOT NULL REFERENCES sensor(id),
  episode         integer NOT NULL,
  level           text NOT NULL CHECK (level IN ('lowLow', 'low', 'high', 'highHigh', 'offline')),
  peak_level      text NOT NULL,
  value           double precision,
  threshold       double precision,
  raised_at       timestamptz NOT NULL,
  recovered_at    timestamptz,
  status          text NOT NULL DEFAULT 'raised' CHECK (status IN ('raised', 'acknowledged', 'feedback', 'closed')),
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES app_user(id),
  feedback        jsonb,
  closed_at       timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (sensor_id, episode)
);
CREATE INDEX alarm_open_idx ON alarm (raised_at DESC) WHERE status <> 'closed';
