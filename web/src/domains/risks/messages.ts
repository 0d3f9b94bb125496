/** Texts of the dual-prevention pages (企业档案, 重大危险源, 风险点, 风险四色图), zh-CN with en-US. */
import { defineMessages, type Msg } from '../../lib/i18n.tsx';
import type { LicenceKind, LicenceStatus, MajorHazardGrade, ResponsibleLevel, RiskLevel, Scale } from './types.ts';

/** Navigation entries (used by app/nav.tsx). */
export const risknav = defineMessages({
  group: ['双重预防', 'Dual prevention'],
  enterprises: ['企业档案', 'Enterprise registry'],
  majorHazards: ['重大危险源', 'Major hazard sources'],
  points: ['风险点', 'Risk points'],
  map: ['风险四色图', 'Four-colour risk map'],
});

export const km = defineMessages({
  // shared
  enterprise: ['企业', 'Enterprise'],
  region: ['所属区域', 'Region'],
  note: ['备注', 'Note'],
  basics: ['基本信息', 'Basics'],
  tabHistory: ['变更记录', 'Change history'],
  none: ['—', '—'],
  unassessed: ['未评估', 'Not assessed'],
  unassessedShort: ['未评估', 'None'],
  riskLevel: ['风险等级', 'Risk level'],
  filterRegion: ['按区域筛选', 'Filter by region'],
  filterLevel: ['按风险等级筛选', 'Filter by risk level'],
  filterEnterprise: ['按企业筛选', 'Filter by enterprise'],
  pickEnterprise: ['选择企业', 'Choose an enterprise'],
  openEnterprise: ['查看企业档案', 'Open the enterprise file'],
  location: ['位置（经度, 纬度，WGS-84）', 'Location (longitude, latitude, WGS-84)'],
  pickHint: ['在地图上单击可设置位置', 'Click the map to set the location'],
  clearLocation: ['清除位置', 'Clear location'],
  // enterprises
  enterprisesTitle: ['企业档案（一企一档）', 'Enterprise registry'],
  enterpriseCreate: ['新建企业档案', 'New enterprise'],
  enterpriseEdit: ['编辑企业档案', 'Edit enterprise'],
  enterpriseCreated: ['已创建企业档案 {name}', 'Enterprise {name} created'],
  enterpriseSaved: ['已保存企业档案 {name}', 'Enterprise {name} saved'],
  nothingChanged: ['没有需要修改的内容', 'Nothing to change'],
  enterpriseSearch: ['企业名称或信用代码', 'Name or credit code'],
  name: ['企业名称', 'Enterprise name'],
  shortName: ['简称', 'Short name'],
  creditCode: ['统一社会信用代码', 'Unified social credit code'],
  creditHelp: ['18 位，末位为校验码（GB 32100）', '18 characters, the last is a check character (GB 32100)'],
  industries: ['所属行业（GB/T 4754）', 'Industries (GB/T 4754)'],
  industriesMax: ['最多 30 个行业代码', 'At most 30 industry codes'],
  filterIndustry: ['按行业筛选', 'Filter by industry'],
  address: ['地址', 'Address'],
  contactName: ['联系人', 'Contact'],
  contactPhone: ['联系电话', 'Contact phone'],
  scale: ['企业规模', 'Scale'],
  filterScale: ['按规模筛选', 'Filter by scale'],
  employees: ['从业人数', 'Employees'],
  legalRep: ['法定代表人', 'Legal representative'],
  legalRepPhone: ['法定代表人电话', 'Legal representative phone'],
  safetyManager: ['安全负责人', 'Safety manager'],
  safetyManagerPhone: ['安全负责人电话', 'Safety manager phone'],
  standardLevel: ['安全生产标准化', 'Standardisation level'],
  hazchem: ['危化品企业', 'Hazardous chemicals'],
  filterHazchem: ['是否危化品企业', 'Hazardous chemicals?'],
  regulators: ['监管部门', 'Regulating departments'],
  riskPointCount: ['风险点', 'Risk points'],
  majorHazardGrade: ['重大危险源', 'Major hazard'],
  majorHazardCount: ['重大危险源数', 'Major hazard sources'],
  licencesExpiring: ['证照临期/过期', 'Licences expiring/expired'],
  enterpriseDetail: ['企业档案', 'Enterprise file'],
  tabLicences: ['证照', 'Licences'],
  tabPoints: ['风险点', 'Risk points'],
  tabHazards: ['重大危险源', 'Major hazard sources'],
  // licences
  licenceKind: ['证照类型', 'Kind'],
  licenceNumber: ['证照编号', 'Number'],
  licenceIssuer: ['发证机关', 'Issuer'],
  licenceFrom: ['有效期起', 'Valid from'],
  licenceTo: ['有效期至', 'Valid to'],
  licenceStatus: ['状态', 'Status'],
  licenceAdd: ['添加证照', 'Add licence'],
  licenceAdded: ['已添加证照 {number}', 'Licence {number} added'],
  licenceDelete: ['删除', 'Delete'],
  licenceDeleteConfirm: ['删除证照 {number}？', 'Delete licence {number}?'],
  licenceDeleted: ['已删除证照 {number}', 'Licence {number} deleted'],
  licencesEmpty: ['暂无证照', 'No licences'],
  licenceDates: ['有效期至不能早于有效期起', 'Valid to cannot be before valid from'],
  // major hazards
  hazardsTitle: ['重大危险源（GB 18218-2018）', 'Major hazard sources (GB 18218-2018)'],
  hazardCreate: ['新建重大危险源', 'New major hazard source'],
  hazardEdit: ['编辑重大危险源', 'Edit major hazard source'],
  hazardCreated: ['已创建重大危险源 {name}', 'Major hazard source {name} created'],
  hazardSaved: ['已保存重大危险源 {name}', 'Major hazard source {name} saved'],
  hazardName: ['危险源（单元）名称', 'Unit name'],
  hazardSearch: ['危险源或企业名称', 'Unit or enterprise'],
  unitType: ['单元类型', 'Unit type'],
  exposedPeople: ['暴露人数（厂区边界外 500 m 内）', 'People exposed (within 500 m outside the boundary)'],
  exposedPeopleShort: ['暴露人数', 'People exposed'],
  chemicals: ['危险化学品', 'Hazardous chemicals'],
  chemicalName: ['品名', 'Name'],
  chemicalCas: ['CAS 号', 'CAS No.'],
  chemicalCategory: ['危险性类别', 'Hazard category'],
  quantityT: ['最大存量 q (t)', 'Max. quantity q (t)'],
  criticalQuantityT: ['临界量 Q (t)', 'Critical quantity Q (t)'],
  criticalHelp: ['留空时按 GB 18218 表 1（具名物质）或表 2（按类别）取值；填写即覆盖', 'Blank: GB 18218 Table 1 (named substance) or Table 2 (category); a value overrides it'],
  defaultQ: ['默认 {q}', 'Default {q}'],
  beta: ['校正系数 β', 'Correction β'],
  ratio: ['q/Q', 'q/Q'],
  chemicalAdd: ['添加化学品', 'Add chemical'],
  chemicalRemove: ['移除', 'Remove'],
  chemicalsRequired: ['至少填写一种危险化学品', 'Enter at least one hazardous chemical'],
  chemicalDuplicate: ['同一化学品重复填写', 'The same chemical is listed twice'],
  grade: ['危险源等级', 'Grade'],
  filterGrade: ['按等级筛选', 'Filter by grade'],
  notMajor: ['未构成重大危险源', 'Not a major hazard source'],
  resultTitle: ['服务器计算结果', 'Computed by the server'],
  resultS: ['S = Σq/Q', 'S = Σq/Q'],
  resultAlpha: ['α（暴露人员校正）', 'α (people exposed)'],
  resultR: ['R = α·Σβq/Q', 'R = α·Σβq/Q'],
  hazardsEmpty: ['暂无重大危险源', 'No major hazard sources'],
  // risk points
  pointsTitle: ['风险点（一企一清单）', 'Risk points'],
  pointCreate: ['新建风险点', 'New risk point'],
  pointEdit: ['编辑风险点', 'Edit risk point'],
  pointCreated: ['已创建风险点 {name}', 'Risk point {name} created'],
  pointSaved: ['已保存风险点 {name}', 'Risk point {name} saved'],
  pointName: ['风险点名称', 'Risk point'],
  pointSearch: ['风险点或企业名称', 'Risk point or enterprise'],
  position: ['所在部位/场所', 'Unit / location'],
  hazardFactors: ['危险有害因素', 'Hazard factors'],
  hazardFactorsHelp: ['输入后按回车添加', 'Type and press Enter'],
  accidentTypes: ['可能导致的事故类型（GB 6441）', 'Possible accidents (GB 6441)'],
  method: ['评价方法', 'Method'],
  methodLEC: ['LEC（作业条件危险性）', 'LEC (job hazard)'],
  methodLS: ['LS（风险矩阵）', 'LS (risk matrix)'],
  lecL: ['L 事故发生可能性', 'L likelihood'],
  lecE: ['E 暴露频繁程度', 'E exposure'],
  lecC: ['C 事故后果', 'C consequence'],
  lsL: ['L 可能性（1–5）', 'L likelihood (1–5)'],
  lsS: ['S 严重性（1–5）', 'S severity (1–5)'],
  score: ['风险值', 'Score'],
  scoreD: ['D = L×E×C', 'D = L×E×C'],
  scoreR: ['R = L×S', 'R = L×S'],
  controlMeasures: ['管控措施', 'Control measures'],
  responsibleLevel: ['管控层级', 'Control level'],
  responsiblePerson: ['责任人', 'Responsible person'],
  reviewDate: ['复评日期', 'Review date'],
  pointsEmpty: ['暂无风险点', 'No risk points'],
  // map
  mapTitle: ['风险四色图', 'Four-colour risk map'],
  summaryTitle: ['风险分级汇总', 'Risk summary'],
  byRegion: ['按乡镇', 'By township'],
  byIndustry: ['按行业', 'By industry'],
  summaryName: ['名称', 'Name'],
  summaryEnterprises: ['企业', 'Firms'],
  summaryPoints: ['风险点 红/橙/黄/蓝', 'Points R/O/Y/B'],
  summaryTotal: ['合计', 'Total'],
  noLocationCount: ['{n} 家企业未标注位置，未在图上显示', '{n} enterprises have no location and are not on the map'],
  enterprisesOnMap: ['图上企业 {n} 家', '{n} enterprises on the map'],
});

export const RISK_LEVELS: readonly RiskLevel[] = ['major', 'large', 'general', 'low'];

export const RISK_LEVEL_LABELS: Record<RiskLevel, Msg> = {
  major: ['重大风险', 'Major risk'],
  large: ['较大风险', 'Considerable risk'],
  general: ['一般风险', 'General risk'],
  low: ['低风险', 'Low risk'],
};

/** The colour names 红/橙/黄/蓝 as the four-colour scheme calls them. */
export const RISK_COLOUR_LABELS: Record<RiskLevel, Msg> = {
  major: ['红', 'R'],
  large: ['橙', 'O'],
  general: ['黄', 'Y'],
  low: ['蓝', 'B'],
};

/** Map and tag colours: red #e53935, orange #fb8c00, yellow #fdd835, blue #1e88e5, grey when not assessed. */
export const RISK_HEX: Record<RiskLevel, string> = { major: '#e53935', large: '#fb8c00', general: '#fdd835', low: '#1e88e5' };
export const UNASSESSED_HEX = '#9e9e9e';
/** Readable text on each colour (yellow needs dark text). */
export const RISK_TEXT_HEX: Record<RiskLevel, string> = { major: '#fff', large: '#fff', general: '#3e2c00', low: '#fff' };

export const GRADES: readonly MajorHazardGrade[] = [1, 2, 3, 4];
export const GRADE_LABELS: Record<MajorHazardGrade, Msg> = {
  1: ['一级', 'Grade 1'],
  2: ['二级', 'Grade 2'],
  3: ['三级', 'Grade 3'],
  4: ['四级', 'Grade 4'],
};
/** 一级 red … 四级 blue, as the four risk colours. */
export const GRADE_HEX: Record<MajorHazardGrade, string> = { 1: RISK_HEX.major, 2: RISK_HEX.large, 3: RISK_HEX.general, 4: RISK_HEX.low };
export const GRADE_TEXT_HEX: Record<MajorHazardGrade, string> = { 1: '#fff', 2: '#fff', 3: '#3e2c00', 4: '#fff' };

export const SCALES: readonly Scale[] = ['large', 'medium', 'small', 'micro'];
export const SCALE_LABELS: Record<Scale, Msg> = {
  large: ['大型', 'Large'],
  medium: ['中型', 'Medium'],
  small: ['小型', 'Small'],
  micro: ['微型', 'Micro'],
};

export const STANDARD_LEVELS = [1, 2, 3] as const;
export const STANDARD_LEVEL_LABELS: Record<1 | 2 | 3, Msg> = {
  1: ['一级标准化', 'Level 1'],
  2: ['二级标准化', 'Level 2'],
  3: ['三级标准化', 'Level 3'],
};

export const LICENCE_KINDS: readonly LicenceKind[] = ['safety_production', 'hazchem_business', 'hazchem_use', 'hazchem_registration', 'mining', 'fireworks', 'other'];
export const LICENCE_KIND_LABELS: Record<LicenceKind, Msg> = {
  safety_production: ['安全生产许可证', 'Safety production licence'],
  hazchem_business: ['危险化学品经营许可证', 'Hazardous chemicals business licence'],
  hazchem_use: ['危险化学品安全使用许可证', 'Hazardous chemicals use licence'],
  hazchem_registration: ['危险化学品登记证', 'Hazardous chemicals registration'],
  mining: ['采矿许可证', 'Mining licence'],
  fireworks: ['烟花爆竹经营许可证', 'Fireworks licence'],
  other: ['其他', 'Other'],
};
export const LICENCE_STATUS_LABELS: Record<LicenceStatus, Msg> = {
  valid: ['有效', 'Valid'],
  expiring: ['临期', 'Expiring'],
  expired: ['过期', 'Expired'],
};
export const LICENCE_STATUS_COLORS: Record<LicenceStatus, string> = { valid: 'green', expiring: 'orange', expired: 'red' };

export const UNIT_TYPES = ['storage', 'production'] as const;
export const UNIT_TYPE_LABELS: Record<(typeof UNIT_TYPES)[number], Msg> = {
  storage: ['储存单元', 'Storage unit'],
  production: ['生产单元', 'Production unit'],
};

export const RESPONSIBLE_LEVELS: readonly ResponsibleLevel[] = ['company', 'workshop', 'team', 'post'];
export const RESPONSIBLE_LEVEL_LABELS: Record<ResponsibleLevel, Msg> = {
  company: ['公司级', 'Company'],
  workshop: ['车间级', 'Workshop'],
  team: ['班组级', 'Team'],
  post: ['岗位级', 'Post'],
};
