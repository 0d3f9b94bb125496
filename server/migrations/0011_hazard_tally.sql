-- Hazard statistics at county scale (issue 4: statistics p95 < 100 ms over 1M hazards).
-- hazard_tally holds the hazard counts per statistics key, maintained by statement-level triggers
-- in the same transaction as every write to hazard (and to an enterprise's industries), so it can
-- never disagree with the table. Keys: the hazard's region, its enterprise's industries (the scope
-- of a regulator), grade, status, source, the month it was found (Asia/Shanghai), and for open
-- hazards (待整改/整改中) the day of its deadline: a hazard is overdue when its deadline has passed,
-- so every day before today is overdue and only today's hazards need the clock (read live).
-- Rows whose count falls to zero are kept (harmless; the key space is bounded).
-- Append-only.

CREATE TABLE hazard_tally (
  region_code    varchar(12) NOT NULL,
  industry_codes text[],
  grade          text NOT NULL,
  status         text NOT NULL,
  source         text NOT NULL,
  found_month    date NOT NULL,
  deadline_day   date,
  n              integer NOT NULL,
  close_secs     double precision NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX hazard_tally_key ON hazard_tally
  (region_code, industry_codes, grade, status, source, found_month, deadline_day) NULLS NOT DISTINCT;

-- The statement adding signed hazard rows (sign, h.*) to the tally, grouped by key. (A statement,
-- not a function that runs it: transition tables are visible only to the trigger function itself.) One order for every writer:
-- two transactions moving hazards between the same keys lock the rows in the same order and
-- cannot deadlock. industry_codes come from `codes` (an expression over o, the enterprise).
CREATE FUNCTION hazard_tally_sql(src text, codes text DEFAULT 'o.industry_codes') RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    INSERT INTO hazard_tally AS t (region_code, industry_codes, grade, status, source, found_month, deadline_day, n, close_secs)
    SELECT h.region_code, %2$s, h.grade, h.status, h.source,
           date_trunc('month', h.found_at AT TIME ZONE 'Asia/Shanghai')::date,
           CASE WHEN h.status IN ('pending', 'rectifying') THEN (h.deadline AT TIME ZONE 'Asia/Shanghai')::date END,
           sum(h.sign)::int,
           coalesce(sum(h.sign * EXTRACT(EPOCH FROM h.closed_at - h.found_at)::float8) FILTER (WHERE h.status = 'closed'), 0)
      FROM (%1$s) h LEFT JOIN org o ON o.id = h.org_id
     GROUP BY 1, 2, 3, 4, 5, 6, 7
     ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (region_code, industry_codes, grade, status, source, found_month, deadline_day)
    DO UPDATE SET n = t.n + EXCLUDED.n, close_secs = t.close_secs + EXCLUDED.close_secs$q$, src, codes);
$fn$;

-- Statement-level: a bulk write is one grouped upsert, not one per row.
CREATE FUNCTION hazard_tally_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE hazard_tally_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
    ELSE 'SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1 AS sign, * FROM new_rows' END);
  RETURN NULL;
END $fn$;

CREATE TRIGGER hazard_tally_ins AFTER INSERT ON hazard REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_tally_trigger();
CREATE TRIGGER hazard_tally_upd AFTER UPDATE ON hazard REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_tally_trigger();
CREATE TRIGGER hazard_tally_del AFTER DELETE ON hazard REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_tally_trigger();

-- An enterprise whose industries change moves its hazards to the new industry keys.
CREATE FUNCTION hazard_tally_org_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE hazard_tally_sql(format('SELECT -1 AS sign, * FROM hazard WHERE org_id = %L', NEW.id), quote_nullable(OLD.industry_codes::text) || '::text[]');
  EXECUTE hazard_tally_sql(format('SELECT 1 AS sign, * FROM hazard WHERE org_id = %L', NEW.id));
  RETURN NULL;
END $fn$;
CREATE TRIGGER hazard_tally_org AFTER UPDATE OF industry_codes ON org
  FOR EACH ROW WHEN (OLD.industry_codes IS DISTINCT FROM NEW.industry_codes) EXECUTE FUNCTION hazard_tally_org_trigger();

-- The hazards already recorded.
DO $$ BEGIN EXECUTE hazard_tally_sql('SELECT 1 AS sign, * FROM hazard'); END $$;
