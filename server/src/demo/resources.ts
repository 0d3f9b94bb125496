import type { Db } from '../platform/db.ts';
import { COUNTY } from './data.ts';
import { demoId, prng } from './ids.ts';
import { seedShelters } from './shelters.ts';
import { writeSetting } from '../platform/settings.ts';

/**
 * Demo rescue teams, experts and large equipment for 鄯善县 (names realistic, people invented).
 * Positions are offsets from the region centres; all rows are flagged is_demo.
 */
interface DemoTeam { key: string; name: string; category: string; specialties: string[]; headcount: number; region: string; org?: string; leader: string; address: string }

const TEAMS: DemoTeam[] = [
  { key: 'county', name: '鄯善县综合应急救援大队', category: 'comprehensive', specialties: ['S01', 'S02', 'S04', 'S15'], headcount: 60, region: COUNTY, org: 'team-county', leader: '闫刚', address: '鄯善县楼兰东路应急救援基地' },
  { key: 'fire', name: '鄯善县消防救援大队', category: 'comprehensive', specialties: ['S08', 'S01', 'S05', 'S04'], headcount: 45, region: COUNTY, org: 'dept-fire', leader: '何勇', address: '鄯善县新城路消防站' },
  { key: 'mine', name: '鄯善县矿山救护队', category: 'professional', specialties: ['S06'], headcount: 24, region: '650421400000', org: 'team-mine', leader: '郭勇', address: '南山矿区救护队驻地' },
  { key: 'park', name: '鄯善工业园区专职消防队', category: 'professional', specialties: ['S05', 'S08'], headcount: 30, region: '650421450000', org: 'team-park', leader: '毛峰', address: '鄯善工业园区消防站' },
  { key: 'tianshan', name: '天山化工企业专职救援队', category: 'enterprise', specialties: ['S05'], headcount: 15, region: '650421450000', org: 'ent-01', leader: '吕振华', address: '天山化工厂区' },
  { key: 'gas', name: '西部燃气抢修队', category: 'enterprise', specialties: ['S16'], headcount: 12, region: '650421100000', org: 'ent-05', leader: '努尔兰', address: '鄯善县西部燃气调度中心' },
  { key: 'blue', name: '鄯善县蓝天救援队', category: 'social', specialties: ['S02', 'S03', 'S09'], headcount: 40, region: COUNTY, org: 'team-blue', leader: '夏天', address: '鄯善县蓝天救援队队部' },
  { key: 'forest', name: '鄯善县森林草原扑火队', category: 'professional', specialties: ['S07'], headcount: 25, region: COUNTY, org: 'dept-forest', leader: '孙伟', address: '鄯善县林草局扑火物资库' },
  { key: 'medical', name: '鄯善县医疗卫生应急队', category: 'professional', specialties: ['S09', 'S14'], headcount: 20, region: COUNTY, org: 'dept-health', leader: '古丽娜尔·艾买提', address: '鄯善县人民医院' },
  { key: 'road', name: '鄯善县公路抢通保障队', category: 'professional', specialties: ['S12', 'S15'], headcount: 30, region: COUNTY, org: 'dept-transport', leader: '马国庆', address: '鄯善县公路管理站' },
  { key: 'power', name: '鄯善供电应急抢修队', category: 'professional', specialties: ['S11'], headcount: 18, region: COUNTY, leader: '刘建', address: '鄯善供电公司' },
  { key: 'water', name: '鄯善县防汛抢险队', category: 'professional', specialties: ['S13', 'S02'], headcount: 35, region: COUNTY, org: 'dept-water', leader: '阿不都热依木·买买提', address: '鄯善县水利局防汛仓库' },
];

const TOWNSHIP_VOLUNTEERS: [string, string][] = [
  ['650421100000', '鄯善镇'], ['650421101000', '七克台镇'], ['650421102000', '火车站镇'], ['650421103000', '连木沁镇'], ['650421104000', '鲁克沁镇'],
  ['650421105000', '辟展镇'], ['650421106000', '迪坎镇'], ['650421201000', '东巴扎回族乡'], ['650421202000', '吐峪沟乡'], ['650421203000', '达朗坎乡'],
];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '马', '艾', '买', '吐', '阿', '古', '热', '周', '吴'];
const GIVEN = ['建国', '海军', '志强', '红梅', '伟', '磊', '江', '明', '丽', '军', '勇', '燕', '斌', '新华', '晓东', '亚军'];
const POSITIONS = ['队长', '副队长', '班长', '队员', '队员', '队员', '驾驶员', '卫生员'];

const EXPERTS: { name: string; fields: string[]; title: string; employer: string; region?: string }[] = [
  { name: '周立新', fields: ['12C00'], title: '高级工程师', employer: '新疆化工设计研究院' },
  { name: '艾尔肯·买买提', fields: ['12B00', '12B01'], title: '正高级工程师', employer: '吐鲁番市矿山安全技术中心' },
  { name: '张慧敏', fields: ['11C00'], title: '研究员', employer: '新疆地震局' },
  { name: '李国栋', fields: ['11A00', '11A01'], title: '高级工程师', employer: '鄯善县水利局' },
  { name: '热依拉·吐尔逊', fields: ['11B00'], title: '高级工程师', employer: '吐鲁番市气象局' },
  { name: '王振宇', fields: ['11D00'], title: '高级工程师', employer: '新疆地矿局第一地质大队' },
  { name: '陈建华', fields: ['12M00'], title: '高级工程师', employer: '吐鲁番市特种设备检验所' },
  { name: '马晓燕', fields: ['13000'], title: '主任医师', employer: '鄯善县人民医院' },
  { name: '刘长青', fields: ['11G00'], title: '高级工程师', employer: '鄯善县林业和草原局' },
  { name: '阿依古丽·热合曼', fields: ['12H00'], title: '高级工程师', employer: '鄯善县交通运输局' },
  { name: '孙宏伟', fields: ['12G00', '12C00'], title: '高级工程师', employer: '吐鲁番市消防救援支队' },
  { name: '杨帆', fields: ['12N00'], title: '工程师', employer: '鄯善县西部燃气有限公司' },
];

const EQUIPMENT: { name: string; type: string; model: string; quantity: number; region: string; org?: string; contact: string }[] = [
  { name: '县应急局挖掘机', type: '挖掘机', model: '三一 SY215C', quantity: 2, region: COUNTY, org: 'bureau', contact: '王建军' },
  { name: '县应急局装载机', type: '装载机', model: '柳工 CLG856H', quantity: 2, region: COUNTY, org: 'bureau', contact: '王建军' },
  { name: '大功率排水抢险车', type: '排水抢险车', model: '3000 m³/h', quantity: 1, region: COUNTY, org: 'dept-water', contact: '李国栋' },
  { name: '移动发电机组', type: '发电机组', model: '300 kW', quantity: 3, region: COUNTY, org: 'bureau', contact: '王建军' },
  { name: '应急通信指挥车', type: '应急通信车', model: '卫星便携站', quantity: 1, region: COUNTY, org: 'bureau', contact: '赵科员' },
  { name: '应急照明车', type: '应急照明车', model: '4×1000 W', quantity: 2, region: COUNTY, org: 'team-county', contact: '闫刚' },
  { name: '冲锋舟', type: '冲锋舟', model: '玻璃钢 5.2 m', quantity: 6, region: COUNTY, org: 'dept-water', contact: '李国栋' },
  { name: '生命探测仪', type: '生命探测仪', model: '雷达式', quantity: 2, region: COUNTY, org: 'team-county', contact: '闫刚' },
  { name: '侦察无人机', type: '无人机', model: '多旋翼 热成像', quantity: 4, region: COUNTY, org: 'team-county', contact: '闫刚' },
  { name: '园区泡沫消防车', type: '消防车', model: 'PM180', quantity: 2, region: '650421450000', org: 'team-park', contact: '毛峰' },
  { name: '天山化工堵漏洗消设备', type: '破拆设备', model: '堵漏工具组', quantity: 3, region: '650421450000', org: 'ent-01', contact: '吕振华' },
  { name: '南山矿区自卸车', type: '自卸车', model: '陕汽 X3000', quantity: 4, region: '650421400000', org: 'mine-01', contact: '牛建国' },
  { name: '连木沁镇大功率水泵', type: '大功率水泵', model: '500 m³/h', quantity: 3, region: '650421103000', contact: '连木沁镇应急办' },
  { name: '鲁克沁镇推土机', type: '推土机', model: '山推 SD16', quantity: 1, region: '650421104000', contact: '鲁克沁镇应急办' },
  { name: '七克台镇起重机', type: '起重机', model: '徐工 25 t', quantity: 1, region: '650421101000', contact: '七克台镇应急办' },
];

export async function seedResources(tx: Db): Promise<{ teams: number; experts: number; equipment: number; warehouses: number; materials: number; batches: number; shelters: number }> {
  const rnd = prng(421_003);
  const { rows: centres } = await tx.query<{ code: string; lon: number; lat: number }>('SELECT code, ST_X(centre) AS lon, ST_Y(centre) AS lat FROM region WHERE level IN (\'county\', \'township\')');
  const at = (region: string, spread = 0.02): [number, number] => {
    const c = centres.find((r) => r.code === region) ?? centres.find((r) => r.code === COUNTY)!;
    return [c.lon + (rnd() - 0.5) * spread, c.lat + (rnd() - 0.5) * spread];
  };
  const phone = () => `13${Math.floor(rnd() * 10)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
  const all = [...TEAMS, ...TOWNSHIP_VOLUNTEERS.map(([code, name]): DemoTeam => ({
    key: `vol-${code}`, name: `${name}应急救援志愿者队`, category: 'volunteer', specialties: rnd() < 0.5 ? ['S01', 'S13'] : ['S01', 'S15'],
    headcount: 20 + Math.floor(rnd() * 25), region: code, org: `office-${code}`, leader: `${SURNAMES[Math.floor(rnd() * 16)]}${GIVEN[Math.floor(rnd() * 16)]}`, address: `${name}人民政府`,
  }))];
  for (const t of all) {
    const [lon, lat] = at(t.region);
    const id = demoId(`resource-team-${t.key}`);
    // A few teams are out or resting, so status filters have something to show.
    const status = t.key === 'blue' ? 'deployed' : t.key === 'road' ? 'resting' : 'standby';
    await tx.query(
      `INSERT INTO team (id, name, category, specialties, headcount, region_code, org_id, leader_name, leader_phone, duty_phone, base_address, base, status, is_demo)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11, ST_SetSRID(ST_MakePoint($12, $13), 4326), $14, true)`,
      [id, t.name, t.category, t.specialties, t.headcount, t.region, t.org ? demoId(t.org) : null, t.leader, phone(), `0995-83${String(Math.floor(rnd() * 1e5)).padStart(5, '0')}`, t.address, lon, lat, status]);
    const members = Math.min(6, t.headcount);
    for (let i = 0; i < members; i++) {
      await tx.query('INSERT INTO team_member (team_id, name, position, phone, is_demo) VALUES ($1,$2,$3,$4,true)',
        [id, i === 0 ? t.leader : `${SURNAMES[Math.floor(rnd() * 16)]}${GIVEN[Math.floor(rnd() * 16)]}`, POSITIONS[i] ?? '队员', phone()]);
    }
  }
  for (const [i, e] of EXPERTS.entries()) {
    const [lon, lat] = at(e.region ?? COUNTY, 0.05);
    await tx.query(
      `INSERT INTO expert (id, name, fields, title, employer, phone, region_code, availability, location, is_demo)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8, ST_SetSRID(ST_MakePoint($9, $10), 4326), true)`,
      [demoId(`resource-expert-${i}`), e.name, e.fields, e.title, e.employer, phone(), e.region ?? COUNTY, i === 4 ? 'busy' : 'available', lon, lat]);
  }
  for (const [i, q] of EQUIPMENT.entries()) {
    const [lon, lat] = at(q.region);
    await tx.query(
      `INSERT INTO equipment (id, name, type, model, quantity, region_code, org_id, location, status, contact_name, contact_phone, is_demo)
       VALUES ($1,$2,$3,$4,$5,$6,$7, ST_SetSRID(ST_MakePoint($8, $9), 4326), $10, $11, $12, true)`,
      [demoId(`resource-equipment-${i}`), q.name, q.type, q.model, q.quantity, q.region, q.org ? demoId(q.org) : null, lon, lat, i === 2 ? 'maintenance' : 'available', q.contact, phone()]);
  }
  const stock = await seedStock(tx);
  const shelters = await seedShelters(tx);
  // Per-person kit and plan targets for the coverage figures (plans of this size: 1,200 relocated people).
  const kit = [['tent', 0.25], ['quilt', 1], ['food', 0.5], ['water', 0.5]].map(([k, n]) => ({ materialId: demoId(`material-${k}`), perPerson: n }));
  const targets = [[COUNTY, 1200], ['650421100000', 300], ['650421103000', 200], ['650421104000', 150]].map(([c, n]) => ({ regionCode: c, people: n }));
  await writeSetting(tx, 'resources.coverage', { kit, targets });
  return { teams: all.length, experts: EXPERTS.length, equipment: EQUIPMENT.length, ...stock, shelters };
}

/**
 * Warehouses, catalogue and stock (sized for the plans' reserve targets: ~1,200 relocated people).
 * Expiry dates are days from the seeding day, so a demo always has some stock about to expire.
 */
const MATERIALS: { key: string; category: string; name: string; spec: string; unit: string; shelf?: number }[] = [
  { key: 'tent', category: '1010100', name: '救灾帐篷', spec: '12 m² 单帐篷', unit: '顶' },
  { key: 'quilt', category: '1010200', name: '棉被', spec: '2 kg', unit: '床' },
  { key: 'bed', category: '1010300', name: '折叠床', spec: '单人', unit: '张' },
  { key: 'sleeping-bag', category: '1010400', name: '睡袋', spec: '-10 ℃', unit: '个' },
  { key: 'food', category: '1020100', name: '方便食品', spec: '自热米饭 300 g', unit: '箱', shelf: 365 },
  { key: 'water', category: '1020200', name: '瓶装饮用水', spec: '550 ml×24', unit: '箱', shelf: 540 },
  { key: 'coat', category: '1030100', name: '棉大衣', spec: '均码', unit: '件' },
  { key: 'stove', category: '1040100', name: '取暖炉', spec: '燃煤', unit: '台' },
  { key: 'suit', category: '2010100', name: '防化服', spec: '二级', unit: '套' },
  { key: 'firstaid', category: '2020100', name: '急救包', spec: '家庭型', unit: '个', shelf: 730 },
  { key: 'lifejacket', category: '2040100', name: '救生衣', spec: '成人', unit: '件' },
  { key: 'light', category: '2070200', name: '应急照明灯', spec: 'LED 充电式', unit: '台' },
  { key: 'pump', category: '2090100', name: '抽水泵', spec: '50 m³/h', unit: '台' },
  { key: 'bags', category: '3010100', name: '编织袋', spec: '50×80 cm', unit: '条' },
];

const WAREHOUSES: { key: string; name: string; level: string; region: string; org?: string; manager: string; managerUser?: string; address: string; stock: [string, number, number?][]; minimums?: [string, number][] }[] = [
  { key: 'county', name: '鄯善县应急物资储备库', level: 'county', region: COUNTY, org: 'bureau', manager: '赵科员', managerUser: 'staff', minimums: [['tent', 300], ['water', 2000], ['quilt', 2400]], address: '鄯善县楼兰东路应急物资储备库',
    stock: [['tent', 320], ['quilt', 2600], ['bed', 1200], ['sleeping-bag', 400], ['food', 900, 128], ['water', 1500, 27], ['coat', 1500], ['stove', 260], ['firstaid', 300, 312], ['lifejacket', 400], ['light', 350], ['pump', 40], ['bags', 30000]] },
  { key: 'lianmuqin', name: '连木沁镇应急物资储备点', level: 'township', region: '650421103000', manager: '连木沁镇应急办', managerUser: 'town-lianmuqin', minimums: [['tent', 30]], address: '连木沁镇人民政府院内',
    stock: [['tent', 30], ['quilt', 200], ['water', 120, 12], ['bags', 3000], ['light', 20]] },
  { key: 'lukeqin', name: '鲁克沁镇应急物资储备点', level: 'township', region: '650421104000', manager: '鲁克沁镇应急办', address: '鲁克沁镇人民政府院内',
    stock: [['tent', 25], ['quilt', 150], ['food', 60, 53], ['bags', 2000]] },
  { key: 'shanshan', name: '鄯善镇应急物资储备点', level: 'township', region: '650421100000', manager: '鄯善镇应急办', managerUser: 'town-shanshan', address: '鄯善镇人民政府院内',
    stock: [['tent', 40], ['quilt', 300], ['firstaid', 40, 17], ['light', 30]] },
  { key: 'park', name: '工业园区危化应急物资库', level: 'township', region: '650421450000', manager: '工业园区安监科', address: '鄯善工业园区消防站旁',
    stock: [['suit', 80], ['firstaid', 60, 219], ['light', 40]] },
  { key: 'agreement', name: '天山化工协议代储点', level: 'agreement', region: '650421450000', org: 'ent-01', manager: '吕振华', address: '天山化工仓储区',
    stock: [['suit', 40], ['bags', 5000]] },
];

export async function seedStock(tx: Db): Promise<{ warehouses: number; materials: number; batches: number }> {
  const rnd = prng(421_004);
  for (const m of MATERIALS) {
    await tx.query('INSERT INTO material (id, category_code, name, spec, unit, shelf_life_days, is_demo) VALUES ($1,$2,$3,$4,$5,$6,true)',
      [demoId(`material-${m.key}`), m.category, m.name, m.spec, m.unit, m.shelf ?? null]);
  }
  let batches = 0;
  let doc = 0;
  for (const w of WAREHOUSES) {
    const { rows: c } = await tx.query<{ lon: number; lat: number }>('SELECT ST_X(centre) AS lon, ST_Y(centre) AS lat FROM region WHERE code = $1', [w.region]);
    const wid = demoId(`warehouse-${w.key}`);
    await tx.query(
      `INSERT INTO warehouse (id, name, level, region_code, org_id, manager_name, manager_phone, address, location, area_m2, manager_user_id, is_demo)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8, ST_SetSRID(ST_MakePoint($9, $10), 4326), $11, $12, true)`,
      [wid, w.name, w.level, w.region, w.org ? demoId(w.org) : null, w.manager, `0995-83${String(Math.floor(rnd() * 1e5)).padStart(5, '0')}`, w.address,
        c[0]!.lon + (rnd() - 0.5) * 0.01, c[0]!.lat + (rnd() - 0.5) * 0.01, w.level === 'county' ? 2400 : 200, w.managerUser ? demoId(`user-${w.managerUser}`) : null]);
    for (const [key, min] of w.minimums ?? []) {
      await tx.query('INSERT INTO stock_minimum (warehouse_id, material_id, min_quantity) VALUES ($1,$2,$3)', [wid, demoId(`material-${key}`), min]);
    }
    for (const [key, qty, expiry] of w.stock) {
      const bid = demoId(`batch-${w.key}-${key}`);
      const batchNo = `2025-${String(++batches).padStart(3, '0')}`;
      await tx.query(
        `INSERT INTO stock_batch (id, warehouse_id, material_id, batch_no, quantity, production_date, expiry_date, reserve_mode)
         VALUES ($1,$2,$3,$4,$5,'2025-06-01', current_date + $6::int, $7)`,
        [bid, wid, demoId(`material-${key}`), batchNo, qty, expiry ?? null, w.level === 'agreement' ? 'agreement' : 'physical']);
      await tx.query(
        `INSERT INTO stock_movement (doc_no, kind, batch_id, warehouse_id, material_id, delta, balance_after, reason, operator_name)
         VALUES ($1,'in',$2,$3,$4,$5,$5,'演示数据：期初入库','seed-demo')`,
        [`RK20250601${String(++doc).padStart(6, '0')}`, bid, wid, demoId(`material-${key}`), qty]);
    }
  }
  return { warehouses: WAREHOUSES.length, materials: MATERIALS.length, batches };
}
