/** Texts of the hazard closed loop pages (隐患台账, 隐患统计, 群众举报), zh-CN with en-US. */
import { defineMessages, type Msg } from '../../lib/i18n.tsx';
import type { CheckAnswer, CheckKind, FiveItem, HazardCategory, HazardGrade, HazardSource, HazardStatus, StatsDimension } from './types.ts';

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
  enterprise: ['企业', 'Enterprise'],
};
export const STATUSES: HazardStatus[] = ['pending', 'rectifying', 'verifying', 'closed'];
export const GRADES: HazardGrade[] = ['general', 'major'];
export const SOURCES: HazardSource[] = ['self_check', 'inspection', 'public_report', 'sensor_alarm', 'other'];
export const CATEGORIES: HazardCategory[] = ['equipment', 'operation', 'environment', 'management', 'other'];
export const DIMENSIONS: StatsDimension[] = ['industry', 'region', 'enterprise', 'grade', 'status', 'source', 'month'];

// ---- Checks (隐患排查): 检查记录, 检查表, the enterprise's checks tab and QR code ----

/** Navigation entries of the check pages (used by app/nav.tsx). */
export const checknav = defineMessages({
  checks: ['检查记录', 'Check records'],
  templates: ['检查表', 'Checklists'],
});

export const cm = defineMessages({
  checksTitle: ['隐患排查 · 检查记录', 'Hazard checks · records'],
  templatesTitle: ['隐患排查 · 检查表', 'Hazard checks · checklists'],
  checksSearch: ['企业、检查表或检查人', 'Enterprise, checklist or checker'],
  templatesSearch: ['检查表名称或说明', 'Checklist name or description'],
  record: ['登记检查', 'Record a check'],
  start: ['开始检查', 'Start a check'],
  recorded: ['已登记检查：不符合 {n} 项', 'Check recorded: {n} item(s) failed'],
  detail: ['检查记录', 'Check record'],
  enterprise: ['被检查企业', 'Enterprise'],
  kind: ['检查类型', 'Kind'],
  template: ['检查表', 'Checklist'],
  templatePick: ['选择适用的检查表', 'Choose an applicable checklist'],
  templatePickFirst: ['请先选择企业', 'Choose the enterprise first'],
  templateNone: ['没有适用于该企业行业的检查表，请先在“检查表”中建立', 'No checklist applies to this enterprise; create one under Checklists first'],
  templateItems: ['{n} 项', '{n} items'],
  checkedBy: ['检查人', 'Checked by'],
  checkerOrg: ['检查单位', 'Checking unit'],
  checkedAt: ['检查时间', 'Checked at'],
  checkedAtFuture: ['检查时间不能晚于当前时间', 'Cannot be in the future'],
  participants: ['参加人员', 'Participants'],
  participantsHelp: ['可选，如陪同检查人员、特邀专家姓名', 'Optional, e.g. accompanying staff or the experts engaged'],
  summary: ['检查小结', 'Summary'],
  region: ['所属区域', 'Region'],
  items: ['检查项', 'Items'],
  itemNo: ['序号', 'No.'],
  content: ['检查内容', 'What is checked'],
  basis: ['检查依据', 'Legal basis'],
  basisLine: ['检查依据：{basis}', 'Legal basis: {basis}'],
  result: ['检查结论', 'Result'],
  resultRequired: ['请选择检查结论', 'Choose a result'],
  note: ['情况说明', 'Findings'],
  noteAdd: ['添加说明', 'Add a note'],
  notePlaceholderFail: ['不符合：写明现场发现的问题（必填）', 'Failed: describe what was found (required)'],
  notePlaceholder: ['情况说明（可选）', 'Note (optional)'],
  noteRequired: ['不符合项须填写情况说明（至少 2 个字）', 'A failed item needs a description of what was found (at least 2 characters)'],
  allPass: ['全部符合', 'All pass'],
  allPassHelp: ['将尚未填写的检查项设为“符合”', 'Marks every item not yet answered as passed'],
  progress: ['已填写 {done}/{n} 项', '{done} of {n} answered'],
  counts: ['符合 {pass} · 不符合 {fail} · 不涉及 {na}', 'Pass {pass} · fail {fail} · n/a {na}'],
  gradeHint: ['不符合时为{grade}', 'A failure is a {grade} hazard'],
  passCount: ['符合', 'Pass'],
  failCount: ['不符合', 'Fail'],
  naCount: ['不涉及', 'N/A'],
  hazards: ['已转隐患', 'Hazards'],
  openFailures: ['{n} 项待转隐患', '{n} not yet hazards'],
  allConverted: ['均已转为隐患', 'All converted'],
  failedOnly: ['只看有不符合项', 'With failures only'],
  filterKind: ['按检查类型筛选', 'Filter by kind'],
  filterRegion: ['按区域筛选', 'Filter by region'],
  hazard: ['隐患', 'Hazard'],
  toHazard: ['转为隐患', 'Report as hazard'],
  toHazardTitle: ['第 {no} 项不符合 → 隐患（待整改）', 'Item {no} failed → hazard (to rectify)'],
  toHazardHelp: ['隐患以检查时间为发现时间，来源为{source}；描述缺省为情况说明与检查依据。', 'The hazard is found at the check time, source {source}; its description defaults to the findings and the legal basis.'],
  toHazardDone: ['已转为隐患 {code}', 'Reported as hazard {code}'],
  hazardTitle: ['隐患名称', 'Hazard title'],
  hazardDescription: ['隐患描述（可选）', 'Description (optional)'],
  hazardDescriptionHelp: ['留空则为：{text}', 'Empty: {text}'],
  openEnterprise: ['查看企业档案', 'Open the enterprise file'],
  checksEmpty: ['暂无检查记录', 'No checks yet'],
  // templates
  templateCreate: ['新建检查表', 'New checklist'],
  templateEdit: ['编辑检查表', 'Edit checklist'],
  templateCreated: ['已新建检查表 {name}', 'Checklist {name} created'],
  templateSaved: ['已保存检查表 {name}', 'Checklist {name} saved'],
  templateDeleted: ['已删除检查表 {name}', 'Checklist {name} deleted'],
  templateName: ['检查表名称', 'Name'],
  templateDescription: ['说明', 'Description'],
  industries: ['适用行业', 'Industries'],
  industriesMore: ['另有 {n} 个行业', '{n} more industries'],
  industriesHelp: ['GB/T 4754 行业代码；大类代码涵盖其下的中类、小类。不选行业且不限危化品时为通用检查表', 'GB/T 4754 codes; a division covers its groups and classes. No industry and not hazchem-only: a general checklist'],
  generalTemplate: ['通用', 'General'],
  forHazchem: ['适用所有危化品企业', 'For every hazchem enterprise'],
  forHazchemShort: ['危化品', 'Hazchem'],
  itemCount: ['检查项数', 'Items'],
  recordCount: ['使用次数', 'Used'],
  itemAdd: ['添加检查项', 'Add an item'],
  itemRemove: ['删除该项', 'Remove the item'],
  itemUp: ['上移', 'Move up'],
  itemDown: ['下移', 'Move down'],
  itemsRequired: ['检查表至少要有 1 个检查项', 'A checklist needs at least one item'],
  gradeHintLabel: ['等级提示', 'Grade hint'],
  categoryHintLabel: ['类别提示', 'Category hint'],
  hintNone: ['不提示', 'No hint'],
  delete: ['删除', 'Delete'],
  deleteConfirm: ['删除检查表「{name}」？', 'Delete the checklist "{name}"?'],
  deleteUsed: ['已有检查记录使用该检查表，不能删除', 'Used by check records: cannot be deleted'],
  nothingChanged: ['没有修改', 'Nothing changed'],
  viewItems: ['查看', 'View'],
  demo: ['演示', 'Demo'],
  // enterprise file
  tabChecks: ['检查记录', 'Checks'],
  qr: ['二维码', 'QR code'],
  qrTitle: ['企业二维码 · {name}', 'QR code · {name}'],
  qrHelp: ['张贴在企业门口或值班室：扫码即打开企业档案并开始检查（须登录）。', 'Post it at the gate or the duty room: scanning opens the file and starts a check (sign-in required).'],
  download: ['下载', 'Download'],
  print: ['打印', 'Print'],
});

export const CHECK_KINDS: CheckKind[] = ['self_check', 'inspection', 'grid', 'expert'];
export const CHECK_KIND_LABELS: Record<CheckKind, Msg> = {
  self_check: ['企业自查', 'Self-check'], inspection: ['监督检查', 'Inspection'], grid: ['网格员巡查', 'Grid patrol'], expert: ['专家检查', 'Expert check'],
};
export const CHECK_KIND_COLORS: Record<CheckKind, string> = { self_check: 'cyan', inspection: 'blue', grid: 'geekblue', expert: 'purple' };
export const CHECK_ANSWERS: CheckAnswer[] = ['pass', 'fail', 'na'];
export const CHECK_ANSWER_LABELS: Record<CheckAnswer, Msg> = { pass: ['符合', 'Pass'], fail: ['不符合', 'Fail'], na: ['不涉及', 'N/A'] };
export const CHECK_ANSWER_COLORS: Record<CheckAnswer, string> = { pass: 'green', fail: 'red', na: 'default' };
