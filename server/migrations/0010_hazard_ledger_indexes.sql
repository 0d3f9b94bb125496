-- Hazard ledger at county scale (issue 4 benchmark: 1M hazards): a township's page of open hazards
-- and its count read one index range (region, status) already in finding-time order.
-- Append-only.

CREATE INDEX hazard_region_status_found_idx ON hazard (region_code, status, found_at DESC);
