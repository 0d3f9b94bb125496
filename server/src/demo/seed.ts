import fs from 'node:fs';
import path from 'node:path';
import { systemActor } from '../platform/actor.ts';
import { appendAudit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { creditCodeCheckChar } from '../modules/orgs/rules.ts';
import { hashPassword } from '../modules/auth/service.ts';
import { COUNTY, DEMO_PASSWORD, DEPARTMENTS, ENTERPRISES, TEAMS, USERS, type DemoOrg } from './data.ts';
import { demoId, prng } from './ids.ts';
import { seedResources } from './resources.ts';
import { seedHazards } from './hazards.ts';
import { seedChecks } from './checks.ts';
import { writeSetting } from '../platform/settings.ts';
import { optionalPointSql } from '../platform/geo.ts';

export const REGIONS_FILE = path.resolve(import.meta.dirname, '..', '..', 'seeds', 'shanshan', 'regions.json');

interface VillageJson { code: string; name: string; kind: string; centre: [number, number]; population: number }
interface TownshipJson { code: string; name: string; kind: string; officialCode?: boolean; centre: [number, number]; population: number; villages: VillageJson[] }
interface RegionsJson {
  source: string;
  county: { code: string; gbCode: string; name: string; kind: string; centre: [number, number]; boundary: number[][][]; population: number };
  townships: TownshipJson[];
}

export interface SeedSummary {
  seeded: boolean;
  regions: number;
  orgs: number;
  users: number;
}

/** True when the database has no regions yet (a fresh install). */
export async function isEmpty(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM region');
  return (rows[0]?.n ?? 0) === 0;
}

/**
 * Seeds the Shanshan County demo: region tree (real 2023 statistical codes; approximate centres, a
 * hand-drawn county outline and township outlines computed in PostGIS as Voronoi cells clipped to
 * the county — all flagged approximate), the bureau, departments, township and park offices,
 * enterprises, teams and one account per role. Deterministic: same ids and content every time.
 * Runs in one transaction with one audit entry; does nothing when regions already exist.
 */
export async function seedDemo(db: Db): Promise<SeedSummary> {
  if (!(await isEmpty(db))) return { seeded: false, regions: 0, orgs: 0, users: 0 };
  const data = JSON.parse(fs.readFileSync(REGIONS_FILE, 'utf8')) as RegionsJson;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const regions = await seedRegions(tx, data);
    const orgs = await seedOrgs(tx, data);
    const users = await seedUsers(tx, passwordHash);
    const resources = await seedResources(tx);
    const hazards = await seedHazards(tx);
    const checks = await seedChecks(tx);
    await writeSetting(tx, 'demo', { county: data.county.name, code: data.county.code, seededAt: new Date().toISOString(), source: data.source });
    await appendAudit(tx, systemActor('seed-demo'), {
      action: 'seed', entityType: 'system', entityId: 'demo', regionCode: COUNTY,
      summary: `初始化演示数据：${data.county.name} ${regions} 个区域、${orgs} 个单位、${users} 个账号、${resources.teams} 支队伍、${resources.experts} 名专家、${resources.equipment} 项装备`,
      after: { regions, orgs, users, ...resources, ...hazards, ...checks },
    });
    return { seeded: true, regions, orgs, users };
  });
}

async function seedRegions(tx: Db, data: RegionsJson): Promise<number> {
  const c = data.county;
  await tx.query(
    `INSERT INTO region (code, gb_code, name, level, kind, parent_code, path, centre, boundary, boundary_approx, population, sort, is_demo)
     VALUES ($1, $2, $3, 'county', $4, NULL, $9, ST_SetSRID(ST_MakePoint($5, $6), 4326),
             ST_Multi(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($7), 4326))), true, $8, 0, true)`,
    [c.code, c.gbCode, c.name, c.kind, c.centre[0], c.centre[1], JSON.stringify({ type: 'Polygon', coordinates: c.boundary }), c.population, c.code]);
  let n = 1;
  let sort = 0;
  for (const t of data.townships) {
    await tx.query(
      `INSERT INTO region (code, name, level, kind, parent_code, path, centre, code_official, population, sort, is_demo)
       VALUES ($1, $2, 'township', $3, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326), $8, $9, $10, true)`,
      [t.code, t.name, t.kind, c.code, `${c.code}/${t.code}`, t.centre[0], t.centre[1], t.officialCode !== false, t.population, sort++]);
    n++;
    if (t.villages.length) {
      await tx.query(
        `INSERT INTO region (code, name, level, kind, parent_code, path, centre, population, sort, is_demo)
         SELECT v.code, v.name, 'village', v.kind, $1, $2 || '/' || v.code, ST_SetSRID(ST_MakePoint(v.lon, v.lat), 4326), v.pop, v.ord::int, true
           FROM unnest($3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::int[]) WITH ORDINALITY AS v(code, name, kind, lon, lat, pop, ord)`,
        [t.code, `${c.code}/${t.code}`, t.villages.map((v) => v.code), t.villages.map((v) => v.name), t.villages.map((v) => v.kind),
          t.villages.map((v) => v.centre[0]), t.villages.map((v) => v.centre[1]), t.villages.map((v) => v.population)]);
      n += t.villages.length;
    }
  }
  // Township outlines: Voronoi cells of the township centres, clipped to the county outline.
  // An approximation for orientation on the map, flagged boundary_approx.
  await tx.query(`
    WITH county AS (SELECT boundary FROM region WHERE code = $1),
         cells AS (
           SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(t.centre), 0, (SELECT ST_Envelope(ST_Expand(boundary, 1)) FROM county)))).geom AS cell
             FROM region t WHERE t.level = 'township')
    UPDATE region r SET boundary = ST_Multi(ST_CollectionExtract(ST_Intersection(cells.cell, county.boundary), 3)), boundary_approx = true
      FROM cells, county
     WHERE r.level = 'township' AND ST_Contains(cells.cell, r.centre)`, [c.code]);
  await tx.query(`UPDATE region SET area_km2 = round((ST_Area(boundary::geography) / 1e6)::numeric, 2) WHERE boundary IS NOT NULL`);
  return n;
}

/** A well-formed unified social credit code (valid check character) for a demo enterprise. */
function demoCreditCode(key: string, rnd: () => number): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '91650421';
  for (let i = 0; i < 9; i++) body += chars[Math.floor(rnd() * chars.length)];
  return body + creditCodeCheckChar(body)!;
}

async function seedOrgs(tx: Db, data: RegionsJson): Promise<number> {
  const rnd = prng(650421);
  const centres = new Map<string, [number, number]>([[data.county.code, data.county.centre], ...data.townships.map((t) => [t.code, t.centre] as [string, [number, number]])]);
  const offices: DemoOrg[] = data.townships.map((t) => ({
    key: `office-${t.code}`,
    name: t.kind === '园区' ? `${t.name}管理委员会` : t.kind === '矿区' || t.kind === '农场' ? `鄯善县${t.name}管理处` : `${t.name}人民政府`,
    type: t.kind === '园区' ? 'park' : 'township_office',
    region: t.code,
    parent: undefined,
    at: [0.002, 0.001],
  }));
  const all = [...DEPARTMENTS, ...offices, ...ENTERPRISES, ...TEAMS];
  const phone = () => `0995-83${String(Math.floor(rnd() * 100000)).padStart(5, '0')}`;
  for (const o of all) {
    const centre = centres.get(o.region) ?? data.county.centre;
    const loc = o.at ? [centre[0] + o.at[0], centre[1] + o.at[1]] : null;
    const isEnterprise = o.type === 'enterprise';
    await tx.query(
      `INSERT INTO org (id, name, short_name, type, region_code, parent_id, industry_codes, credit_code, contact_name, contact_phone, address, location, is_demo)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11, ${optionalPointSql('$12', '$13')}, true)`,
      [demoId(o.key), o.name, o.shortName ?? null, o.type, o.region, o.parent ? demoId(o.parent) : null, o.industries ?? [],
        isEnterprise ? demoCreditCode(o.key, rnd) : null, o.contact ?? null, phone(), o.address ?? null, loc?.[0] ?? null, loc?.[1] ?? null]);
  }
  return all.length;
}

async function seedUsers(tx: Db, passwordHash: string): Promise<number> {
  for (const u of USERS) {
    const org = u.org ?? (u.roles.includes('township') ? `office-${u.region}` : undefined);
    await tx.query(
      `INSERT INTO app_user (id, username, display_name, password_hash, roles, region_code, industries, org_id, phone, is_demo, password_changed_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,true, now())`,
      [demoId(`user-${u.username}`), u.username, u.displayName, passwordHash, u.roles, u.region, u.industries ?? [], org ? demoId(org) : null,
        `139${String(Math.abs(hashCode(u.username)) % 1e8).padStart(8, '0')}`]);
  }
  return USERS.length;
}

function hashCode(s: string): number {
  let h = 0;
  for (const ch of s) h = (Math.imul(31, h) + ch.charCodeAt(0)) | 0;
  return h;
}
