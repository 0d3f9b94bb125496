-- Emergency resources, part 2 (issue 3): warehouses, the material catalogue (GB/T 38565 categories),
-- stock by warehouse × material × batch, and the movement ledger. Every change of a batch's
-- quantity is a stock_movement row written in the same transaction; the CHECK keeps stock >= 0.
-- Append-only.

CREATE TABLE warehouse (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name           text NOT NULL,
  level          text NOT NULL CHECK (level IN ('county','township','village','agreement')),
  region_code    varchar(12) NOT NULL REFERENCES region(code),
  org_id         uuid REFERENCES org(id),
  manager_name   text,
  manager_phone  text,
  manager_user_id uuid REFERENCES app_user(id),
  address        text,
  location       geometry(Point, 4326),
  area_m2        numeric(10,1) CHECK (area_m2 >= 0),
  note           text,
  is_demo        boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX warehouse_region_idx ON warehouse (region_code);
CREATE INDEX warehouse_org_idx ON warehouse (org_id);
CREATE INDEX warehouse_geog_gist ON warehouse USING gist ((location::geography));

CREATE TABLE material (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_code    varchar(7) NOT NULL,
  name             text NOT NULL,
  spec             text,
  unit             text NOT NULL,
  shelf_life_days  integer CHECK (shelf_life_days > 0),
  note             text,
  is_demo          boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name, spec)
);
CREATE INDEX material_category_idx ON material (category_code);

CREATE TABLE stock_batch (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  warehouse_id    uuid NOT NULL REFERENCES warehouse(id),
  material_id     uuid NOT NULL REFERENCES material(id),
  batch_no        text NOT NULL,
  quantity        numeric(14,2) NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  production_date date,
  expiry_date     date,
  reserve_mode    text NOT NULL DEFAULT 'physical' CHECK (reserve_mode IN ('physical','agreement','capacity')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (warehouse_id, material_id, batch_no)
);
CREATE INDEX stock_batch_material_idx ON stock_batch (material_id);
CREATE INDEX stock_batch_expiry_idx ON stock_batch (expiry_date) WHERE quantity > 0;

CREATE TABLE stock_minimum (
  warehouse_id uuid NOT NULL REFERENCES warehouse(id) ON DELETE CASCADE,
  material_id  uuid NOT NULL REFERENCES material(id),
  min_quantity numeric(14,2) NOT NULL CHECK (min_quantity >= 0),
  PRIMARY KEY (warehouse_id, material_id)
);

CREATE SEQUENCE stock_doc_seq;

CREATE TABLE stock_movement (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc_no           text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('in','out','transfer_out','transfer_in','adjust','scrap','rotate_out','rotate_in')),
  batch_id         uuid NOT NULL REFERENCES stock_batch(id),
  warehouse_id     uuid NOT NULL REFERENCES warehouse(id),
  material_id      uuid NOT NULL REFERENCES material(id),
  delta            numeric(14,2) NOT NULL CHECK (delta <> 0),
  balance_after    numeric(14,2) NOT NULL CHECK (balance_after >= 0),
  reason           text,
  destination_type text CHECK (destination_type IN ('warehouse','incident','recipient')),
  destination_id   text,
  destination_name text,
  source_batch_id  uuid REFERENCES stock_batch(id),
  operator_id      uuid REFERENCES app_user(id),
  operator_name    text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movement_batch_idx ON stock_movement (batch_id, id);
CREATE INDEX stock_movement_warehouse_idx ON stock_movement (warehouse_id, created_at DESC);
CREATE INDEX stock_movement_doc_idx ON stock_movement (doc_no);
CREATE INDEX stock_movement_source_idx ON stock_movement (source_batch_id) WHERE source_batch_id IS NOT NULL;
