import { createHash } from 'node:crypto';
import type { Db } from '../platform/db.ts';
import { COUNTY, USERS } from './data.ts';
import { demoId, prng } from './ids.ts';
import { optionalPointSql } from '../platform/geo.ts';

/**
 * Demo checks and public reports for 鄯善县 (issue 4, part 3): four checklists (危险化学品企业 after
 * 安监总管三〔2017〕121号, 非煤矿山 and 尾矿库, 工贸企业, 加油加气站), thirteen check records over the
 * demo enterprises by every kind of checker (self-check, department, grid, expert), and six public
 * reports in every state (two confirmed as the demo hazards that came from public reports).
 * Items are summaries of the public texts for the demo; verify against the official text before real use.
 * Idempotent: does nothing when the demo checklists exist. Runs inside seedDemo's transaction.
 */

type Item = { no: number; content: string; basis: string; grade?: 'general' | 'major'; category: string };
const items = (basis: (no: number) => string, grade: 'general' | 'major', rows: [string, string][]): Item[] =>
  rows.map(([content, category], i) => ({ no: i + 1, content, basis: basis(i + 1), grade, category }));
const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

/** 安监总管三〔2017〕121号, the 20 items (domain.md §4.4); every failed item is a 重大隐患. */
const HAZCHEM: Item[] = items((n) => `《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）》（安监总管三〔2017〕121号）第${CN[n]}条`, 'major', [
  ['危险化学品生产、经营单位主要负责人和安全生产管理人员依法经考核合格', 'management'],
  ['特种作业人员持证上岗', 'management'],
  ['涉及“两重点一重大”的生产装置、储存设施外部安全防护距离符合国家标准要求', 'environment'],
  ['涉及重点监管危险化工工艺的装置实现自动化控制，系统具备紧急停车功能，自动化控制系统、紧急停车系统投入使用', 'equipment'],
  ['构成一级、二级重大危险源的危险化学品罐区实现紧急切断功能；涉及毒性气体、液化气体、剧毒液体的一级、二级重大危险源罐区配备独立的安全仪表系统', 'equipment'],
  ['全压力式液化烃储罐按国家标准设置注水措施', 'equipment'],
  ['液化烃、液氨、液氯等易燃易爆、有毒有害液化气体的充装使用万向管道充装系统', 'equipment'],
  ['光气、氯气等剧毒气体及硫化氢气体管道未穿越除厂区（包括化工园区、工业园区）外的公共区域', 'environment'],
  ['地区架空电力线路未违反国家标准穿越生产区', 'environment'],
  ['在役化工装置经正规设计，或已进行安全设计诊断', 'equipment'],
  ['未使用淘汰落后安全技术工艺、设备目录列出的工艺、设备', 'equipment'],
  ['涉及可燃和有毒有害气体泄漏的场所按国家标准设置检测报警装置，爆炸危险场所按国家标准安装使用防爆电气设备', 'equipment'],
  ['控制室或机柜间面向具有火灾、爆炸危险性装置一侧满足国家标准关于防火防爆的要求', 'equipment'],
  ['化工生产装置按国家标准要求设置双重电源供电，自动化控制系统设置不间断电源', 'equipment'],
  ['安全阀、爆破片等安全附件正常投用', 'equipment'],
  ['建立与岗位相匹配的全员安全生产责任制，制定实施生产安全事故隐患排查治理制度', 'management'],
  ['制定操作规程和工艺控制指标', 'management'],
  ['按照国家标准制定动火、进入受限空间等特殊作业管理制度，且制度有效执行', 'management'],
  ['新工艺经小试、中试、工业化试验；国内首次使用的化工工艺经省级安全可靠性论证；新建装置制定试生产方案；精细化工企业开展反应安全风险评估', 'management'],
  ['按国家标准分区分类储存危险化学品，无超量、超品种储存，相互禁配物质未混放混存', 'management'],
]);

const MINE_STD = '《金属非金属矿山重大事故隐患判定标准》（矿安〔2022〕88号）';
const TAILINGS_STD = '《尾矿库重大生产安全事故隐患判定标准（试行）》';
const MINES: Item[] = [
  ['地下矿山：矿井直达地面的独立安全出口不少于两个，且符合设计要求', `${MINE_STD}（地下矿山）`, 'major', 'environment'],
  ['未使用国家明令禁止使用的设备、材料或者工艺', MINE_STD, 'major', 'equipment'],
  ['地下矿山：按设计建立机械通风系统，作业面风量、风质符合要求', `${MINE_STD}（地下矿山）`, 'major', 'equipment'],
  ['露天矿山：采用自上而下的开采顺序分台阶或者分层开采', `${MINE_STD}（露天矿山）`, 'major', 'operation'],
  ['露天矿山：工作帮坡角不大于设计工作帮坡角，最终边坡台阶高度不超过设计高度', `${MINE_STD}（露天矿山）`, 'major', 'environment'],
  ['露天矿山：高度 200 米及以上的边坡、排土场进行在线监测', `${MINE_STD}（露天矿山）`, 'major', 'equipment'],
  ['尾矿库：浸润线埋深不小于控制浸润线埋深', TAILINGS_STD, 'major', 'environment'],
  ['尾矿库：安全超高和干滩长度满足设计要求', TAILINGS_STD, 'major', 'environment'],
  ['尾矿库：排洪系统构筑物无严重堵塞或者坍塌', TAILINGS_STD, 'major', 'equipment'],
  ['尾矿库：已按规定进行坝体稳定性评估', TAILINGS_STD, 'major', 'management'],
  ['主要负责人、安全生产管理人员经考核合格，特种作业人员持证上岗', '《中华人民共和国安全生产法》（2021 年修正）第二十七条、第三十条', 'general', 'management'],
  ['爆破作业由具备资质的单位和持证人员实施，爆破器材领取、清退台账完整', '《民用爆炸物品安全管理条例》', 'general', 'operation'],
].map(([content, basis, grade, category], i) => ({ no: i + 1, content: content!, basis: basis!, grade: grade as 'general' | 'major', category: category! }));

const TRADE_STD = '《工贸企业重大事故隐患判定标准》（应急管理部令第10号）';
const TRADE: Item[] = [
  ['对承包单位、承租单位的安全生产工作统一协调、管理，并定期进行安全检查', `${TRADE_STD}第三条`, 'major', 'management'],
  ['特种作业人员按照规定经专门的安全作业培训并取得相应资格后上岗作业', `${TRADE_STD}第三条`, 'major', 'management'],
  ['金属冶炼企业主要负责人、安全生产管理人员按照规定经考核合格', `${TRADE_STD}第三条`, 'major', 'management'],
  ['粉尘爆炸危险场所未设置在非框架结构的多层建构筑物内，场所内未设员工宿舍、会议室、办公室、休息室等人员聚集场所', `${TRADE_STD}（存在粉尘爆炸危险的企业）`, 'major', 'environment'],
  ['干式除尘系统采取了泄爆、惰化、抑爆等爆炸防控措施', `${TRADE_STD}（存在粉尘爆炸危险的企业）`, 'major', 'equipment'],
  ['落实粉尘清理制度，作业现场无严重积尘', `${TRADE_STD}（存在粉尘爆炸危险的企业）`, 'major', 'management'],
  ['使用液氨制冷的：包装、分割、产品整理场所的空调系统未采用氨直接蒸发制冷', `${TRADE_STD}（使用液氨制冷的企业）`, 'major', 'equipment'],
  ['有限空间已辨识、建立安全管理台账，并设置明显的安全警示标志', `${TRADE_STD}（有限空间作业）`, 'major', 'management'],
  ['有限空间作业落实审批，执行“先通风、再检测、后作业”，作业现场设置监护人员', `${TRADE_STD}（有限空间作业）`, 'major', 'operation'],
  ['建立全员安全生产责任制并开展安全生产教育和培训', '《中华人民共和国安全生产法》（2021 年修正）第二十二条、第二十八条', 'general', 'management'],
  ['疏散通道、安全出口、消防车通道未被占用、堵塞、封闭', '《中华人民共和国消防法》第二十八条', 'general', 'environment'],
  ['建立隐患排查治理制度，如实记录隐患排查治理情况', '《中华人民共和国安全生产法》（2021 年修正）第四十一条', 'general', 'management'],
].map(([content, basis, grade, category], i) => ({ no: i + 1, content: content!, basis: basis!, grade: grade as 'general' | 'major', category: category! }));

const STATION_STD = '《汽车加油加气加氢站技术标准》（GB 50156-2021）';
const STATIONS: Item[] = items(() => '', 'general', [
  ['危险化学品经营许可证在有效期内，经营范围与实际一致', 'management'],
  ['主要负责人和安全生产管理人员经考核合格', 'management'],
  ['卸油作业按规程进行：油罐车静电接地、油气回收连接到位，全程专人监护', 'operation'],
  ['加油机、油罐、管道的防雷防静电接地装置完好，并按期检测', 'equipment'],
  ['油罐液位监测和高液位报警正常', 'equipment'],
  ['加气区、压缩机房可燃气体检测报警装置完好并按期标定', 'equipment'],
  ['紧急切断系统可正常启动', 'equipment'],
  ['灭火器材配置数量、类型符合要求且在有效期内', 'equipment'],
  ['不向塑料桶等非金属容器加注汽油，散装汽油销售实名登记', 'operation'],
  ['严禁烟火、禁止使用移动电话等安全警示标志齐全、明显', 'environment'],
  ['生产安全事故应急预案已编制并按期演练', 'management'],
  ['作业人员按规定穿戴防静电工作服', 'operation'],
]).map((it) => ({ ...it, basis: [
  '《危险化学品安全管理条例》第三十三条', '《中华人民共和国安全生产法》（2021 年修正）第二十七条', '《加油站作业安全规范》（AQ 3010）', STATION_STD, STATION_STD, STATION_STD,
  STATION_STD, `${STATION_STD}；《建筑灭火器配置设计规范》（GB 50140）`, '散装汽油购销实名登记管理有关规定', '《中华人民共和国安全生产法》（2021 年修正）第三十五条',
  '《生产安全事故应急条例》第五条、第八条', '《加油站作业安全规范》（AQ 3010）'][it.no - 1]! }));

const TEMPLATES: { key: string; name: string; description: string; industries: string[]; hazchem: boolean; items: Item[] }[] = [
  { key: 'hazchem', name: '危险化学品企业重大生产安全事故隐患排查表', description: '依据安监总管三〔2017〕121号 20 条判定标准；适用于所有危险化学品企业。演示数据：条款据公开文本摘编，正式使用前请对照原文核对。', industries: ['26'], hazchem: true, items: HAZCHEM },
  { key: 'mines', name: '非煤矿山（金属非金属矿山、尾矿库）安全检查表', description: '地下矿山、露天矿山、尾矿库重大事故隐患判定要点与通用管理要求。演示数据，正式使用前请对照原文核对。', industries: ['08', '09', '10'], hazchem: false, items: MINES },
  { key: 'trade', name: '工贸企业安全检查表', description: '冶金、有色、建材、机械、轻工、纺织、烟草、商贸企业；通用条款与粉尘防爆、液氨制冷、有限空间专项。演示数据，正式使用前请对照原文核对。',
    industries: ['13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '30', '31', '32', '33', '34', '35', '36', '37', '38', '39', '40', '51', '52'], hazchem: false, items: TRADE },
  { key: 'stations', name: '加油加气站安全检查表', description: '汽车加油站、加气站日常安全检查。演示数据，正式使用前请对照原文核对。', industries: ['5265', '5266', '4511', '4512'], hazchem: false, items: STATIONS },
];

interface DemoCheck { ent: string; tpl: string; kind: 'self_check' | 'inspection' | 'grid' | 'expert'; by: string; daysAgo: number; fails: [number, string][]; summary: string; participants?: string }
const CHECKS: DemoCheck[] = [
  { ent: 'ent-01', tpl: 'hazchem', kind: 'self_check', by: 'ent-tianshan', daysAgo: 80, fails: [], summary: '月度自查，未发现重大事故隐患。' },
  { ent: 'ent-01', tpl: 'hazchem', kind: 'self_check', by: 'ent-tianshan', daysAgo: 20, fails: [[12, '罐区东侧 2 台可燃气体检测报警器故障，尚未修复。'], [18, '检修动火作业票未填写气体分析时间和监护人。']], summary: '发现 2 项问题，已安排整改。' },
  { ent: 'ent-01', tpl: 'hazchem', kind: 'grid', by: 'park-industrial', daysAgo: 45, fails: [[20, '成品仓库内氧化剂与易燃液体相邻堆放，未分区隔离。']], summary: '园区网格巡查，责令立即整改。' },
  { ent: 'ent-01', tpl: 'hazchem', kind: 'inspection', by: 'reg-industry', daysAgo: 60, fails: [[15, '2 台储罐安全阀校验有效期已过。']], summary: '工信局监督检查。' },
  { ent: 'ent-02', tpl: 'hazchem', kind: 'self_check', by: 'ent-loulan', daysAgo: 30, fails: [], summary: '季度自查，未发现问题。' },
  { ent: 'ent-02', tpl: 'hazchem', kind: 'inspection', by: 'inspector', daysAgo: 10, fails: [[2, '1 名电工特种作业操作证已过期仍在岗作业。']], summary: '执法检查，已下达整改通知。' },
  { ent: 'ent-03', tpl: 'hazchem', kind: 'expert', by: 'staff', daysAgo: 50, fails: [[5, '液氯罐区（一级重大危险源）未配备独立的安全仪表系统。'], [13, '机柜间面向氯碱装置一侧窗户未做防爆处理。']], summary: '专家会诊式检查，建议列为重大隐患治理。', participants: '特邀专家：周立新（化工安全）、马海峰（仪表自控）' },
  { ent: 'ent-04', tpl: 'hazchem', kind: 'inspection', by: 'reg-industry', daysAgo: 5, fails: [], summary: '复查前次问题整改情况，均已整改到位。' },
  { ent: 'ent-05', tpl: 'stations', kind: 'grid', by: 'town-shanshan', daysAgo: 15, fails: [[6, '压缩机房可燃气体报警器超过标定周期 2 个月。']], summary: '镇网格员巡查加气站。' },
  { ent: 'ent-08', tpl: 'trade', kind: 'inspection', by: 'inspector', daysAgo: 40, fails: [], summary: '储配站综合检查，未发现问题。' },
  { ent: 'ent-09', tpl: 'hazchem', kind: 'grid', by: 'town-lianmuqin', daysAgo: 25, fails: [[20, '甲类仓库超量储存，部分桶装物料堆放在通道。']], summary: '镇网格员巡查，已报镇应急办。' },
  { ent: 'mine-01', tpl: 'mines', kind: 'inspection', by: 'inspector', daysAgo: 35, fails: [[3, '-120 m 中段局部作业面风量不足。']], summary: '非煤矿山执法检查。' },
  { ent: 'mine-03', tpl: 'mines', kind: 'expert', by: 'staff', daysAgo: 70, fails: [[5, '北帮最终边坡台阶高度超过设计约 4 m。']], summary: '专家检查露天采场边坡。', participants: '特邀专家：刘建军（采矿）' },
];
/** Items that do not concern a checked enterprise (e.g. liquefied hydrocarbons at a salt works). */
const NOT_APPLICABLE: Record<string, number[]> = { hazchem: [6, 7, 8, 19], mines: [1, 3, 7, 8, 9, 10], trade: [3, 4, 5, 6, 7], stations: [] };

interface DemoReport { key: string; description: string; region: string; at?: [number, number]; locationText?: string; contact?: [string, string]; hoursAgo: number; dismiss?: string; by?: string; hazard?: string }
const REPORTS: DemoReport[] = [
  { key: 'r1', description: '工业园区南侧空地夜间有槽罐车偷排不明液体，气味刺鼻，已连续好几天了。', region: '650421450000', at: [0.006, -0.02], locationText: '园区南环路与纬三路交叉口东侧空地', hoursAgo: 46 },
  { key: 'r2', description: '村里有户人家在二楼开了个小作坊，屋里堆了十几个液化气钢瓶，楼下就是小卖部。', region: '650421103000', contact: ['王先生', '13899990001'], hoursAgo: 20 },
  { key: 'r3', description: '县城一家加油站晚上给人往塑料桶里加汽油，没有登记。', region: COUNTY, hoursAgo: 5 },
  { key: 'r4', description: '鄯善镇某商场后门消防通道堆满纸箱和杂物，人过不去。', region: '650421100000', locationText: '鄯善镇商业街', hoursAgo: 24 * 20,
    dismiss: '经现场核查，杂物已清理，消防通道畅通；已当场督促商场落实日常管理。', by: 'town-shanshan' },
  { key: 'r5', description: '', region: '', hoursAgo: 0, hazard: 'hazard-17', by: 'park-industrial' },
  { key: 'r6', description: '', region: '', hoursAgo: 0, hazard: 'hazard-34', by: 'park-industrial' },
];

const RECEIPT = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export async function seedChecks(tx: Db): Promise<{ checkTemplates: number; checkRecords: number; publicReports: number }> {
  const { rows: done } = await tx.query('SELECT 1 FROM check_template WHERE id = $1', [demoId('check-template-hazchem')]);
  if (done.length) return { checkTemplates: 0, checkRecords: 0, publicReports: 0 };
  const rnd = prng(421_008);
  const now = Date.now();
  for (const t of TEMPLATES) {
    await tx.query('INSERT INTO check_template (id, name, description, industry_codes, for_hazchem, items, is_demo) VALUES ($1,$2,$3,$4,$5,$6,true)',
      [demoId(`check-template-${t.key}`), t.name, t.description, t.industries, t.hazchem, JSON.stringify(t.items)]);
  }
  const user = (username: string) => {
    const u = USERS.find((x) => x.username === username)!;
    const org = u.org ?? (u.roles.includes('township') ? `office-${u.region}` : undefined);
    return { id: demoId(`user-${username}`), name: u.displayName, org: org ? demoId(org) : null };
  };
  for (const [i, c] of CHECKS.entries()) {
    const t = TEMPLATES.find((x) => x.key === c.tpl)!;
    const fails = new Map(c.fails);
    const results = t.items.map((it) => {
      const result = fails.has(it.no) ? 'fail' : NOT_APPLICABLE[t.key]!.includes(it.no) && rnd() < 0.8 ? 'na' : 'pass';
      return { ...it, grade: it.grade ?? null, result, note: fails.get(it.no) ?? null, hazardId: null };
    });
    const n = (r: string) => results.filter((x) => x.result === r).length;
    const u = user(c.by);
    await tx.query(
      `INSERT INTO check_record (id, org_id, template_id, template_name, kind, checked_by, checked_by_name, checker_org_id, participants, checked_at, results,
         pass_count, fail_count, na_count, summary, location, is_demo, created_at)
       SELECT $1, o.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, o.location, true, $10 FROM org o WHERE o.id = $2`,
      [demoId(`check-${i}`), demoId(c.ent), demoId(`check-template-${t.key}`), t.name, c.kind, u.id, u.name, u.org, c.participants ?? null,
        new Date(now - c.daysAgo * 86_400_000 - Math.floor(rnd() * 8) * 3_600_000).toISOString(), JSON.stringify(results), n('pass'), n('fail'), n('na'), c.summary]);
  }
  let reports = 0;
  for (const r of REPORTS) {
    let { description, region } = r;
    let createdAt = new Date(now - r.hoursAgo * 3_600_000);
    let handledAt: Date | null = r.dismiss ? new Date(createdAt.getTime() + 26 * 3_600_000) : null;
    let point: [number, number] | null = null;
    if (r.hazard) {
      const { rows } = await tx.query<{ description: string; region_code: string; found_at: Date; lon: number | null; lat: number | null }>(
        'SELECT description, region_code, found_at, ST_X(location) AS lon, ST_Y(location) AS lat FROM hazard WHERE id = $1', [demoId(r.hazard)]);
      const h = rows[0];
      if (!h) continue; // the demo hazards were not seeded
      description = `群众反映：${h.description}`;
      region = h.region_code;
      createdAt = new Date(h.found_at.getTime() - 3 * 3_600_000);
      handledAt = h.found_at;
      point = h.lon === null || h.lat === null ? null : [h.lon, h.lat];
    } else if (r.at) {
      const { rows } = await tx.query<{ lon: number; lat: number }>('SELECT ST_X(centre) AS lon, ST_Y(centre) AS lat FROM region WHERE code = $1', [region]);
      point = rows[0] ? [rows[0].lon + r.at[0], rows[0].lat + r.at[1]] : null;
    }
    let code = '';
    for (let k = 0; k < 10; k++) code += RECEIPT[Math.floor(rnd() * RECEIPT.length)];
    const handler = r.by ? user(r.by) : null;
    await tx.query(
      `INSERT INTO public_report (id, receipt_code, description, description_hash, location_text, location, region_code, contact_name, contact_phone,
         status, hazard_id, dismiss_reason, handled_by, handled_by_name, handled_at, is_demo, created_at)
       VALUES ($1,$2,$3,$4,$5, ${optionalPointSql('$6', '$7')}, $8,$9,$10,$11,$12,$13,$14,$15,$16, true, $17)`,
      [demoId(`public-report-${r.key}`), code, description, createHash('sha256').update(description).digest('hex'), r.locationText ?? null, point?.[0] ?? null, point?.[1] ?? null,
        region, r.contact?.[0] ?? null, r.contact?.[1] ?? null, r.hazard ? 'triaged' : r.dismiss ? 'dismissed' : 'new', r.hazard ? demoId(r.hazard) : null, r.dismiss ?? null,
        handler?.id ?? null, handler?.name ?? null, handledAt?.toISOString() ?? null, createdAt.toISOString()]);
    reports++;
  }
  return { checkTemplates: TEMPLATES.length, checkRecords: CHECKS.length, publicReports: reports };
}
