import type { Db } from '../platform/db.ts';
import { COUNTY } from './data.ts';
import { demoId, prng } from './ids.ts';

/**
 * Demo shelters for 鄯善县: a central shelter in the county seat, fixed shelters at schools, sports
 * grounds and township squares, emergency shelters near dense housing. Names are realistic, figures
 * invented; capacities are sized so the county's fixed + central places comfortably exceed the
 * 1,200-person relocation target that county plans of this size use. One shelter is open with people
 * checked in (a drill), so the occupancy view is never empty. All rows are flagged is_demo.
 */
interface DemoShelter { key: string; name: string; kind: 'emergency' | 'fixed' | 'central'; space: 'indoor' | 'outdoor' | 'mixed'; region: string; area: number; capacity: number; facilities: string[]; manager: string; address: string }

const ALL = ['water', 'power', 'toilet', 'medical', 'kitchen', 'broadcast', 'fire', 'storage'];
const SHELTERS: DemoShelter[] = [
  { key: 'centre', name: '鄯善县应急避难中心（县体育中心）', kind: 'central', space: 'mixed', region: COUNTY, area: 42000, capacity: 8000, facilities: ALL, manager: '县应急局 赵科员', address: '鄯善县楼兰东路县体育中心' },
  { key: 'square', name: '鄯善县人民广场避难场所', kind: 'fixed', space: 'outdoor', region: COUNTY, area: 18000, capacity: 6000, facilities: ['water', 'power', 'toilet', 'broadcast'], manager: '县城管局 杨明', address: '鄯善县人民广场' },
  { key: 'school1', name: '鄯善县第一中学避难场所', kind: 'fixed', space: 'mixed', region: '650421100000', area: 9000, capacity: 3000, facilities: ['water', 'power', 'toilet', 'medical', 'kitchen'], manager: '县一中 后勤处', address: '鄯善镇新城路县第一中学' },
  { key: 'gym', name: '鄯善县全民健身馆', kind: 'fixed', space: 'indoor', region: '650421100000', area: 3200, capacity: 1200, facilities: ['water', 'power', 'toilet', 'kitchen', 'broadcast'], manager: '县文体局 周斌', address: '鄯善镇文化路' },
  { key: 'park-east', name: '东湖公园紧急避难场所', kind: 'emergency', space: 'outdoor', region: '650421100000', area: 6000, capacity: 6000, facilities: ['water', 'toilet'], manager: '鄯善镇应急办', address: '鄯善镇东湖公园' },
  { key: 'qiketai', name: '七克台镇中心校避难场所', kind: 'fixed', space: 'mixed', region: '650421101000', area: 4200, capacity: 1400, facilities: ['water', 'power', 'toilet', 'kitchen'], manager: '七克台镇应急办', address: '七克台镇中心学校' },
  { key: 'station', name: '火车站镇文化广场紧急避难场所', kind: 'emergency', space: 'outdoor', region: '650421102000', area: 2500, capacity: 2500, facilities: ['water', 'toilet', 'broadcast'], manager: '火车站镇应急办', address: '火车站镇文化广场' },
  { key: 'lianmuqin', name: '连木沁镇避难场所（镇中学）', kind: 'fixed', space: 'mixed', region: '650421103000', area: 5000, capacity: 1600, facilities: ['water', 'power', 'toilet', 'medical', 'kitchen', 'storage'], manager: '连木沁镇应急办', address: '连木沁镇中学' },
  { key: 'lukeqin', name: '鲁克沁镇避难场所（镇政府广场）', kind: 'fixed', space: 'outdoor', region: '650421104000', area: 3600, capacity: 1200, facilities: ['water', 'power', 'toilet'], manager: '鲁克沁镇应急办', address: '鲁克沁镇人民政府广场' },
  { key: 'pizhan', name: '辟展镇紧急避难场所', kind: 'emergency', space: 'outdoor', region: '650421105000', area: 1800, capacity: 1800, facilities: ['water', 'toilet'], manager: '辟展镇应急办', address: '辟展镇农贸市场东侧空地' },
  { key: 'dikan', name: '迪坎镇避难场所（镇小学）', kind: 'fixed', space: 'mixed', region: '650421106000', area: 2400, capacity: 800, facilities: ['water', 'power', 'toilet', 'kitchen'], manager: '迪坎镇应急办', address: '迪坎镇中心小学' },
  { key: 'dongbazha', name: '东巴扎回族乡避难场所', kind: 'fixed', space: 'outdoor', region: '650421201000', area: 2100, capacity: 700, facilities: ['water', 'toilet'], manager: '东巴扎乡应急办', address: '东巴扎回族乡政府广场' },
  { key: 'tuyugou', name: '吐峪沟乡避难场所（乡中心校）', kind: 'fixed', space: 'mixed', region: '650421202000', area: 1800, capacity: 600, facilities: ['water', 'power', 'toilet'], manager: '吐峪沟乡应急办', address: '吐峪沟乡中心学校' },
  { key: 'dalangkan', name: '达朗坎乡紧急避难场所', kind: 'emergency', space: 'outdoor', region: '650421203000', area: 1200, capacity: 1200, facilities: ['water'], manager: '达朗坎乡应急办', address: '达朗坎乡文化广场' },
  { key: 'park', name: '鄯善工业园区应急避难场所', kind: 'fixed', space: 'mixed', region: '650421450000', area: 3000, capacity: 1000, facilities: ['water', 'power', 'toilet', 'medical', 'fire'], manager: '工业园区安监科', address: '鄯善工业园区管委会北侧' },
];

/** Occupancy of the drill shelter: opened, 120 in, 35 out. */
const DRILL = { key: 'lianmuqin', events: [['open', 0], ['check_in', 80], ['check_in', 40], ['check_out', 35]] as const };

export async function seedShelters(tx: Db): Promise<number> {
  const rnd = prng(421_005);
  for (const s of SHELTERS) {
    const { rows: c } = await tx.query<{ lon: number; lat: number }>('SELECT ST_X(centre) AS lon, ST_Y(centre) AS lat FROM region WHERE code = $1', [s.region]);
    const id = demoId(`shelter-${s.key}`);
    let occupancy = 0;
    const drill = s.key === DRILL.key;
    if (drill) for (const [kind, n] of DRILL.events) occupancy += kind === 'check_in' ? n : kind === 'check_out' ? -n : 0;
    await tx.query(
      `INSERT INTO shelter (id, name, kind, space, region_code, address, location, area_m2, capacity, facilities, manager_name, manager_phone, status, occupancy, is_demo)
       VALUES ($1,$2,$3,$4,$5,$6, ST_SetSRID(ST_MakePoint($7, $8), 4326), $9, $10, $11, $12, $13, $14, $15, true)`,
      [id, s.name, s.kind, s.space, s.region, s.address, c[0]!.lon + (rnd() - 0.5) * 0.02, c[0]!.lat + (rnd() - 0.5) * 0.02, s.area, s.capacity, s.facilities,
        s.manager, `0995-83${String(Math.floor(rnd() * 1e5)).padStart(5, '0')}`, drill ? 'open' : 'closed', occupancy]);
    if (drill) {
      let after = 0;
      let minutes = 180;
      for (const [kind, n] of DRILL.events) {
        after += kind === 'check_in' ? n : kind === 'check_out' ? -n : 0;
        await tx.query(
          `INSERT INTO shelter_log (shelter_id, kind, count, occupancy_after, capacity, reason, actor_name, at)
           VALUES ($1,$2,$3,$4,$5,'演示数据：避险转移演练','seed-demo', now() - make_interval(mins => $6))`, [id, kind, n, after, s.capacity, minutes]);
        minutes -= 40;
      }
    }
  }
  return SHELTERS.length;
}
