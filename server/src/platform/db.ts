import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

/**
 * The database port. Repositories take a `Db` as their first argument, so the same function runs on
 * the pg pool, on embedded PGlite, or inside a transaction.
 */
export interface Db {
  readonly kind: 'pg' | 'pglite';
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a multi-statement SQL script without parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; nested calls reuse the outer transaction. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  readonly inTransaction: boolean;
}

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Database extends Db {
  close(): Promise<void>;
  /** Embedded only: the PGlite instance (backup uses dumpDataDir). */
  readonly pglite?: PGlite;
  readonly pool?: pg.Pool;
}

// bigint and numeric come back as JS numbers on both drivers (counts, sizes, seq numbers stay far
// below 2^53); timestamptz as Date; json/jsonb parsed.
const INT8 = 20;
const NUMERIC = 1700;
pg.types.setTypeParser(INT8, (v: string) => Number(v));
pg.types.setTypeParser(NUMERIC, (v: string) => Number(v));

class PgDb implements Database {
  readonly kind = 'pg' as const;
  readonly inTransaction = false;
  constructor(readonly pool: pg.Pool) {}
  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.pool.query(sql, params as unknown[]);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  }
  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }
  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(new PgTx(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A connection that cannot even roll back is discarded, not returned to the pool.
      await client.query('ROLLBACK').catch((e: Error) => { broken = e; });
      throw err;
    } finally {
      client.release(broken);
    }
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}

class PgTx implements Db {
  readonly kind = 'pg' as const;
  readonly inTransaction = true;
  constructor(private readonly client: pg.PoolClient) {}
  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.client.query(sql, params as unknown[]);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  }
  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return fn(this);
  }
}

const pgliteParsers = {
  [INT8]: (v: string) => Number(v),
  [NUMERIC]: (v: string) => Number(v),
};

class PgliteDb implements Database {
  readonly kind = 'pglite' as const;
  readonly inTransaction = false;
  constructor(readonly pglite: PGlite) {}
  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.pglite.query<T>(sql, params as unknown[]);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  }
  async exec(sql: string): Promise<void> {
    await this.pglite.exec(sql);
  }
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) => fn(new PgliteTx(tx)));
  }
  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}

class PgliteTx implements Db {
  readonly kind = 'pglite' as const;
  readonly inTransaction = true;
  constructor(private readonly tx: Transaction) {}
  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.tx.query<T>(sql, params as unknown[]);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  }
  async exec(sql: string): Promise<void> {
    await this.tx.exec(sql);
  }
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return fn(this);
  }
}

export interface OpenOptions {
  databaseUrl: string | null;
  /** Embedded data directory; ':memory:' for a throwaway in-memory database. */
  dataDir: string;
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, otherwise embedded PGlite (with PostGIS) under dataDir/pg. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => undefined); // idle client errors surface on the next query
    await pool.query('SELECT 1');
    return new PgDb(pool);
  }
  const dir = embeddedDir(opts.dataDir);
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dir ? { dataDir: dir } : {}),
    extensions: { postgis },
    parsers: pgliteParsers,
  });
  return new PgliteDb(pglite);
}

/** Where the embedded cluster lives inside DATA_DIR (null for in-memory). */
export function embeddedDir(dataDir: string): string | null {
  return dataDir === ':memory:' ? null : path.join(dataDir, 'pg');
}

/** Opens an embedded database from a data-dir tarball made by `dumpDataDir` (restore, test templates). */
export async function openEmbeddedFromDump(dump: Blob, dataDir: string | null): Promise<Database> {
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    loadDataDir: dump,
    extensions: { postgis },
    parsers: pgliteParsers,
  });
  return new PgliteDb(pglite);
}
