/**
 * `npm run bench` / `npm run bench:platform`: each scenario prints one line
 *   BENCH name=<scenario> value=<n> unit=<unit> ref=<reference> ratio=<value/ref>
 * with the reference measured in the same run. PostgreSQL scenarios use a throwaway
 * cluster from the Debian binaries (scripts/pg-cluster.mjs) when they are installed.
 */
import { coldStartScenarios, scopedListScenario } from './platform.ts';
import { nearestScenario } from './resources.ts';
import { ledgerScenario } from './hazards.ts';
// @ts-expect-error plain JavaScript module without types
import { postgresAvailable, startCluster } from '../scripts/pg-cluster.mjs';

const groups: Record<string, () => Promise<void>> = {
  async platform() {
    await coldStartScenarios();
    const pgOk = (postgresAvailable as () => { ok: boolean; reason?: string })();
    if (pgOk.ok) {
      const cluster = await (startCluster as (o: object) => Promise<{ url: string; stop: (o?: object) => Promise<void> }>)({ name: 'pg-bench', fresh: true, log: () => undefined });
      try {
        await scopedListScenario(cluster.url);
      } finally {
        await cluster.stop({ remove: true });
      }
    } else {
      console.error(`PostgreSQL + PostGIS not installed (${pgOk.reason}): scoped list measured on embedded PGlite only`);
    }
    await scopedListScenario(null);
  },
};

groups.nearest = async () => {
  const pgOk = (postgresAvailable as () => { ok: boolean; reason?: string })();
  if (!pgOk.ok) {
    console.error(`bench:nearest needs PostgreSQL 15 + PostGIS (${pgOk.reason})`);
    process.exitCode = 1;
    return;
  }
  const cluster = await (startCluster as (o: object) => Promise<{ url: string; stop: (o?: object) => Promise<void> }>)({ name: 'pg-bench', fresh: true, log: () => undefined });
  try {
    await nearestScenario(cluster.url);
  } finally {
    await cluster.stop({ remove: true });
  }
};

groups.ledger = async () => {
  const pgOk = (postgresAvailable as () => { ok: boolean; reason?: string })();
  if (!pgOk.ok) {
    console.error(`bench:ledger needs PostgreSQL 15 + PostGIS (${pgOk.reason})`);
    process.exitCode = 1;
    return;
  }
  const cluster = await (startCluster as (o: object) => Promise<{ url: string; stop: (o?: object) => Promise<void> }>)({ name: 'pg-bench', fresh: true, log: () => undefined });
  try {
    await ledgerScenario(cluster.url);
  } finally {
    await cluster.stop({ remove: true });
  }
};

const wanted = process.argv[2] ? [process.argv[2]] : Object.keys(groups);
for (const g of wanted) {
  const fn = groups[g];
  if (!fn) {
    console.error(`unknown bench group ${g}; known: ${Object.keys(groups).join(', ')}`);
    process.exit(2);
  }
  await fn();
}
