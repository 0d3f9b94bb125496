import type { Db } from '../platform/db.ts';
import { assessMajorHazard, riskLevel, type HazardCategory, type RiskAssessmentInput } from '../modules/hazards/rules.ts';
import { demoId, prng } from './ids.ts';

/**
 * Demo dual-prevention data for 鄯善县: registry profiles and licences for the enterprises of the
 * demo org list (the plan's 13 hazardous-chemical enterprises, the mines), 52 major hazard sources
 * spread over the hazchem enterprises (the figure the county plan gives), and risk points with LEC or
 * LS assessments. Grades and levels are computed by the same rules the API uses. All rows flagged is_demo.
 */

interface Chem { name: string; cas: string; category: HazardCategory; min: number; max: number }
const CHEMICALS: Chem[] = [
  { name: '液氯', cas: '7782-50-5', category: 'J3', min: 2, max: 40 },
  { name: '液氨', cas: '7664-41-7', category: 'J3', min: 5, max: 60 },
  { name: '甲醇', cas: '67-56-1', category: 'W5.3', min: 200, max: 3000 },
  { name: '汽油', cas: '86290-81-5', category: 'W5.1', min: 80, max: 900 },
  { name: '液化石油气', cas: '68476-85-7', category: 'W2', min: 20, max: 300 },
  { name: '天然气', cas: '74-82-8', category: 'W2', min: 20, max: 200 },
  { name: '硫化氢', cas: '7783-06-4', category: 'J3', min: 2, max: 10 },
  { name: '苯', cas: '71-43-2', category: 'W5.3', min: 30, max: 200 },
];

/** Enterprise key → [chemical indexes it handles, number of major hazard sources]; 52 in all. */
const SOURCES: [string, number[], number][] = [
  ['ent-01', [0, 2, 6], 7], ['ent-02', [2, 7], 6], ['ent-03', [0, 1], 8], ['ent-04', [2, 5, 6], 6], ['ent-05', [5], 3], ['ent-06', [1], 3],
  ['ent-07', [6], 2], ['ent-08', [4], 3], ['ent-09', [3, 2, 7], 5], ['ent-10', [3], 2], ['ent-11', [1, 0], 3], ['ent-12', [0], 2], ['ent-13', [7, 2], 2],
];

const POINT_TEMPLATES: { name: string; position: string; factors: string[]; types: string[]; measures: string }[] = [
  { name: '储罐区', position: '罐区', factors: ['易燃液体泄漏', '静电积聚', '雷击'], types: ['08', '17', '18'], measures: '液位、温度、压力在线监测并联锁；防火堤完好；防雷防静电每年检测；动火作业票证管理。' },
  { name: '装卸车站台', position: '装卸区', factors: ['槽车溢流', '车辆失控', '静电'], types: ['02', '08', '18'], measures: '鹤管接地报警；限速与防溜车措施；装卸全程专人监护。' },
  { name: '氯气/氨气汽化单元', position: '生产装置', factors: ['有毒气体泄漏'], types: ['19'], measures: '有毒气体检测报警与紧急切断；正压式呼吸器配备；每季度泄漏处置演练。' },
  { name: '反应釜', position: '生产装置', factors: ['超温超压', '搅拌失效'], types: ['17', '08', '19'], measures: 'DCS 温压联锁；安全阀定期校验；紧急冷却系统。' },
  { name: '配电室', position: '公用工程', factors: ['电气短路', '带电作业'], types: ['05', '08'], measures: '两票三制；绝缘用具定期试验；配电室防小动物措施。' },
  { name: '有限空间作业', position: '检维修', factors: ['缺氧', '有毒气体积聚'], types: ['19'], measures: '先通风、再检测、后作业；作业审批与监护。' },
  { name: '高处作业平台', position: '装置区', factors: ['临边无防护', '未系安全带'], types: ['09', '01'], measures: '临边防护栏杆；高处作业票；安全带高挂低用。' },
  { name: '叉车作业', position: '仓库', factors: ['视线不良', '超载'], types: ['02'], measures: '厂内机动车驾驶员持证；限速 5 km/h；仓库通道划线。' },
];
const ASSESSMENTS: RiskAssessmentInput[] = [
  { method: 'LEC', L: 6, E: 6, C: 15 }, // D 540 → 重大
  { method: 'LEC', L: 3, E: 6, C: 15 }, // 270 → 较大
  { method: 'LEC', L: 3, E: 6, C: 7 }, // 126 → 一般
  { method: 'LEC', L: 1, E: 6, C: 7 }, // 42 → 低
  { method: 'LS', L: 4, S: 5 }, // 20 → 重大
  { method: 'LS', L: 3, S: 5 }, // 15 → 较大
  { method: 'LS', L: 3, S: 3 }, // 9 → 一般
  { method: 'LS', L: 2, S: 2 }, // 4 → 低
];
/** The level of each enterprise in ENTERPRISES order: 1 重大 … 4 低. */
const MAX_RANK = [1, 2, 1, 2, 3, 2, 3, 3, 2, 1, 3, 4, 3, 2, 3, 4];
const PEOPLE = ['王建华', '李志刚', '张海燕', '刘军', '陈磊', '杨帆', '马强', '艾力', '买买提', '吐尔逊', '周敏', '吴涛'];

const ENTERPRISES: [string, { scale: string; employees: number; standard: number | null; hazchem: boolean; regulators: string[] }][] = [
  ['ent-01', { scale: 'medium', employees: 320, standard: 2, hazchem: true, regulators: ['dept-industry', 'bureau'] }],
  ['ent-02', { scale: 'medium', employees: 260, standard: 3, hazchem: true, regulators: ['dept-industry', 'bureau'] }],
  ['ent-03', { scale: 'large', employees: 860, standard: 2, hazchem: true, regulators: ['dept-industry', 'bureau'] }],
  ['ent-04', { scale: 'large', employees: 1200, standard: 2, hazchem: true, regulators: ['dept-industry', 'bureau'] }],
  ['ent-05', { scale: 'small', employees: 85, standard: 3, hazchem: true, regulators: ['dept-housing', 'bureau'] }],
  ['ent-06', { scale: 'small', employees: 60, standard: null, hazchem: true, regulators: ['dept-industry', 'bureau'] }],
  ['ent-07', { scale: 'small', employees: 45, standard: 3, hazchem: true, regulators: ['dept-industry', 'bureau'] }],
  ['ent-08', { scale: 'micro', employees: 12, standard: null, hazchem: true, regulators: ['dept-market', 'bureau'] }],
  ['ent-09', { scale: 'small', employees: 40, standard: 3, hazchem: true, regulators: ['dept-transport', 'bureau'] }],
  ['ent-10', { scale: 'small', employees: 30, standard: 3, hazchem: true, regulators: ['bureau'] }],
  ['ent-11', { scale: 'small', employees: 55, standard: 3, hazchem: true, regulators: ['dept-industry', 'bureau'] }],
  ['ent-12', { scale: 'medium', employees: 180, standard: 3, hazchem: true, regulators: ['dept-industry', 'bureau'] }],
  ['ent-13', { scale: 'small', employees: 70, standard: null, hazchem: true, regulators: ['dept-industry', 'bureau'] }],
  ['mine-01', { scale: 'medium', employees: 410, standard: 2, hazchem: false, regulators: ['dept-resources', 'bureau'] }],
  ['mine-02', { scale: 'medium', employees: 350, standard: 3, hazchem: false, regulators: ['dept-resources', 'bureau'] }],
  ['mine-03', { scale: 'small', employees: 90, standard: 3, hazchem: false, regulators: ['dept-resources', 'bureau'] }],
];

export async function seedHazards(tx: Db): Promise<{ enterprises: number; licences: number; majorHazards: number; riskPoints: number; hazards: number }> {
  const rnd = prng(421_006);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const phone = () => `139${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
  let licences = 0;
  let majorHazards = 0;
  let riskPoints = 0;
  for (const [i, [key, e]] of ENTERPRISES.entries()) {
    const orgId = demoId(key);
    await tx.query(
      `INSERT INTO enterprise_profile (org_id, scale, employees, legal_rep, legal_rep_phone, safety_manager, safety_manager_phone, standard_level, hazchem, regulator_org_ids)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [orgId, e.scale, e.employees, pick(PEOPLE), phone(), pick(PEOPLE), phone(), e.standard, e.hazchem, e.regulators.map((r) => demoId(r))]);
    const kinds = key.startsWith('mine') ? ['safety_production', 'mining'] : ['safety_production', 'hazchem_registration'];
    for (const [j, kind] of kinds.entries()) {
      // Validity relative to the seeding day, so the demo always has one licence expiring and one expired.
      const daysLeft = i === 2 && j === 0 ? 45 : i === 7 && j === 0 ? -20 : 400 + Math.floor(rnd() * 900);
      await tx.query(
        `INSERT INTO enterprise_licence (org_id, kind, number, issuer, valid_from, valid_to)
         VALUES ($1,$2,$3,$4, current_date + $5::int - 1095, current_date + $5::int)`,
        [orgId, kind, `（新）${kind === 'mining' ? 'C6504' : 'WH安许证字'}〔${2023 + (i % 3)}〕${String(100 + i * 7 + j).padStart(4, '0')}`, kind === 'mining' ? '吐鲁番市自然资源局' : '新疆维吾尔自治区应急管理厅', daysLeft]);
      licences++;
    }
    const { rows: loc } = await tx.query<{ lon: number; lat: number }>('SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM org WHERE id = $1', [orgId]);
    const src = SOURCES.find((s) => s[0] === key);
    for (let k = 0; src && k < src[2]; k++) {
      const chems = src[1].filter((_, n) => n === k % src[1].length || rnd() < 0.3).map((n) => CHEMICALS[n]!);
      const items = chems.map((c) => ({ chemical: { name: c.name, cas: c.cas, category: c.category }, quantityT: Math.round(c.min + rnd() * (c.max - c.min)) }));
      const exposed = Math.floor(rnd() * 140);
      const a = assessMajorHazard({ items, exposedPeople: exposed });
      const stored = a.items.map((it, n) => ({ name: it.name, cas: chems[n]!.cas, category: chems[n]!.category, quantityT: it.quantityT, criticalQuantityT: it.criticalQuantityT, beta: it.beta, ratio: Math.round(it.ratio * 1e6) / 1e6 }));
      await tx.query(
        `INSERT INTO major_hazard_source (id, org_id, name, unit_type, exposed_people, chemicals, s, alpha, r, grade, location, is_demo)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10, ST_SetSRID(ST_MakePoint($11, $12), 4326), true)`,
        [demoId(`mhs-${key}-${k}`), orgId, `${k % 2 ? '生产装置' : '储罐区'} ${String.fromCharCode(65 + k)} 单元`, k % 2 ? 'production' : 'storage', exposed,
          JSON.stringify(stored), a.s, a.alpha, a.r, a.grade, loc[0]!.lon + (rnd() - 0.5) * 0.004, loc[0]!.lat + (rnd() - 0.5) * 0.004]);
      majorHazards++;
    }
    const nPoints = key.startsWith('mine') ? 3 : 3 + Math.floor(rnd() * 3);
    for (let k = 0; k < nPoints; k++) {
      const t = POINT_TEMPLATES[(i + k * 3) % POINT_TEMPLATES.length]!;
      // Each enterprise's first point sets its level (a few 重大, most 较大/一般); the others are lower.
      const rank = Math.min(4, MAX_RANK[i]! + (k === 0 ? 0 : 1 + (k % 2)));
      const a = ASSESSMENTS[(k % 2 ? 4 : 0) + rank - 1]!;
      const g = riskLevel(a);
      await tx.query(
        `INSERT INTO risk_point (id, org_id, name, position, hazard_factors, accident_types, method, score_l, score_e, score_c, score_s, score, level,
           control_measures, responsible_level, responsible_person, review_date, point, is_demo)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16, current_date + $17::int, ST_SetSRID(ST_MakePoint($18, $19), 4326), true)
         ON CONFLICT (org_id, name) DO NOTHING`,
        [demoId(`rp-${key}-${k}`), orgId, t.name, t.position, t.factors, t.types, a.method, a.L, a.method === 'LEC' ? a.E : null, a.method === 'LEC' ? a.C : null,
          a.method === 'LS' ? a.S : null, g.score, g.level, t.measures, ['company', 'workshop', 'team', 'post'][g.level === 'major' ? 0 : g.level === 'large' ? 1 : g.level === 'general' ? 2 : 3],
          pick(PEOPLE), 30 + Math.floor(rnd() * 300), loc[0]!.lon + (rnd() - 0.5) * 0.004, loc[0]!.lat + (rnd() - 0.5) * 0.004]);
      riskPoints++;
    }
  }
  const hazards = await seedHazardRecords(tx);
  return { enterprises: ENTERPRISES.length, licences, majorHazards, riskPoints, hazards };
}

// ---- A year of hazards (隐患) in every state ----

const HAZARD_TEXTS: { title: string; description: string; category: string }[] = [
  { title: '储罐区防火堤局部破损', description: '防火堤东侧伸缩缝开裂约 1 m，雨季易渗漏。', category: 'equipment' },
  { title: '可燃气体检测报警器未定期标定', description: '装置区 3 台可燃气体报警器超过标定周期。', category: 'equipment' },
  { title: '动火作业票证填写不全', description: '检修动火作业票未填写气体分析时间与监护人。', category: 'management' },
  { title: '员工未按规定佩戴防护用品', description: '装卸作业人员未佩戴防静电手套和护目镜。', category: 'operation' },
  { title: '消防通道堆放杂物', description: '仓库北侧消防通道堆放包装材料，宽度不足 4 m。', category: 'environment' },
  { title: '安全阀校验过期', description: '2 台压力容器安全阀校验有效期已过。', category: 'equipment' },
  { title: '应急预案未按期演练', description: '专项应急预案本年度未组织演练。', category: 'management' },
  { title: '配电室无防小动物措施', description: '配电室门口未设挡鼠板，电缆沟盖板缺失。', category: 'equipment' },
  { title: '有限空间作业未检测', description: '污水池清理前未进行氧含量和有毒气体检测。', category: 'operation' },
  { title: '特种作业人员证书过期', description: '2 名电工特种作业操作证已过有效期。', category: 'management' },
];
const MAJOR_TEXTS = [
  { title: '液氯储罐紧急切断阀失效', description: '液氯储罐出口紧急切断阀无法远程关闭，属重大事故隐患（121号第9条相关）。', category: 'equipment' },
  { title: '涉及重点监管危险化工工艺未实现自动化控制', description: '氯化工艺装置未实现自动化控制，属重大事故隐患。', category: 'equipment' },
  { title: '外部安全防护距离不足', description: '新增罐区与居民点距离不满足外部安全防护距离要求。', category: 'environment' },
];
const HAZARD_ENTERPRISES = ['ent-01', 'ent-02', 'ent-03', 'ent-04', 'ent-05', 'ent-06', 'ent-07', 'ent-08', 'ent-09', 'ent-10', 'ent-11', 'ent-12', 'ent-13', 'mine-01', 'mine-02', 'mine-03'];

/**
 * About 320 hazards found over the past 12 months: most closed, some in each open state, some past
 * their deadline, three 重大隐患 of which two are under 挂牌督办. Each row carries its timeline.
 * Inserted in bulk (two statements), so seeding stays fast on the embedded database.
 */
export async function seedHazardRecords(tx: Db): Promise<number> {
  const rnd = prng(421_007);
  const { rows: ents } = await tx.query<{ id: string; region_code: string; lon: number; lat: number }>(
    'SELECT id, region_code, ST_X(location) AS lon, ST_Y(location) AS lat FROM org WHERE id = ANY($1::uuid[])', [HAZARD_ENTERPRISES.map((k) => demoId(k))]);
  const { rows: users } = await tx.query<{ id: string; display_name: string; username: string }>(
    "SELECT id, display_name, username FROM app_user WHERE username IN ('ent-tianshan', 'park-industrial', 'staff', 'inspector')");
  const u = (name: string) => users.find((x) => x.username === name)!;
  const now = Date.now();
  const day = 86_400_000;
  const hazards: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const total = 320;
  for (let i = 0; i < total; i++) {
    const e = ents[i % ents.length]!;
    const major = i === 5 || i === 77 || i === 151;
    const t = major ? MAJOR_TEXTS[[5, 77, 151].indexOf(i)]! : HAZARD_TEXTS[Math.floor(rnd() * HAZARD_TEXTS.length)]!;
    const ageDays = major ? 40 + (i % 30) : Math.floor(rnd() * 360);
    const found = now - ageDays * day - Math.floor(rnd() * 8) * 3_600_000;
    // Older hazards are mostly closed; recent ones are spread over the open states.
    const r = rnd();
    const status = major ? (i === 151 ? 'closed' : 'rectifying')
      : ageDays > 45 ? (r < 0.93 ? 'closed' : r < 0.97 ? 'rectifying' : 'verifying')
        : r < 0.25 ? 'pending' : r < 0.6 ? 'rectifying' : r < 0.75 ? 'verifying' : 'closed';
    const rectDays = major ? 60 : 7 + Math.floor(rnd() * 24);
    const assignedAt = found + (1 + Math.floor(rnd() * 2)) * day;
    // Some open rectifications run past their deadline (overdue).
    const deadline = status === 'pending' ? null : assignedAt + rectDays * day;
    const submittedAt = status === 'verifying' || status === 'closed' ? Math.min(now - 3_600_000, (deadline ?? now) - Math.floor(rnd() * 4) * day) : null;
    const closedAt = status === 'closed' ? Math.min(now - 1_800_000, submittedAt! + (1 + Math.floor(rnd() * 3)) * day) : null;
    const id = demoId(`hazard-${i}`);
    const source = i % 11 === 0 ? 'inspection' : i % 17 === 0 ? 'public_report' : i % 23 === 0 ? 'sensor_alarm' : 'self_check';
    const finder = source === 'self_check' ? u('ent-tianshan') : source === 'inspection' ? u('inspector') : u('park-industrial');
    const plan = status === 'pending' ? null : {
      responsibleUnit: '企业安全生产管理部门', responsiblePerson: PEOPLE[i % PEOPLE.length], measures: major ? '制定专项治理方案，停产整改，更换失效设备并经第三方检测' : '按检查意见整改',
      fundsYuan: major ? 80000 + (i % 5) * 20000 : null, deadline: deadline ? new Date(deadline).toISOString() : null,
      contingencyPlan: major ? '治理期间落实监控措施，专项应急预案随时启动' : null,
    };
    hazards.push({
      id, code: `YH${new Date(found).toISOString().slice(0, 10).replaceAll('-', '')}${String(90000 + i).padStart(5, '0')}`, org_id: e.id, region_code: e.region_code,
      title: t.title, description: t.description, category: t.category, grade: major ? 'major' : 'general', source,
      found_by: finder.id, found_by_name: finder.display_name, found_at: new Date(found).toISOString(),
      lon: e.lon + (rnd() - 0.5) * 0.003, lat: e.lat + (rnd() - 0.5) * 0.003, status, deadline: deadline ? new Date(deadline).toISOString() : null, plan,
      supervising_org_id: major && i !== 151 ? demoId('bureau') : null, supervision_deadline: major && i !== 151 ? new Date(found + 90 * day).toISOString().slice(0, 10) : null,
      supervised_at: major && i !== 151 ? new Date(found + 2 * day).toISOString() : null,
      submitted_by: submittedAt ? u('ent-tianshan').id : null, submitted_at: submittedAt ? new Date(submittedAt).toISOString() : null,
      closed_at: closedAt ? new Date(closedAt).toISOString() : null,
    });
    const ev = (action: string, from: string | null, to: string, at: number, who: { id: string; display_name: string }, role: string | null, note: string | null) =>
      events.push({ hazard_id: id, action, from_status: from, to_status: to, actor_id: who.id, actor_name: who.display_name, actor_role: role, note, at: new Date(at).toISOString() });
    ev('report', null, 'pending', found, finder, null, t.description);
    if (status !== 'pending') ev('assign', 'pending', 'rectifying', assignedAt, u('park-industrial'), 'township', '请按期整改');
    if (major && i !== 151) ev('supervise', 'rectifying', 'rectifying', found + 2 * day, u('staff'), null, '挂牌督办：鄯善县应急管理局');
    if (submittedAt) ev('submit', 'rectifying', 'verifying', submittedAt, u('ent-tianshan'), 'enterprise', '已整改，申请验收');
    if (closedAt) ev('verify_pass', 'verifying', 'closed', closedAt, major ? u('staff') : u('park-industrial'), major ? 'bureau_staff' : 'township', '复查合格，予以销号');
  }
  await tx.query(
    `INSERT INTO hazard (id, code, org_id, region_code, title, description, category, grade, source, found_by, found_by_name, found_at, location, status,
       deadline, plan, supervising_org_id, supervision_deadline, supervised_at, submitted_by, submitted_at, closed_at, is_demo, created_at, updated_at)
     SELECT id, code, org_id, region_code, title, description, category, grade, source, found_by, found_by_name, found_at, ST_SetSRID(ST_MakePoint(lon, lat), 4326), status,
            deadline, plan, supervising_org_id, supervision_deadline, supervised_at, submitted_by, submitted_at, closed_at, true, found_at, coalesce(closed_at, submitted_at, found_at)
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, code text, org_id uuid, region_code text, title text, description text, category text, grade text, source text,
            found_by uuid, found_by_name text, found_at timestamptz, lon float8, lat float8, status text, deadline timestamptz, plan jsonb, supervising_org_id uuid,
            supervision_deadline date, supervised_at timestamptz, submitted_by uuid, submitted_at timestamptz, closed_at timestamptz)`, [JSON.stringify(hazards)]);
  await tx.query(
    `INSERT INTO hazard_event (hazard_id, action, from_status, to_status, actor_id, actor_name, actor_role, note, at)
     SELECT hazard_id, action, from_status, to_status, actor_id, actor_name, actor_role, note, at
       FROM jsonb_to_recordset($1::jsonb) AS x(hazard_id uuid, action text, from_status text, to_status text, actor_id uuid, actor_name text, actor_role text, note text, at timestamptz)
      ORDER BY at`, [JSON.stringify(events)]);
  return total;
}
