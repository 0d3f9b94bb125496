/** Texts of the hazard closed loop pages (隐患台账, 隐患统计, 群众举报), zh-CN with en-US. */
import { defineMessages, type Msg } from '../../lib/i18n.tsx';
import type { FiveItem, HazardCategory, HazardGrade, HazardSource, HazardStatus, StatsDimension } from './types.ts';

/** Navigation entries (used by app/nav.tsx). */
export const hnav = defineMessages({
  group: ['隐患排查治理', 'Hazard management'],
  ledger: ['隐患台账', 'Hazard ledger'],
  stats: ['隐患统计', 'Hazard statistics'],
  reports: ['群众举报', 'Public reports'],
});

export const hm = defineMessages({
  ledgerTitle: ['隐患台账（动态）', 'Hazard ledger'],
  statsTitle: ['隐患统计', 'Hazard statistics'],
  search: ['编号、标题或企业', 'Code, title or enterprise'],
  all: ['全部', 'All'],
  code: ['隐患编号', 'Code'],
  title: ['隐患名称', 'Title'],
  description: ['隐患描述', 'Description'],
  enterprise: ['责任企业', 'Enterprise'],
  region: ['所属区域', 'Region'],
  category: ['类别', 'Category'],
  grade: ['等级', 'Grade'],
  source: ['来源', 'Source'],
  status: ['状态', 'Status'],
  foundBy: ['发现人', 'Found by'],
  foundAt: ['发现时间', 'Found at'],
  deadline: ['整改期限', 'Deadline'],
  location: ['位置（经度, 纬度）', 'Location (longitude, latitude)'],
  locationHelp: ['可选，例如 90.21, 42.86', 'Optional, e.g. 90.21, 42.86'],
  locationBad: ['请按“经度, 纬度”填写', 'Use "longitude, latitude"'],
  overdue: ['超期', 'Overdue'],
  overdueOnly: ['只看超期', 'Overdue only'],
  supervisedOnly: ['只看挂牌督办', 'Supervised only'],
  supervised: ['挂牌督办', 'Supervised'],
  filterGrade: ['按等级筛选', 'Filter by grade'],
  filterSource: ['按来源筛选', 'Filter by source'],
  filterRegion: ['按区域筛选', 'Filter by region'],
  create: ['登记隐患', 'Record a hazard'],
  created: ['已登记隐患 {code}', 'Hazard {code} recorded'],
  pickEnterprise: ['选择企业', 'Choose an enterprise'],
  detail: ['隐患详情', 'Hazard'],
  basics: ['基本信息', 'Basics'],
  plan: ['治理方案（五到位）', 'Treatment plan (five items)'],
  planNone: ['尚未下达整改', 'Not assigned yet'],
  supervision: ['挂牌督办', 'Government supervision'],
  supervisingOrg: ['督办单位', 'Supervising unit'],
  supervisionDeadline: ['督办期限', 'Supervision deadline'],
  notSupervised: ['未挂牌督办', 'Not under supervision'],
  escalation: ['超期升级', 'Escalation'],
  timeline: ['处理过程', 'Timeline'],
  photos: ['照片与附件', 'Photos and files'],
  submittedAt: ['提交验收时间', 'Submitted'],
  closedAt: ['销号时间', 'Closed'],
  responsibleUnit: ['治理责任单位', 'Responsible unit'],
  responsiblePerson: ['治理责任人', 'Responsible person'],
  measures: ['治理措施', 'Measures'],
  fundsYuan: ['治理资金（元）', 'Funds (yuan)'],
  contingencyPlan: ['安全措施和应急预案', 'Safety measures and contingency plan'],
  planDeadline: ['治理时限', 'Deadline'],
  itemMissing: ['五到位缺项', 'Missing plan item'],
  // actions
  assign: ['下达整改', 'Assign rectification'],
  submit: ['提交验收', 'Submit for verification'],
  verifyPass: ['验收通过', 'Verification passed'],
  verifyReject: ['验收不通过', 'Verification failed'],
  supervise: ['挂牌督办', 'Place under supervision'],
  note: ['说明', 'Note'],
  reason: ['不通过原因', 'Reason'],
  newDeadline: ['新的整改期限（可选）', 'New deadline (optional)'],
  uploadPhotos: ['整改照片', 'Photos'],
  uploadHint: ['选择的照片在提交时上传到本隐患', 'The photos are uploaded to this hazard on submission'],
  done: ['已完成：{action}', 'Done: {action}'],
  confirmPass: ['确认验收通过并销号？', 'Pass the verification and close the hazard?'],
  planMajorHint: ['重大隐患须五项齐全：责任、措施、资金、时限、预案', 'A major hazard needs all five items: responsibility, measures, funds, deadline, contingency plan'],
  // stats
  dimension: ['统计维度', 'Dimension'],
  range: ['发现时间', 'Found between'],
  found: ['发现', 'Found'],
  closed: ['已销号', 'Closed'],
  closureRate: ['销号率', 'Closure rate'],
  open: ['未销号', 'Open'],
  overdueCount: ['超期', 'Overdue'],
  avgCloseDays: ['平均销号用时（天）', 'Average days to close'],
  name: ['名称', 'Name'],
  sum: ['合计', 'Total'],
  // reports
  reportsTitle: ['群众举报', 'Public reports'],
  receiptCode: ['回执码', 'Receipt code'],
  reportText: ['举报内容', 'Report'],
  place: ['地点', 'Place'],
  contact: ['联系人', 'Contact'],
  anonymous: ['匿名', 'Anonymous'],
  submittedOn: ['举报时间', 'Reported'],
  triage: ['受理', 'Accept'],
  dismiss: ['不予受理', 'Dismiss'],
  dismissReason: ['不予受理理由', 'Reason'],
  triaged: ['已受理并转为隐患 {code}', 'Accepted as hazard {code}'],
  dismissed: ['已不予受理', 'Dismissed'],
  handled: ['处理结果', 'Outcome'],
});

export const STATUS_LABELS: Record<HazardStatus, Msg> = {
  pending: ['待整改', 'To rectify'], rectifying: ['整改中', 'Rectifying'], verifying: ['待验收', 'To verify'], closed: ['已销号', 'Closed'],
};
export const STATUS_COLORS: Record<HazardStatus, string> = { pending: 'orange', rectifying: 'blue', verifying: 'purple', closed: 'green' };
export const GRADE_LABELS: Record<HazardGrade, Msg> = { general: ['一般隐患', 'General'], major: ['重大隐患', 'Major'] };
export const SOURCE_LABELS: Record<HazardSource, Msg> = {
  self_check: ['企业自查', 'Self-check'], inspection: ['监督检查', 'Inspection'], public_report: ['群众举报', 'Public report'],
  sensor_alarm: ['监测报警', 'Sensor alarm'], other: ['其他', 'Other'],
};
export const CATEGORY_LABELS: Record<HazardCategory, Msg> = {
  equipment: ['物的不安全状态', 'Unsafe condition of equipment'], operation: ['人的不安全行为', 'Unsafe act'],
  environment: ['环境因素', 'Environment'], management: ['管理缺陷', 'Management defect'], other: ['其他', 'Other'],
};
export const FIVE_ITEM_LABELS: Record<FiveItem, Msg> = {
  responsibility: ['责任', 'Responsibility'], measures: ['措施', 'Measures'], funds: ['资金', 'Funds'],
  deadline: ['时限', 'Deadline'], contingency: ['预案', 'Contingency plan'],
};
export const ACTION_LABELS: Record<string, Msg> = {
  report: ['登记隐患', 'Recorded'], assign: ['下达整改', 'Rectification assigned'], submit: ['提交验收', 'Submitted for verification'],
  verify_pass: ['验收通过，销号', 'Verified and closed'], verify_reject: ['验收不通过', 'Verification failed'],
  supervise: ['挂牌督办', 'Placed under supervision'], escalate: ['超期升级', 'Escalated'],
};
export const ROLE_LABELS: Record<string, Msg> = {
  admin: ['系统管理员', 'Administrator'], bureau_staff: ['应急局', 'Bureau'], regulator: ['行业部门', 'Department'],
  township: ['乡镇（园区）', 'Township / park'], enterprise: ['企业', 'Enterprise'], inspector: ['执法检查员', 'Inspector'],
  duty_officer: ['值班员', 'Duty officer'], commander: ['指挥长', 'Commander'],
};
export const DIMENSION_LABELS: Record<StatsDimension, Msg> = {
  industry: ['行业', 'Industry'], region: ['乡镇', 'Township'], grade: ['等级', 'Grade'], status: ['状态', 'Status'], source: ['来源', 'Source'], month: ['月份', 'Month'],
};
export const STATUSES: HazardStatus[] = ['pending', 'rectifying', 'verifying', 'closed'];
export const GRADES: HazardGrade[] = ['general', 'major'];
export const SOURCES: HazardSource[] = ['self_check', 'inspection', 'public_report', 'sensor_alarm', 'other'];
export const CATEGORIES: HazardCategory[] = ['equipment', 'operation', 'environment', 'management', 'other'];
export const DIMENSIONS: StatsDimension[] = ['industry', 'region', 'grade', 'status', 'source', 'month'];
